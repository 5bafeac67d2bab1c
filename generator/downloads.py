"""Every download the hub offers, written from the model into one folder (`site/downloads/`).

Each entry names its file, what it is for, and the function that writes it; the hook and the
Downloads page both read this one list. `build_downloads` makes every file in memory first, so
the Downloads page can give each one's size and the hook can hand the files to the site engine.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .calendar import write_calendar
from .model import Hub
from .sheets import write_pulse_csv, write_tracking_csv, write_tracking_sheet

Writer = Callable[[Hub, Path], None]

#: Where the downloads live, relative to the site's root.
FOLDER = "downloads"


@dataclass(frozen=True)
class Download:
    filename: str
    title: str
    purpose: str
    format: str
    write: Writer


@dataclass(frozen=True)
class BuiltDownload:
    """A download's file, made: its entry and its bytes."""

    download: Download
    content: bytes

    @property
    def path(self) -> str:
        """Its path in the site, e.g. `downloads/tracking-sheet.xlsx`."""
        return f"{FOLDER}/{self.download.filename}"

    @property
    def size(self) -> int:
        return len(self.content)


#: Filled in by the renderers of downloads (pack, sheets, calendar); order is the page's order.
DOWNLOADS: list[Download] = [
    Download("tracking-sheet.xlsx", "Tracking sheet",
             "Log the three data points for each person, then the 60- and 90-day check-ins. Dropdowns "
             "for status and role family, a date check, one example row per role family, and a "
             "Summary sheet that counts as you type. Opens in Excel, LibreOffice and Google Sheets.",
             "Excel workbook (.xlsx)", write_tracking_sheet),
    Download("tracking-sheet.csv", "Tracking sheet (CSV)",
             "The same columns and example rows as plain data, for any spreadsheet or HR system.",
             "CSV, UTF-8", write_tracking_csv),
    Download("pulse-survey.csv", "Pulse survey questions",
             "The 60- and 90-day pulse questions with their answer types and options, ready to load "
             "into a forms tool. Options are separated by a vertical bar.",
             "CSV, UTF-8", write_pulse_csv),
    Download("learning-week.ics", "Calendar of the week",
             "A 20-minute slot for each day's conversation and for the 60- and 90-day follow-ups, "
             "each with the day's purpose and a link to its page. Import it into Outlook, Google "
             "Calendar or Apple Calendar.",
             "iCalendar (.ics)", write_calendar),
]


def build_downloads(hub: Hub) -> list[BuiltDownload]:
    """Every download, made in memory (through a scratch folder, as the writers write files)."""
    built = []
    with tempfile.TemporaryDirectory(prefix="learnhub-downloads-") as scratch:
        for download in DOWNLOADS:
            path = Path(scratch) / download.filename
            download.write(hub, path)
            built.append(BuiltDownload(download, path.read_bytes()))
    return built


def write_downloads(hub: Hub, folder: Path) -> list[Path]:
    """Write every download into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for download in DOWNLOADS:
        path = folder / download.filename
        download.write(hub, path)
        written.append(path)
    return written
