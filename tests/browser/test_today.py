"""The home page points to today's conversation during the campaign week, worked out in the browser.

The browser's clock is set with Playwright's clock API; the campaign week is 10 to 14 May 2027.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

LONDON = "Europe/London"


@pytest.fixture
def london(browser: Any) -> Iterator[Any]:
    """A page whose clock and time zone we set, as a manager's laptop in London would have them."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=LONDON)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("when", "day"), [
    ("2027-05-10T08:00:00+01:00", 1),
    ("2027-05-12T13:30:00+01:00", 3),
    ("2027-05-14T23:30:00+01:00", 5),
])
def test_today_is_pointed_out_during_the_week(london: Any, base_url: str, when: str, day: int) -> None:
    london.clock.set_fixed_time(when)
    london.goto(base_url)
    note = london.locator(".lh-today")
    note.wait_for()
    assert note.count() == 1
    assert note.inner_text().startswith(f"Today's conversation: Day {day}:")
    today = london.locator("#lh-week li.is-today")
    assert today.count() == 1
    assert today.get_attribute("data-date") == when[:10]
    assert london.locator("#lh-week li").nth(day - 1).get_attribute("class").split().count("is-today") == 1
    note.locator("a").click()
    london.wait_for_url(f"**/managers/day-{day}/")


@pytest.mark.parametrize("when", [
    "2027-05-09T12:00:00+01:00",  # the Sunday before
    "2027-05-15T00:30:00+01:00",  # just after the Friday, in London
    "2027-07-13T10:00:00+01:00",  # the 60-day follow-up
])
def test_nothing_is_pointed_out_outside_the_week(london: Any, base_url: str, when: str) -> None:
    london.clock.set_fixed_time(when)
    london.goto(base_url)
    london.locator("#lh-week li").first.wait_for()
    london.wait_for_function("document.getElementById('lh-week').dataset.lhToday === '1'")
    assert london.locator(".lh-today").count() == 0
    assert london.locator("#lh-week li.is-today").count() == 0


def test_without_javascript_the_five_days_are_a_plain_list(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, timezone_id=LONDON)
    try:
        page = context.new_page()
        page.goto(base_url)
        items = page.locator("ol#lh-week > li")
        assert items.count() == 5
        dates = [items.nth(i).get_attribute("data-date") for i in range(5)]
        assert dates == ["2027-05-10", "2027-05-11", "2027-05-12", "2027-05-13", "2027-05-14"]
        for i in range(5):
            assert items.nth(i).locator("a").get_attribute("href") == f"managers/day-{i + 1}/"
            assert items.nth(i).is_visible()
        assert page.locator(".lh-today").count() == 0
    finally:
        context.close()
