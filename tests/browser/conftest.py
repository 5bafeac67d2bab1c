"""One served copy of the built hub and a Chromium page for every browser test.

Chromium is Debian's (/usr/bin/chromium) driven by Playwright; `playwright install` is never run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..tools import CHROMIUM, need, need_module

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 at a free port, while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    """The same hub built by Zensical, served the same way."""
    with served(zensical_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    need(CHROMIUM, "browser tests drive Debian's Chromium")
    sync_playwright = need_module("playwright.sync_api", "playwright").sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh desktop-sized page; close it after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
