"""Run the `learnhub` command inside the test process: the same code path, without a process start."""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

from generator.cli import main


def learnhub_here(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`learnhub --root ROOT ARGS...`: exit status, stdout and stderr, as `conftest.learnhub` gives them."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--root", str(root), *args])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(["learnhub", *args], code, out.getvalue(), err.getvalue())
