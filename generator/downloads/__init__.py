"""Every download the hub offers, written from the model into one folder (`site/downloads/`).

Each entry names its file, what it is for, the function that writes it and the parts of the Hub it
shows; the hook and the Downloads page both read this one list. The files are made in memory, in
worker processes started as soon as the model is loaded (`start_downloads`), so that the site
engine renders the pages while the PDFs are laid out; the Downloads page, which gives each file's
size, is finished last. Under `learnhub serve`, `Previews` remakes a file in the background only
when its own slice of the model has changed (`download_key`).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Collection, Sequence
from functools import cache, partial
from multiprocessing.connection import Connection
from multiprocessing.pool import Pool
from multiprocessing.process import BaseProcess
from multiprocessing.util import Finalize
from pathlib import Path

from pydantic_core import to_json

from ..content.model import Hub, PackSize
from ..i18n import N_
from ..records import BuiltDownload, Download, UpdatingDownload
from .calendar import write_calendar, write_milestones
from .cards import (
    activity_deck_preview,
    prompt_deck_preview,
    write_activity_cards_a4,
    write_activity_cards_letter,
    write_prompt_cards_a4,
    write_prompt_cards_letter,
)
from .impose import letter_from_a4
from .messages import write_messages
from .pack import write_day_cards_a4, write_manager_pack_a4, write_manager_pack_letter
from .results import results_download, results_downloads
from .sheets import write_pulse_csv, write_tracking_csv, write_tracking_sheet

#: What the printed packs show, and the cards, sheets and calendar (Hub field names; see download_key).
PACK_READS = ("campaign", "playbook", "days", "prompts", "activities", "cuts", "measurement", "sheet", "faq",
              "build_date")
CARDS_READS = ("campaign", "playbook", "days", "prompts", "build_date")
SHEET_READS = ("campaign", "playbook", "measurement", "sheet", "build_date")
CALENDAR_READS = ("campaign", "playbook", "days", "build_date")
PROMPT_DECK_READS = ("campaign", "playbook", "days", "prompts", "build_date")
ACTIVITY_DECK_READS = ("campaign", "activities", "build_date")
MESSAGES_READS = ("campaign", "playbook", "days", "measurement", "build_date")
#: Filled in by the renderers of downloads (pack, sheets, calendar); order is the page's order.
DOWNLOADS: list[Download] = [
    Download("manager-pack-a4.pdf", N_("Manager pack (A4)"),
             N_("The whole week on paper: the five conversations, prompts with room for notes, "
             "the tracking table, follow-ups and FAQ."), "PDF", write_manager_pack_a4, reads=PACK_READS),
    Download("manager-pack-letter.pdf", N_("Manager pack (Letter)"),
             N_("The same manager pack on US Letter paper."), "PDF", write_manager_pack_letter, reads=PACK_READS,
             made_from="manager-pack-a4.pdf", derive=letter_from_a4),
    Download("day-cards-a4.pdf", N_("Day cards (A4)"),
             N_("One page per day with the agenda, opener, prompts and what to log."), "PDF",
             write_day_cards_a4, reads=CARDS_READS),
    Download("prompt-cards-a4.pdf", N_("Prompt cards (A4)"),
             N_("Every prompt on its own 63 × 88 mm card, nine to a sheet: the question on the front; what "
                "to listen for and a QR code to the prompt on the back. Print double-sided, flipping on "
                "the long edge, and cut along the crop marks."), "PDF", write_prompt_cards_a4,
             preview=prompt_deck_preview, reads=PROMPT_DECK_READS),
    Download("prompt-cards-letter.pdf", N_("Prompt cards (Letter)"),
             N_("The same prompt cards on US Letter paper."), "PDF", write_prompt_cards_letter,
             preview=lambda hub: prompt_deck_preview(hub, PackSize.LETTER), reads=PROMPT_DECK_READS,
             made_from="prompt-cards-a4.pdf", derive=letter_from_a4),
    Download("activity-cards-a4.pdf", N_("Activity cards (A4)"),
             N_("One A6 card per activation idea, four to a sheet: time, cost, group size, format and "
                "what it builds on the front; the steps and a QR code to its page on the back. Print "
                "double-sided, flipping on the long edge, and cut the sheet in quarters."), "PDF",
             write_activity_cards_a4, preview=activity_deck_preview, reads=ACTIVITY_DECK_READS),
    Download("activity-cards-letter.pdf", N_("Activity cards (Letter)"),
             N_("The same activity cards, 4.25 × 5.5 in, four to a US Letter sheet."), "PDF",
             write_activity_cards_letter, preview=lambda hub: activity_deck_preview(hub, PackSize.LETTER),
             reads=ACTIVITY_DECK_READS, made_from="activity-cards-a4.pdf",
             derive=letter_from_a4),
    Download("tracking-sheet.xlsx", N_("Tracking sheet"),
             N_("Log the three data points for each person, then the 60- and 90-day check-ins. Dropdowns "
             "for status and role family, a date check, one example row per role family, and a "
             "Summary sheet that counts as you type. Opens in Excel, LibreOffice and Google Sheets."),
             N_("Excel workbook (.xlsx)"), write_tracking_sheet, reads=SHEET_READS),
    Download("tracking-sheet.csv", N_("Tracking sheet (CSV)"),
             N_("The same columns and example rows as plain data, for any spreadsheet or HR system."),
             "CSV, UTF-8", write_tracking_csv, reads=SHEET_READS),
    Download("pulse-survey.csv", N_("Pulse survey questions"),
             N_("The 60- and 90-day pulse questions with their answer types and options, ready to load "
             "into a forms tool. Options are separated by a vertical bar."),
             "CSV, UTF-8", write_pulse_csv, reads=SHEET_READS),
    Download("learning-week.ics", N_("Calendar of the week"),
             N_("A 20-minute slot for each day's conversation and for the 60- and 90-day follow-ups, "
             "each with the day's purpose and a link to its page. Import it into Outlook, Google "
             "Calendar or Apple Calendar."),
             "iCalendar (.ics)", write_calendar, reads=CALENDAR_READS),
    Download("organiser-milestones.ics", N_("Organisers' milestones"),
             N_("Every step from six weeks before the week to the 90-day review, as all-day events on "
                "working days: briefings, invitations, reminders and follow-ups, each linked to the "
                "timeline page."), "iCalendar (.ics)", write_milestones, reads=CALENDAR_READS),
    Download("messages.zip", N_("Invitations and reminders"),
             N_("The messages to send before and after the week, to managers and to employees, each as "
                "plain text and as an e-mail draft (.eml) that opens ready to address and send."),
             N_("Zip of .txt and .eml files"), write_messages, reads=MESSAGES_READS),
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
    return start_downloads([hub], only).result(0)


class Making:
    """The downloads of one or more hubs (one per language) being made in worker processes; `result`
    waits for one hub's files. On one core, or without fork, they are made in `result`.

    The workers are forked from a process forked from this one (which already holds the models): it
    imports the PDF engine while this process goes on with the pages, on the other core, and sends each
    file back as it is made. The files of every language go to one pool, the PDFs first and the
    languages side by side (every language's manager pack, then every language's next file), so that
    the slowest files start at once and the cores stay busy to the end."""

    def __init__(self, hubs: Sequence[Hub], wanted: Sequence[Sequence[Download]]) -> None:
        self.hubs, self.wanted = list(hubs), [list(w) for w in wanted]
        self._server: BaseProcess | None = None
        self._inbox: Connection | None = None
        self._stop: Finalize | None = None
        self._made: dict[tuple[int, str], list[bytes]] = {}
        self._collected: set[int] = set()
        self._groups = [made_together(w) for w in self.wanted]
        # (is it not a PDF, its place among its language's PDFs and others, language, group); each
        # language's first job, its manager pack, keeps its worker's priority (`_make_job`).
        places = [(_not_a_pdf(group), n, h, group) for h, groups in enumerate(self._groups)
                  for n, group in enumerate(sorted(groups, key=_not_a_pdf))]
        jobs = [(h, group, n == 0) for _, n, h, group in sorted(places)]
        cores = os.cpu_count() or 1
        # One worker more than there are cores: the biggest files start at once, each on its own, and
        # the cores stay busy to the end instead of waiting for the one worker with two big files.
        workers = min(len(jobs), cores + 1)
        if cores >= 2 and workers >= 2 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._inbox, outbox = context.Pipe(duplex=False)
            server = context.Process(target=_serve, args=(self.hubs, jobs, workers, outbox),
                                     name="learnhub-downloads")
            # Frozen before the fork (the recipe of the `gc` module's documentation): what the children
            # inherit (the models, the imports) sits in the collector's permanent generation, so their
            # collections never walk it or write to its pages, which stay shared instead of copied.
            # It stays frozen here too: this process is a build that ends once the files are in, and
            # the collection Python makes as it exits then skips it (0.2 s of a 4 s build; the pages
            # are rendered as fast either way). Cycles dropped but not yet collected are kept (a few
            # dozen objects).
            gc.freeze()
            server.start()
            outbox.close()
            self._server = server
            # Stopped also when this process exits without closing (before it waits for its children).
            self._stop = Finalize(self, _stop_server, args=(server,), exitpriority=20)

    def result(self, index: int = 0) -> list[BuiltDownload]:
        """Every file of the `index`th hub, in order; raises what a writer raised."""
        hub, wanted = self.hubs[index], self.wanted[index]
        try:
            if self._server is None:
                made = [_make_group(hub, group) for group in self._groups[index]]
            else:
                made = [self._receive(index, group[0]) for group in self._groups[index]]
        except BaseException:
            self.close()
            raise
        contents = {name: content for group, files in zip(self._groups[index], made, strict=True)
                    for name, content in zip(group, files, strict=True)}
        self._collected.add(index)
        if len(self._collected) == len(self.hubs):
            self.close()
        return [BuiltDownload(d, contents[d.filename]) for d in wanted]

    def _receive(self, index: int, first: str) -> list[bytes]:
        """The files of the group that starts with `first`, reading what the server sends until it comes."""
        assert self._inbox is not None
        while (index, first) not in self._made:
            hub, name, made = self._inbox.recv()
            if isinstance(made, BaseException):
                raise made
            self._made[hub, name] = made
        return self._made.pop((index, first))

    def close(self) -> None:
        """Stop the workers, also those still making a file nobody will wait for."""
        if self._stop is not None:
            self._stop()
            self._stop = self._server = None
        if self._inbox is not None:
            self._inbox.close()
            self._inbox = None


def _not_a_pdf(group: tuple[str, ...]) -> bool:
    return not group[0].endswith(".pdf")


#: A group of files to make: the hub's index, the group (`made_together`), and whether it is the
#: hub's first (slowest) group, whose worker keeps its priority.
Job = tuple[int, tuple[str, ...], bool]


def _serve(hubs: list[Hub], jobs: list[Job], workers: int,
           outbox: Connection) -> None:
    """The process that makes the downloads (`Making`): it imports the PDF engine, forks the workers (the
    imports frozen for them too), and sends each group's files, or what a writer raised, as each is
    made, started in the order of `jobs`. Ended (SIGTERM), it ends its workers with it."""
    signal.signal(signal.SIGTERM, _exit)
    _preload()
    gc.freeze()
    with multiprocessing.get_context("fork").Pool(workers, initializer=_adopt, initargs=(hubs,)) as pool:
        # Each group is sent back as soon as it is made: a language's Downloads page never waits
        # for another language's files.
        for outcome in pool.imap_unordered(_outcome, jobs):
            outbox.send(outcome)


def _outcome(job: Job) -> tuple[int, str, list[bytes] | BaseException]:
    """A worker's answer for one group: its files, or what a writer raised (for the waiting process)."""
    index, group, first = job
    try:
        return index, group[0], _make_job(index, group, first)
    except Exception as error:  # noqa: BLE001  # handed to the process that waits for it
        return index, group[0], error


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # leaves the pool's block, which ends the workers


def _stop_server(server: BaseProcess) -> None:
    if server.is_alive():
        server.terminate()
    server.join()


def made_together(wanted: Sequence[Download]) -> list[tuple[str, ...]]:
    """The files to make, in groups that one worker makes together: a file, then those made from its
    bytes (`Download.made_from`) when both are wanted. A file wanted without its source is made alone."""
    names = {d.filename for d in wanted}
    return [(d.filename, *(o.filename for o in wanted if o.made_from == d.filename))
            for d in wanted if d.made_from not in names]


def start_downloads(hubs: Sequence[Hub], only: Collection[str] | None = None) -> Making:
    """Start making every download of each hub (or those named in `only`); returns at once."""
    return Making(hubs, [[d for d in downloads_for(hub) if only is None or d.filename in only] for hub in hubs])


_WORKER_HUBS: list[Hub] = []
#: Whether this worker has lowered its priority (`_make_job`).
_YIELDED = False


#: How many allocations a worker lets pass between young collections (Python's default is 700).
#: Laying out a PDF allocates millions of short-lived objects and few cycles; at the default the
#: collector takes about a sixth of a PDF's processor time, at this a few per cent, for some 50 MB
#: more at the peak of a worker (measured: the seven PDFs of a hub in one process, 146 -> 197 MB).
WORKER_GC_THRESHOLD = 50_000


def _collect_seldom() -> None:
    """Tune the cyclic collector of a process that only makes downloads (`WORKER_GC_THRESHOLD`)."""
    gc.set_threshold(WORKER_GC_THRESHOLD, 20, 20)


def _adopt(hubs: list[Hub]) -> None:
    """A worker's initializer: the models it makes files from (inherited through fork, not copied,
    and frozen by its parent), and a collector that runs seldom. Ended, it ends at once (its parent's
    handler of SIGTERM is not for it)."""
    global _WORKER_HUBS
    _WORKER_HUBS = hubs
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _collect_seldom()


#: How much less of the processor a worker asks for than those making each language's first (slowest) file.
YIELD_TO_FIRST = 5


def _make_job(index: int, group: tuple[str, ...], first: bool = False) -> list[bytes]:
    """A group's files. The slowest files (each language's first group, its manager pack) are the last
    to be ready, so the workers making them keep their priority, and every other worker yields to
    them (and to the pages being built), once and for the rest of its life: the cores are shared to
    the end instead of one idling while a pack finishes alone."""
    global _YIELDED
    assert _WORKER_HUBS, "a worker is given its models by _adopt"
    if not first and not _YIELDED:
        os.nice(YIELD_TO_FIRST)
        _YIELDED = True
    return _make_group(_WORKER_HUBS[index], group)


def _make_group(hub: Hub, group: tuple[str, ...]) -> list[bytes]:
    """The bytes of a group from `made_together`: its first file, then each made from that one's bytes."""
    first, *rest = (_named(hub, name) for name in group)
    source = _make(hub, first)
    return [source, *(_derive(hub, d, source) for d in rest)]


def _derive(hub: Hub, download: Download, source: bytes) -> bytes:
    assert download.derive is not None, f"{download.filename} is made from another file's bytes"
    return download.derive(hub, source)


def _named(hub: Hub, filename: str) -> Download:
    return next(d for d in downloads_for(hub) if d.filename == filename)


def _make(hub: Hub, download: Download) -> bytes:
    """One download's bytes (through a scratch folder, as the writers write files)."""
    with tempfile.TemporaryDirectory(prefix="learnhub-download-") as scratch:
        path = Path(scratch) / download.filename
        download.write(hub, path)
        return path.read_bytes()


def _make_named(filename: str, hub: Hub) -> bytes:
    return _make(hub, _named(hub, filename))


def _step_back() -> None:
    """A preview's background worker yields the processor to the page rebuild an editor waits for.
    It imports the PDF engine at once and freezes what it has imported, which its collections then
    never walk again, and collects seldom (`_collect_seldom`)."""
    os.nice(10)
    _preload()
    gc.freeze()
    _collect_seldom()


def _preload() -> None:
    """Import the PDF engine, and the PDF reader that moves a layout onto other paper (`impose`), once,
    before forking, so the workers share them."""
    import pypdf  # noqa: F401
    import weasyprint  # noqa: F401  # type: ignore[import-untyped]


_CODE = Path(__file__).resolve().parent


@cache
def _code_digest() -> str:
    """A digest of the code and templates that write the downloads, read once per process: a preview
    follows edits to the content, not to the generator (restart `learnhub serve` after those)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def download_key(hub: Hub, download: Download) -> str:
    """A digest of what `download` shows: its slice of the model (`reads`) and the code and templates
    that write it. The same key means the same file (up to the moment stamped in a PDF)."""
    digest = hashlib.sha256(f"{hub.language}\0{download.filename}\0{_code_digest()}".encode())
    for name in download.reads or tuple(Hub.model_fields):
        digest.update(f"\0{name}\0".encode())
        digest.update(to_json(getattr(hub, name)))
    return digest.hexdigest()


Offered = BuiltDownload | UpdatingDownload


class Previews:
    """The downloads of a preview (`learnhub serve`): each file is remade in a background process only
    when its key changed, off the path that rebuilds the pages. Until it is made again, a file is
    offered as being updated, never as the old file; `on_made` is called when one is ready."""

    def __init__(self) -> None:
        #: Each file made, by (language, file name): the key it was made for, and its bytes.
        self.made: dict[tuple[str, str], tuple[str, bytes]] = {}
        self.making: dict[tuple[str, str], str] = {}
        self.on_made: Callable[[], None] | None = None
        self._lock = threading.Lock()
        self._pool: Pool | None = None

    def offer(self, hub: Hub) -> list[Offered]:
        """Each download as it stands for `hub`: made (its key matches) or being updated (started now)."""
        offered: list[Offered] = []
        for download in downloads_for(hub):
            key = download_key(hub, download)
            slot = (hub.language, download.filename)
            with self._lock:
                done = self.made.get(slot)
                if done is not None and done[0] == key:
                    offered.append(BuiltDownload(download, done[1]))
                    continue
                offered.append(UpdatingDownload(download))
                if self.making.get(slot) == key:
                    continue
                self.making[slot] = key
            report = partial(self._done, slot, key)
            self._workers().apply_async(_make_named, (download.filename, hub), callback=report,
                                        error_callback=report)
        return offered

    def _workers(self) -> Pool:
        if self._pool is None:
            # spawn, not fork: this process runs the server's threads, which a child must not inherit.
            self._pool = multiprocessing.get_context("spawn").Pool(max(1, (os.cpu_count() or 1) - 1),
                                                                   initializer=_step_back)
        return self._pool

    def _done(self, slot: tuple[str, str], key: str, content: bytes | BaseException) -> None:
        with self._lock:
            if self.making.get(slot) != key:
                return  # the content changed again while it was being made
            del self.making[slot]
            if isinstance(content, BaseException):
                print(f"learnhub: {slot[1]} ({slot[0]}) could not be made: {type(content).__name__}: {content}",
                      file=sys.stderr)
                return
            self.made[slot] = (key, content)
            last = not self.making
        if last and self.on_made is not None:
            self.on_made()  # once all are in: one rebuild of the pages, not one per file

    def close(self) -> None:
        """Stop the background workers, with anything they are making."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.making.clear()


#: The downloads of this process's previews (`learnhub serve` rebuilds in one process).
PREVIEWS = Previews()


def write_downloads(hub: Hub, folder: Path) -> list[Path]:
    """Write every download into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for download in downloads_for(hub):
        path = folder / download.filename
        download.write(hub, path)
        written.append(path)
    return written
