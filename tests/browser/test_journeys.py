"""What readers do in Chromium: find a prompt, an activity or a resource with the site search, and
reach the day's conversation and its printable pack with the keyboard alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from .motion import STILL

#: The focused element, whether a ring shows on it, and whether it can be seen and is on top.
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {what: null};
  /* Material draws the ring of a visually hidden radio (the palette toggle) on its label. */
  const shown = e.matches('.md-option') ? e.nextElementSibling : e;
  const s = getComputedStyle(shown), r = shown.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const top = document.elementFromPoint(x, y);
  return {
    what: `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ` +
          `"${(e.innerText || e.getAttribute('aria-label') || '').trim().split('\\n')[0].slice(0, 50)}"`,
    href: e.href || null,
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
    onscreen: r.width > 0 && r.height > 0 && y >= 0 && y <= innerHeight && x >= 0 && x <= innerWidth,
    ontop: !!top && (shown.contains(top) || top.contains(shown) || top.control === e),
  };
}"""


@pytest.fixture(scope="module")
def hub(site: Path) -> dict[str, Any]:
    return json.loads((site / "api" / "hub.json").read_text(encoding="utf-8"))


def pick(hub: dict[str, Any], kind: str) -> tuple[str, str]:
    """The first words of one item of a kind, and the URL (relative to the root) it lives at."""
    item = hub[kind][0]
    return " ".join((item.get("text") or item["title"]).split()[:6]), item["url"]


@pytest.mark.parametrize("kind", ["prompts", "activities", "resources"])
def test_search_finds_an_item_and_leads_to_it(page: Any, base_url: str, hub: dict[str, Any],
                                              kind: str) -> None:
    words, url = pick(hub, kind)
    target = urljoin(base_url, url)
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words)
    # Result links carry the query as ?h=...; compare them without it.
    page.wait_for_function(
        """target => [...document.querySelectorAll('a.md-search-result__link')].some(a => {
             const u = new URL(a.href); u.search = ''; return u.href === target; })""",
        arg=target, timeout=15_000)
    links = page.locator("a.md-search-result__link")
    index = links.evaluate_all(
        """(links, target) => links.findIndex(a => {
             const u = new URL(a.href); u.search = ''; return u.href === target; })""", target)
    link = links.nth(index)
    more = link.locator("xpath=ancestor::details[1]")
    if more.count():  # a further match on the same page, folded under "N more on this page"
        more.locator("summary").click()
    link.click()
    page.wait_for_url(lambda u: urlsplit(u).path == urlsplit(target).path)
    fragment = urlsplit(target).fragment
    assert urlsplit(page.url).fragment == fragment
    heading = page.locator(f"[id='{fragment}']") if fragment else page.locator("h1")
    assert words in heading.inner_text()
    assert heading.evaluate("e => { const r = e.getBoundingClientRect(); "
                            "return r.bottom > 0 && r.top < innerHeight; }")


def tab_to(page: Any, wanted: str, steps: list[dict[str, Any]], limit: int = 80) -> None:
    """Press Tab until a link whose URL ends with `wanted` has focus, recording every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["what"] and not focus["ontop"]:  # something may still be fading away above it
            focus = page.wait_for_function(f"() => ({STILL})() && ({FOCUS})()").json_value()
        if focus["what"] is None:
            continue
        steps.append(focus)
        if (focus["href"] or "").split("?")[0].rstrip("/").endswith(wanted.rstrip("/")):
            return
    pytest.fail(f"no link to {wanted} within {limit} presses of Tab from {page.url}")


def test_keyboard_alone_reaches_day_3_and_its_manager_pack(page: Any, base_url: str) -> None:
    page.goto(base_url)
    steps: list[dict[str, Any]] = []
    tab_to(page, "/managers/day-3/", steps)
    page.keyboard.press("Enter")
    page.wait_for_url("**/managers/day-3/")
    assert page.locator("h1").inner_text().startswith("Day 3")
    tab_to(page, "manager-pack-a4.pdf", steps)
    unseen = [s for s in steps if not (s["ring"] and s["onscreen"] and s["ontop"])]
    assert not unseen, "focus not visible at:\n" + "\n".join(
        f"{s['what']} ring={s['ring']} onscreen={s['onscreen']} ontop={s['ontop']}" for s in unseen)
    assert len(steps) > 10
