"""The offline bundle in Chromium, opened from file:// as after unzipping it from a shared drive.

Every request that is not for a file inside the bundle's folder is refused and recorded; the tests
fail if any was attempted. What the catalogue shows is computed from the model (generator/site/
catalogue.py), as in test_catalogue.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from generator.content.hub import load_hub
from generator.content.model import Hub
from generator.site import catalogue

from .test_csp import Visit
from .test_quality import axe_source, describe, violations


class Offline(Visit):
    """A Visit whose every request must stay inside the bundle's folder on disk."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder.as_uri() + "/")
        self.folder = folder

    def watch(self, context: Any) -> None:
        super().watch(context)
        context.route(lambda url: not url.startswith(self.base_url), self._refuse)

    def _refuse(self, route: Any) -> None:
        self.foreign.append(route.request.url)
        route.abort()


@pytest.fixture
def offline(browser: Any, bundle: Path) -> Iterator[tuple[Offline, Any]]:
    visit = Offline(bundle)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/London")
    visit.watch(context)
    page = context.new_page()
    visit.attach(page)
    yield visit, page
    context.close()


def on_disk(folder: Path, url: str) -> Path | None:
    """The file a file:// URL names, if it is inside `folder`."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = Path(unquote(parts.path))
    return path if path.is_relative_to(folder) else None


def test_every_page_and_link_works_from_disk(offline: tuple[Offline, Any], bundle: Path) -> None:
    """Open every page from disk; each link on it (navigation included) names a file in the bundle."""
    visit, page = offline
    pages = sorted(bundle.rglob("*.html"))
    assert len(pages) >= 25
    broken = []
    for html in pages:
        where = html.relative_to(bundle).as_posix()
        page.goto(html.as_uri(), wait_until="load")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            if not href.startswith("file:"):
                continue  # links to the wider web (resources), mailto:
            target = on_disk(bundle, href)
            if target is None or not target.is_file():
                broken.append(f"{where} links to {href}")
        visit.collect(page, where)
    assert not broken, "\n".join(broken[:20])
    visit.assert_clean()


@pytest.mark.parametrize("where", ["index.html", "managers/day-3.html", "resources/index.html"])
def test_pages_from_disk_are_accessible(page: Any, bundle: Path, where: str) -> None:
    """axe in the light palette (axe itself tries to read the stylesheets, which file:// refuses)."""
    page.goto((bundle / where).as_uri(), wait_until="load")
    page.evaluate(axe_source())
    found = list(describe(where, violations(page)))
    assert not found, "\n".join(found)


def test_navigation_and_search_find_a_prompt(offline: tuple[Offline, Any], bundle: Path) -> None:
    visit, page = offline
    hub = json.loads((bundle / "api" / "hub.json").read_text(encoding="utf-8"))
    prompt = hub["prompts"][0]
    page.goto((bundle / "index.html").as_uri())
    page.locator("nav.md-tabs a.md-tabs__link").nth(1).click()
    page.wait_for_load_state()
    assert on_disk(bundle, page.url) is not None and page.url.endswith(".html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(" ".join(prompt["text"].split()[:6]))
    target = (bundle / prompt["url"].split("#")[0]).as_uri()
    page.wait_for_function(
        """target => [...document.querySelectorAll('a.md-search-result__link')].some(a => {
             const u = new URL(a.href); u.search = ''; u.hash = ''; return u.href === target; })""",
        arg=target, timeout=15_000)
    visit.collect(page, "after searching")
    visit.assert_clean()


@pytest.fixture(scope="module")
def hub(site: Path) -> Hub:
    return load_hub(site.parent).hub


def shown(page: Any) -> list[str]:
    return sorted(page.evaluate("""() => [...document.querySelectorAll('.lh-resource-cards > article')]
        .filter(c => !c.hidden && !c.closest('.lh-group').hidden).map(c => c.querySelector('h3').id)"""))


def test_the_catalogue_filters_and_a_shared_query_string(offline: tuple[Offline, Any], bundle: Path,
                                                         hub: Hub) -> None:
    visit, page = offline
    resources = (bundle / "resources" / "index.html").as_uri()
    fmt = hub.resources[0].format.value
    page.goto(f"{resources}?format={fmt}")
    page.wait_for_selector(".lh-filterbox", state="visible")
    assert shown(page) == sorted(r.id for r in catalogue.select(hub.resources, {"format": [fmt]}))
    cost = hub.resources[0].cost.value
    page.locator(f'.lh-filters input[name=cost][value="{cost}"]').check()
    selection = {"format": [fmt], "cost": [cost]}
    want = sorted(r.id for r in catalogue.select(hub.resources, selection))
    assert shown(page) == want
    shared = page.url
    assert shared == f"{resources}?format={fmt}&cost={cost}"
    page.goto("about:blank")
    page.goto(shared)  # someone opens the link they were sent
    page.wait_for_selector(".lh-filterbox", state="visible")
    assert shown(page) == want
    visit.collect(page, "catalogue")
    visit.assert_clean()


def test_today_s_conversation_opens_the_day_page(offline: tuple[Offline, Any], bundle: Path) -> None:
    visit, page = offline
    page.clock.set_fixed_time("2027-05-19T09:00:00+01:00")
    page.goto((bundle / "index.html").as_uri())
    note = page.locator(".lh-today a")
    note.wait_for()
    note.click()
    page.wait_for_url("**/managers/day-3.html")
    assert page.locator("h1").inner_text().startswith("Day 3")
    visit.assert_clean()


def test_every_download_link_names_a_file_in_the_bundle(offline: tuple[Offline, Any], bundle: Path) -> None:
    visit, page = offline
    page.goto((bundle / "downloads" / "index.html").as_uri())
    links = page.eval_on_selector_all("a[download]", "links => links.map(a => a.href)")
    assert len(links) >= 7
    for href in links:
        target = on_disk(bundle, href)
        assert target is not None and target.is_file() and target.stat().st_size > 0, href
    visit.assert_clean()
