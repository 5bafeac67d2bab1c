"""The offline bundle: the whole hub in one zip that works when unzipped and opened from `file://`.

The bundle is the hub built by the same engine and hook with Material's offline plugin: pages
link to `page.html` rather than `page/` (a folder does not open its index.html from disk), and
search reads its index from a script instead of fetching it. The plugin would load its Worker
shim from a CDN; the bundle carries its own (offline/iframe-worker.js), so no request leaves
the folder and the content-security policy holds unchanged.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import yaml

from .content.model import Hub

#: Where the Worker shim goes in the bundle. Its name contains "iframe-worker", so Material's
#: offline plugin sees a shim is present and adds none from the CDN.
SHIM = "assets/iframe-worker.js"

#: Zip entries get one fixed time, so the same hub makes the same bytes (zip cannot store 1970).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def bundle_name(hub: Hub) -> str:
    """`learnhub-2027`: the zip's name (without .zip) and its one top-level folder."""
    return f"learnhub-{hub.campaign.week_start.year}"


def offline_config(root: Path, base: str = "mkdocs.yml") -> str:
    """An engine config that inherits the project's `base` and makes the build work from disk.

    Instant navigation is left out: Material turns it off under file://, and in doing so (9.7,
    9.8) completes the `document$` stream before the first page is announced, so no script
    that waits for it (the theme's own or the hub's) would ever run.
    """
    theme = yaml.safe_load((root / base).read_text(encoding="utf-8")).get("theme", {})
    features = [f for f in theme.get("features", []) if not str(f).startswith("navigation.instant")]
    config = {
        "INHERIT": base,
        "theme": {"features": features},
        "use_directory_urls": False,
        # Links to `page.html` name no Markdown file, so the engine cannot check them; the bundle's
        # browser test follows every link on disk instead (tests/browser/test_bundle.py).
        "validation": {"links": {"not_found": "info"}},
        "plugins": ["search", "offline"],
        "extra": {"polyfills": [SHIM]},
    }
    header = "# Written by `learnhub bundle` for one build, then removed: the hub for file://.\n"
    return header + yaml.safe_dump(config, sort_keys=False)


def add_offline_assets(site: Path) -> None:
    """Put the Worker shim the pages name (see SHIM) into a built site, and take out the 404 page.

    Only a web server shows 404.html, and its links are absolute (`/managers/...`), which from
    disk would point at the root of the drive.
    """
    (site / "404.html").unlink(missing_ok=True)
    shim = resources.files("generator").joinpath("offline", "iframe-worker.js").read_bytes()
    (site / SHIM).parent.mkdir(parents=True, exist_ok=True)
    (site / SHIM).write_bytes(shim)


def _files(site: Path) -> Iterator[Path]:
    yield from sorted(p for p in site.rglob("*") if p.is_file())


def write_zip(site: Path, dest: Path, folder: str) -> None:
    """Zip `site` into `dest` under one top-level `folder`, byte for byte the same for the same site.

    Written beside `dest` and renamed into place, so a failed run leaves the previous zip whole.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in _files(site):
            entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=_ZIP_TIME)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    partial.replace(dest)


def remove(path: Path) -> None:
    """Remove a file or folder the bundle made for one run."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
