"""The catalogue in Chromium: query-string links, keyboard-only filtering, instant navigation, no JS.

What the page should show is computed from the model with generator/catalogue.py, the rules the
script follows, so these tests hold for whatever content ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.site import catalogue
from generator.content.hub import load_hub
from generator.content.model import Hub

from .found import present

# What the page shows: cards on screen (not hidden, nor their group), each tick box's state and
# count, the live status, and the query string.
STATE = """() => {
  const shown = el => getComputedStyle(el).display !== 'none';
  const cards = [...document.querySelectorAll('.lh-resource-cards > article')];
  const boxes = [...document.querySelectorAll('.lh-filters input[type=checkbox]')];
  const status = document.querySelector('.lh-results__count');
  return {
    shown: cards.filter(c => shown(c) && shown(c.closest('.lh-group'))).map(c => c.querySelector('h3').id),
    boxes: Object.fromEntries(boxes.map(b => [b.name + '=' + b.value,
      [b.checked, b.parentNode.querySelector('.lh-count').textContent]])),
    status: status.textContent,
    live: [status.getAttribute('role'), status.getAttribute('aria-live')],
    search: location.search,
  };
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  return el ? {tag: el.tagName, name: el.name || '', value: el.value || '', cls: el.className || '',
               filter: !!el.closest('.lh-filters')} : null;
}"""


@pytest.fixture(scope="module")
def hub(site: Path) -> Hub:
    return load_hub(site.parent).hub


def expected(hub: Hub, selection: dict[str, list[str]]) -> dict[str, Any]:
    """The cards and tick-box counts the page must show for a selection."""
    counts = catalogue.option_counts(hub.resources, selection)
    return {
        "shown": sorted(r.id for r in catalogue.select(hub.resources, selection)),
        "boxes": {f"{f.key}={o.value}": [o.value in selection.get(f.key, []), str(counts[f.key].get(o.value, 0))]
                  for f in catalogue.facets(hub) for o in f.options},
    }


def state(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(STATE)
    result["shown"] = sorted(result["shown"])
    return result


def assert_shows(page: Any, hub: Hub, selection: dict[str, list[str]]) -> dict[str, Any]:
    now = state(page)
    want = expected(hub, selection)
    assert now["shown"] == want["shown"]
    assert now["boxes"] == want["boxes"]
    return now


def podcast_and_topic(hub: Hub) -> tuple[str, str]:
    """A format (podcast if the content has one) and a topic that narrows it without emptying it."""
    formats = [r.format.value for r in hub.resources]
    fmt = "podcast" if "podcast" in formats else max(set(formats), key=formats.count)
    of_format = [r for r in hub.resources if r.format.value == fmt]
    return fmt, of_format[0].topics[0]


@pytest.fixture
def errors(page: Any) -> Iterator[list[str]]:
    """Script errors on the page; the test fails if any were raised."""
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    yield found
    assert not found


def open_catalogue(page: Any, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}resources/{query}")
    page.wait_for_selector(".lh-filterbox", state="visible")


def test_a_query_string_link_shows_exactly_the_matching_cards_and_counts(
        page: Any, base_url: str, hub: Hub, errors: list[str]) -> None:
    fmt, topic = podcast_and_topic(hub)
    open_catalogue(page, base_url, f"?format={fmt}&topic={topic}")
    now = assert_shows(page, hub, {"format": [fmt], "topic": [topic]})
    n = len(now["shown"])
    assert 0 < n < len(hub.resources)
    assert now["status"] == f"Showing {n} of {len(hub.resources)} resources"
    assert now["live"] == ["status", "polite"]
    assert now["search"] == f"?format={fmt}&topic={topic}"  # opening a link leaves it as it was


def test_several_values_of_one_facet_mean_any_of_them(page: Any, base_url: str, hub: Hub, errors: list[str]) -> None:
    open_catalogue(page, base_url, "?format=podcast&format=video&cost=free&topic=no-such-topic")
    assert_shows(page, hub, {"format": ["podcast", "video"], "cost": ["free"]})


def tab_to(page: Any, want: Any, limit: int = 120) -> dict[str, str]:
    """Press Tab until the focused element satisfies `want`; fails after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and want(focused):
            return focused  # type: ignore[no-any-return]
    raise AssertionError("never reached by Tab")


def test_filters_change_clear_and_announce_from_the_keyboard_alone(
        page: Any, base_url: str, hub: Hub, errors: list[str]) -> None:
    open_catalogue(page, base_url)
    total = len(hub.resources)
    assert_shows(page, hub, {})
    assert state(page)["status"] == f"Showing all {total} resources"

    first = tab_to(page, lambda f: f["filter"] and f["tag"] == "INPUT")
    page.keyboard.press("Space")
    selection = {first["name"]: [first["value"]]}
    now = assert_shows(page, hub, selection)
    assert parse_qs(urlsplit(page.url).query) == selection
    assert now["status"] == f"Showing {len(now['shown'])} of {total} resources"

    # the next boxes down are the rest of the same facet: OR within it
    second = tab_to(page, lambda f: f["filter"] and f["tag"] == "INPUT", limit=1)
    page.keyboard.press("Space")
    selection.setdefault(second["name"], []).append(second["value"])
    assert_shows(page, hub, selection)
    # Space again unticks
    page.keyboard.press("Space")
    selection[second["name"]].remove(second["value"])
    assert_shows(page, hub, {k: v for k, v in selection.items() if v})

    tab_to(page, lambda f: "lh-clear" in f["cls"])
    page.keyboard.press("Enter")
    now = assert_shows(page, hub, {})
    assert now["status"] == f"Showing all {total} resources"
    assert urlsplit(page.url).query == ""


def test_a_topic_page_leads_to_the_catalogue_filtered_by_its_topic(
        page: Any, base_url: str, hub: Hub, errors: list[str]) -> None:
    topic = hub.resources[0].topics[0]
    page.goto(f"{base_url}resources/topics/{topic}/")
    page.get_by_role("link", name=f"Filter the catalogue by {hub.topic(topic).title}").click()
    page.wait_for_url(f"**/resources/?topic={topic}")
    page.wait_for_selector(".lh-filterbox", state="visible")
    assert_shows(page, hub, {"topic": [topic]})


def test_a_filtered_view_survives_a_visit_to_a_topic_page_and_back(
        page: Any, base_url: str, hub: Hub, errors: list[str]) -> None:
    fmt, _ = podcast_and_topic(hub)
    open_catalogue(page, base_url)
    page.locator(f'.lh-filters input[name=format][value="{fmt}"]').check()
    page.wait_for_url(f"**/resources/?format={fmt}")
    tag = page.locator(".lh-resource-cards > article:not([hidden]) > p:last-child a").first
    tag.click()
    page.wait_for_url("**/resources/topics/**")
    page.go_back()
    page.wait_for_url(f"**/resources/?format={fmt}")
    page.wait_for_selector(".lh-filterbox", state="visible")
    assert_shows(page, hub, {"format": [fmt]})


def test_a_search_result_link_scrolls_to_its_card(page: Any, base_url: str, hub: Hub) -> None:
    last_group = catalogue.groups(hub)[-1][1]
    target = last_group[-1]
    page.goto(f"{base_url}resources/#{target.id}")
    page.wait_for_function("""id => {
      const top = document.getElementById(id).getBoundingClientRect().top;
      return top >= 0 && top < window.innerHeight;
    }""", arg=target.id, timeout=5000)
    assert page.locator(f"h3#{target.id}").is_visible()


def test_without_javascript_every_card_shows_grouped_by_topic(browser: Any, base_url: str, hub: Hub) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{base_url}resources/")
        cards = page.locator(".lh-resource-cards > article")
        assert cards.count() == len(hub.resources)
        assert cards.filter(visible=True).count() == len(hub.resources)
        assert not present(page, ".lh-filterbox").is_visible()  # there, and left hidden
        assert not present(page, ".lh-results").is_visible()
        titles = page.locator(".lh-group > h2").all_text_contents()  # groups off screen skip rendering
        assert titles == [topic.title for topic, _ in catalogue.groups(hub)]
    finally:
        context.close()


def test_on_a_phone_the_filters_fold_away_and_open_from_the_keyboard(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{base_url}resources/?cost=free")
        summary = page.locator(".lh-filterbox > summary")
        summary.wait_for()
        assert not present(page, ".lh-filters").is_visible()
        assert "(1 selected)" in summary.inner_text()
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator(".lh-filters").is_visible()
    finally:
        context.close()
