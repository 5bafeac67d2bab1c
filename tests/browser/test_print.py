"""Every page prints cleanly from the browser, and the pages lead to the printable packs."""

from __future__ import annotations

import urllib.request
from typing import Any

import pytest

HIDDEN_IN_PRINT = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer",
                   ".lh-downloads", ".lh-daynav"]


def after_content(page: Any, selector: str) -> str:
    return str(page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content"))


@pytest.mark.parametrize("path", ["managers/day-1/", "resources/", "managers/"])
def test_print_shows_the_content_without_navigation(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    assert page.locator(".md-header").is_visible()  # on screen the navigation is there
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} prints on {path}"
    assert page.locator("article h1").is_visible()


@pytest.mark.parametrize("path, external, internal", [
    ("resources/", ".lh-resource-cards h3 a", ".lh-resource-cards article p:last-child a"),
    ("evidence/", "a.lh-external", "article a[href^='../'], article a[href^='http://127.']"),
])
def test_print_shows_where_external_links_go(page: Any, base_url: str, path: str, external: str,
                                             internal: str) -> None:
    page.goto(base_url + path)
    page.emulate_media(media="print")
    href = page.eval_on_selector(external, "e => e.getAttribute('href')")
    assert href.startswith("https://") and href in after_content(page, external)
    # a link inside the hub would only repeat the hub's own address
    assert after_content(page, internal) in {"none", "normal"}


@pytest.mark.parametrize("path", ["managers/", "managers/day-3/"])
def test_pages_lead_to_the_packs_campaign_size_first(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    buttons = page.locator(".lh-downloads a.md-button")
    assert buttons.count() == 3
    first = buttons.nth(0)
    assert "md-button--primary" in (first.get_attribute("class") or "")
    assert first.inner_text() == "Manager pack (A4, PDF)"
    for i in range(3):
        url = page.evaluate("a => a.href", buttons.nth(i).element_handle())
        with urllib.request.urlopen(url) as response:
            assert response.read(5) == b"%PDF-"
