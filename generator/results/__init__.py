"""`learnhub results`: returned tracking sheets and pulse exports, counted into a content file.

A stage of its own, beside `content/` rather than inside it: it reads files from outside the
repository (personal data) and writes one content file of counts, `content/results/<wave>-day.yaml`,
which is then loaded, validated and rendered like every other. Nothing downstream imports it.

    returns.py  which folders and files may be read; located problems
    dates.py    dates typed as text, read only when unambiguous
    read.py     sheets and Forms exports, row by row, into the counts
    count.py    the counts, and which groups are held back
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.model import Hub
from .count import Tallies
from .read import Reader
from .returns import FolderRefused, ReturnError, returned_files

#: Where results files live, relative to the project root.
RESULTS_FOLDER = "content/results"


def results_path(wave: int) -> str:
    """The results file of a wave, relative to the project root."""
    return f"{RESULTS_FOLDER}/{wave}-day.yaml"


@dataclass
class Counted:
    """What counting a folder gave: the file's data and what to say about it."""

    data: dict[str, Any]
    problems: list[ReturnError] = field(default_factory=list)

    @property
    def errors(self) -> list[ReturnError]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[ReturnError]:
        return [p for p in self.problems if p.severity == "warning"]

    def summary(self) -> str:
        d = self.data
        return (f"{d['files']} files, {d['people']} people, {d['teams']} teams, {d['responses']} responses, "
                f"{d['held_back']} groups held back")


def count_returns(root: Path, hub: Hub, folder: Path, wave: int, *, today: dt.date) -> Counted:
    """Read every returned file in `folder` and count the `wave`-day results (raises FolderRefused)."""
    files, problems = returned_files(root, folder)
    if not files:
        problems.append(ReturnError(str(folder), "", 0, "", "", "no .xlsx or .csv file here to count"))
    tallies = Tallies(hub, wave)
    reader = Reader(hub, wave, tallies)
    for path in files:
        reader.read(path)
    threshold = hub.campaign.reporting_threshold
    counts, held = tallies.results(threshold)
    problems = [*problems, *reader.problems, *reader.warnings_for_columns()]
    if tallies.unmatched_teams:
        problems.append(ReturnError(str(folder), "", 0, "", "team", (
            f"{tallies.unmatched_teams} responses name a team that no returned sheet is for; "
            "they count in the whole and by function, not by team"), "warning"))
    data = {
        "wave": wave, "counted": today, "threshold": threshold, "files": len(files),
        "teams": len(tallies.teams), "people": tallies.whole.people, "responses": tallies.whole.responses,
        "held_back": held, **counts,
    }
    return Counted(data, sorted(problems, key=_order))


def _order(problem: ReturnError) -> tuple[str, str, int, int, str]:
    return problem.file, problem.sheet, problem.row, len(problem.column), problem.column


def results_yaml(data: dict[str, Any]) -> str:
    """The results file's text: its schema line for editors, then the counts."""
    from ..content.schema import kind_named, modeline

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, when PyYAML has it: 20 times faster
    body = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
    return f"{modeline(kind_named('results'), results_path(data['wave']))}\n{body}"


__all__ = ["Counted", "FolderRefused", "ReturnError", "count_returns", "results_path", "results_yaml"]
