"""Every download the hub offers, written from the model into one folder (`site/downloads/`).

Each entry names its file, what it is for, and the function that writes it; the hook and the
Downloads page both read this one list. `build_downloads` makes every file in memory first, so
the Downloads page can give each one's size and the hook can hand the files to the site engine.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..content.model import Hub, PackSize
from ..i18n import N_
from ..records import BuiltDownload, Download
from .calendar import write_calendar, write_milestones
from .cards import (
    activity_deck_preview,
    prompt_deck_preview,
    write_activity_cards_a4,
    write_activity_cards_letter,
    write_prompt_cards_a4,
    write_prompt_cards_letter,
)
from .messages import write_messages
from .pack import write_day_cards_a4, write_manager_pack_a4, write_manager_pack_letter
from .results import results_download, results_downloads
from .sheets import write_pulse_csv, write_tracking_csv, write_tracking_sheet

#: Filled in by the renderers of downloads (pack, sheets, calendar); order is the page's order.
DOWNLOADS: list[Download] = [
    Download("manager-pack-a4.pdf", N_("Manager pack (A4)"),
             N_("The whole week on paper: the five conversations, prompts with room for notes, "
             "the tracking table, follow-ups and FAQ."), "PDF", write_manager_pack_a4),
    Download("manager-pack-letter.pdf", N_("Manager pack (Letter)"),
             N_("The same manager pack on US Letter paper."), "PDF", write_manager_pack_letter),
    Download("day-cards-a4.pdf", N_("Day cards (A4)"),
             N_("One page per day with the agenda, opener, prompts and what to log."), "PDF",
             write_day_cards_a4),
    Download("prompt-cards-a4.pdf", N_("Prompt cards (A4)"),
             N_("Every prompt on its own 63 × 88 mm card, nine to a sheet: the question on the front; what "
                "to listen for and a QR code to the prompt on the back. Print double-sided, flipping on "
                "the long edge, and cut along the crop marks."), "PDF", write_prompt_cards_a4,
             preview=prompt_deck_preview),
    Download("prompt-cards-letter.pdf", N_("Prompt cards (Letter)"),
             N_("The same prompt cards on US Letter paper."), "PDF", write_prompt_cards_letter,
             preview=lambda hub: prompt_deck_preview(hub, PackSize.LETTER)),
    Download("activity-cards-a4.pdf", N_("Activity cards (A4)"),
             N_("One A6 card per activation idea, four to a sheet: time, cost, group size, format and "
                "what it builds on the front; the steps and a QR code to its page on the back. Print "
                "double-sided, flipping on the long edge, and cut the sheet in quarters."), "PDF",
             write_activity_cards_a4, preview=activity_deck_preview),
    Download("activity-cards-letter.pdf", N_("Activity cards (Letter)"),
             N_("The same activity cards, 4.25 × 5.5 in, four to a US Letter sheet."), "PDF",
             write_activity_cards_letter, preview=lambda hub: activity_deck_preview(hub, PackSize.LETTER)),
    Download("tracking-sheet.xlsx", N_("Tracking sheet"),
             N_("Log the three data points for each person, then the 60- and 90-day check-ins. Dropdowns "
             "for status and role family, a date check, one example row per role family, and a "
             "Summary sheet that counts as you type. Opens in Excel, LibreOffice and Google Sheets."),
             N_("Excel workbook (.xlsx)"), write_tracking_sheet),
    Download("tracking-sheet.csv", N_("Tracking sheet (CSV)"),
             N_("The same columns and example rows as plain data, for any spreadsheet or HR system."),
             "CSV, UTF-8", write_tracking_csv),
    Download("pulse-survey.csv", N_("Pulse survey questions"),
             N_("The 60- and 90-day pulse questions with their answer types and options, ready to load "
             "into a forms tool. Options are separated by a vertical bar."),
             "CSV, UTF-8", write_pulse_csv),
    Download("learning-week.ics", N_("Calendar of the week"),
             N_("A 20-minute slot for each day's conversation and for the 60- and 90-day follow-ups, "
             "each with the day's purpose and a link to its page. Import it into Outlook, Google "
             "Calendar or Apple Calendar."),
             "iCalendar (.ics)", write_calendar),
    Download("organiser-milestones.ics", N_("Organisers' milestones"),
             N_("Every step from six weeks before the week to the 90-day review, as all-day events on "
                "working days: briefings, invitations, reminders and follow-ups, each linked to the "
                "timeline page."), "iCalendar (.ics)", write_milestones),
    Download("messages.zip", N_("Invitations and reminders"),
             N_("The messages to send before and after the week, to managers and to employees, each as "
                "plain text and as an e-mail draft (.eml) that opens ready to address and send."),
             N_("Zip of .txt and .eml files"), write_messages),
]


def downloads_for(hub: Hub) -> list[Download]:
    """Every download this hub offers: DOWNLOADS, then a results summary per wave counted."""
    return [*DOWNLOADS, *results_downloads(hub)]


def download_named(filename: str) -> Download | None:
    """The download of this file name, whatever hub it was made for (the build cache reads it back)."""
    for download in DOWNLOADS:
        if download.filename == filename:
            return download
    for wave in (60, 90):
        if results_download(wave).filename == filename:
            return results_download(wave)
    return None


def build_downloads(hub: Hub, only: Collection[str] | None = None) -> list[BuiltDownload]:
    """Every download (or those named in `only`), made in memory, in the order of DOWNLOADS."""
    return build_downloads_for([hub], only)[0]


def build_downloads_for(hubs: Sequence[Hub], only: Collection[str] | None = None) -> list[list[BuiltDownload]]:
    """Every download of each hub (one per language), made in memory, in the order of DOWNLOADS.

    The PDFs take most of the time, so on a machine with more than one core the files of all
    the languages are made in one pool of processes forked from this one (which already holds
    the models and the imports): two languages keep both cores busy to the end.
    """
    jobs = [(h, d.filename) for h, hub in enumerate(hubs) for d in downloads_for(hub)
            if only is None or d.filename in only]
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        contents = [_make(hubs[h], _download(hubs[h], name)) for h, name in jobs]
    else:
        _preload()
        global _FORKED_HUBS
        _FORKED_HUBS = list(hubs)
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                # the slowest (the PDFs) first, so that no worker is left with a long one at the end
                order = sorted(range(len(jobs)), key=lambda i: not jobs[i][1].endswith(".pdf"))
                made = dict(zip(order, pool.map(_make_forked, [jobs[i] for i in order]), strict=True))
        finally:
            _FORKED_HUBS = []
        contents = [made[i] for i in range(len(jobs))]
    out: list[list[BuiltDownload]] = [[] for _ in hubs]
    for (h, name), content in zip(jobs, contents, strict=True):
        out[h].append(BuiltDownload(_download(hubs[h], name), content))
    return out


_FORKED_HUBS: list[Hub] = []


def _download(hub: Hub, filename: str) -> Download:
    return next(d for d in downloads_for(hub) if d.filename == filename)


def _make(hub: Hub, download: Download) -> bytes:
    """One download's bytes (through a scratch folder, as the writers write files)."""
    with tempfile.TemporaryDirectory(prefix="learnhub-download-") as scratch:
        path = Path(scratch) / download.filename
        download.write(hub, path)
        return path.read_bytes()


def _make_forked(job: tuple[int, str]) -> bytes:
    assert _FORKED_HUBS, "set by build_downloads_for before the fork"
    hub, filename = job
    return _make(_FORKED_HUBS[hub], _download(_FORKED_HUBS[hub], filename))


def _preload() -> None:
    """Import the PDF engine once, before forking, so the workers share it."""
    import weasyprint  # noqa: F401  # type: ignore[import-untyped]


#: What a build does about downloads: make them all (the default), make none (a pages-only build,
#: for benchmarks), or make them once per process and reuse them (`learnhub serve`'s previews).
MODES = ("all", "off", "once")
_ONCE: dict[str, list[BuiltDownload]] = {}


def downloads_for_build(hub: Hub, mode: str = "all") -> list[BuiltDownload]:
    """The downloads a build hands to the site engine, by MODES."""
    return downloads_for_builds([hub], mode)[0]


def downloads_for_builds(hubs: Sequence[Hub], mode: str = "all") -> list[list[BuiltDownload]]:
    """The downloads of each language's build, by MODES, made in one pool."""
    if mode not in MODES:
        raise ValueError(f"downloads mode {mode!r} is not one of {', '.join(MODES)}")
    if mode == "off":
        return [[] for _ in hubs]
    if mode == "once":
        missing = [h for h in hubs if h.language not in _ONCE]
        for hub, made in zip(missing, build_downloads_for(missing), strict=True):
            _ONCE[hub.language] = made
        return [list(_ONCE[h.language]) for h in hubs]
    return build_downloads_for(hubs)


def write_downloads(hub: Hub, folder: Path) -> list[Path]:
    """Write every download into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for download in downloads_for(hub):
        path = folder / download.filename
        download.write(hub, path)
        written.append(path)
    return written
