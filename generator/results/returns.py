"""The returned files: where a problem in them stands, and which folders may hold them at all.

Returned sheets and survey exports hold people's names and answers, so they may never enter the
repository: a folder inside content/, prompts/ or site/, or a file git tracks, is refused.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: Folders of the project that are published or committed: returned files never go in them.
GUARDED = ("content", "prompts", "site")

#: The kinds of file `learnhub results` reads.
SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True, order=True)
class ReturnError:
    """One problem in a returned file, located to its sheet, row and column (1-based; column as a letter)."""

    file: str
    sheet: str
    row: int
    column: str
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        field = f" {self.field}:" if self.field else ""
        if not self.sheet and not self.row:  # the file as a whole
            return f"{self.file}:{field} {label}{self.message}"
        return f"{self.file}:{self.sheet}:{self.row}:{self.column}:{field} {label}{self.message}"


def whole_file(file: str, message: str, severity: Literal["error", "warning"] = "error") -> ReturnError:
    """A problem with a file as a whole (it is not a sheet, say)."""
    return ReturnError(file, "", 0, "", "", message, severity)


class FolderRefused(Exception):
    """The folder (or a file in it) may not be read: the message says why."""


def returned_files(root: Path, folder: Path) -> tuple[list[Path], list[ReturnError]]:
    """The files to read in `folder` (sorted), and a problem for each that is not a sheet.

    Raises FolderRefused for a folder inside the project's content, prompts or site, or holding a
    file git tracks. Hidden files and the lock files spreadsheet programs leave (`~$...`) are skipped.
    """
    folder = folder.resolve()
    if not folder.is_dir():
        raise FolderRefused(f"{folder} is not a folder")
    for name in GUARDED:
        guarded = (root / name).resolve()
        if folder == guarded or folder.is_relative_to(guarded):
            raise FolderRefused(f"{folder} is inside {name}/, which is committed or published: personal "
                                "data never enters the repository; keep the returned files outside it")
    if root.resolve().is_relative_to(folder):
        raise FolderRefused(f"{folder} holds the project itself: name the folder of returned files alone")
    found, problems = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(part.startswith((".", "~$")) for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() in SUFFIXES:
            found.append(path)
        else:
            problems.append(whole_file(str(path), "not a sheet: save it as .xlsx or .csv, or move it out of "
                                                  "the folder"))
    tracked = tracked_files(root, folder)
    if tracked:
        listed = ", ".join(str(p) for p in tracked[:3]) + (" ..." if len(tracked) > 3 else "")
        raise FolderRefused(f"git tracks {len(tracked)} of the returned files ({listed}): personal data never "
                            "enters the repository; `git rm --cached` them and keep the folder outside it")
    return found, problems


def tracked_files(root: Path, folder: Path) -> list[Path]:
    """The files under `folder` that git tracks in the repository at `root` (none when it is no repository)."""
    root = root.resolve()
    if not folder.is_relative_to(root) or not (root / ".git").exists():
        return []
    result = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--full-name", "--",
                             str(folder.relative_to(root))], capture_output=True, check=False)
    if result.returncode != 0:
        return []
    return [root / name for name in result.stdout.decode().split("\0") if name]
