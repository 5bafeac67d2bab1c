"""Pages rendered in a forked process while the site engine reads the ones already done.

The engine converts pages one at a time on one core; rendering them first on that same core
only makes it wait. Here a child forked from the build renders them, in the engine's order, into
a private folder and says each one is done with one byte on a pipe; the build hands the engine
`PendingPage`s whose Markdown is read when the engine reads the page, so the second core renders
page n+1 while the engine converts page n. The output is the same, byte for byte, as rendering in
the build's own process (the child runs the same code on the same model).

Never forked from a process that runs threads (`learnhub serve`'s server): `can_fork` says when.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

#: The bytes the child writes when a text is done, when it failed, and when it has done them all.
_DONE, _FAILED, _END = b".", b"!", b"$"


def can_fork() -> bool:
    """A second core to render on, and a process that may fork: Linux, and no thread but this one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return sys.platform == "linux" and cores >= 2 and threading.active_count() == 1


class ForkedPages:
    """The texts `render` hands its argument, one at a time, made in a forked child, each handed back
    when asked for (by its position in that order), waiting for it only if the child has not got
    there yet."""

    def __init__(self, render: Callable[[Callable[[str], None]], object]) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="learnhub-pages-"))
        read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: render, then leave without running the parent's exit handlers
            gc.freeze()  # what it inherits is never garbage: no collection walks (and copies) it
            os.close(read)
            _render_into(self._folder, render, write)
        os.close(write)
        self._pipe = os.fdopen(read, "rb", buffering=0)
        self._ready = 0
        self._stopped = False  # the child has exited: done, failed or killed
        self._texts: dict[int, str] = {}
        atexit.register(self.close)

    def text(self, index: int) -> str:
        """The `index`th text, once the child has written it; raises what the child raised."""
        if index in self._texts:
            return self._texts[index]
        while self._ready <= index and not self._stopped:
            got = self._pipe.read(4096)
            self._ready += got.count(_DONE)
            if not got or _END in got or _FAILED in got:
                self._reap()
        if self._ready <= index:
            raise self._error()
        file = self._folder / str(index)
        self._texts[index] = file.read_text(encoding="utf-8")
        file.unlink()
        if self._stopped and len(self._texts) == self._ready:
            self.close()  # every text is in memory: nothing is left to wait for or remove
        return self._texts[index]

    def _reap(self) -> None:
        """Wait for the child's exit (it has written all it will)."""
        if not self._stopped:
            self._stopped = True
            os.waitpid(self._pid, 0)
            self._pipe.close()

    def _error(self) -> BaseException:
        error = self._folder / "error"
        if error.exists():
            return pickle.loads(error.read_bytes())
        return RuntimeError("the process rendering the pages stopped before it was done")

    def close(self) -> None:
        """Stop the child if it is still rendering, and remove what it wrote."""
        if not self._stopped:
            os.kill(self._pid, signal.SIGKILL)
            self._reap()
        shutil.rmtree(self._folder, ignore_errors=True)
        atexit.unregister(self.close)


def _render_into(folder: Path, render: Callable[[Callable[[str], None]], object], pipe: int) -> None:
    status = 0
    count = 0

    def put(text: str) -> None:
        nonlocal count
        (folder / str(count)).write_text(text, encoding="utf-8")
        count += 1
        os.write(pipe, _DONE)

    try:
        render(put)
        os.write(pipe, _END)
    except BaseException as exc:  # handed to the parent, which raises it where it reads the page
        status = 1
        try:
            raised = pickle.dumps(exc)
        except Exception:
            raised = pickle.dumps(RuntimeError("".join(traceback.format_exception(exc))))
        (folder / "error").write_bytes(raised)
        os.write(pipe, _FAILED)
    finally:
        os._exit(status)


class PendingPage:
    """A page being rendered by `ForkedPages`: its path and title now, its Markdown when read."""

    def __init__(self, path: str, title: str, pages: ForkedPages, index: int) -> None:
        self.path, self.title = path, title
        self._pages, self._index = pages, index

    @property
    def content(self) -> str:
        return self._pages.text(self._index)

    def __repr__(self) -> str:
        return f"PendingPage({self.path!r})"
