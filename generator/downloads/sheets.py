"""The tracking sheet (xlsx and csv) and the pulse survey (csv), written from the model.

The workbook has three sheets: "How to use", "Tracking" (an Excel table with dropdowns, a date
check and a frozen header, pre-filled with one example row per role family) and "Summary" (formulas
that count statuses and check-ins per role family, skipping the example rows). Everything in it
comes from `content/sheet.yaml`, the playbook's data points and follow-ups, and the campaign.
The file is byte-identical for the same content and build date (see `workbook_bytes`).
Content is always text in both formats: a value that starts like a formula never runs as one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..content.model import EXAMPLE_MARK, TEAM_LABEL, Column, Hub, SampleRow

HOW_TO = "How to use"
TRACKING = "Tracking"
SUMMARY = "Summary"
TABLE_NAME = "LearningPlans"

#: The last row the table, its dropdowns, date check and the Summary's formulas cover (500 people).
LAST_ROW = 501
#: What spreadsheet programs read as the start of a formula (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "d mmm yyyy"
#: The dates a target date may take; anything else is almost certainly a typing slip.
DATE_RANGE = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))
#: Zip entries carry this time so that the same workbook gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

#: The font every cell uses: Excel's default, which LibreOffice maps to the metric-compatible Carlito.
FONT = "Calibri"
#: Points per line of 11-point text, for the row heights the viewers do not all work out themselves.
LINE_HEIGHT = 15
#: Characters of ordinary text that fit in one unit of column width (a unit is one "0").
CHARS_PER_WIDTH = 1.1
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
PLAIN = Font(name=FONT)
EXAMPLE_FONT = Font(name=FONT, italic=True, color="595959")
EXAMPLE_FILL = PatternFill("solid", start_color="F3F3F3")
HEADING_FONT = Font(name=FONT, bold=True, size=14)
TITLE_FONT = Font(name=FONT, bold=True, size=16)
BOLD = Font(name=FONT, bold=True)
LABEL_FILL = PatternFill("solid", start_color="E8EAF6")
THIN = Side(style="thin", color="BDBDBD")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

#: The longest team name the Team cell (TEAM_LABEL, on the How to use sheet) takes.
TEAM_MAX = 80
TEAM_FILL = PatternFill("solid", start_color="FFF8E1")

#: How the workbook works; the content's own words (columns, statuses, data points) follow it.
STEPS = (
    ("Write your team's name in the Team cell above, then add one row per person on the Tracking "
     "sheet after the first conversation, and fill it in as the week goes on."),
    ("Pick Status and Role family from the dropdown in the cell. Type Target date as a date "
     "(for example 30/06/2027); anything else is refused."),
    ("The rows whose Employee ends in (example) show the kind of thing to write. They are never "
     "counted; delete them whenever you like."),
    ("At each follow-up, write what changed in its column. The Summary sheet counts people, "
     "statuses and check-ins by role family as you type."),
    ("Filter and sort with the arrows in the header row. Keep the file in your team's shared "
     "drive so that your HR Business Partner can collect it; no new tool is needed."),
)


class Kind(Enum):
    """What a column holds, which decides its check and format."""

    TEXT = "text"
    DATE = "date"
    STATUS = "status"
    FAMILY = "role family"
    CHECK = "check-in"


def column_kind(column: Column) -> Kind:
    """A column's kind: from its follow-up, or from the sample-row field its id names."""
    if column.follow_up:
        return Kind.CHECK
    return {"target-date": Kind.DATE, "status": Kind.STATUS, "role-family": Kind.FAMILY}.get(
        column.id, Kind.TEXT)


def example_name(name: str) -> str:
    """A sample row's employee, marked as an example (once) so nobody takes it for a person."""
    return name if name.casefold().endswith(EXAMPLE_MARK) else f"{name} {EXAMPLE_MARK}"


def sample_value(hub: Hub, row: SampleRow, column: Column) -> str | dt.date | None:
    """What a sample row shows in a column: its field of the same name, or nothing."""
    name = column.id.replace("-", "_")
    if name == "employee":
        return example_name(row.employee)
    if name == "role_family":
        return family_titles(hub)[row.role_family]
    value = getattr(row, name, None) if name in SampleRow.model_fields else None
    return value if isinstance(value, str | dt.date) else None


def family_titles(hub: Hub) -> dict[str, str]:
    return {f.id: f.title for f in hub.sheet.role_families}


def sample_rows(hub: Hub) -> list[list[str | dt.date | None]]:
    """Every sample row's cells, in column order."""
    return [[sample_value(hub, row, c) for c in hub.sheet.columns] for row in hub.sheet.samples]


# --- the workbook ------------------------------------------------------------------------------


def tracking_workbook(hub: Hub) -> Workbook:
    """The tracking workbook: How to use, Tracking and Summary sheets."""
    wb = Workbook()
    how_to = wb.active
    assert how_to is not None
    how_to.title = HOW_TO
    tracking = wb.create_sheet(TRACKING)
    summary = wb.create_sheet(SUMMARY)
    _fill_tracking(hub, tracking)
    _fill_summary(hub, summary)
    _fill_how_to(hub, how_to)
    # every cell that holds content; the Summary's own counting formulas are the only others
    for cells in (*tracking.iter_rows(), *how_to.iter_rows(), summary[1], summary[2], summary[4],
                  *summary.iter_rows(min_col=1, max_col=1)):
        keep_text(cells)
    created = dt.datetime.combine(hub.build_date, dt.time())
    wb.properties.title = f"{hub.campaign.hub_title}: tracking sheet"
    wb.properties.creator = hub.campaign.organisation
    wb.properties.lastModifiedBy = hub.campaign.organisation
    wb.properties.created = created
    wb.properties.modified = created
    wb.calculation.fullCalcOnLoad = True
    return wb


def keep_text(cells: Iterable[Cell]) -> None:
    """Content stays text: openpyxl stores any string that starts with = as a formula."""
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"


def _fill_tracking(hub: Hub, ws: Worksheet) -> None:
    columns = hub.sheet.columns
    ws.append([c.header for c in columns])
    for cells in sample_rows(hub):
        ws.append(cells)
    last_col = get_column_letter(len(columns))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        kind = column_kind(column)
        dims = ws.column_dimensions[letter]
        align = WRAP_LEFT if kind is Kind.DATE else WRAP
        dims.width = column.width
        dims.alignment = align
        dims.font = PLAIN
        if kind is Kind.DATE:
            dims.number_format = DATE_FORMAT
        for (cell,) in ws.iter_rows(min_row=2, max_row=1 + len(hub.sheet.samples),
                                    min_col=index, max_col=index):
            cell.alignment = align
            cell.font = EXAMPLE_FONT
            cell.fill = EXAMPLE_FILL
            if kind is Kind.DATE:
                cell.number_format = DATE_FORMAT
        check = _validation(hub, column, kind)
        if check is not None:
            check.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(check)
    header_font = Font(name=FONT, bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", start_color=hub.campaign.pack.primary_colour.removeprefix("#"))
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    _fit_rows(ws, [c.width for c in columns], range(1, 2 + len(hub.sheet.samples)))
    ws.freeze_panes = "B2"
    table = Table(displayName=TABLE_NAME, ref=f"A1:{last_col}{LAST_ROW}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.sheet_view.zoomScale = 100
    # on paper: two landscape pages wide, with the header row and each person's name on every page
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:A"
    _print_wide(ws, pages=2)


def _print_wide(ws: Worksheet, pages: int = 1) -> None:
    """Print on landscape pages, `pages` wide and as long as it needs."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = pages
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped at word breaks in a column `width` characters wide."""
    room = max(int(width * CHARS_PER_WIDTH), 1)
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if not used else used + 1 + len(word)
        if need <= room or not used:
            used = need
        else:
            lines, used = lines + 1, len(word)
        while used > room:
            lines, used = lines + 1, used - room
    return lines


def _fit_rows(ws: Worksheet, widths: Sequence[float | None], rows: Iterable[int]) -> None:
    """Set the rows' heights to show their wrapped text: not every viewer fits rows on opening."""
    for row in rows:
        lines = 1
        for cell, width in zip(ws[row], widths, strict=False):
            if isinstance(cell.value, str) and cell.alignment.wrap_text and width:
                lines = max(lines, wrapped_lines(cell.value, width))
        ws.row_dimensions[row].height = lines * LINE_HEIGHT + 3


#: Excel's limits on a cell check's messages; longer ones make it "repair" the file on opening.
TITLE_MAX, PROMPT_MAX, ERROR_MAX = 32, 255, 225


def _messages(check: DataValidation, title: str, prompt: str, error: str, *, strict: bool) -> None:
    """Name a cell check and say what it wants, within Excel's limits."""
    check.errorStyle = "stop" if strict else "warning"
    check.errorTitle = check.promptTitle = title[:TITLE_MAX]
    check.prompt = prompt[:PROMPT_MAX]
    check.error = error if len(error) <= ERROR_MAX else prompt[:ERROR_MAX]
    check.showErrorMessage = check.showInputMessage = True


def _dropdown(values: Sequence[str], title: str, *, strict: bool) -> DataValidation:
    check = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    _messages(check, title, "Pick from the list.", f"Pick one of: {', '.join(values)}.", strict=strict)
    return check


def _validation(hub: Hub, column: Column, kind: Kind) -> DataValidation | None:
    """The cell check a column's kind needs, if any."""
    if kind is Kind.STATUS:
        return _dropdown(hub.sheet.statuses, column.header, strict=True)
    if kind is Kind.FAMILY:
        return _dropdown([f.title for f in hub.sheet.role_families], column.header, strict=False)
    if kind is Kind.DATE:
        first, last = DATE_RANGE
        check = DataValidation(type="date", operator="between", allow_blank=True,
                               formula1=str(int(to_excel(first))), formula2=str(int(to_excel(last))))
        _messages(check, column.header, "A date, for example 30/06/2027.",
                  "Type a date, for example 30/06/2027.", strict=True)
        return check
    return None


def _tracking_range(columns: list[Column], column_id: str) -> str:
    """The absolute range of a Tracking column's data cells, for the Summary's formulas."""
    index = next(i for i, c in enumerate(columns, start=1) if c.id == column_id)
    letter = get_column_letter(index)
    return f"{quote_sheetname(TRACKING)}!${letter}$2:${letter}${LAST_ROW}"


def _countifs(*pairs: tuple[str, str]) -> str:
    return "=COUNTIFS(" + ",".join(f"{rng},{criterion}" for rng, criterion in pairs) + ")"


def _fill_summary(hub: Hub, ws: Worksheet) -> None:
    columns = hub.sheet.columns
    family = _tracking_range(columns, "role-family")
    status = _tracking_range(columns, "status")
    employee = _tracking_range(columns, "employee")
    counted = [(employee, '"<>"'), (employee, f'"<>*{EXAMPLE_MARK}"')]
    checks = [c for c in columns if column_kind(c) is Kind.CHECK]
    headers = ["Role family", "People", *hub.sheet.statuses, *[f"{c.header} done" for c in checks]]

    ws["A1"] = "Summary by role family"
    ws["A1"].font = HEADING_FONT
    ws["A2"].font = PLAIN
    ws["A2"] = (f"Counts update as you fill the {TRACKING} sheet. Rows whose Employee ends in "
                f"{EXAMPLE_MARK} are not counted.")
    head = 4
    for index, text in enumerate(headers, start=1):
        cell = ws.cell(row=head, column=index, value=text)
        cell.font = BOLD
        cell.fill = LABEL_FILL
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = 14
    ws.column_dimensions["A"].width = max(24, *(len(f.title) + 4 for f in hub.sheet.role_families))

    titles = [f.title for f in hub.sheet.role_families]
    for offset, title in enumerate([*titles, None]):
        row = head + 1 + offset
        by_family = [] if title is None else [(family, f"$A{row}")]
        cells = [
            title or "All role families",
            _countifs(*by_family, *counted),
            *[_countifs(*by_family, (status, f"{get_column_letter(3 + i)}${head}"), *counted)
              for i in range(len(hub.sheet.statuses))],
            *[_countifs(*by_family, (_tracking_range(columns, c.id), '"<>"'), *counted) for c in checks],
        ]
        for index, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            cell.border = BOX
            cell.font = PLAIN if title else BOLD
    _fit_rows(ws, [ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(headers) + 1)],
              [head])
    ws.freeze_panes = f"B{head + 1}"
    _print_wide(ws)


def _fill_how_to(hub: Hub, ws: Worksheet) -> None:
    c = hub.campaign
    first, last = c.week_dates[0], c.week_dates[-1]
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    gap = ("", "")
    rows: list[tuple[str, str] | tuple[str, str, Font]] = [
        (f"{c.hub_title}: tracking sheet", "", TITLE_FONT),
        (f"{c.organisation} · {_long_date(first)} to {_long_date(last)}", ""),
        gap,
        (TEAM_LABEL, ""),
        gap,
        ("How to use this workbook", "", HEADING_FONT),
        *[(f"{i}.", step) for i, step in enumerate(STEPS, start=1)],
        gap,
        ("The three data points", "", HEADING_FONT),
        *[(p.title, f"{p.description} For example: {p.example}") for p in hub.playbook.data_points],
        gap,
        ("Columns", "", HEADING_FONT),
        *[(col.header, col.description) for col in hub.sheet.columns],
        gap,
        ("Statuses", ", ".join(hub.sheet.statuses), HEADING_FONT),
        gap,
        ("Follow-ups", "", HEADING_FONT),
        *[(f.title, f"Due {_long_date(hub.follow_up_date(f))}, {f.days_after} days after the week.")
          for f in hub.playbook.follow_ups],
        gap,
        ("Questions", "", HEADING_FONT),
    ]
    for label, text, *font in rows:
        ws.append([label, text])
        first, second = ws[ws.max_row]
        first.font = font[0] if font else BOLD
        second.font = PLAIN
        # a label with nothing beside it runs on into column B instead of wrapping
        first.alignment = WRAP if text else Alignment(vertical="top")
        second.alignment = WRAP
    for label, link in (("The hub", c.site_url), ("The L&D team", c.contact)):
        ws.append([label, link.removeprefix("mailto:")])
        ws.cell(row=ws.max_row, column=1).font = BOLD
        cell = ws.cell(row=ws.max_row, column=2)
        cell.hyperlink = link
        cell.font = Font(name=FONT, color="0563C1", underline="single")
    _team_cell(ws)
    _fit_rows(ws, [26, 90], range(1, ws.max_row + 1))
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _team_cell(ws: Worksheet) -> None:
    """The cell beside the Team label, where the manager names the team; `learnhub results` reads it."""
    row = next(r for (r,) in ws.iter_rows(min_col=1, max_col=1) if r.value == TEAM_LABEL).row
    cell = ws.cell(row=row, column=2)
    cell.fill = TEAM_FILL
    cell.border = BOX
    check = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(TEAM_MAX),
                           allow_blank=True)
    _messages(check, TEAM_LABEL, "Your team's name, as it should appear in the results by team.",
              f"Keep the team's name to {TEAM_MAX} characters.", strict=True)
    check.add(cell.coordinate)
    ws.add_data_validation(check)


def _long_date(value: dt.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def fixed_time_zip(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME, so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry))
    return out.getvalue()


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as xlsx bytes, keeping its own dates (openpyxl's save would stamp 'now')."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return fixed_time_zip(buffer.getvalue())


def write_tracking_sheet(hub: Hub, path: Path) -> None:
    """`tracking-sheet.xlsx`."""
    path.write_bytes(workbook_bytes(tracking_workbook(hub)))


# --- the csv files -----------------------------------------------------------------------------


def csv_field(value: object) -> object:
    """A CSV field as a spreadsheet should see it: dates as YYYY-MM-DD, and text that starts like
    a formula behind an apostrophe, so that it opens as text and never runs."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value


def _csv_text(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_field(v) for v in row])
    return out.getvalue()


def tracking_csv(hub: Hub) -> str:
    """The tracking sheet's columns and sample rows as CSV; dates as YYYY-MM-DD."""
    return _csv_text([[c.header for c in hub.sheet.columns], *sample_rows(hub)])


PULSE_HEADER = ("id", "wave", "question", "answer_type", "options")
#: Between a question's options in the CSV; forms tools split on it.
OPTION_SEPARATOR = " | "


def pulse_csv(hub: Hub) -> str:
    """The 60- and 90-day pulse questions as CSV, by wave, ready for a forms tool."""
    questions = sorted(hub.measurement.pulse, key=lambda q: q.wave)
    return _csv_text([PULSE_HEADER, *[
        (q.id, q.wave, q.question, q.answer_type.value, OPTION_SEPARATOR.join(hub.listed_options(q)))
        for q in questions]])


def write_tracking_csv(hub: Hub, path: Path) -> None:
    """`tracking-sheet.csv`: UTF-8 with a byte-order mark, so Excel shows accents correctly."""
    path.write_text(tracking_csv(hub), encoding="utf-8-sig", newline="")


def write_pulse_csv(hub: Hub, path: Path) -> None:
    """`pulse-survey.csv`: UTF-8 with a byte-order mark, like the tracking sheet."""
    path.write_text(pulse_csv(hub), encoding="utf-8-sig", newline="")
