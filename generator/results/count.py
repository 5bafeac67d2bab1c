"""Count people and responses by indicator, status and answer; hold back groups too small to show.

Every row read is added at once to the whole, its function and its team, so only counts are
kept. At the end, a group (function or team) with fewer people, or fewer responses, than the
threshold is held back; and if what is held back could be worked out by subtracting what is shown
from the total (a single group, or groups adding up to fewer than the threshold), the next smallest
groups are held back too: the usual rule of employee-survey tools.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..content.model import AnswerType, Hub

#: The answer buckets of a number question: a count of stretch assignments, say.
NUMBER_BUCKETS = ("0", "1", "2", "3 or more")


@dataclass
class Group:
    """The counts of one group of people (everyone, a function or a team)."""

    people: int = 0
    responses: int = 0
    indicators: dict[str, list[int]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    pulse: dict[str, Counter[str]] = field(default_factory=dict)

    def merge(self, other: Group) -> None:
        self.people += other.people
        self.responses += other.responses
        for name, (count, of) in other.indicators.items():
            mine = self.indicators.setdefault(name, [0, 0])
            mine[0] += count
            mine[1] += of
        self.statuses.update(other.statuses)
        for question, answers in other.pulse.items():
            self.pulse.setdefault(question, Counter()).update(answers)

    def too_small(self, threshold: int) -> bool:
        return (0 < self.people < threshold or 0 < self.responses < threshold
                or self.people == self.responses == 0)


@dataclass(frozen=True)
class SheetCount:
    indicator: str
    filled: frozenset[str]


@dataclass(frozen=True)
class PulseCount:
    indicator: str
    question: str
    answers: frozenset[str]
    at_least: int | None


class Tallies:
    """Running counts for one wave: the whole, by function and by team."""

    def __init__(self, hub: Hub, wave: int) -> None:
        self.hub, self.wave = hub, wave
        self.sheet_counts: list[SheetCount] = []
        self.pulse_counts: list[PulseCount] = []
        for indicator in hub.measurement.indicators:
            for count in indicator.counts:
                if count.wave != wave:
                    continue
                if count.question is None:
                    self.sheet_counts.append(SheetCount(indicator.id, frozenset(count.filled)))
                else:
                    self.pulse_counts.append(PulseCount(indicator.id, count.question, frozenset(count.answers),
                                                        count.at_least))
        self.indicator_ids = [i.id for i in hub.measurement.indicators
                              if any(c.wave == wave for c in i.counts)]
        self.filled_columns = frozenset().union(*(c.filled for c in self.sheet_counts))
        self.opted_out = hub.sheet.opted_out
        self.counted_questions = [q for q in hub.measurement.pulse if q.wave == wave and q.answer_type in (
            AnswerType.SCALE, AnswerType.CHOICE, AnswerType.YES_NO, AnswerType.NUMBER)]
        self.whole = Group()
        self.functions: dict[str, Group] = {}
        self.teams: dict[str, Group] = {}
        self.team_names: dict[str, str] = {}
        #: Pulse answers by the team people named, kept apart until the sheets' teams are all known.
        self.named_teams: dict[str, Group] = {}
        self.unmatched_teams = 0

    def team(self, team_key: str, name: str) -> None:
        self.team_names.setdefault(team_key, name)
        self.teams.setdefault(team_key, Group())

    def person(self, team_key: str, function: str | None, status: str | None, filled: frozenset[str]) -> None:
        """One person's row in a team's sheet."""
        groups = [self.whole, self.teams[team_key]]
        if function is not None:
            groups.append(self.functions.setdefault(function, Group()))
        taking_part = status is None or status != self.opted_out
        for group in groups:
            group.people += 1
            if status is not None:
                group.statuses[status] += 1
            if not taking_part:
                for count in self.sheet_counts:
                    group.indicators.setdefault(count.indicator, [0, 0])
                continue
            for count in self.sheet_counts:
                tally = group.indicators.setdefault(count.indicator, [0, 0])
                tally[1] += 1
                tally[0] += count.filled <= filled

    def response(self, function: str | None, team_key: str | None, answers: dict[str, str | int]) -> None:
        """One pulse response: its function and team (if given) and its counted answers."""
        groups = [self.whole]
        if function is not None:
            groups.append(self.functions.setdefault(function, Group()))
        if team_key is not None:
            groups.append(self.named_teams.setdefault(team_key, Group()))
        for group in groups:
            group.responses += 1
            for count in self.pulse_counts:
                tally = group.indicators.setdefault(count.indicator, [0, 0])
                answer = answers.get(count.question)
                if answer is None:
                    continue
                tally[1] += 1
                if count.at_least is not None:
                    tally[0] += isinstance(answer, int) and answer >= count.at_least
                else:
                    tally[0] += answer in count.answers
            for question in self.counted_questions:
                answer = answers.get(question.id)
                if answer is not None:
                    bucket = NUMBER_BUCKETS[min(answer, 3)] if isinstance(answer, int) else answer
                    group.pulse.setdefault(question.id, Counter())[bucket] += 1

    def settle_teams(self) -> None:
        """Add the pulse answers of each team people named to the sheet's team of that name."""
        for team_key, group in self.named_teams.items():
            if team_key in self.teams:
                self.teams[team_key].merge(group)
            else:
                self.unmatched_teams += group.responses
        self.named_teams = {}

    # --- the file's data -----------------------------------------------------------------------

    def results(self, threshold: int) -> tuple[dict[str, Any], int]:
        """The results file's counts (without its header fields), and how many groups were held back."""
        self.settle_teams()
        families = [f.id for f in self.hub.sheet.role_families]
        functions = {f: self.functions[f] for f in families if f in self.functions}
        teams = dict(sorted(self.teams.items(), key=lambda item: (self.team_names[item[0]].casefold(), item[0])))
        function_rest = _rest(self.whole, functions.values())
        hidden_functions = held_back(functions, threshold, function_rest)
        hidden_teams = held_back(teams, threshold, _rest(self.whole, teams.values()))
        data = {
            "indicators": self._indicators(self.whole, threshold),
            "statuses": self._statuses(self.whole),
            "pulse": self._pulse(self.whole),
            "by_function": [self._group({"id": f}, g, f in hidden_functions, threshold, pulse=True)
                            for f, g in functions.items()],
            "by_team": [self._group({"name": self.team_names[t]}, g, t in hidden_teams, threshold, pulse=False)
                        for t, g in teams.items()],
        }
        for dimension in ("by_function", "by_team"):
            complement_indicators(data[dimension], threshold)
        return data, len(hidden_functions) + len(hidden_teams)

    def _indicators(self, group: Group, threshold: int) -> dict[str, dict[str, Any]]:
        found = {}
        for indicator in self.indicator_ids:
            count, of = group.indicators.get(indicator, [0, 0])
            found[indicator] = {"held_back": True} if 0 < of < threshold else {"count": count, "of": of}
        return found

    def _statuses(self, group: Group) -> dict[str, int]:
        return {status: group.statuses[status] for status in self.hub.sheet.statuses}

    def _pulse(self, group: Group) -> dict[str, dict[str, int]]:
        found = {}
        for question in self.counted_questions:
            answers = group.pulse.get(question.id, Counter())
            options = NUMBER_BUCKETS if question.answer_type is AnswerType.NUMBER \
                else self.hub.answer_options(question)
            found[question.id] = {option: answers[option] for option in options}
        return found

    def _group(self, name: dict[str, str], group: Group, hidden: bool, threshold: int, *,
               pulse: bool) -> dict[str, Any]:
        if hidden:
            return {**name, "held_back": True}
        data: dict[str, Any] = {**name, "people": group.people, "responses": group.responses,
                                "indicators": self._indicators(group, threshold),
                                "statuses": self._statuses(group)}
        if pulse:
            data["pulse"] = self._pulse(group)
        return data


def _rest(whole: Group, groups: Any) -> Group:
    """What the total holds beyond the listed groups (people with no function, answers with no team)."""
    listed = Group()
    for group in groups:
        listed.merge(group)
    return Group(people=whole.people - listed.people, responses=whole.responses - listed.responses)


def held_back(groups: dict[str, Group], threshold: int, rest: Group) -> set[str]:
    """The groups to hold back: each too small, then the next smallest until what is hidden is safe.

    Hidden is safe when no group, or at least two, is held back and what the total holds beyond
    the shown groups is none or at least `threshold` people (and responses).
    """
    hidden = {name for name, group in groups.items() if group.too_small(threshold)}

    def safe() -> bool:
        people = rest.people + sum(groups[n].people for n in hidden)
        responses = rest.responses + sum(groups[n].responses for n in hidden)
        enough = (people == 0 or people >= threshold) and (responses == 0 or responses >= threshold)
        return enough and len(hidden) != 1

    by_size = sorted(groups, key=lambda n: (groups[n].people + groups[n].responses, n))
    for name in by_size:
        if safe():
            break
        hidden.add(name)
    return hidden


def complement_indicators(groups: list[dict[str, Any]], threshold: int) -> None:
    """Where one shown group's figure for an indicator is held back, hold back the next smallest too."""
    shown = [g for g in groups if not g.get("held_back")]
    names = {name for g in shown for name in g["indicators"]}
    for name in sorted(names):
        tallies = [g["indicators"][name] for g in shown if name in g["indicators"]]
        held = [t for t in tallies if t.get("held_back")]
        if len(held) != 1 or len(tallies) < 2:
            continue
        others = sorted((t for t in tallies if not t.get("held_back")), key=lambda t: t["of"])
        smallest = others[0]
        smallest.clear()
        smallest["held_back"] = True
