"""calendar.py: learning-week.ics read back with icalendar, and parsed strictly by a second library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from generator.downloads.calendar import SLOT, calendar_bytes, write_calendar
from generator.content.hub import load_hub
from generator.markup import markdown_text
from generator.content.model import Hub

from .conftest import learnhub
from .test_validate import edit


@pytest.fixture(scope="module")
def ics(tiny_hub: Hub, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("calendar") / "learning-week.ics"
    write_calendar(tiny_hub, path)
    return path.read_bytes()


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_one_event_per_day_then_one_per_follow_up(tiny_hub: Hub, ics: bytes) -> None:
    found = events(ics)
    assert len(found) == len(tiny_hub.days) + len(tiny_hub.playbook.follow_ups) == 7
    summaries = [str(e["SUMMARY"]) for e in found]
    assert summaries[:5] == [f"Day {d.number} conversation: {d.title}" for d in tiny_hub.days]
    assert summaries[5:] == [f"Follow-up: {f.title}" for f in tiny_hub.playbook.follow_ups]


def test_days_fall_monday_to_friday_at_the_campaign_time(tiny_hub: Hub, ics: bytes) -> None:
    zone = ZoneInfo("Europe/London")
    week_start = dt.date(2027, 5, 17)
    for offset, event in enumerate(events(ics)[:5]):
        start, end = event.start, event.end
        assert start == dt.datetime.combine(week_start + dt.timedelta(days=offset), dt.time(9, 30), tzinfo=zone)
        assert start.tzinfo is not None and str(start.tzinfo) == "Europe/London"
        assert start.weekday() == offset
        assert end - start == SLOT == dt.timedelta(minutes=20)
        assert event["DTSTART"].params["TZID"] == "Europe/London"


def test_follow_ups_count_their_days_from_the_friday(tiny_hub: Hub, ics: bytes) -> None:
    friday = dt.date(2027, 5, 21)
    for event, follow in zip(events(ics)[5:], tiny_hub.playbook.follow_ups, strict=True):
        assert event.start.date() == friday + dt.timedelta(days=follow.days_after)
        assert event.start.time() == dt.time(9, 30)
        description = str(event["DESCRIPTION"])
        assert description.startswith(f"Follow-up to {tiny_hub.campaign.hub_title}: {follow.days_after} days "
                                      "after the week ended on Friday 21 May 2027.")
        assert markdown_text(follow.guidance) in description
        assert str(event["URL"]) == f"https://tiny.example/managers/after-the-week/#{follow.id}"
    assert [e.start.date() for e in events(ics)[5:]] == [dt.date(2027, 7, 20), dt.date(2027, 8, 19)]


def test_each_day_describes_its_purpose_and_links_its_page(tiny_hub: Hub, ics: bytes) -> None:
    for event, day in zip(events(ics)[:5], tiny_hub.days, strict=False):
        url = f"https://tiny.example/managers/day-{day.number}/"
        description = str(event["DESCRIPTION"])
        assert day.question in description
        assert markdown_text(day.purpose) in description
        assert description.endswith(url)
        assert str(event["URL"]) == url


def test_the_time_zone_is_defined_in_the_file(ics: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(ics)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert calendar.get_missing_tzids() == set()


def test_another_time_zone_and_time(tiny: Path) -> None:
    edit(tiny, "content/campaign.yaml", "timezone: Europe/London", "timezone: America/New_York")
    edit(tiny, "content/campaign.yaml", 'conversation_time: "09:30"', 'conversation_time: "14:15"')
    found = events(calendar_bytes(load_hub(tiny).hub))
    assert found[0].start == dt.datetime(2027, 5, 17, 14, 15, tzinfo=ZoneInfo("America/New_York"))
    assert found[0]["DTSTART"].params["TZID"] == "America/New_York"


def test_an_unknown_time_zone_is_a_located_error(tiny: Path) -> None:
    edit(tiny, "content/campaign.yaml", "timezone: Europe/London", "timezone: Europe/Londres")
    result = learnhub(tiny, "validate")
    assert result.returncode == 1
    assert ("content/campaign.yaml:7:11: timezone: 'Europe/Londres' is not an IANA time zone name "
            "(did you mean 'Europe/London'?)") in result.stderr.splitlines(), result.stderr


def test_uids_stay_the_same_from_build_to_build(tiny_hub: Hub, ics: bytes) -> None:
    later = tiny_hub.model_copy(update={"build_date": tiny_hub.build_date + dt.timedelta(days=40)})
    uids = [str(e["UID"]) for e in events(ics)]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@tiny.example") and "2027" in uid for uid in uids)
    assert [str(e["UID"]) for e in events(calendar_bytes(later))] == uids
    assert calendar_bytes(tiny_hub) == ics  # same content, same day: the same bytes


def test_stamp_is_the_build_date_in_utc(tiny_hub: Hub, ics: bytes) -> None:
    for event in events(ics):
        assert event["DTSTAMP"].dt == dt.datetime.combine(tiny_hub.build_date, dt.time(), tzinfo=dt.UTC)


def test_the_file_is_valid_rfc_5545(ics: bytes) -> None:
    lines = ics.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"\n" not in b"".join(lines)  # every line ends CRLF
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets
    calendar = icalendar.Calendar.from_ical(ics)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    # a second, strict parser (pydantic-validated RFC 5545) agrees
    strict = IcsCalendarStream.calendar_from_ics(ics.decode("utf-8"))
    assert len(strict.events) == 7
    assert strict.events[0].dtstart.isoformat() == "2027-05-17T09:30:00+01:00"
    assert all(e.dtend - e.dtstart == SLOT for e in strict.events)


@pytest.mark.parametrize(("markdown", "text"), [
    ("One line\nwrapped in the source.", "One line wrapped in the source."),
    ("First paragraph.\n\nSecond **bold** one.", "First paragraph.\nSecond bold one."),
    ("- one\n- two\n  wrapped", "• one\n• two wrapped"),
    ("See [the guide](https://example.org/guide).", "See the guide (https://example.org/guide)."),
    ("Plain https://example.org/x link.", "Plain https://example.org/x link."),
    ("Tom & Jerry <script>alert(1)</script>", "Tom & Jerry"),
])
def test_markdown_fields_become_plain_text_for_calendars(markdown: str, text: str) -> None:
    assert markdown_text(markdown) == text
