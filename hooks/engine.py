"""Run the site engine (MkDocs) in the `learnhub` command's own process: build and serve.

The command has loaded and checked the content already; running MkDocs here hands that model to
the hook (generator.hand_over) instead of starting a second Python that reads and checks it
all again. `generator/` still never imports MkDocs: the command loads this file by its path, as
MkDocs loads hooks/learnhub.py.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the end-of-life banner is said once in the README

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


class Failed(Exception):
    """The engine stopped; `lines` are its warnings and errors, as it logged them."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextmanager
def _engine_log() -> Iterator[_Collect]:
    """The engine's warnings and errors, kept instead of printed (INFO is dropped)."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.WARNING if logger.level == logging.NOTSET else logger.level
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.level = level


def build(root: Path, site_dir: Path) -> list[str]:
    """Build the site of the project at `root` into `site_dir`; returns the engine's warnings.
    Raises Failed when the build did not finish (strict mode counts warnings as failures)."""
    with _engine_log() as log:
        try:
            config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except Abort as exc:
            raise Failed([*log.lines, str(exc)]) from None
        except Exception as exc:  # noqa: BLE001 - any failure of the engine is reported, as text
            raise Failed([*log.lines, f"{type(exc).__name__}: {exc}"]) from None
    return log.lines


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(root: Path, addr: str) -> None:
    """Preview the site on `addr`, rebuilding on every change, until interrupted or sent SIGTERM;
    either way the server, its port and every worker it started are released before returning."""
    logger = logging.getLogger("mkdocs")
    shown = logging.StreamHandler()
    shown.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(shown)
    logger.setLevel(logging.INFO)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=addr)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        logger.removeHandler(shown)
