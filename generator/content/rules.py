"""Rules across files: unique ids, references that resolve, agendas that add up, fresh reviews.

Each rule reads the validated records and returns located ContentErrors; none raises.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import ContentError
from . import dates
from .model import Activity, AnswerType, GroupResult, Hub, Record, Resource, SampleRow, Tally
from .translations import Language, localize

#: The longest list a spreadsheet dropdown may hold, written out with commas (Excel's limit).
DROPDOWN_MAX_CHARS = 255

#: A resource reviewed longer ago than this is flagged (a warning, an error with --strict).
REVIEW_MAX_AGE = dt.timedelta(days=365)

#: An unknown reference lists what is allowed when there are at most this many choices.
MAX_LISTED = 12

#: What fits on a printed card (generator/downloads/cards.py), measured at the cards' type sizes with
#: generous words; tests/test_cards.py renders cards at these limits and checks nothing overflows.
CARD_QUESTION_MAX = 160
CARD_LISTEN_FOR_MAX = 210
#: An activity card's face, in characters, each list item also costing the room of a short line. One
#: layout serves the A6 and the Letter card, so the room is what both share (105 × 139.7 mm, the
#: text 85 mm wide); tests/test_cards.py renders a card at these budgets and checks it stays there.
CARD_ITEM_COST = 25
CARD_STEP_COST = 45
CARD_FRONT_BUDGET = 560
CARD_BACK_BUDGET = 1100

#: An e-mail address, also written as `name [at] host`.
EMAIL_RE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+|[\w.+-]+\s*[\[(]\s*at\s*[\])]\s*[\w-]+", re.IGNORECASE)
#: A phone number: international (+44 ...), trunk-prefixed (020 ..., 07700 ...) or North American.
PHONE_RE = re.compile(r"(?:\+|\b0)\d[\d\s().-]{7,}\d|\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")


def error(record: Record, *sub: str | int, message: str, severity: str = "error") -> ContentError:
    """A ContentError at a field (or item) below `record`."""
    origin = record.origin
    return origin.doc.error((*origin.loc, *sub), message, severity=severity)


def check(hub: Hub, *, strict: bool = False) -> list[ContentError]:
    """Every cross-file problem in the hub; warnings become errors when `strict`."""
    found: list[ContentError] = []
    for rule in RULES:
        found.extend(rule(hub))
    if strict:
        found = [ContentError(e.path, e.line, e.column, e.field, e.message) for e in found]
    return found


def _unique(records: Iterable[Record], kind: str, attr: str = "id") -> Iterator[ContentError]:
    seen: dict[Any, Record] = {}
    for record in records:
        key = getattr(record, attr)
        if key in seen:
            first = seen[key].origin
            yield error(record, attr, message=f"duplicate {kind} {attr} '{key}' "
                                             f"(first used in {first.path}:{first.line})")
        else:
            seen[key] = record


def unique_ids(hub: Hub) -> Iterator[ContentError]:
    c = hub.campaign
    yield from _unique(c.strands, "strand")
    yield from _unique(c.topics, "topic")
    yield from _unique(c.themes, "theme")
    yield from _unique(c.languages, "language", "code")
    yield from _unique(hub.playbook.data_points, "data point")
    yield from _unique(hub.playbook.follow_ups, "follow-up")
    yield from _unique(hub.days, "day")
    yield from _unique(hub.days, "day", "number")
    yield from _unique(hub.prompts, "prompt")
    yield from _unique(hub.activities, "activity")
    yield from _unique(hub.cuts.cuts, "cut")
    yield from _unique(hub.resources, "resource")
    yield from _unique(hub.resources, "resource", "link")
    yield from _unique(hub.measurement.indicators, "indicator")
    yield from _unique(hub.measurement.pulse, "pulse question")
    yield from _unique(hub.sheet.columns, "column")
    yield from _unique(hub.sheet.role_families, "role family")
    yield from _unique(hub.evidence.statistics, "statistic")
    yield from _unique(hub.faq.questions, "question")


def _refs(record: Record, field: str, ids: list[str], allowed: set[str], kind: str) -> Iterator[ContentError]:
    for i, ref in enumerate(ids):
        if ref not in allowed:
            yield error(record, field, i, message=f"unknown {kind} '{ref}'{_suggest(ref, allowed)}")


def _ref(record: Record, field: str, ref: str | None, allowed: set[str], kind: str) -> Iterator[ContentError]:
    if ref is not None and ref not in allowed:
        yield error(record, field, message=f"unknown {kind} '{ref}'{_suggest(ref, allowed)}")


def _suggest(ref: str, allowed: set[str]) -> str:
    """A near miss to offer, or the short list of what is allowed."""
    close = difflib.get_close_matches(ref, sorted(allowed), n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if 0 < len(allowed) <= MAX_LISTED:
        return f"; known: {', '.join(sorted(allowed))}"
    return ""


def references(hub: Hub) -> Iterator[ContentError]:
    c = hub.campaign
    topics = {t.id for t in c.topics}
    themes = {t.id for t in c.themes}
    strands = {s.id for s in c.strands}
    languages = {lang.code for lang in c.languages}
    prompts = {p.id for p in hub.prompts}
    days = {d.id for d in hub.days}
    activities = {a.id for a in hub.activities}
    points = {p.id for p in hub.playbook.data_points}
    families = {f.id for f in hub.sheet.role_families}
    statuses = set(hub.sheet.statuses)
    for day in hub.days:
        yield from _refs(day, "prompts", day.prompts, prompts, "prompt")
        yield from _refs(day, "topics", day.topics, topics, "topic")
        for item in day.log:
            yield from _ref(item, "data_point", item.data_point, points, "data point")
    for prompt in hub.prompts:
        yield from _ref(prompt, "conversation", prompt.conversation, days, "day id")
        yield from _refs(prompt, "themes", prompt.themes, themes, "theme")
        yield from _refs(prompt, "topics", prompt.topics, topics, "topic")
        if prompt.conversation is None and not prompt.themes:
            yield error(prompt, "conversation", message="a prompt needs a conversation or at least one theme")
    for activity in hub.activities:
        yield from _ref(activity, "strand", activity.strand, strands, "strand")
        yield from _refs(activity, "topics", activity.topics, topics, "topic")
    for cut in hub.cuts.cuts:
        yield from _ref(cut, "instead_activity", cut.instead_activity, activities, "activity")
    for resource in hub.resources:
        yield from _refs(resource, "topics", resource.topics, topics, "topic")
        yield from _ref(resource, "language", resource.language, languages, "language")
    for row in hub.sheet.samples:
        yield from _ref(row, "role_family", row.role_family, families, "role family")
        yield from _ref(row, "status", row.status, statuses, "status")
    follow_ups = {f.id for f in hub.playbook.follow_ups}
    for column in hub.sheet.columns:
        yield from _ref(column, "follow_up", column.follow_up, follow_ups, "follow-up (see playbook follow_ups)")


def days_and_agendas(hub: Hub) -> Iterator[ContentError]:
    numbers = sorted(d.number for d in hub.days)
    if numbers != [1, 2, 3, 4, 5] and len(set(numbers)) == len(numbers):
        anchor = hub.days[-1] if hub.days else hub.campaign
        yield error(anchor, message=f"the playbook needs days 1 to 5, found {numbers}")
    for day in hub.days:
        total = sum(step.minutes for step in day.agenda)
        if total != day.duration_minutes:
            yield error(day, "agenda", message=f"agenda steps add up to {total} minutes "
                                               f"but duration_minutes is {day.duration_minutes}")
    if hub.campaign.week_start.weekday() != 0:
        yield error(hub.campaign, "week_start",
                    message=f"{hub.campaign.week_start} is a {hub.campaign.week_start:%A}; the week starts on a Monday")


def shapes(hub: Hub) -> Iterator[ContentError]:
    for activity in hub.activities:
        size = activity.group_size
        if size.min > size.max:
            yield error(size, "min", message=f"group_size min {size.min} is larger than max {size.max}")
    for q in hub.measurement.pulse:
        needs_options = q.answer_type in (AnswerType.SCALE, AnswerType.CHOICE)
        if needs_options and len(q.options) < 2:
            yield error(q, "options", message=f"a {q.answer_type.value} question needs at least two options")
        if not needs_options and q.options:
            yield error(q, "options", message=f"a {q.answer_type.value} question takes no options")


def freshness(hub: Hub) -> Iterator[ContentError]:
    for resource in hub.resources:
        if resource.reviewed > hub.build_date or resource.added > hub.build_date:
            field = "reviewed" if resource.reviewed > hub.build_date else "added"
            yield error(resource, field, message=f"{getattr(resource, field)} is in the future")
        elif hub.build_date - resource.reviewed > REVIEW_MAX_AGE:
            yield error(resource, "reviewed", severity="warning",
                        message=f"last reviewed {resource.reviewed}, more than 12 months ago: "
                                "check the link and note, then update the date")


def tracking_sheet(hub: Hub) -> Iterator[ContentError]:
    """The sheet shows every sample field, one sample per role family, and dropdowns Excel accepts."""
    sheet = hub.sheet
    column_ids = {c.id for c in sheet.columns}
    headers: dict[str, int] = {}
    for i, column in enumerate(sheet.columns):
        first = headers.setdefault(column.header.casefold(), i)
        if first != i:  # a spreadsheet table's headers must differ, ignoring case
            yield error(column, "header", message=f"duplicate column header '{column.header}' "
                                                  f"(first used in {sheet.columns[first].origin.path}:"
                                                  f"{sheet.columns[first].origin.line})")
    for name in SampleRow.model_fields:
        if name.replace("_", "-") not in column_ids:
            yield error(sheet, "columns", message=f"the tracking sheet needs a column with id "
                                                  f"'{name.replace('_', '-')}' for the sample rows' {name}")
    sampled = {row.role_family for row in sheet.samples}
    for i, family in enumerate(sheet.role_families):
        if family.id not in sampled:
            yield error(sheet, "role_families", i, message=f"role family '{family.id}' has no sample row")
    lists = [("statuses", sheet.statuses), ("role_families", [f.title for f in sheet.role_families])]
    for field, values in lists:
        for i, value in enumerate(values):
            if "," in value or '"' in value:
                yield error(sheet, field, i, message="a dropdown choice may not contain a comma or a "
                                                     "double quote")
        if len(",".join(values)) > DROPDOWN_MAX_CHARS:
            yield error(sheet, field, message=f"the {field.replace('_', ' ')} add up to more than "
                                              f"{DROPDOWN_MAX_CHARS} characters, too long for a dropdown")


def personal_data(hub: Hub) -> Iterator[ContentError]:
    """Sample rows ship to everyone: refuse anything that looks like contact details."""
    for row in hub.sheet.samples:
        for name in type(row).model_fields:
            value = getattr(row, name)
            if isinstance(value, str) and (EMAIL_RE.search(value) or PHONE_RE.search(value)):
                yield error(row, name, message="sample rows must be fictional: remove the e-mail address "
                                               "or phone number")


def hub_languages(hub: Hub) -> Iterator[ContentError]:
    """Each of the hub's languages once, each in a folder of its own."""
    languages = hub.campaign.hub_languages
    yield from _unique(languages, "hub language", "code")
    folders: dict[str, str] = {}
    for i, language in enumerate(languages[1:], start=1):
        if language.folder in folders:
            yield error(hub.campaign, "hub_languages", i, message=f"'{language.code}' would share the folder "
                        f"/{language.folder}/ with '{folders[language.folder]}'; give it another prefix")
        folders[language.folder] = language.code


def activity_front_size(activity: Activity) -> int:
    """Room an activity card's front needs: its title (large type), summary and what it builds."""
    return (len(activity.title) * 3 // 2 + len(activity.summary)
            + sum(len(b) + CARD_ITEM_COST for b in activity.builds))


def activity_back_size(activity: Activity) -> int:
    """Room an activity card's back needs: its steps."""
    return sum(len(step) + CARD_STEP_COST for step in activity.steps)


def card_misfits(hub: Hub) -> Iterator[tuple[Record, tuple[str, ...], str]]:
    """Each prompt or activity whose text would not fit on its printed card: the record, the
    fields to blame (the largest first) and what is wrong."""
    for prompt in hub.prompts:
        if len(prompt.text) > CARD_QUESTION_MAX:
            yield prompt, ("text",), (f"{len(prompt.text)} characters is too long for a prompt card "
                                      f"(at most {CARD_QUESTION_MAX}): shorten the question")
        if prompt.listen_for and len(prompt.listen_for) > CARD_LISTEN_FOR_MAX:
            yield prompt, ("listen_for",), (f"{len(prompt.listen_for)} characters is too long for the back "
                                            f"of a prompt card (at most {CARD_LISTEN_FOR_MAX}): shorten it")
    for activity in hub.activities:
        front = activity_front_size(activity)
        if front > CARD_FRONT_BUDGET:
            parts = {"title": len(activity.title) * 3 // 2, "summary": len(activity.summary),
                     "builds": sum(len(b) + CARD_ITEM_COST for b in activity.builds)}
            yield activity, tuple(sorted(parts, key=parts.__getitem__, reverse=True)), (
                f"the title, summary and what it builds need {front - CARD_FRONT_BUDGET} characters fewer "
                "to fit on the front of an activity card")
        back = activity_back_size(activity)
        if back > CARD_BACK_BUDGET:
            yield activity, ("steps",), (f"the steps need {back - CARD_BACK_BUDGET} characters fewer (or "
                                         "fewer steps) to fit on the back of an activity card")


def card_fit(hub: Hub) -> Iterator[ContentError]:
    """Every prompt and activity fits on its printed card: a card is never clipped."""
    for record, fields, message in card_misfits(hub):
        yield error(record, fields[0], message=message)


def translated_card_fit(hub: Hub, language: Language) -> Iterator[ContentError]:
    """The same for each language's cards, located in its translation file: a translation that
    makes a card overflow is blamed there (a text left untranslated is the source rule's)."""
    for record, fields, message in card_misfits(localize(hub, language, "")):
        origin = record.origin
        entries = [language.entries.get((origin.path, (*origin.loc, name))) for name in fields]
        entry = next((e for e in entries if e is not None), None)
        if entry is not None:
            yield entry.doc.error(entry.loc, message)


#: The answers a yes-no question takes.
YES_NO = ("Yes", "No")


def counting(hub: Hub) -> Iterator[ContentError]:
    """Each indicator's counts name real columns, questions of their wave and answers those take."""
    columns = {c.id for c in hub.sheet.columns}
    questions = {q.id: q for q in hub.measurement.pulse}
    sheet = hub.sheet
    if sheet.opted_out is not None and sheet.opted_out not in sheet.statuses:
        yield error(sheet, "opted_out", message=f"'{sheet.opted_out}' is not one of the statuses")
    for indicator in hub.measurement.indicators:
        waves = [c.wave for c in indicator.counts]
        if len(set(waves)) != len(waves):
            yield error(indicator, "counts", message="count each wave once")
        for count in indicator.counts:
            if bool(count.filled) == (count.question is not None):
                yield error(count, "filled", message="count from the sheet (filled) or the pulse (question), "
                                                     "not both and not neither")
                continue
            yield from _refs(count, "filled", count.filled, columns, "column")
            if count.question is None:
                continue
            question = questions.get(count.question)
            if question is None:
                yield from _ref(count, "question", count.question, set(questions), "pulse question")
                continue
            if question.wave != count.wave:
                yield error(count, "question", message=f"'{question.id}' is asked at {question.wave} days, "
                                                        f"not {count.wave}")
            if question.answer_type is AnswerType.NUMBER:
                if count.at_least is None or count.answers:
                    yield error(count, "at_least", message="a number question counts answers of at_least "
                                                           "a number, not a list of answers")
                continue
            allowed = YES_NO if question.answer_type is AnswerType.YES_NO else tuple(question.options)
            if count.at_least is not None or not count.answers or not allowed:
                yield error(count, "answers", message=f"a {question.answer_type.value} question counts "
                                                      "a list of its answers")
            yield from _refs(count, "answers", count.answers, set(allowed), "answer")


def _tally_problem(tally: Tally, threshold: int) -> str | None:
    if tally.held_back:
        return "a held-back figure has no count" if tally.count is not None or tally.of is not None else None
    if tally.count is None or tally.of is None:
        return "needs count and of, or held_back: true"
    if tally.count > tally.of:
        return f"count {tally.count} is more than of {tally.of}"
    if 0 < tally.of < threshold:
        return f"out of {tally.of}, fewer than the threshold of {threshold}: hold it back"
    return None


def _group_problems(group: GroupResult, threshold: int) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if group.held_back:
        if group.people is not None or group.responses is not None or group.indicators or group.statuses \
                or group.pulse:
            yield ("held_back",), "a held-back group shows no figures"
        return
    for name in ("people", "responses"):
        size = getattr(group, name)
        if size is None:
            yield (name,), "needs a number, or held_back: true"
        elif 0 < size < threshold:
            yield (name,), f"{size} is fewer than the threshold of {threshold}: hold the group back"
    for key, tally in group.indicators.items():
        problem = _tally_problem(tally, threshold)
        if problem:
            yield ("indicators", key), problem


def results_files(hub: Hub) -> Iterator[ContentError]:
    """A results file matches its name, names what the content defines, and exposes no small group."""
    indicators = {i.id for i in hub.measurement.indicators}
    questions = {q.id for q in hub.measurement.pulse}
    families = {f.id for f in hub.sheet.role_families}
    least = hub.campaign.reporting_threshold
    for result in hub.results:
        expected = f"{result.wave}-day.yaml"
        if not result.origin.path.endswith("/" + expected):
            yield error(result, "wave", message=f"the {result.wave}-day results belong in content/results/{expected}")
        if result.threshold < least:
            yield error(result, "threshold", message=f"counted with a threshold of {result.threshold}; the "
                                                     f"campaign's is {least}: count again")
        yield from _refs(result, "indicators", list(result.indicators), indicators, "indicator")
        yield from _refs(result, "pulse", list(result.pulse), questions, "pulse question")
        for key, tally in result.indicators.items():
            problem = _tally_problem(tally, result.threshold)
            if problem:
                yield error(result, "indicators", key, message=problem)
        for field, groups, label in (("by_function", result.by_function, "id"),
                                     ("by_team", result.by_team, "name")):
            for group in groups:
                if getattr(group, label) is None or getattr(group, "name" if label == "id" else "id") is not None:
                    yield error(group, message=f"a group in {field} is named by its {label} alone")
                for loc, problem in _group_problems(group, result.threshold):
                    yield error(group, *loc, message=problem)
                if label == "id" and group.id is not None:
                    yield from _ref(group, "id", group.id, families, "role family")
            held = [g for g in groups if g.held_back]
            if len(held) == 1 and len(groups) > 1:
                yield error(held[0], "held_back", message=f"the only group held back in {field} could be worked "
                                                          "out from the totals: hold back a second one")


def countries(hub: Hub) -> Iterator[ContentError]:
    """Each country (and region) must be one whose public holidays we can check."""
    for i, country in enumerate(hub.campaign.countries):
        if not dates.supported_country(country.code):
            yield error(hub.campaign, "countries", i, "code",
                        message=f"'{country.code}' is not a country code whose public holidays are known")
            continue
        known = dates.subdivisions(country.code)
        for j, region in enumerate(country.regions):
            if region not in known:
                yield error(country, "regions", j, message=f"'{region}' is not a region of {country.code}"
                                                           f"{_suggest(region, known)}")
    yield from _unique(hub.campaign.countries, "country", "code")


def holidays_and_weekends(hub: Hub) -> Iterator[ContentError]:
    """A warning for each date an editor fixed that is not a working day in a country of the campaign."""
    for fixed in dates.dates_to_check(hub):
        when = fixed.date
        for clash in dates.clashes(hub.campaign, when):
            yield error(fixed.record, fixed.field, severity="warning",
                        message=f"{when:%A} {when.day} {when:%B %Y} ({fixed.label}) is {clash.describe()}")


def ownership(hub: Hub) -> Iterator[ContentError]:
    """Every resource and activity has an owner and a date to be checked again, not yet past."""
    items: list[Resource | Activity] = [*hub.resources, *hub.activities]
    for item in items:
        kind = "resource" if isinstance(item, Resource) else "activity"
        if item.owner is None:
            yield error(item, "id", severity="warning",
                        message=f"{kind} '{item.id}' has no owner: name the team or role that keeps it true")
        if item.review_by is None:
            yield error(item, "id", severity="warning",
                        message=f"{kind} '{item.id}' has no review_by date: say when it must be checked again")
        elif item.review_by < hub.build_date:
            yield error(item, "review_by", severity="warning",
                        message=f"review_by {item.review_by} has passed: check the {kind}, then set "
                                "reviewed and a new review_by")


def sample_targets(hub: Hub) -> Iterator[ContentError]:
    """Sample rows follow the hub's own rule: a target date after the week, before the first follow-up."""
    if not hub.playbook.follow_ups:
        return
    first = min(hub.playbook.follow_ups, key=lambda f: f.days_after)
    due = hub.follow_up_date(first)
    end = hub.campaign.week_dates[-1]
    for row in hub.sheet.samples:
        if not end < row.target_date < due:
            yield error(row, "target_date", severity="warning",
                        message=f"{row.target_date} is not between the week's end ({end}) and the "
                                f"first follow-up, '{first.id}' ({due}), as the playbook asks of every target date")


RULES: list[Callable[[Hub], Iterator[ContentError]]] = [
    unique_ids, references, days_and_agendas, shapes, freshness, tracking_sheet, personal_data, counting,
    results_files, card_fit, countries, holidays_and_weekends, ownership, sample_targets, hub_languages,
]
