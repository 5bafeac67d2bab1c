"""sheets.py: the tracking workbook, its CSV twin and the pulse survey, read back as a manager's tools would.

Most tests read the files with openpyxl and csv; the LibreOffice tests prove the workbook opens in a
real spreadsheet and that the Summary's formulas count what managers type.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from generator.downloads import sheets
from generator.content.hub import load_hub
from generator.content.model import Hub

from .conftest import FIXTURES, learnhub
from .test_validate import edit
from .tools import need

SEED_HEADERS = ["Employee", "Role", "Focus skill", "Learning action", "Manager support", "Target date",
                "Status"]
ISSUE_HEADERS = ["Employee", "Role", "Role family", "Focus skill", "Learning action", "Manager support",
                 "Target date", "Status", "60-day check", "90-day check"]


@pytest.fixture(scope="module")
def xlsx(tiny_hub: Hub, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sheets") / "tracking-sheet.xlsx"
    sheets.write_tracking_sheet(tiny_hub, path)
    return path


@pytest.fixture(scope="module")
def book(xlsx: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(xlsx)


def column_letter(tiny_hub: Hub, column_id: str) -> str:
    index = next(i for i, c in enumerate(tiny_hub.sheet.columns) if c.id == column_id)
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def header(ws: Worksheet) -> list[str]:
    return [cell.value for cell in ws[1]]


# --- the workbook ------------------------------------------------------------------------------


def test_the_workbook_has_how_to_use_tracking_and_summary(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["How to use", "Tracking", "Summary"]


def test_tracking_columns_are_the_yaml_columns_in_order(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    headers = header(book["Tracking"])
    assert headers == [c.header for c in tiny_hub.sheet.columns]
    assert headers == ISSUE_HEADERS
    assert [h for h in headers if h in SEED_HEADERS] == SEED_HEADERS


def test_header_row_is_frozen_and_styled(book: openpyxl.Workbook) -> None:
    ws = book["Tracking"]
    assert ws.freeze_panes == "B2"  # the header row, and each person's name while scrolling right
    assert all(cell.font.bold for cell in ws[1])
    assert ws.print_title_rows == "$1:$1"


def test_tracking_is_an_excel_table_over_every_column(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    ws = book["Tracking"]
    table = ws.tables[sheets.TABLE_NAME]
    last = column_letter(tiny_hub, tiny_hub.sheet.columns[-1].id)
    assert table.ref == f"A1:{last}{sheets.LAST_ROW}"
    assert [c.name for c in table.tableColumns] == header(ws)
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref


def validation_for(ws: Worksheet, cell: str) -> openpyxl.worksheet.datavalidation.DataValidation:
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{len(found)} validations cover {cell}"
    return found[0]


def test_status_is_a_dropdown_of_the_yaml_statuses(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    ws = book["Tracking"]
    col = column_letter(tiny_hub, "status")
    for row in (2, 50, sheets.LAST_ROW):
        dv = validation_for(ws, f"{col}{row}")
        assert dv.type == "list"
        assert dv.formula1 == '"' + ",".join(tiny_hub.sheet.statuses) + '"'
        assert dv.errorStyle == "stop" and dv.showErrorMessage


def test_role_family_is_a_dropdown_of_the_yaml_families(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    dv = validation_for(book["Tracking"], f"{column_letter(tiny_hub, 'role-family')}7")
    assert dv.type == "list"
    assert dv.formula1 == '"' + ",".join(f.title for f in tiny_hub.sheet.role_families) + '"'


def test_target_date_is_validated_and_formatted_as_a_date(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    ws = book["Tracking"]
    col = column_letter(tiny_hub, "target-date")
    dv = validation_for(ws, f"{col}9")
    assert dv.type == "date" and dv.operator == "between"
    assert dv.errorStyle == "stop" and dv.showErrorMessage
    assert ws.column_dimensions[col].number_format == sheets.DATE_FORMAT
    for row, sample in enumerate(tiny_hub.sheet.samples, start=2):
        cell = ws[f"{col}{row}"]
        assert cell.is_date and cell.number_format == sheets.DATE_FORMAT
        assert cell.value.date() == sample.target_date


def test_long_headers_and_lists_stay_within_excel_message_limits(tiny: Path, tmp_path: Path) -> None:
    long_header = "Status of the learning action as the manager and the person agree it"
    edit(tiny, "content/sheet.yaml", "header: Status,", f"header: {long_header},")
    edit(tiny, "content/sheet.yaml", "title: Sales}", "title: Family number 5 with a long name}")
    for i in range(5):  # the list stays under 255 characters; "Pick one of: ..." does not
        edit(tiny, "content/sheet.yaml", "role_families:\n", f"role_families:\n  - {{id: f{i}, title: Family "
             f"number {i} with a long name}}\n")
        edit(tiny, "content/sheet.yaml", "samples:\n", f"samples:\n  - {{role_family: f{i}, employee: E{i}, "
             f"role: R, focus_skill: F, learning_action: L, manager_support: M, target_date: 2027-06-30, "
             f"status: Done}}\n")
    path = tmp_path / "long.xlsx"
    sheets.write_tracking_sheet(load_hub(tiny).hub, path)
    for dv in openpyxl.load_workbook(path)["Tracking"].data_validations.dataValidation:
        assert len(dv.promptTitle) <= 32 and len(dv.errorTitle) <= 32
        assert len(dv.prompt) <= 255 and len(dv.error) <= 225


def test_free_text_columns_have_no_validation(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    ws = book["Tracking"]
    for column_id in ("employee", "learning-action", "check-60"):
        cell = f"{column_letter(tiny_hub, column_id)}3"
        assert not [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def test_widths_are_the_yaml_widths_and_text_wraps(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    ws = book["Tracking"]
    for column in tiny_hub.sheet.columns:
        letter = column_letter(tiny_hub, column.id)
        assert ws.column_dimensions[letter].width == column.width
        assert ws[f"{letter}2"].alignment.wrap_text
    assert all(ws.row_dimensions[r].height for r in range(1, 2 + len(tiny_hub.sheet.samples)))


def test_one_example_row_per_role_family(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    ws = book["Tracking"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    samples = [r for r in rows if any(v is not None for v in r)]
    titles = {f.title for f in tiny_hub.sheet.role_families}
    family_col = [c.id for c in tiny_hub.sheet.columns].index("role-family")
    assert sorted(r[family_col] for r in samples) == sorted(titles)
    for row, sample in zip(samples, tiny_hub.sheet.samples, strict=True):
        assert row[0].endswith("(example)")
        assert row[[c.id for c in tiny_hub.sheet.columns].index("learning-action")] == sample.learning_action
        assert row[[c.id for c in tiny_hub.sheet.columns].index("status")] == sample.status
    assert ws["A2"].font.italic


@pytest.mark.parametrize(("name", "shown"), [
    ("Alex", "Alex (example)"),
    ("Alex (example)", "Alex (example)"),
    ("Alex (Example)", "Alex (Example)"),
])
def test_example_rows_are_marked_once(name: str, shown: str) -> None:
    assert sheets.example_name(name) == shown


def test_summary_counts_statuses_and_check_ins_per_role_family(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    ws = book["Summary"]
    heads = [c.value for c in ws[4]]
    assert heads == ["Role family", "People", *tiny_hub.sheet.statuses, "60-day check done", "90-day check done"]
    families = [ws.cell(row=5 + i, column=1).value for i in range(len(tiny_hub.sheet.role_families) + 1)]
    assert families == [f.title for f in tiny_hub.sheet.role_families] + ["All role families"]
    status = column_letter(tiny_hub, "status")
    check60 = column_letter(tiny_hub, "check-60")
    first = [c.value for c in ws[5]]
    assert all(isinstance(v, str) and v.startswith("=COUNTIFS(") for v in first[1:])
    assert f"'Tracking'!${status}$2:${status}${sheets.LAST_ROW},C$4" in first[2]
    assert f"'Tracking'!${check60}$2:${check60}${sheets.LAST_ROW},\"<>\"" in first[-2]
    assert all('"<>*(example)"' in v and "$A5" in v for v in first[1:])
    total = [c.value for c in ws[5 + len(tiny_hub.sheet.role_families)]]
    assert not any(re.search(r"\$A\d", v) for v in total[1:])  # counts every row, whatever its family


def test_how_to_use_explains_columns_statuses_and_follow_ups(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    text = "\n".join(str(c.value) for row in book["How to use"].iter_rows() for c in row if c.value)
    for column in tiny_hub.sheet.columns:
        assert column.description in text
    assert ", ".join(tiny_hub.sheet.statuses) in text
    assert "Tuesday 20 July 2027" in text  # Friday 21 May + 60 days
    assert "Thursday 19 August 2027" in text  # + 90 days
    for point in tiny_hub.playbook.data_points:
        assert point.title in text


def test_workbook_properties_carry_the_build_date(tiny_hub: Hub, book: openpyxl.Workbook) -> None:
    built = dt.datetime.combine(tiny_hub.build_date, dt.time())
    assert book.properties.created == built
    assert book.properties.modified == built
    assert book.properties.creator == tiny_hub.campaign.organisation


def test_same_content_gives_the_same_bytes(tiny_hub: Hub, xlsx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later = time.time() + 3 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    again = sheets.workbook_bytes(sheets.tracking_workbook(tiny_hub))
    assert again == xlsx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert {info.date_time for info in archive.infolist()} == {sheets.ZIP_TIME}


def test_source_date_epoch_sets_the_workbook_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 15 January 2027
    first = sheets.workbook_bytes(sheets.tracking_workbook(load_hub(FIXTURES / "tiny").hub))
    second = sheets.workbook_bytes(sheets.tracking_workbook(load_hub(FIXTURES / "tiny").hub))
    assert first == second
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.properties.created == dt.datetime(2027, 1, 15)


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("", 10, 1),
    ("short", 10, 1),
    ("two words here", 10, 2),
    ("a" * 25, 10, 3),
])
def test_wrapped_lines(text: str, width: float, lines: int) -> None:
    assert sheets.wrapped_lines(text, width / sheets.CHARS_PER_WIDTH) == lines


# --- the CSV files -----------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_tracking_csv_has_the_columns_and_samples_with_a_bom(tiny_hub: Hub, tmp_path: Path) -> None:
    path = tmp_path / "tracking-sheet.csv"
    sheets.write_tracking_csv(tiny_hub, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = read_csv(path)
    assert rows[0] == [c.header for c in tiny_hub.sheet.columns]
    assert len(rows) == 1 + len(tiny_hub.sheet.samples)
    date_col = [c.id for c in tiny_hub.sheet.columns].index("target-date")
    for row, sample in zip(rows[1:], tiny_hub.sheet.samples, strict=True):
        assert row[0] == sheets.example_name(sample.employee)
        assert row[date_col] == sample.target_date.isoformat()


def test_tracking_csv_keeps_accents(tiny: Path, tmp_path: Path) -> None:
    edit(tiny, "content/sheet.yaml", "employee: Alex (example)", "employee: Zoë Ångström (example)")
    path = tmp_path / "tracking-sheet.csv"
    sheets.write_tracking_csv(load_hub(tiny).hub, path)
    assert "Zoë Ångström (example)".encode() in path.read_bytes()
    assert read_csv(path)[1][0] == "Zoë Ångström (example)"


def test_pulse_csv_lists_every_question_by_wave(tiny_hub: Hub, tmp_path: Path) -> None:
    path = tmp_path / "pulse-survey.csv"
    sheets.write_pulse_csv(tiny_hub, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(path)
    assert rows[0] == ["id", "wave", "question", "answer_type", "options"]
    assert [r[0] for r in rows[1:]] == [q.id for q in sorted(tiny_hub.measurement.pulse, key=lambda q: q.wave)]
    by_id = {r[0]: r for r in rows[1:]}
    for q in tiny_hub.measurement.pulse:
        assert by_id[q.id][1:4] == [str(q.wave), q.question, q.answer_type.value]
        assert by_id[q.id][4].split(sheets.OPTION_SEPARATOR) == (q.options or [""])


# --- the rules that keep the sheet sound -------------------------------------------------------

RULE_CASES = [
    pytest.param("  - {id: role, header: Role, description: Job title.}\n", "",
                 "content/sheet.yaml:3:3: columns: the tracking sheet needs a column with id 'role' "
                 "for the sample rows' role", id="sample-field-without-column"),
    pytest.param("follow_up: day-60}", "follow_up: day-6}",
                 "content/sheet.yaml:11:91: columns[8].follow_up: unknown follow-up (see playbook "
                 "follow_ups) 'day-6' (did you mean 'day-60'?)", id="unknown-follow-up"),
    pytest.param("  - {id: sales, title: Sales}\n", "  - {id: sales, title: Sales}\n  - {id: legal, title: Legal}\n",
                 "content/sheet.yaml:19:5: role_families[4]: role family 'legal' has no sample row",
                 id="family-without-sample"),
    pytest.param("statuses: [Not started, In progress, Done]", "statuses: [Not started, 'In progress, late', Done]",
                 "content/sheet.yaml:13:25: statuses[1]: a dropdown choice may not contain a comma or a "
                 "double quote", id="comma-in-status"),
    pytest.param("header: Status,", "header: ROLE,",
                 "content/sheet.yaml:10:26: columns[7].header: duplicate column header 'ROLE' "
                 "(first used in content/sheet.yaml:4)", id="duplicate-header"),
]


@pytest.mark.parametrize(("old", "new", "expected"), RULE_CASES)
def test_sheet_mistakes_are_located(tiny: Path, old: str, new: str, expected: str) -> None:
    edit(tiny, "content/sheet.yaml", old, new)
    result = learnhub(tiny, "validate")
    assert result.returncode == 1
    assert expected in result.stderr.splitlines(), result.stderr


# --- LibreOffice: it opens, and the Summary counts -----------------------------------------------


def libreoffice(workdir: Path, source: Path, target: str) -> subprocess.CompletedProcess[str]:
    """Convert `source` headless with a profile of its own (so it never meets a running office)."""
    office = need("libreoffice", "the spreadsheet must open in LibreOffice (libreoffice-calc-nogui)")
    profile = workdir / "profile"
    return subprocess.run(
        [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(workdir), str(source)],
        capture_output=True, text=True, timeout=180, check=False)


def csv_of_sheet(sheet_number: int) -> str:
    """LibreOffice's CSV filter: comma, quote, UTF-8, first line as is, only sheet `sheet_number`."""
    return f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,{sheet_number}"


def test_libreoffice_opens_the_workbook_and_reads_the_samples(tiny_hub: Hub, xlsx: Path, tmp_path: Path) -> None:
    result = libreoffice(tmp_path, xlsx, "pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "tracking-sheet.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    result = libreoffice(tmp_path, xlsx, csv_of_sheet(2))
    assert result.returncode == 0, result.stderr
    rows = read_csv(tmp_path / "tracking-sheet-Tracking.csv")
    assert rows[0] == [c.header for c in tiny_hub.sheet.columns]
    assert [r[0] for r in rows[1:] if r[0]] == [sheets.example_name(s.employee) for s in tiny_hub.sheet.samples]
    assert rows[1][[c.id for c in tiny_hub.sheet.columns].index("target-date")] == "30 Jun 2027"


def test_summary_formulas_count_what_managers_type(tiny_hub: Hub, tmp_path: Path) -> None:
    wb = sheets.tracking_workbook(tiny_hub)
    ws = wb["Tracking"]
    ids = [c.id for c in tiny_hub.sheet.columns]
    typed = [
        {"employee": "Ana", "role-family": "Customer support", "status": "Done", "check-60": "Went well"},
        {"employee": "Bo", "role-family": "Engineering", "status": "In progress"},
        {"employee": "Cy", "role-family": "Engineering", "status": "Done", "check-60": "ok", "check-90": "ok"},
        {"employee": "Dee (example)", "role-family": "Engineering", "status": "Done"},  # not counted
    ]
    for offset, values in enumerate(typed):
        for column_id, value in values.items():
            ws.cell(row=2 + len(tiny_hub.sheet.samples) + offset, column=1 + ids.index(column_id), value=value)
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(sheets.workbook_bytes(wb))
    result = libreoffice(tmp_path, filled, csv_of_sheet(3))
    assert result.returncode == 0, result.stderr
    rows = {r[0]: r[1:] for r in read_csv(tmp_path / "filled-Summary.csv") if r and r[0]}
    # People, Not started, In progress, Done, 60-day check done, 90-day check done
    assert rows["Customer support"] == ["1", "0", "0", "1", "1", "0"]
    assert rows["Engineering"] == ["2", "0", "1", "1", "1", "1"]
    assert rows["Operations"] == ["0", "0", "0", "0", "0", "0"]
    assert rows["All role families"] == ["3", "0", "1", "2", "2", "1"]
