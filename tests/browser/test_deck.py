"""A deck of your own in Chromium: ticked from the keyboard, kept in the query string, printed as cards.

What the printout holds is read back from Chromium's own PDF (page.pdf() prints with the print
stylesheet), so the test sees what a printer would get.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pypdf import PdfReader

from generator.content.hub import load_hub
from generator.content.model import Hub

from ..test_pack import fold, page_texts

PROMPTS = "managers/prompts/"


@pytest.fixture(scope="module")
def hub(site: Path) -> Hub:
    """The model of the content the served site was built from."""
    return load_hub(site.parent).hub


def deck_in_url(page: Any) -> list[str]:
    values = parse_qs(urlsplit(page.url).query).get("deck", [""])
    return [v for v in values[0].split(",") if v]


def printed(page: Any) -> list[str]:
    """The text of each page Chromium prints."""
    return page_texts(page.pdf(format="A4"))


def test_tick_from_the_keyboard_share_reload_and_print(page: Any, base_url: str, hub: Hub) -> None:
    page.goto(base_url + PROMPTS)
    bar = page.locator(".lh-deckbar")
    assert bar.is_visible()
    first, second = hub.prompts[0], hub.prompts[1]
    for prompt in (first, second):
        box = page.locator(f".lh-pick--prompt input[value='{prompt.id}']")
        box.press("Space")
        assert box.is_checked()
    assert deck_in_url(page) == [first.id, second.id]
    assert page.locator(".lh-deckbar__count").inner_text() == "2"
    # a whole theme from the keyboard: its own prompts and those of days that share it
    theme = hub.campaign.themes[0]
    group = page.locator(f"h2#theme-{theme.id} + .lh-pick--group input")
    group.press("Space")
    assert group.is_checked()
    chosen = deck_in_url(page)
    themed = [p.id for p in hub.prompts if theme.id in p.themes]
    assert set(themed) <= set(chosen) and {first.id, second.id} <= set(chosen)

    # the link is the deck: a fresh page opened at it has the same ticks
    shared = page.url
    page.goto(shared)
    ticked = page.eval_on_selector_all(".lh-pick--prompt input:checked", "els => els.map(e => e.value)")
    assert set(ticked) == set(chosen)

    pages = printed(page)
    assert len(pages) == math.ceil(len(chosen) / 9)
    text = " ".join(pages)
    by_id = hub.prompts_by_id
    for prompt_id in chosen:
        assert fold(by_id[prompt_id].text) in text, prompt_id
    for prompt in hub.prompts:
        if prompt.id not in chosen:
            assert fold(prompt.text) not in text, prompt.id
    if len(chosen) >= 9:
        assert sum(fold(by_id[i].text) in pages[0] for i in chosen) == 9


def test_nine_cards_to_a_page(page: Any, base_url: str, hub: Hub) -> None:
    ids = [p.id for p in hub.prompts[:10]]
    page.goto(base_url + PROMPTS + "?deck=" + ",".join(ids))
    data = page.pdf(format="A4")
    pages = page_texts(data)
    assert len(pages) == 2
    assert [sum(fold(hub.prompt(i).text) in t for i in ids) for t in pages] == [9, 1]
    # the cards are 63 x 88 mm: the grid's columns are laid out by the print stylesheet
    sizes = page.evaluate("""() => { const c = document.querySelector('.lh-deck__card').getBoundingClientRect();
                                     return [c.width, c.height]; }""")
    assert sizes == [0, 0]  # on screen the deck is not shown
    page.emulate_media(media="print")
    width, height = page.evaluate("""() => { const c = document.querySelector('.lh-deck__card').getBoundingClientRect();
                                             return [c.width, c.height]; }""")
    assert abs(width - 63 * 96 / 25.4) < 2 and abs(height - 88 * 96 / 25.4) < 2
    assert PdfReader(io.BytesIO(data)).pages[0].mediabox.width > 590


def test_without_a_deck_or_without_javascript_the_page_prints_as_a_list(browser: Any, base_url: str,
                                                                       hub: Hub) -> None:
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(base_url + PROMPTS)
        assert page.locator(".lh-deckbar").is_visible() is javascript
        text = " ".join(printed(page))
        for prompt in hub.prompts:
            assert fold(prompt.text) in text, prompt.id
        context.close()
