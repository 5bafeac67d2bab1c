"""The Portuguese hub in a browser: search finds Portuguese text, the switch keeps the page.

Accessibility, requests to other hosts and phone widths are checked on every page of both
languages by test_quality.py's sweep (it visits every page the build wrote, /pt/ included).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit


def test_search_in_portuguese_finds_a_portuguese_prompt(page: Any, base_url: str, site: Path) -> None:
    hub = json.loads((site / "pt" / "api" / "hub.json").read_text(encoding="utf-8"))
    prompt = next(p for p in hub["prompts"] if p["id"] == "cc-energy")
    words = " ".join(prompt["text"].split()[:5])  # "Que partes do seu trabalho"
    target = urljoin(base_url + "pt/", prompt["url"])
    page.goto(base_url + "pt/")
    assert page.locator("html").get_attribute("lang") == "pt-PT"
    box = page.locator("input.md-search__input")
    assert box.get_attribute("placeholder") == "Pesquisar"
    box.click()
    box.press_sequentially(words)
    page.wait_for_function(
        """target => [...document.querySelectorAll('a.md-search-result__link')].some(a => {
             const u = new URL(a.href); u.search = ''; return u.href === target; })""",
        arg=target, timeout=15_000)
    link = page.locator("a.md-search-result__link").filter(has_text=words).first
    if not link.is_visible():
        link.locator("xpath=ancestor::details[1]/summary").click()
    link.click()
    page.wait_for_url(lambda u: urlsplit(u).path == urlsplit(target).path)
    assert words in page.locator("[id='cc-energy']").inner_text()


def test_the_language_switch_keeps_the_reader_on_the_same_page(page: Any, base_url: str) -> None:
    page.goto(base_url + "pt/managers/day-2/")
    assert page.locator("h1").inner_text().startswith("Dia 2: ")
    page.locator(".md-header__option .md-select button").hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    page.wait_for_url(lambda u: urlsplit(u).path == "/managers/day-2/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Day 2: ")
    page.locator(".md-header__option .md-select button").hover()
    page.locator("a.md-select__link[hreflang='pt-PT']").click()
    page.wait_for_url(lambda u: urlsplit(u).path == "/pt/managers/day-2/")
