"""What a Results page and the results PDF show, worked out from a results file: shares, bar
lengths and the change from 60 to 90 days. The templates only lay it out.

A held-back group or figure carries no number at all here, so no template can print one.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list

from .content.model import Count, GroupResult, Hub, Indicator, ResultsFile, Tally
from .i18n import babel_locale, words


@dataclass(frozen=True)
class Figure:
    """One indicator's count for a group: count of `of` and the share, or held back."""

    indicator: Indicator
    count: int | None = None
    of: int | None = None
    before: int | None = None  # the share at the other wave, for the change

    @property
    def held_back(self) -> bool:
        return self.count is None

    @property
    def percent(self) -> int | None:
        """The share as a whole percentage; None when held back or out of nobody."""
        if self.count is None or not self.of:
            return None
        return round(100 * self.count / self.of)

    @property
    def change(self) -> int | None:
        """Percentage points since the 60-day results (on the 90-day page), when both are known."""
        if self.percent is None or self.before is None:
            return None
        return self.percent - self.before


@dataclass(frozen=True)
class Share:
    """An answer or a status and how many gave it."""

    label: str
    count: int
    of: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.of) if self.of else 0


@dataclass(frozen=True)
class Row:
    """A function or team as a table row."""

    label: str
    held_back: bool
    people: int | None = None
    responses: int | None = None
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Question:
    """A pulse question's counted answers."""

    id: str
    text: str
    answers: tuple[Share, ...]


@dataclass(frozen=True)
class Spread:
    """How an indicator's share varies across the teams shown: lowest, median and highest."""

    indicator: Indicator
    teams: int
    low: int | None
    median: int | None
    high: int | None


@dataclass(frozen=True)
class ResultsView:
    """Everything a Results page shows for one wave."""

    result: ResultsFile
    other: ResultsFile | None
    indicators: tuple[Indicator, ...]
    headline: tuple[Figure, ...]
    statuses: tuple[Share, ...]
    questions: tuple[Question, ...]
    functions: tuple[Row, ...]
    teams: tuple[Row, ...]

    @property
    def wave(self) -> int:
        return self.result.wave

    @property
    def team_spread(self) -> tuple[Spread, ...]:
        """Per indicator, the lowest, median and highest share among the teams shown."""
        found = []
        for index, indicator in enumerate(self.indicators):
            shares = sorted(p for row in self.teams if not row.held_back
                            for p in [row.figures[index].percent] if p is not None)
            middle = shares[len(shares) // 2] if shares else None
            found.append(Spread(indicator, len(shares), shares[0] if shares else None, middle,
                                shares[-1] if shares else None))
        return tuple(found)


def _figure(indicator: Indicator, tally: Tally | None, before: int | None = None) -> Figure:
    if tally is None or tally.held_back or tally.count is None:
        return Figure(indicator)
    return Figure(indicator, tally.count, tally.of, before)


def _share(tally: Tally | None) -> int | None:
    """A tally's share as a whole percentage, or None."""
    if tally is None or tally.held_back or tally.count is None or not tally.of:
        return None
    return round(100 * tally.count / tally.of)


def _row(label: str, group: GroupResult, indicators: tuple[Indicator, ...]) -> Row:
    if group.held_back:
        return Row(label, True)
    return Row(label, False, group.people, group.responses,
               tuple(_figure(i, group.indicators.get(i.id)) for i in indicators))


def _shares(counts: dict[str, int]) -> tuple[Share, ...]:
    total = sum(counts.values())
    return tuple(Share(label, count, total) for label, count in counts.items())


def results_view(hub: Hub, result: ResultsFile) -> ResultsView:
    """The Results page of one wave; the 90-day page compares with the 60-day results if there are any."""
    other = hub.result(60) if result.wave == 90 else None
    indicators = tuple(i for i in hub.measurement.indicators if i.id in result.indicators)
    families = {f.id: f.title for f in hub.sheet.role_families}
    questions = {q.id: q for q in hub.measurement.pulse}
    headline = tuple(
        _figure(i, result.indicators.get(i.id), _share(other.indicators.get(i.id)) if other else None)
        for i in indicators)
    return ResultsView(
        result=result,
        other=other,
        indicators=indicators,
        headline=headline,
        statuses=_shares(result.statuses),
        questions=tuple(Question(qid, questions[qid].question, _shares(answers))
                        for qid, answers in result.pulse.items() if qid in questions),
        functions=tuple(_row(families.get(g.id or "", g.id or ""), g, indicators) for g in result.by_function),
        teams=tuple(_row(g.name or "", g, indicators) for g in result.by_team),
    )


def results_views(hub: Hub) -> list[ResultsView]:
    """A view per results file, 60 days first."""
    return [results_view(hub, r) for r in hub.results]


def _listing(items: list[str], language: str, style: str = "standard") -> str:
    """'a', 'a and b', 'a, b and c' (or 'or'), joined the way the language joins a list."""
    return format_list(items, style=style, locale=babel_locale(language))


def count_text(hub: Hub, count: Count) -> str:
    """How `learnhub results` counts an indicator at one wave, in a sentence for the Measure page."""
    t = words(hub.language)
    if count.question is None:
        headers = {c.id: c.header for c in hub.sheet.columns}
        columns = _listing([headers.get(c, c) for c in count.filled], hub.language)
        if hub.sheet.opted_out:
            return t.n("At %(wave)s days, from the tracking sheets: people whose %(columns)s is filled in, "
                       "out of everyone not marked %(opted_out)s.",
                       "At %(wave)s days, from the tracking sheets: people whose %(columns)s are all filled "
                       "in, out of everyone not marked %(opted_out)s.",
                       len(count.filled), wave=count.wave, columns=columns, opted_out=hub.sheet.opted_out)
        return t.n("At %(wave)s days, from the tracking sheets: people whose %(columns)s is filled in, "
                   "out of everyone.",
                   "At %(wave)s days, from the tracking sheets: people whose %(columns)s are all filled in, "
                   "out of everyone.",
                   len(count.filled), wave=count.wave, columns=columns)
    question = next(q for q in hub.measurement.pulse if q.id == count.question)
    if count.at_least is not None:
        answers = t("%(least)s or more", least=count.at_least)
    else:
        answers = _listing([t("‘%(answer)s’", answer=a) for a in count.answers], hub.language, "or")
    return t("At %(wave)s days, from the pulse: people who answer %(answers)s to ‘%(question)s’, "
             "out of everyone who answered it.", wave=count.wave, answers=answers, question=question.question)
