"""Read returned tracking sheets and pulse exports, row by row, into the counts (count.py).

A file is a tracking sheet when one of its sheets has the tracking sheet's header row (found by its
text, so moved, re-cased or extra columns still read), a Microsoft Forms export when a header row
starts `ID ... Completion time`, and a Google Forms export when it starts `Timestamp`. Each row is
checked and handed on at once, so memory does not grow with the number of files. Names, e-mails
and free text are read only as far as a check needs and never kept: the one exception is a
person's name, held (as a key) until the end to warn about someone in two teams' sheets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from python_calamine import CalamineError, CalamineWorkbook

from ..content.model import EXAMPLE_MARK, TEAM_LABEL, AnswerType, Hub, PulseQuestion
from .count import Tallies
from .dates import DateProblem, read_date
from .returns import ReturnError, whole_file

#: A header row is looked for in this many rows at the top of each sheet.
HEADER_ROWS = 20
#: After this many errors in one file, the rest are summed up in one line.
ERRORS_PER_FILE = 25
#: The longest team name read (the Team cell's own check says the same).
TEAM_MAX = 80
#: The dates a target date may take; anything else is almost certainly a typing slip.
DATE_RANGE = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))
#: Microsoft Forms' and Google Forms' own columns, never counted (nor read: they hold e-mails and names).
FORMS_COLUMNS = {"id", "start time", "completion time", "email", "name", "last modified time",
                 "timestamp", "email address", "score", "total points", "language"}
#: What the tracking columns with a check of their own are, by the column id the content gives.
EMPLOYEE, FAMILY, STATUS, DATE = "employee", "role-family", "status", "target-date"

Cell = Any


def key(value: object) -> str:
    """A header or answer as compared: case, spacing and end punctuation do not matter."""
    return " ".join(str(value).split()).casefold().strip(" :?.*")


def text(value: Cell) -> str | None:
    """A cell's text, or None when it is empty."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    found = str(value).strip()
    return found or None


def letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 -> A, 27 -> AB."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass
class Table:
    """One sheet of a file: its rows, and where the first of them stands."""

    file: str
    sheet: str
    rows: Iterable[Sequence[Cell]]
    first_row: int = 1
    first_column: int = 0


class NotASheet(Exception):
    """The file cannot be read as a spreadsheet."""


def tables(path: Path) -> Iterator[Table]:
    """Every sheet of an .xlsx file, or the one table of a .csv file."""
    if path.suffix.lower() == ".csv":
        yield Table(str(path), "csv", _csv_rows(path))
        return
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise NotASheet(f"not a spreadsheet that can be read ({type(exc).__name__}); save it again as .xlsx") from None
    try:
        for name in book.sheet_names:
            try:
                sheet = book.get_sheet_by_name(name)
            except (CalamineError, ValueError):
                continue  # a chart sheet or a macro sheet holds no rows
            start_row, start_column = sheet.start or (0, 0)
            yield Table(str(path), name, sheet.iter_rows(), start_row + 1, start_column)
    finally:
        book.close()


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    if "\0" in content:
        raise NotASheet("not a CSV file (it holds binary data); save it again as .csv or .xlsx")
    try:
        dialect: Any = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(content), dialect))


@dataclass
class Errors:
    """The problems found in one file, capped so a file of bad rows gives a readable list."""

    file: str
    found: list[ReturnError] = field(default_factory=list)
    more: int = 0

    def add(self, sheet: str, row: int, column: int | None, field_name: str, message: str,
            severity: Literal["error", "warning"] = "error") -> None:
        if severity == "error" and sum(1 for e in self.found if e.severity == "error") >= ERRORS_PER_FILE:
            self.more += 1
            return
        where = letter(column) if column is not None else ""
        self.found.append(ReturnError(self.file, sheet, row, where, field_name, message, severity))

    def all(self) -> list[ReturnError]:
        if self.more:
            return [*self.found, whole_file(self.file, f"and {self.more} more errors in this file")]
        return self.found


@dataclass
class Person:
    """Where a person's row stood: to say where else they appear, without saying who."""

    team: str
    file: str
    sheet: str
    row: int


class Reader:
    """Reads returned files for one wave into `tallies`, collecting located problems."""

    def __init__(self, hub: Hub, wave: int, tallies: Tallies) -> None:
        self.hub, self.wave, self.tallies = hub, wave, tallies
        sheet = hub.sheet
        self.columns = {key(c.header): c.id for c in sheet.columns}
        self.headers = {c.id: c.header for c in sheet.columns}
        self.families = {key(f.title): f.id for f in sheet.role_families} | {
            key(f.id): f.id for f in sheet.role_families}
        self.statuses = {key(s): s for s in sheet.statuses}
        self.filled = tallies.filled_columns
        # the same question may be asked at both waves: this wave's comes first
        self.questions: dict[str, PulseQuestion] = {}
        self.waves: dict[str, set[int]] = {}
        for q in sorted(hub.measurement.pulse, key=lambda q: q.wave != wave):
            self.questions.setdefault(key(q.question), q)
            self.waves.setdefault(key(q.question), set()).add(q.wave)
        self.options = {q.id: {key(o): o for o in hub.answer_options(q)} for q in hub.measurement.pulse}
        self.people: dict[str, Person] = {}
        self.problems: list[ReturnError] = []
        self.files = 0
        self.unknown_columns: dict[str, tuple[ReturnError, int]] = {}

    # --- files ---------------------------------------------------------------------------------

    def read(self, path: Path) -> None:
        """Read one file: a tracking sheet or a pulse export."""
        errors = Errors(str(path))
        self.files += 1
        team_cell: tuple[str, Table, int] | None = None
        try:
            for table in tables(path):
                rows = iter(table.rows)
                kind, number, header, team = self._header(table, rows)
                team_cell = team or team_cell
                if kind is None:
                    continue
                if kind == "tracking":
                    self._tracking(path, table, rows, number, header, team_cell, errors)
                else:
                    self._responses(table, rows, number, header, errors)
                break
            else:
                errors.add("", 0, None, "", "no sheet here has the tracking sheet's header row (Employee, Role "
                           "family, Status, ...) or a Forms export's (ID ... Completion time, or Timestamp)")
        except NotASheet as exc:
            errors.found.append(whole_file(str(path), str(exc)))
        self.problems.extend(errors.all())

    def _header(self, table: Table, rows: Iterator[Sequence[Cell]]
                ) -> tuple[str | None, int, list[str], tuple[str, Table, int] | None]:
        """The kind of the table's header row (None: it has none), its number and its cells' keys;
        also a Team cell above it, if any."""
        team = None
        for offset, row in zip(range(HEADER_ROWS), rows, strict=False):
            number = table.first_row + offset
            cells = [key(c) if text(c) is not None else "" for c in row]
            filled = [c for c in cells if c]
            if not filled:
                continue
            if filled[0] == key(TEAM_LABEL) and len(filled) > 1:
                index = next(i for i, c in enumerate(cells) if c == key(TEAM_LABEL))
                value = next(text(c) for c in row[index + 1:] if text(c) is not None)
                team = (value, table, number)
                continue
            ids = {self.columns.get(c) for c in cells}
            if {EMPLOYEE, STATUS} <= ids:
                return "tracking", number, cells, team
            if filled[0] == "id" and "completion time" in cells or filled[0] == "timestamp":
                return "forms", number, cells, team
        return None, 0, [], team

    # --- tracking sheets -----------------------------------------------------------------------

    def _tracking(self, path: Path, table: Table, rows: Iterator[Sequence[Cell]], header_row: int,
                  header: list[str], team_cell: tuple[str, Table, int] | None, errors: Errors) -> None:
        where: dict[str, int] = {}
        for index, cell in enumerate(header):
            column_id = self.columns.get(cell)
            if column_id is not None and column_id not in where:
                where[column_id] = index
            elif cell:
                self._unknown_column(table, header_row, index, cell)
        for needed in (FAMILY, *sorted(self.filled)):
            if needed not in where:
                errors.add(table.sheet, header_row, None, self.headers[needed],
                           f"the header row has no '{self.headers[needed]}' column, which the results count")
        team = self._team(path, team_cell, errors)
        if team is None:
            return
        team_key, team_name = team
        self.tallies.team(team_key, team_name)
        for offset, row in enumerate(rows, start=1):
            self._person(table, header_row + offset, row, where, team_key, team_name, errors)

    def _team(self, path: Path, cell: tuple[str, Table, int] | None,
              errors: Errors) -> tuple[str, str] | None:
        """The team a sheet is for: its Team cell, or else the file's name."""
        if cell is not None:
            name, table, row = cell
        else:
            name, table, row = path.stem.strip(), None, 0
            if key(name).startswith("tracking-sheet"):
                errors.add("", 0, None, TEAM_LABEL, "the team is not named: write it in the Team cell on the "
                           "first sheet, or name the file after the team")
                return None
        name = " ".join(name.split())
        if len(name) > TEAM_MAX:
            errors.add(table.sheet if table else "", row, None, TEAM_LABEL,
                       f"a team's name may be up to {TEAM_MAX} characters")
            return None
        return key(name), name

    def _person(self, table: Table, number: int, row: Sequence[Cell], where: dict[str, int],
                team_key: str, team_name: str, errors: Errors) -> None:
        def cell(column_id: str) -> tuple[Cell, int | None]:
            index = where.get(column_id)
            return (row[index] if index is not None and index < len(row) else None), index

        if all(text(c) is None for c in row):
            return
        employee, employee_at = cell(EMPLOYEE)
        name = text(employee)
        if name is not None and name.casefold().endswith(EXAMPLE_MARK):
            return
        family, family_bad = self._one_of(table, number, *cell(FAMILY), FAMILY, self.families,
                                          [f.title for f in self.hub.sheet.role_families], errors)
        status, status_bad = self._one_of(table, number, *cell(STATUS), STATUS, self.statuses,
                                          self.hub.sheet.statuses, errors)
        bad = family_bad or status_bad
        filled = {c for c in self.filled if c != DATE and text(cell(c)[0]) is not None}
        date_value, date_at = cell(DATE)
        if date_at is not None and text(date_value) is not None:
            problem = self._date_problem(date_value)
            if problem:
                bad = True
                errors.add(table.sheet, number, self._col(table, date_at), self.headers[DATE], problem)
            else:
                filled.add(DATE)
        if bad:
            return
        if name is not None:
            self._seen(key(name), Person(team_name, table.file, table.sheet, number),
                       self._col(table, employee_at), errors)
        self.tallies.person(team_key, family, status, frozenset(filled))

    def _one_of(self, table: Table, number: int, value: Cell, at: int | None, column_id: str,
                allowed: dict[str, str], listed: list[str], errors: Errors) -> tuple[str | None, bool]:
        """A cell's value from a list (None when empty), and whether it was a mistake."""
        if text(value) is None:
            return None, False
        found = allowed.get(key(value))
        if found is None:
            errors.add(table.sheet, number, self._col(table, at), self.headers[column_id],
                       f"not one of {', '.join(listed)}")
        return found, found is None

    def _date_problem(self, value: Cell) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            first, last = DATE_RANGE
            return None if first <= value <= last else f"{value.isoformat()} is not a likely target date"
        if isinstance(value, (int, float)):
            return f"{text(value)} is a number, not a date; write it as 2027-06-30 or 30 June 2027"
        try:
            read_date(str(value))
        except DateProblem as exc:
            return str(exc)
        return None

    def _seen(self, name_key: str, person: Person, column: int | None, errors: Errors) -> None:
        """Warn (without naming anyone) when a name is already in a sheet."""
        first = self.people.setdefault(name_key, person)
        if first is person:
            return
        also = "the same team's sheet" if first.team == person.team else f"team {first.team}'s sheet"
        errors.add(person.sheet, person.row, column, self.headers[EMPLOYEE],
                   f"this person is also in {also} ({first.file}:{first.sheet}:{first.row}); counted in both",
                   severity="warning")

    # --- pulse exports -------------------------------------------------------------------------

    def _responses(self, table: Table, rows: Iterator[Sequence[Cell]], header_row: int, header: list[str],
                   errors: Errors) -> None:
        asked: dict[int, PulseQuestion] = {}
        waves: set[int] = set()  # the waves of the questions only one wave asks
        for index, cell in enumerate(header):
            question = self.questions.get(cell)
            if question is not None and len(self.waves[cell]) == 1:
                waves |= self.waves[cell]
            if question is not None and question.wave == self.wave:
                asked[index] = question
            elif question is None and cell and cell not in FORMS_COLUMNS:
                self._unknown_column(table, header_row, index, cell)
        if self.wave not in waves:
            found = " and ".join(f"the {w}-day pulse" for w in sorted(waves)) or "no pulse question"
            errors.add(table.sheet, header_row, None, "",
                       f"this export asks {found}; it cannot be counted in the {self.wave}-day results")
            return
        for offset, row in enumerate(rows, start=1):
            self._response(table, header_row + offset, row, asked, errors)

    def _response(self, table: Table, number: int, row: Sequence[Cell], asked: dict[int, PulseQuestion],
                  errors: Errors) -> None:
        if all(text(c) is None for c in row):
            return
        answers: dict[str, str | int] = {}
        family = team = None
        bad = False
        for index, question in asked.items():
            value = text(row[index]) if index < len(row) else None
            if value is None or question.answer_type is AnswerType.TEXT:
                continue  # free text is never read
            if question.answer_type is AnswerType.TEAM:
                team = key(value)
                continue
            answer = self._answer(question, value)
            if answer is None:
                bad = True
                errors.add(table.sheet, number, self._col(table, index), question.id,
                           self._expected(question))
            elif question.answer_type is AnswerType.FUNCTION:
                family = str(answer)
            else:
                answers[question.id] = answer
        if not bad:
            self.tallies.response(family, team, answers)

    def _answer(self, question: PulseQuestion, value: str) -> str | int | None:
        if question.answer_type is AnswerType.NUMBER:
            number = value.removesuffix(".0")
            return int(number) if number.isdigit() and int(number) <= 1000 else None
        if question.answer_type is AnswerType.FUNCTION:
            return self.families.get(key(value))
        return self.options[question.id].get(key(value))

    def _expected(self, question: PulseQuestion) -> str:
        if question.answer_type is AnswerType.NUMBER:
            return "not a whole number from 0 to 1000"
        return f"not one of the answers: {', '.join(self.hub.answer_options(question))}"

    # --- shared --------------------------------------------------------------------------------

    def _col(self, table: Table, index: int | None) -> int | None:
        return None if index is None else table.first_column + index

    def _unknown_column(self, table: Table, row: int, index: int, header: str) -> None:
        """One warning per unknown header across all files, with how many files have it."""
        if header in self.unknown_columns:
            first, times = self.unknown_columns[header]
            self.unknown_columns[header] = (first, times + 1)
            return
        warning = ReturnError(table.file, table.sheet, row, letter(self._col(table, index) or 0), "",
                              f"unknown column '{header}' is not counted", "warning")
        self.unknown_columns[header] = (warning, 1)

    def warnings_for_columns(self) -> list[ReturnError]:
        found = []
        for warning, times in self.unknown_columns.values():
            more = f" (and in {times - 1} more files)" if times > 1 else ""
            found.append(ReturnError(warning.file, warning.sheet, warning.row, warning.column, warning.field,
                                     warning.message + more, "warning"))
        return found
