"""Bytes that two downloads of one build both need, made once although the two are made apart.

The downloads are made in separate worker processes (`Making`), one file each, so two files that
start from the same work (the prompt deck's A4 layout, which its Letter file is imposed from) would
each do it. `once` hands the work from the first process that asks to the second: the first makes
the bytes under a lock and leaves them in a scratch file; the second waits for the lock, takes the
file and removes it. Entries are keyed on the content and on the process that started the workers
(the build), so no build is ever served another build's bytes, and leftovers (a file made for one
of the two alone) are removed after a while. Without file locks (not POSIX), each makes its own.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: How long a made entry waits for the second process before any later build removes it.
LEFTOVER_SECONDS = 600


def once(content: str, make: Callable[[], bytes]) -> bytes:
    """`make()`, for the first of this build's processes to ask with `content`; its bytes for the next.

    Sharing is only a saving: whatever goes wrong with the scratch folder, `make` is called instead."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no locks to meet at
        return make()
    folder = Path(tempfile.gettempdir()) / f"learnhub-shared-{os.getuid()}"
    key = hashlib.sha256(f"{os.getppid()}\0{content}".encode()).hexdigest()[:32]
    made, lock = folder / f"{key}.bin", folder / f"{key}.lock"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        handle = lock.open("a")
        fcntl.flock(handle, fcntl.LOCK_EX)
    except OSError:
        return make()
    with handle:
        try:
            data = made.read_bytes()
            made.unlink()
            lock.unlink(missing_ok=True)
            return data
        except OSError:
            pass  # not made yet: this process makes it
        data = make()
        try:
            _remove_leftovers(folder)
            scratch = made.with_suffix(".part")
            scratch.write_bytes(data)
            scratch.replace(made)
        except OSError:
            pass
        return data


def _remove_leftovers(folder: Path) -> None:
    """Remove entries nobody took (one file of a pair made alone) once they are old."""
    limit = time.time() - LEFTOVER_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass
