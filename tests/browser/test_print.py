"""Every page prints cleanly from the browser, and the pages lead to the printable packs."""

from __future__ import annotations

import urllib.request
from typing import Any

import pytest

from .found import present, shown

#: The theme's navigation and search, on every page: shown on screen, left out in print.
THEME_CHROME = [".md-header", ".md-tabs", ".md-search", ".md-footer"]
#: What else each page shows on screen: the navigation column (the catalogue gives it to its
#: filters), the packs' buttons, the day-to-day links.
OWN_CHROME = {"managers/day-1/": [".md-sidebar--primary", ".lh-downloads", ".lh-daynav"], "resources/": [],
              "managers/": [".md-sidebar--primary", ".lh-downloads"]}


def after_content(page: Any, selector: str) -> str:
    return str(present(page, selector).first.evaluate("e => getComputedStyle(e, '::after').content"))


@pytest.mark.parametrize("path", list(OWN_CHROME))
def test_print_shows_the_content_without_navigation(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    chrome = THEME_CHROME + OWN_CHROME[path]
    missing = [selector for selector in chrome if not shown(page, selector)]
    assert not missing, f"not shown on screen on {path}, so print proves nothing: {missing}"
    page.emulate_media(media="print")
    printed = {selector: shown(page, selector) for selector in chrome}
    assert not any(printed.values()), f"prints on {path}: {printed}"
    assert present(page, "article h1").is_visible()


@pytest.mark.parametrize("path, external, internal", [
    ("resources/", ".lh-resource-cards h3 a", ".lh-resource-cards article p:last-child a"),
    ("evidence/", "a.lh-external", "article a[href^='../'], article a[href^='http://127.']"),
])
def test_print_shows_where_external_links_go(page: Any, base_url: str, path: str, external: str,
                                             internal: str) -> None:
    page.goto(base_url + path)
    page.emulate_media(media="print")
    href = present(page, external).first.get_attribute("href")
    assert href.startswith("https://") and href in after_content(page, external)
    # a link inside the hub would only repeat the hub's own address
    assert after_content(page, internal) in {"none", "normal"}


@pytest.mark.parametrize("path", ["managers/", "managers/day-3/"])
def test_pages_lead_to_the_packs_campaign_size_first(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    buttons = present(page, ".lh-downloads a.md-button")
    assert buttons.count() == 3
    first = buttons.nth(0)
    assert "md-button--primary" in (first.get_attribute("class") or "")
    assert first.inner_text() == "Manager pack (A4, PDF)"
    for i in range(3):
        url = page.evaluate("a => a.href", buttons.nth(i).element_handle())
        with urllib.request.urlopen(url) as response:
            assert response.read(5) == b"%PDF-"
