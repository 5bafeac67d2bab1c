"""A full strict build of the shipped content: pages, hub.json and the search index agree."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest


def page_html(site: Path, url: str) -> str:
    path = url.split("#", 1)[0]
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """Visible text, roughly: tags dropped, references decoded, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture(scope="module")
def hub(site: Path) -> dict[str, Any]:
    return json.loads((site / "api" / "hub.json").read_text(encoding="utf-8"))


def test_shipped_content_meets_the_brief(hub: dict[str, Any]) -> None:
    assert hub["campaign"]["week_start"] == "2027-05-10"
    assert len(hub["campaign"]["strands"]) == 3
    assert [d["number"] for d in hub["days"]] == [1, 2, 3, 4, 5]
    assert all(d["duration_minutes"] <= 20 for d in hub["days"])
    assert len(hub["prompts"]) >= 35
    assert len(hub["activities"]) >= 12
    assert len(hub["resources"]) >= 30
    per_day = {d["id"]: sum(p["conversation"] == d["id"] for p in hub["prompts"]) for d in hub["days"]}
    assert min(per_day.values()) >= 6, per_day
    themes = {t for p in hub["prompts"] for t in p["themes"]}
    assert {"wellbeing", "global-teams", "mentoring", "flow-of-work"} <= themes


def test_every_day_item_is_on_its_page(site: Path, hub: dict[str, Any]) -> None:
    for day in hub["days"]:
        text = text_of(page_html(site, day["url"]))
        assert day["title"] in text
        for prompt_id in day["prompts"]:
            prompt = next(p for p in hub["prompts"] if p["id"] == prompt_id)
            assert prompt["text"] in text, (day["id"], prompt_id)


@pytest.mark.parametrize("kind", ["prompts", "resources"])
def test_every_anchored_item_is_at_its_anchor(site: Path, hub: dict[str, Any], kind: str) -> None:
    for item in hub[kind]:
        page = page_html(site, item["url"])
        anchor = item["url"].split("#", 1)[1]
        assert anchor == item["id"]
        match = re.search(rf'<h3 [^>]*\bid="{re.escape(anchor)}"[^>]*>(.*?)</h3>', page, re.S)
        assert match, f"no heading with id {anchor} on {item['url']}"
        assert (item.get("text") or item["title"]) in text_of(match.group(1))


def test_every_activity_has_its_page(site: Path, hub: dict[str, Any]) -> None:
    for activity in hub["activities"]:
        assert activity["title"] in text_of(page_html(site, activity["url"]))


def test_markdown_fields_come_as_text_and_sanitised_html(hub: dict[str, Any]) -> None:
    resource = hub["resources"][0]
    assert "note" in resource and resource["note_html"].startswith("<")
    assert "theme_summary_html" in hub["campaign"]


def test_search_index_holds_every_prompt(site: Path, hub: dict[str, Any]) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for prompt in hub["prompts"]:
        doc = by_location.get(prompt["url"])
        assert doc is not None, f"{prompt['url']} is not in the search index"
        assert text_of(doc["title"]) == prompt["text"]


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # canonical and hreflang links name the published address; the browser fetches neither
        bad = [m.group(0) for m in pattern.finditer(text)
               if not re.search(r'\brel="[^"]*\b(?:canonical|alternate)\b', m.group(0))]
        assert not bad, f"{page.relative_to(site)} loads {bad[:3]}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_every_internal_link_resolves(site: Path) -> None:
    """Each relative href on every page points at a file (and anchor) that exists in the site."""
    href = re.compile(r'<a\b[^>]*\bhref="([^"#:?]*)(?:#([^"]*))?"')
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    broken = []
    for page in site.rglob("*.html"):
        for target, anchor in href.findall(page.read_text(encoding="utf-8")):
            base = site if target.startswith("/") else page.parent
            dest = (base / html.unescape(target).lstrip("/")).resolve() if target else page
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.exists():
                broken.append(f"{page.relative_to(site)} -> {target}")
            elif anchor and dest.suffix == ".html" and html.unescape(anchor) not in anchors(dest):
                broken.append(f"{page.relative_to(site)} -> {target}#{anchor}")
    assert not broken, "\n".join(broken[:20])
