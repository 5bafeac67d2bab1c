"""pages.py: URLs, links, and what each generated page holds (rendered from the tiny tree)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.content.hub import load_hub
from generator.paths import relative_url, url_of
from generator.records import Page
from generator.site.pages import navigation, render_site


@pytest.mark.parametrize(
    ("path", "url"),
    [("index.md", ""), ("managers/index.md", "managers/"), ("managers/day-1.md", "managers/day-1/")],
)
def test_url_of(path: str, url: str) -> None:
    assert url_of(path) == url


@pytest.mark.parametrize(
    ("src", "dest", "anchor", "link"),
    [
        ("managers/day-1.md", "managers/day-2.md", None, "../day-2/"),
        ("managers/day-1.md", "index.md", None, "../../"),
        ("index.md", "managers/index.md", None, "managers/"),
        ("managers/day-1.md", "managers/prompts.md", "cc-a", "../prompts/#cc-a"),
        ("managers/prompts.md", "managers/prompts.md", "cc-a", "#cc-a"),
        ("managers/index.md", "managers/day-3.md", None, "day-3/"),
    ],
)
def test_relative_url(src: str, dest: str, anchor: str | None, link: str) -> None:
    assert relative_url(src, dest, anchor) == link


@pytest.mark.parametrize(
    ("src", "dest", "anchor", "link"),
    [
        ("managers/day-1.md", "managers/day-2.md", None, "day-2.html"),
        ("managers/day-1.md", "index.md", None, "../index.html"),
        ("index.md", "managers/index.md", None, "managers/index.html"),
        ("managers/day-1.md", "managers/prompts.md", "cc-a", "prompts.html#cc-a"),
        ("managers/prompts.md", "managers/prompts.md", "cc-a", "#cc-a"),
        ("index.md", "index.md", None, "index.html"),
        ("resources/topics/coaching.md", "downloads/day-cards-a4.pdf", None, "../../downloads/day-cards-a4.pdf"),
    ],
)
def test_relative_url_without_directory_urls(src: str, dest: str, anchor: str | None, link: str) -> None:
    """The offline bundle's links: from disk a folder does not open its index.html, so name the file."""
    assert relative_url(src, dest, anchor, directory_urls=False) == link


@pytest.fixture
def pages(tiny: Path) -> dict[str, Page]:
    return {p.path: p for p in render_site(load_hub(tiny).hub)}


def test_a_day_page_holds_its_prompts_from_the_library(pages: dict[str, Page]) -> None:
    day = pages["managers/day-2.md"].content
    for text in ("Prompt A for day 2?", "Prompt B for day 2?", "Prompt C for day 2?"):
        assert text in day
    assert 'href="../prompts/#d2-a"' in day
    assert "Prompt A for day 3?" not in day
    assert "15 minutes or less" in day
    assert "0–5" in day and "5–15" in day  # the agenda's running clock


def test_day_pages_link_to_previous_and_next(pages: dict[str, Page]) -> None:
    assert 'href="../day-1/" rel="prev"' in pages["managers/day-2.md"].content
    assert 'href="../day-3/" rel="next"' in pages["managers/day-2.md"].content
    assert 'href="../after-the-week/" rel="next"' in pages["managers/day-5.md"].content


def test_every_prompt_has_one_anchor_in_the_library(pages: dict[str, Page]) -> None:
    library = pages["managers/prompts.md"].content
    for n in range(1, 6):
        for letter in "abc":
            assert library.count(f"{{ #d{n}-{letter} .lh-prompt }}") == 1
    assert library.count("{ #th-energy .lh-prompt }") == 1
    assert 'href="#d3-b"' in library  # a day prompt also on the wellbeing theme is linked, not repeated


def test_every_page_is_in_the_navigation(tiny: Path) -> None:
    hub = load_hub(tiny).hub
    paths: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            for value in item.values():
                walk(value) if isinstance(value, list) else paths.append(value)

    walk(navigation(hub))
    assert sorted(paths) == sorted(p.path for p in render_site(hub))


def test_yaml_text_cannot_become_markup(tiny: Path) -> None:
    campaign = tiny / "content" / "campaign.yaml"
    campaign.write_text(campaign.read_text().replace(
        "theme: Small steps", "theme: '<script>x()</script> [a](javascript:x) {: onclick=x} *b*'"))
    home = {p.path: p for p in render_site(load_hub(tiny).hub)}["index.md"].content
    assert "<script>" not in home and "](javascript" not in home and "{: onclick" not in home
    assert "&#60;script&#62;" in home


def front_matter_of(page: Page) -> dict:
    return yaml.safe_load(page.content.split("---\n")[1])


def test_every_page_has_a_description_for_search_engines(tiny: Path) -> None:
    day = tiny / "content" / "days" / "day-2.yaml"
    day.write_text(re.sub(r"(?m)^question: .*$", "question: 'Is \"<b>\" a tag?'", day.read_text()))
    pages = {p.path: p for p in render_site(load_hub(tiny).hub)}
    assert front_matter_of(pages["managers/day-2.md"])["description"] == "Is &quot;&#60;b&#62;&quot; a tag?"
    assert all(front_matter_of(p)["description"] for p in pages.values())
