"""Every download the hub offers, written from the model into one folder (`site/downloads/`).

Each entry names its file, what it is for, and the function that writes it; the hook and the
Downloads page both read this one list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import Hub
from .pack import write_day_cards_a4, write_manager_pack_a4, write_manager_pack_letter

Writer = Callable[[Hub, Path], None]


@dataclass(frozen=True)
class Download:
    filename: str
    title: str
    purpose: str
    format: str
    write: Writer


#: Filled in by the renderers of downloads (pack, sheets, calendar); order is the page's order.
DOWNLOADS: list[Download] = [
    Download("manager-pack-a4.pdf", "Manager pack (A4)",
             "The whole week on paper: the five conversations, prompts with room for notes, "
             "the tracking table, follow-ups and FAQ.", "PDF", write_manager_pack_a4),
    Download("manager-pack-letter.pdf", "Manager pack (Letter)",
             "The same manager pack on US Letter paper.", "PDF", write_manager_pack_letter),
    Download("day-cards-a4.pdf", "Day cards (A4)",
             "One page per day with the agenda, opener, prompts and what to log.", "PDF",
             write_day_cards_a4),
]


def write_downloads(hub: Hub, folder: Path) -> list[Path]:
    """Write every download into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for download in DOWNLOADS:
        path = folder / download.filename
        download.write(hub, path)
        written.append(path)
    return written
