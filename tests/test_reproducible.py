"""Reproducible builds: with SOURCE_DATE_EPOCH set, two builds of the same content are byte-identical,
every file included (pages, sitemap and its gzip, search index, hub.json and every download)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from generator.downloads import DOWNLOADS

from .conftest import FIXTURES, ROOT, make_project

#: Used when the commit's own time cannot be read (no git): 18 November 2026, after the fixture's dates.
FALLBACK_EPOCH = "1795000000"


def source_date_epoch() -> str:
    """The time of the commit being built, as reproducible-builds.org recommends."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return FALLBACK_EPOCH
    return out if out.isdigit() else FALLBACK_EPOCH


def build(root: Path, epoch: str, *, tz: str, hash_seed: str) -> Path:
    """`learnhub build` in a fresh process, with its own time zone and hash seed, and no build
    cache: each build makes every page and download itself."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "TZ": tz, "PYTHONHASHSEED": hash_seed,
           "LEARNHUB_CACHE": "off"}
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "build"],
                            capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    epoch = source_date_epoch()
    # Different folders, time zones and hash seeds, and at least two seconds apart (zip entries
    # keep time to two seconds), so that a path, a local time, a set's order or the clock shows.
    started = time.monotonic()
    first = build(make_project(tmp_path / "a", FIXTURES / "tiny"), epoch, tz="UTC", hash_seed="1")
    time.sleep(max(0.0, 2.1 - (time.monotonic() - started)))
    second = build(make_project(tmp_path / "elsewhere" / "b", FIXTURES / "tiny"), epoch,
                   tz="Pacific/Auckland", hash_seed="2")

    one, two = files(first), files(second)
    assert sorted(one) == sorted(two)
    differ = [name for name in one if one[name] != two[name]]
    assert not differ, f"{len(differ)} of {len(one)} files differ between builds: {differ[:20]}"
    for name in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "api/hub.json", "404.html"):
        assert name in one, name
    for download in DOWNLOADS:
        assert f"downloads/{download.filename}" in one, download.filename
