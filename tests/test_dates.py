"""Dates that hold: public holidays and weekends warn, computed follow-ups move, reviews come due.

The tiny fixture's week starts on Monday 17 May 2027, Whit Monday in much of Europe. Every run
here builds "on" 15 January 2027 (SOURCE_DATE_EPOCH), so review dates do not depend on today.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content import dates
from generator.content.hub import load_hub

from .inprocess import learnhub_here as run
from .test_validate import ACTIVITY, RESOURCES, edit

BUILD_EPOCH = "1800000000"  # 15 January 2027
CAMPAIGN = "content/campaign.yaml"
PLAYBOOK = "content/playbook.yaml"


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def add_countries(root: Path, *entries: str) -> None:
    """Replace the campaign's `countries:` list; each entry is 'CODE Name' or 'CODE Name /REGION'.
    With no entries the fixture's own list (the United Kingdom, England) stays."""
    if not entries:
        return
    lines = ["countries:"]
    for entry in entries:
        code, _, rest = entry.partition(" ")
        name, _, region = rest.partition(" /")
        lines += [f"  - code: {code}", f"    name: {name}"]
        if region:
            lines.append(f"    regions: [{region}]")
    path = root / CAMPAIGN
    text = path.read_text(encoding="utf-8")
    text = text[:text.index("countries:")]
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


WHIT_MONDAY = [
    ("DE", "Germany", ""), ("FR", "France", ""), ("BE", "Belgium", ""), ("NL", "Netherlands", ""),
    ("AT", "Austria", ""), ("CH", "Switzerland", "ZH"),
]


@pytest.mark.parametrize(("code", "name", "region"), WHIT_MONDAY)
def test_whit_monday_warns_naming_the_date_and_the_country(tiny: Path, code: str, name: str,
                                                         region: str) -> None:
    add_countries(tiny, f"{code} {name}" + (f" /{region}" if region else ""))
    result = run(tiny, "validate")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith(f"{CAMPAIGN}:5:13: week_start: warning: Monday 17 May 2027 (day 1 of the week)")
    assert f"a public holiday in {name} ({code})" in warnings[0]


def test_a_country_without_the_holiday_stays_quiet(tiny: Path) -> None:
    add_countries(tiny, "GB United Kingdom", "IE Ireland", "ES Spain")
    result = run(tiny, "validate")
    assert result.returncode == 0
    assert result.stderr == ""


def test_moving_the_week_clears_the_warning(tiny: Path) -> None:
    add_countries(tiny, "DE Germany", "FR France")
    edit(tiny, CAMPAIGN, "week_start: 2027-05-17", "week_start: 2027-05-10")
    result = run(tiny, "validate")
    assert result.returncode == 0
    assert result.stderr == ""


def test_unknown_countries_and_regions_are_errors(tiny: Path) -> None:
    add_countries(tiny, "ZZ Nowhere", "DE Germany /QQ")
    result = run(tiny, "validate")
    assert result.returncode == 1
    assert "'ZZ' is not a country code" in result.stderr
    assert "'QQ' is not a region of DE" in result.stderr


# Friday 21 May 2027 + days: 54 is Wednesday 14 July (a holiday in France), 58 Sunday 18 July.
@pytest.mark.parametrize(("days_after", "countries", "expected"), [
    (54, ("FR France",), dt.date(2027, 7, 15)),
    (54, ("GB United Kingdom",), dt.date(2027, 7, 14)),
    (58, (), dt.date(2027, 7, 19)),  # the fixture's United Kingdom
    (60, ("FR France",), dt.date(2027, 7, 20)),
])
def test_computed_follow_ups_move_to_the_next_working_day(tiny: Path, days_after: int,
                                                          countries: tuple[str, ...],
                                                          expected: dt.date) -> None:
    edit(tiny, PLAYBOOK, "days_after: 60", f"days_after: {days_after}")
    add_countries(tiny, *countries)
    loaded = load_hub(tiny)
    hub = loaded.hub
    assert hub.follow_up_date(hub.playbook.follow_ups[0]) == expected
    assert not [w for w in loaded.warnings if w.field.startswith("follow_ups")]


def test_a_follow_up_set_by_hand_stays_and_warns(tiny: Path) -> None:
    add_countries(tiny, "FR France")
    edit(tiny, CAMPAIGN, "week_start: 2027-05-17", "week_start: 2027-05-10")
    edit(tiny, PLAYBOOK, "    title: The 60-day check\n", "    title: The 60-day check\n    date: 2027-07-14\n")
    loaded = load_hub(tiny)
    follow = loaded.hub.playbook.follow_ups[0]
    assert loaded.hub.follow_up_date(follow) == dt.date(2027, 7, 14)
    result = run(tiny, "validate")
    assert result.returncode == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"{PLAYBOOK}:21:11: follow_ups[0].date: warning: Wednesday 14 July 2027 "
                              "(follow-up 'day-60') is ")
    assert warning.endswith("a public holiday in France (FR)")


def test_the_timeline_runs_from_six_weeks_before_to_the_last_follow_up(tiny: Path) -> None:
    add_countries(tiny, "IE Ireland")
    edit(tiny, CAMPAIGN, "week_start: 2027-05-17", "week_start: 2027-05-10")
    hub = load_hub(tiny).hub
    steps = dates.timeline(hub)
    assert steps == sorted(steps, key=lambda m: (m.date, m.key))
    first = steps[0]
    # six weeks before Monday 10 May is Easter Monday (29 March), a holiday in Ireland
    assert first.moved_from == dt.date(2027, 3, 29) and first.date == dt.date(2027, 3, 30)
    assert steps[-1].key == "after-day-90" and steps[-1].date == hub.follow_up_date(hub.playbook.follow_ups[1])
    assert all(dates.is_working_day(hub.campaign, m.date) for m in steps)
    assert [m.date for m in steps if m.key.startswith("week-day-")] == hub.campaign.week_dates


def test_a_passed_review_by_warns_and_missing_owners_warn(tiny: Path) -> None:
    edit(tiny, RESOURCES, "review_by: 2030-01-01", "review_by: 2027-01-01")
    edit(tiny, ACTIVITY, "owner: L&D team\n", "")
    result = run(tiny, "validate")
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{RESOURCES}:") and "review_by 2027-01-01 has passed" in line for line in lines)
    assert any(line.startswith(f"{ACTIVITY}:") and "has no owner" in line for line in lines)
    assert len(lines) == 2
    strict = run(tiny, "validate", "--strict")
    assert strict.returncode == 1


def test_a_review_by_still_ahead_is_quiet(tiny: Path) -> None:
    edit(tiny, RESOURCES, "review_by: 2030-01-01", "review_by: 2027-01-16")
    result = run(tiny, "validate")
    assert result.returncode == 0
    assert result.stderr == ""


def test_a_sample_target_date_after_the_first_follow_up_warns(tiny: Path) -> None:
    edit(tiny, "content/sheet.yaml", "target_date: 2027-07-12,", "target_date: 2027-08-13,")
    result = run(tiny, "validate")
    assert result.returncode == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith("content/sheet.yaml:23:")
    assert "2027-08-13 is not between the week's end (2027-05-21) and the first follow-up, 'day-60' (2027-07-20)" in warning
