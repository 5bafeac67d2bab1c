"""The hub built by Zensical (`learnhub build --engine zensical`) meets the browser checks the
MkDocs build meets: axe in both palettes, nothing from another host, the content-security policy,
search, the catalogue and a phone's width. Zensical draws its own search dialog (in a shadow root,
which Playwright's selectors reach), so the search steps differ; every other check is shared.

The policy is checked on every page; axe and the phone's width on one page of each kind (the
first day, activity and topic stand for the others, which share their template), to keep CI quick.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from generator import paths
from generator.content.hub import load_hub
from generator.site import catalogue

from .test_csp import visit_all
from .test_quality import PHONE, Scan, site_pages, sweep, too_wide


@pytest.fixture(scope="module")
def one_of_each(site: Path) -> list[str]:
    """One page of each kind, as URL paths: every page in PATHS, the first day, activity and topic."""
    hub = load_hub(site.parent).hub
    sources = [*paths.PATHS.values(), paths.day_path(hub.days[0]), paths.activity_path(hub.activities[0]),
               paths.topic_path(hub.campaign.topics[0])]
    return sorted({paths.url_of(source) for source in sources}) + ["404.html"]


@pytest.fixture(scope="module")
def zensical_scan(browser: Any, zensical_url: str, one_of_each: list[str]) -> Scan:
    return sweep(browser, zensical_url, one_of_each)


def test_zensical_builds_the_same_pages(zensical_site: Path, site: Path) -> None:
    assert site_pages(zensical_site) == site_pages(site)
    assert sorted(p.name for p in (zensical_site / "downloads").iterdir()) == \
        sorted(p.name for p in (site / "downloads").iterdir())
    hub = json.loads((zensical_site / "api" / "hub.json").read_text(encoding="utf-8"))
    assert hub == json.loads((site / "api" / "hub.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_zensical_pages_are_accessible(zensical_scan: Scan, palette: str) -> None:
    assert len(zensical_scan.pages) >= 15
    found = zensical_scan.violations[palette]
    assert not found, f"{len(found)} in the {palette} palette:\n" + "\n".join(found)


def test_zensical_pages_request_nothing_from_another_host(zensical_scan: Scan) -> None:
    assert zensical_scan.requests >= 2 * len(zensical_scan.pages)
    assert not zensical_scan.foreign, "\n".join(zensical_scan.foreign)


def test_zensical_pages_keep_to_the_policy(browser: Any, zensical_url: str, zensical_site: Path) -> None:
    visit, pages = visit_all(browser, zensical_url, zensical_site)
    assert pages >= 25
    visit.assert_clean()


def test_zensical_search_finds_a_prompt(page: Any, zensical_url: str, zensical_site: Path) -> None:
    hub = json.loads((zensical_site / "api" / "hub.json").read_text(encoding="utf-8"))
    prompt = hub["prompts"][0]
    page.goto(zensical_url)
    page.locator(".md-search__button").click()
    box = page.get_by_role("combobox", name="Search")
    box.press_sequentially(" ".join(prompt["text"].split()[:6]))
    target = urljoin(zensical_url, prompt["url"].split("#")[0])
    page.wait_for_function(
        """target => [...document.querySelectorAll('*')].filter(e => e.shadowRoot)
             .flatMap(e => [...e.shadowRoot.querySelectorAll('[role=listbox] a')])
             .some(a => { const u = new URL(a.href); u.search = ''; u.hash = ''; return u.href === target; })""",
        arg=target, timeout=15_000)


def test_zensical_catalogue_follows_a_query_string(page: Any, zensical_url: str, site: Path) -> None:
    hub = load_hub(site.parent).hub
    fmt = hub.resources[0].format.value
    page.goto(f"{zensical_url}resources/?format={fmt}")
    page.wait_for_selector(".lh-filterbox", state="visible")
    cost = hub.resources[0].cost.value
    page.locator(f'.lh-filters input[name=cost][value="{cost}"]').check()
    assert page.url == f"{zensical_url}resources/?format={fmt}&cost={cost}"
    shown = sorted(page.evaluate("""() => [...document.querySelectorAll('.lh-resource-cards > article')]
        .filter(c => !c.hidden && !c.closest('.lh-group').hidden).map(c => c.querySelector('h3').id)"""))
    assert shown == sorted(r.id for r in catalogue.select(hub.resources, {"format": [fmt], "cost": [cost]}))


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_no_zensical_page_scrolls_sideways_on_a_phone(phone: Any, zensical_url: str, one_of_each: list[str]) -> None:
    wide = too_wide(phone, zensical_url, one_of_each)
    assert not wide, "\n".join(wide)
