"""The Downloads page hands over each file (Material's instant navigation must not swallow the click)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.downloads import DOWNLOADS


def test_each_link_downloads_its_file(page: Any, base_url: str, site: Path) -> None:
    for download in DOWNLOADS:
        # a fresh visit for each file: Chromium holds back a page's downloads after the first ten
        page.goto(base_url + "downloads/")
        name = download.filename
        link = page.locator(f'a[download][href$="/{name}"], a[download][href="{name}"]')
        with page.expect_download() as info:
            link.click()
        got = info.value
        assert got.suggested_filename == download.filename
        assert Path(got.path()).read_bytes() == (site / "downloads" / download.filename).read_bytes()
