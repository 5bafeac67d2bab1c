"""The campaign's calendar: working days in every country it runs in, follow-up dates, the timeline.

A date is a working day when it is a weekday and no public holiday in any of the campaign's
countries (the `holidays` package knows them, by country and, where listed, by region). Dates the
hub computes (follow-ups, the run-up's milestones) move to the next working day; dates an editor
sets (the week, a follow-up's `date`) stay, and `learnhub validate` warns about them instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

import holidays
from babel.dates import format_date

from ..i18n import N_, Words, babel_locale, words
from .model import Campaign, Country, FollowUp, Hub, Record

#: The longest run of days a date may move forward looking for a working day in every country.
MAX_MOVE = dt.timedelta(days=14)

Who = Literal["organisers", "managers", "employees", "everyone"]


@dataclass(frozen=True)
class Clash:
    """Why a date is not a working day in one country."""

    date: dt.date
    country: Country | None  # None for a weekend, which is one everywhere
    reason: str

    def describe(self) -> str:
        """'Pentecost Monday, a public holiday in Germany (DE)' or 'a Saturday'."""
        if self.country is None:
            return f"a {self.reason}"
        return f"{self.reason}, a public holiday in {self.country.name} ({self.country.code})"


@cache
def _holidays(code: str, subdivision: str | None, years: tuple[int, ...],
              language: str = "en_US") -> dict[dt.date, str]:
    found = holidays.country_holidays(code, subdiv=subdivision, years=years, language=language)
    return dict(found.items())


@cache
def _country_codes() -> frozenset[str]:
    """The codes (and aliases) of every country the holidays package knows, from its registry:
    `holidays.list_supported_countries()` would import some 250 countries' modules to list them."""
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes(include_aliases=True))


def supported_country(code: str) -> bool:
    """True if the holidays package knows the country's public holidays."""
    return code in _country_codes()


def subdivisions(code: str) -> set[str]:
    """The regions the holidays package knows for a country, by their codes."""
    return set(getattr(holidays, code).subdivisions) if supported_country(code) else set()


def holiday_names(country: Country, day: dt.date, language: str = "en_US") -> list[str]:
    """The public holidays on `day` in the country, nationally and in each listed region; named in
    `language` (a Babel locale) where the holidays package has it, else in the country's own."""
    years = (day.year - 1, day.year, day.year + 1)
    names: list[str] = []
    if not supported_country(country.code):
        return names
    for region in [None, *country.regions]:
        if region is not None and region not in subdivisions(country.code):
            continue
        name = _holidays(country.code, region, years, language).get(day)
        if name:
            names.extend(n.strip() for n in name.split(";") if n.strip() not in names)
    return names


def clashes(campaign: Campaign, day: dt.date, language: str = "en_US") -> list[Clash]:
    """Every reason `day` is not a working day: one per country for a holiday, one for a weekend."""
    if day.weekday() >= 5:
        return [Clash(day, None, f"{day:%A}")]
    return [Clash(day, country, "; ".join(names)) for country in campaign.countries
            if (names := holiday_names(country, day, language))]


def is_working_day(campaign: Campaign, day: dt.date) -> bool:
    return not clashes(campaign, day)


def next_working_day(campaign: Campaign, day: dt.date) -> dt.date:
    """`day` itself if everyone works then, else the first day after it that everyone works."""
    candidate = day
    while not is_working_day(campaign, candidate) and candidate - day < MAX_MOVE:
        candidate += dt.timedelta(days=1)
    return candidate if is_working_day(campaign, candidate) else day


def follow_up_date(campaign: Campaign, follow: FollowUp) -> dt.date:
    """The follow-up's date: as set by hand, or `days_after` the week moved to a working day."""
    if follow.date is not None:
        return follow.date
    return next_working_day(campaign, campaign.after_week(follow.days_after))


@dataclass(frozen=True)
class Reason:
    """One reason a computed date moved: a weekend day (its name), or a public holiday in one
    country, named in `lang`: the hub's language where the holidays package has it, else English."""

    weekday: str = ""
    holiday: str = ""
    lang: str = ""
    country: str = ""
    code: str = ""


@dataclass(frozen=True)
class Milestone:
    """One dated step of the campaign, from the run-up to the 90-day review."""

    key: str
    date: dt.date
    title: str
    who: Who
    what: str
    moved_from: dt.date | None = None
    moved_because: tuple[Reason, ...] = ()

    @property
    def phase(self) -> str:
        return self.key.split("-", 1)[0]


@dataclass(frozen=True)
class Step:
    """A milestone before or after the week, as days from the week's Monday (or the Friday)."""

    key: str
    offset: int
    title: str
    who: Who
    what: str


#: The run-up, counted back from the week's Monday. The wording is the organiser's checklist, in
#: English and marked for translation: `timeline` gives it in the hub's language.
RUN_UP: tuple[Step, ...] = (
    Step("before-dates", -42, N_("Fix the dates and the owners"), "organisers",
         N_("Check the week against public holidays in every country, name an organiser per site, and "
            "agree with HR and the data protection contact what the privacy notice says.")),
    Step("before-leaders", -35, N_("Brief senior leaders and HR partners"), "organisers",
         N_("Ask leaders to hold the conversations with their own teams and to say so in public. "
            "Agree with HR partners how returned sheets and the pulse survey are counted.")),
    Step("before-briefing", -28, N_("Send the manager briefing"), "managers",
         N_("Send every manager the briefing, the pack and the tracking sheet, and offer a "
            "30-minute walk-through.")),
    Step("before-walkthrough", -21, N_("Run the manager walk-throughs"), "managers",
         N_("Walk managers through one day's page, and help those with large or shift teams "
            "choose how to spread the conversations.")),
    Step("before-invite", -14, N_("Invite employees"), "employees",
         N_("Send the invitation to everyone, with the page on what to expect and the privacy notice.")),
    Step("before-manager-reminder", -7, N_("Remind managers"), "managers",
         N_("Check that managers have blocked time in their calendars and arranged cover for shifts.")),
    Step("before-employee-reminder", -3, N_("Remind employees"), "employees",
         N_("A short reminder that the week starts on Monday and what the first conversation is about.")),
)

#: After the week, counted from its Friday; follow-ups add their own reminder a week before.
AFTER_WEEK: tuple[Step, ...] = (
    Step("after-sheets", 3, N_("Check the sheets are complete"), "managers",
         N_("Every person who took part has a focus skill, a learning action, manager support and a "
            "target date before the 60-day check-in.")),
)

#: How many days before a follow-up its reminder goes to managers.
REMINDER_LEAD = 7


def run_up(hub: Hub) -> list[Milestone]:
    """The run-up's milestones in the hub's language, each moved to the next working day where it
    needs to."""
    c = hub.campaign
    t = words(hub.language)
    return [_moved(hub, _in(s, t), c.week_start + dt.timedelta(days=s.offset)) for s in RUN_UP]


def _in(step: Step, t: Words) -> Step:
    """The step with its title and description in the language of `t`."""
    return replace(step, title=t(step.title), what=t(step.what))


def _moved(hub: Hub, step: Step, day: dt.date) -> Milestone:
    when = next_working_day(hub.campaign, day)
    if when == day:
        return Milestone(step.key, when, step.title, step.who, step.what)
    return Milestone(step.key, when, step.title, step.who, step.what, day, _why(hub, day))


def _why(hub: Hub, day: dt.date) -> tuple[Reason, ...]:
    """Why a computed date moved, in the hub's language where the names are known in it."""
    locale = babel_locale(hub.language)
    return tuple(
        Reason(weekday=format_date(clash.date, "EEEE", locale=locale)) if clash.country is None else
        Reason(holiday=clash.reason,
               lang=hub.language if _names_holidays_in(clash.country.code, locale) else "en",
               country=clash.country.name, code=clash.country.code)
        for clash in clashes(hub.campaign, day, locale))


@cache
def _names_holidays_in(code: str, locale: str) -> bool:
    """Whether the holidays package names the country's holidays in `locale` (else in English)."""
    return locale in holidays.country_holidays(code).supported_languages


def timeline(hub: Hub) -> list[Milestone]:
    """Every dated step from six weeks before the week to the last follow-up, in date order, in
    the hub's language."""
    c = hub.campaign
    t = words(hub.language)
    found = run_up(hub)
    for day, when in zip(hub.days, c.week_dates, strict=False):
        found.append(Milestone(f"week-day-{day.number}", when,
                               t("Day %(number)s: %(title)s", number=day.number, title=day.title),
                               "everyone", day.question))
    friday = c.week_dates[-1]
    found += [_moved(hub, _in(s, t), friday + dt.timedelta(days=s.offset)) for s in AFTER_WEEK]
    for follow in hub.playbook.follow_ups:
        due = follow_up_date(c, follow)
        computed = c.after_week(follow.days_after)
        reminder = Step(f"after-remind-{follow.id}", 0, t("Remind managers: %(title)s", title=follow.title),
                        "managers",
                        t("The %(title)s is due in a week. Send the reminder with the link to what to ask, "
                          "and open the pulse survey if this wave has one.", title=follow.title.lower()))
        found.append(_moved(hub, reminder, due - dt.timedelta(days=REMINDER_LEAD)))
        moved = follow.date is None and due != computed
        found.append(Milestone(f"after-{follow.id}", due, follow.title, "managers",
                               t.n("%(count)s day after the week: look at each person's row together.",
                                   "%(count)s days after the week: look at each person's row together.",
                                   follow.days_after),
                               computed if moved else None, _why(hub, computed) if moved else ()))
    return sorted(found, key=lambda m: (m.date, m.key))


@dataclass(frozen=True)
class FixedDate:
    """A date an editor set, what it is, and the record and field that set it."""

    label: str
    date: dt.date
    record: Record
    field: str


def dates_to_check(hub: Hub) -> Iterable[FixedDate]:
    """Every date an editor fixed: the week's days and hand-set follow-ups.

    A week that does not start on a Monday is already an error, so its days are not checked again.
    """
    if hub.campaign.week_start.weekday() == 0:
        for day, when in zip(hub.days, hub.campaign.week_dates, strict=False):
            yield FixedDate(f"day {day.number} of the week", when, hub.campaign, "week_start")
    for follow in hub.playbook.follow_ups:
        if follow.date is not None:
            yield FixedDate(f"follow-up '{follow.id}'", follow.date, follow, "date")


#: Team sizes the briefing works the week's time out for.
TEAM_SIZES = (5, 10, 20)


@dataclass(frozen=True)
class ManagerTime:
    """The time the week takes a manager: per person, for the team session, and for TEAM_SIZES."""

    per_person: int
    team: int
    rows: list[tuple[int, int]]


def manager_time(hub: Hub) -> ManagerTime:
    """The manager's minutes: every day but the last is one-to-one, the last is with the whole team."""
    *one_to_ones, team_day = hub.days
    per_person = sum(d.duration_minutes for d in one_to_ones)
    team = team_day.duration_minutes
    return ManagerTime(per_person, team, [(n, n * per_person + team) for n in TEAM_SIZES])
