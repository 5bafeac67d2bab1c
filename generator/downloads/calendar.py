"""`learning-week.ics`: the five conversations and the 60- and 90-day follow-ups as calendar events.

Each event starts at the campaign's conversation time in its time zone (with the VTIMEZONE that
RFC 5545 asks for), lasts one 20-minute slot, and links to its page on the hub. UIDs are built
from the hub's host, the campaign year and the event's id, so a rebuild (or a re-import after a
change) updates the same events instead of adding copies. DTSTAMP is the build date, so equal
content and build date give equal bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from .. import paths
from ..content import dates
from ..content.model import Day, FollowUp, Hub
from ..i18n import N_, words
from ..markup import markdown_text

#: Every event takes one slot: the conversations are 20 minutes or less, and so are the follow-ups.
SLOT = dt.timedelta(minutes=20)
CATEGORY = N_("Learning at Work Week")
ORGANISERS = N_("Organisers")

#: Whom a milestone is for, as the organisers' calendar says it.
FOR_WHOM = {"organisers": N_("For organisers."), "managers": N_("For managers."),
            "employees": N_("For employees."), "everyone": N_("For everyone.")}

#: The properties whose text is in the hub's language, marked with it (RFC 5545's LANGUAGE).
WORDED = ("SUMMARY", "DESCRIPTION", "CATEGORIES")


@dataclass(frozen=True)
class Occasion:
    """One event of the week, before it becomes iCalendar."""

    key: str
    date: dt.date
    summary: str
    description: str
    url: str


def page_link(hub: Hub, path: str, anchor: str | None = None) -> str:
    """The absolute link to a hub page, from the campaign's site_url."""
    return urljoin(paths.site_root(hub), paths.url_of(path)) + (f"#{anchor}" if anchor else "")


def _with_whom(hub: Hub, day: Day) -> str:
    """The last day's conversation is with the whole team; the others are one-to-ones."""
    t = words(hub.language)
    return t("the whole team") if day.number == hub.days[-1].number else t("each person in your team")


def day_occasion(hub: Hub, day: Day) -> Occasion:
    t = words(hub.language)
    url = page_link(hub, paths.day_path(day))
    description = "\n\n".join([
        t("%(hub)s, day %(number)s of %(days)s: %(question)s", hub=hub.campaign.hub_title, number=day.number,
          days=len(hub.days), question=day.question),
        markdown_text(day.purpose),
        t("A conversation of up to %(minutes)s minutes with %(whom)s. "
          "The day's page has the agenda, an opening line, prompts and what to log:",
          minutes=day.duration_minutes, whom=_with_whom(hub, day)) + f"\n{url}",
    ])
    return Occasion(f"day-{day.number}", hub.campaign.week_dates[day.number - 1],
                    t("Day %(number)s conversation: %(title)s", number=day.number, title=day.title), description, url)


def follow_up_occasion(hub: Hub, follow: FollowUp) -> Occasion:
    c = hub.campaign
    t = words(hub.language)
    friday = c.week_dates[-1]
    url = page_link(hub, paths.AFTER, follow.id)
    ended = paths.format_date(friday, "full", hub.language)
    description = "\n\n".join([
        t("Follow-up to %(hub)s: %(days)s days after the week ended on %(date)s. Look at each person's row on "
          "the tracking sheet together and write down what changed.", hub=c.hub_title, days=follow.days_after,
          date=ended),
        markdown_text(follow.guidance),
        t("What to ask, and the pulse survey your team will get:") + f"\n{url}",
    ])
    return Occasion(follow.id, hub.follow_up_date(follow), t("Follow-up: %(title)s", title=follow.title),
                    description, url)


def occasions(hub: Hub) -> list[Occasion]:
    """The week's five conversations, then each follow-up."""
    return [*(day_occasion(hub, d) for d in hub.days),
            *(follow_up_occasion(hub, f) for f in hub.playbook.follow_ups)]


def _uid(hub: Hub, calendar: str, event: str = "") -> str:
    """A stable identifier: the calendar's name, the campaign year, the event's key, the hub's host."""
    host = urlsplit(hub.campaign.site_url).hostname or "learnhub.invalid"
    return f"{calendar}-{hub.campaign.week_start.year}{'-' + event if event else ''}@{host}"


def _stamp(hub: Hub) -> dt.datetime:
    """When the events were written: the build date, so a rebuild gives the same bytes."""
    return dt.datetime.combine(hub.build_date, dt.time(), tzinfo=dt.UTC)


def _published(hub: Hub, key: str, name: str, description: str, url: str) -> Calendar:
    """An empty calendar to publish, named and described, with its stable identifier."""
    return Calendar.new(prodid=f"-//{hub.campaign.organisation}//learnhub//EN", uid=_uid(hub, key), name=name,
                        description=description, url=url, method="PUBLISH", calscale="GREGORIAN")


def learning_week_calendar(hub: Hub) -> Calendar:
    """The calendar: one event per occasion, in the campaign's time zone, with its VTIMEZONE."""
    c = hub.campaign
    t = words(hub.language)
    zone = ZoneInfo(c.timezone)
    stamp = _stamp(hub)
    calendar = _published(hub, "learning-week", c.hub_title,
                          t("%(hub)s: the five daily conversations and the follow-ups.", hub=c.hub_title),
                          paths.site_root(hub))
    calendar.add("X-WR-TIMEZONE", c.timezone)
    for occasion in occasions(hub):
        start = dt.datetime.combine(occasion.date, c.conversation_time, tzinfo=zone)
        event = Event.new(
            uid=_uid(hub, "learning-week", occasion.key),
            stamp=stamp,
            start=start,
            end=start + SLOT,
            summary=occasion.summary,
            description=occasion.description,
            url=occasion.url,
            categories=[t(CATEGORY)],
        )
        calendar.add_component(in_language(event, hub.language))
    dates = [o.date for o in occasions(hub)]
    calendar.add_missing_timezones(first_date=dt.date(min(dates).year - 1, 1, 1),
                                   last_date=dt.date(max(dates).year + 1, 12, 31))
    return calendar


def calendar_bytes(hub: Hub) -> bytes:
    """The calendar as an .ics file's bytes: CRLF lines folded at 75 octets."""
    data: bytes = learning_week_calendar(hub).to_ical()
    return data


def write_calendar(hub: Hub, path: Path) -> None:
    """`learning-week.ics`."""
    path.write_bytes(calendar_bytes(hub))


def milestones_calendar(hub: Hub) -> Calendar:
    """The organisers' calendar: every milestone from six weeks before to the last follow-up, as
    all-day events that do not block time, each linked to its row on the timeline page."""
    c = hub.campaign
    t = words(hub.language)
    stamp = _stamp(hub)
    calendar = _published(hub, "organiser-milestones", t("%(hub)s: organisers' milestones", hub=c.hub_title),
                          t("%(hub)s: the run-up, the week and the follow-ups, for organisers.", hub=c.hub_title),
                          page_link(hub, paths.TIMELINE))
    for milestone in dates.timeline(hub):
        url = page_link(hub, paths.TIMELINE, milestone.key)
        whole = t("The whole timeline:")
        event = Event.new(
            uid=_uid(hub, "organiser-milestones", milestone.key),
            stamp=stamp,
            start=milestone.date,
            end=milestone.date + dt.timedelta(days=1),
            summary=milestone.title,
            description=f"{t(FOR_WHOM[milestone.who])} {milestone.what}\n\n{whole}\n{url}",
            url=url,
            categories=[t(CATEGORY), t(ORGANISERS)],
        )
        event.add("TRANSP", "TRANSPARENT")
        calendar.add_component(in_language(event, hub.language))
    return calendar


def in_language(event: Event, language: str) -> Event:
    """The event with its worded properties marked as written in `language`, so that calendar
    programs (and screen readers) know the language of the text."""
    for name in WORDED:
        event[name].params["LANGUAGE"] = language
    return event


def write_milestones(hub: Hub, path: Path) -> None:
    """`organiser-milestones.ics`."""
    path.write_bytes(milestones_calendar(hub).to_ical())
