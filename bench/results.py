"""Returned files for `learnhub results`, made from the hub's own downloads, and the time to count them.

`results_2000_s()` makes 2,000 filled tracking sheets (about 20,000 people) and 20,000 pulse
responses (half a Microsoft Forms xlsx export, half a Google Forms CSV) in a temporary folder, then
times `learnhub results` on them in a fresh process and reports its peak memory too.
Every name here is made up; the files live only in temporary folders.

The tests use the same makers (`fill_tracking_sheet`, `forms_xlsx`, `google_csv`) on small folders.
"""

from __future__ import annotations

import csv
import io
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from generator.content.model import TEAM_LABEL, AnswerType, Hub

ROOT = Path(__file__).resolve().parent.parent

MS_FORMS_COLUMNS = ("ID", "Start time", "Completion time", "Email", "Name")
GOOGLE_FORMS_COLUMNS = ("Timestamp",)


# --- tracking sheets ---------------------------------------------------------------------------


def person_rows(hub: Hub, count: int, rng: random.Random, prefix: str = "Person") -> list[dict[str, Any]]:
    """Made-up rows for a tracking sheet, by column id: some complete, some missing a data point."""
    import datetime as dt

    families = [f.title for f in hub.sheet.role_families]
    rows = []
    for i in range(count):
        row: dict[str, Any] = {
            "employee": f"{prefix} {i + 1}", "role": "Analyst", "role-family": rng.choice(families),
            "focus-skill": "Presenting", "learning-action": "Lead two meetings",
            "manager-support": "Weekly debrief", "target-date": dt.date(2027, 7, 1 + i % 28),
            "status": rng.choice(hub.sheet.statuses), "check-60": "Met" if rng.random() < 0.7 else None,
            "check-90": "Used it" if rng.random() < 0.5 else None,
        }
        if rng.random() < 0.15:
            row["manager-support"] = None
        rows.append(row)
    return rows


def fill_tracking_sheet(hub: Hub, template: Path, out: Path, rows: Sequence[dict[str, Any]],
                        team: str | None = None, keep_examples: bool = True) -> None:
    """The hub's tracking-sheet.xlsx filled in as a manager would: the Team cell and one row per person."""
    book = load_workbook(template)
    if team is not None:
        how_to = book.worksheets[0]
        for (cell,) in how_to.iter_rows(min_col=1, max_col=1):
            if cell.value == TEAM_LABEL:
                how_to.cell(row=cell.row, column=2, value=team)
                break
    sheet = book["Tracking"]
    headers = [c.value for c in sheet[1]]
    if not keep_examples:
        sheet.delete_rows(2, sheet.max_row)
    by_header = {c.header: c.id for c in hub.sheet.columns}
    start = sheet.max_row + 1
    for offset, row in enumerate(rows):
        for index, header in enumerate(headers, start=1):
            value = row.get(by_header.get(header, ""))
            if value is not None:
                sheet.cell(row=start + offset, column=index, value=value)
    book.save(out)


# --- pulse exports -----------------------------------------------------------------------------


def response_rows(hub: Hub, wave: int, count: int, rng: random.Random,
                  teams: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Made-up pulse answers by question id; some leave a question out."""
    rows = []
    for i in range(count):
        row: dict[str, Any] = {}
        for q in hub.measurement.pulse:
            if q.wave != wave or rng.random() < 0.05:
                continue
            kind = q.answer_type
            if kind is AnswerType.TEXT:
                row[q.id] = f"Free text answer {i} that must never be copied"
            elif kind is AnswerType.NUMBER:
                row[q.id] = rng.choice((0, 1, 1, 2, 4))
            elif kind is AnswerType.TEAM:
                if teams and rng.random() < 0.8:
                    row[q.id] = rng.choice(teams)
            else:
                row[q.id] = rng.choice(hub.answer_options(q))
        rows.append(row)
    return rows


def _questions(hub: Hub, wave: int) -> list[Any]:
    return [q for q in hub.measurement.pulse if q.wave == wave]


def forms_xlsx(hub: Hub, wave: int, rows: Sequence[dict[str, Any]], path: Path) -> None:
    """A Microsoft Forms export: ID, Start time, Completion time, Email, Name, then one column per question."""
    import datetime as dt

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    questions = _questions(hub, wave)
    sheet.append([*MS_FORMS_COLUMNS, *[q.question for q in questions]])
    moment = dt.datetime(2027, 7, 20, 9, 0)
    for i, row in enumerate(rows, start=1):
        sheet.append([i, moment, moment + dt.timedelta(minutes=2), f"person{i}@example.org", f"Person {i}",
                      *[row.get(q.id) for q in questions]])
    book.save(path)


def google_csv(hub: Hub, wave: int, rows: Sequence[dict[str, Any]], path: Path) -> None:
    """A Google Forms CSV export: Timestamp, then one column per question."""
    questions = _questions(hub, wave)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*GOOGLE_FORMS_COLUMNS, *[q.question for q in questions]])
    for row in rows:
        writer.writerow(["2027/07/20 9:00:00 AM GMT+1", *["" if row.get(q.id) is None else row[q.id]
                                                          for q in questions]])
    path.write_text(out.getvalue(), encoding="utf-8")


# --- a folder at scale -------------------------------------------------------------------------


def _renamed(data: bytes, names: dict[str, str]) -> bytes:
    """The xlsx with placeholder strings swapped in its cells: a distinct file in a millisecond."""
    out = io.BytesIO()
    pattern = re.compile("|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)))
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename.startswith(("xl/worksheets/", "xl/sharedStrings")):
                content = pattern.sub(lambda m: names[m.group(0)], content.decode()).encode()
            target.writestr(entry, content)
    return out.getvalue()


def make_returns(folder: Path, hub: Hub, template: Path, wave: int = 60, sheets: int = 2000,
                 people: int = 10, responses: int = 20000, seed: int = 15) -> None:
    """`sheets` filled tracking sheets of `people` each and `responses` pulse responses in `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    variants = []
    for v in range(6):
        path = folder / f".variant-{v}.xlsx"
        fill_tracking_sheet(hub, template, path, person_rows(hub, people, rng, prefix=f"P{v}X"), team="TEAMNAME")
        variants.append(path.read_bytes())
        path.unlink()
    teams = [f"Team {i:04d}" for i in range(sheets)]
    for i, team in enumerate(teams):
        names = {"TEAMNAME": team, **{f"P{i % 6}X {n}": f"Person {i:04d}-{n:02d}" for n in range(1, people + 1)}}
        (folder / f"{team}.xlsx").write_bytes(_renamed(variants[i % 6], names))
    half = responses // 2
    forms_xlsx(hub, wave, response_rows(hub, wave, half, rng, teams), folder / "pulse-microsoft-forms.xlsx")
    google_csv(hub, wave, response_rows(hub, wave, responses - half, rng, teams), folder / "pulse-google-forms.csv")


def results_2000_s(root: Path = ROOT, wave: int = 60, sheets: int = 2000,
                   responses: int = 20000) -> dict[str, float | str]:
    """The seconds `learnhub results` takes on 2,000 sheets and 20,000 responses, its peak memory (MB)
    and its summary line. Smaller `sheets` show that memory does not grow with the number of files."""
    import shutil

    from bench.synthetic import copy_engine
    from generator.content.hub import load_hub
    from generator.downloads.sheets import write_tracking_sheet

    hub = load_hub(root, with_results=False).hub
    with tempfile.TemporaryDirectory(prefix="learnhub-results-bench-") as scratch:
        work = Path(scratch)
        project = work / "project"
        copy_engine(project)
        for name in ("content", "prompts"):
            shutil.copytree(root / name, project / name, ignore=shutil.ignore_patterns("results"))
        template = work / "tracking-sheet.xlsx"
        write_tracking_sheet(hub, template)
        make_returns(work / "returns", hub, template, wave=wave, sheets=sheets, responses=responses)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "results",
                                 str(work / "returns"), "--wave", str(wave)],
                                capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if result.returncode != 0:
            raise RuntimeError(f"learnhub results failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return {"results_2000_s": round(seconds, 2), "results_2000_peak_mb": round(max(peak, before) / 1024, 1),
            "results_2000_summary": result.stdout.strip()}


if __name__ == "__main__":
    print(results_2000_s())
