"""Every download the hub offers, written from the model into one folder (`site/downloads/`).

Each entry names its file, what it is for, and the function that writes it; the hook and the
Downloads page both read this one list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import Hub

Writer = Callable[[Hub, Path], None]


@dataclass(frozen=True)
class Download:
    filename: str
    title: str
    purpose: str
    format: str
    write: Writer


#: Filled in by the renderers of downloads (pack, sheets, calendar); order is the page's order.
DOWNLOADS: list[Download] = []


def write_downloads(hub: Hub, folder: Path) -> list[Path]:
    """Write every download into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for download in DOWNLOADS:
        path = folder / download.filename
        download.write(hub, path)
        written.append(path)
    return written
