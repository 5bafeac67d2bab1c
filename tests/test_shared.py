"""Bytes two downloads of one build both need are made once, although the two are made in separate
worker processes (`generator.downloads.shared.once`, which the prompt deck's A4 and Letter files use)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from generator.downloads.shared import once


def _ask(content: str, log: str, results: multiprocessing.Queue[bytes]) -> None:
    def make() -> bytes:
        with open(log, "a") as f:
            f.write("made\n")
        return f"layout of {content}".encode()
    results.put(once(content, make))


def _ask_in_two_processes(content: str, log: Path) -> list[bytes]:
    context = multiprocessing.get_context("fork")
    results: multiprocessing.Queue[bytes] = context.Queue()
    workers = [context.Process(target=_ask, args=(content, str(log), results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    got = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    return got


def test_two_workers_of_one_build_make_the_same_bytes_once(tmp_path: Path) -> None:
    pytest.importorskip("fcntl", reason="bytes are shared through POSIX file locks")
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("builds share bytes between forked workers")
    log = tmp_path / "made.log"
    content = f"a deck only this test lays out: {tmp_path}"
    assert _ask_in_two_processes(content, log) == [f"layout of {content}".encode()] * 2
    assert log.read_text().count("made") == 1
    # Taken once, the bytes are gone: the next build's pair makes them again.
    assert _ask_in_two_processes(content, log) == [f"layout of {content}".encode()] * 2
    assert log.read_text().count("made") == 2
