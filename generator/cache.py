"""The build cache: a finished build, kept under a digest of everything that went into it.

The key covers every file under content/ and prompts/, the generator's own code and templates,
the versions of the libraries that shape the output, the build date and the downloads mode, so
any change anywhere makes a new build. Entries live outside the project (XDG cache folder), so a
pull request cannot bring one in, and are plain JSON and files (never pickle).

LEARNHUB_CACHE=off turns it off; LEARNHUB_CACHE_DIR moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .errors import ContentError

if TYPE_CHECKING:
    from .records import Build

FORMAT = 1
KEEP = 6
LIBRARIES = ("pydantic", "jinja2", "markdown", "nh3", "pyyaml", "weasyprint", "openpyxl", "icalendar",
             "markupsafe", "pydyf", "fonttools")
_PACKAGE = Path(__file__).resolve().parent


def folder() -> Path:
    base = os.environ.get("LEARNHUB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "learnhub")
    return Path(base)


def enabled() -> bool:
    return os.environ.get("LEARNHUB_CACHE", "on").lower() not in {"off", "0", "no", "false"}


def key(root: Path, **settings: str) -> str | None:
    """The digest of a build's inputs, or None when the cache is off."""
    if not enabled():
        return None
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, settings, _versions()], sort_keys=True).encode())
    for base, label in ((root / "content", "content"), (root / "prompts", "prompts"), (_PACKAGE, "generator")):
        for path in sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"\0{label}/{path.relative_to(base).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = ""
    return found


def load(digest: str) -> Build | None:
    """The cached build for `digest`, or None (also for an entry that cannot be read)."""
    from .downloads import download_named
    from .records import Build, BuiltDownload, Page

    entry = folder() / digest
    try:
        manifest = json.loads((entry / "build.json").read_text(encoding="utf-8"))
        downloads = []
        for name in manifest["downloads"]:
            download = download_named(name)
            if download is None:
                return None
            downloads.append(BuiltDownload(download, (entry / "files" / name).read_bytes()))
        build = Build(
            site_name=Markup(manifest["site_name"]),
            site_url=manifest["site_url"],
            nav=_nav(manifest["nav"]),
            pages=[Page(**page) for page in manifest["pages"]],
            hub_json=manifest["hub_json"],
            downloads=downloads,
            warnings=[ContentError(**w) for w in manifest["warnings"]],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    os.utime(entry)  # most recently used
    return build


def store(digest: str, build: Build) -> None:
    """Keep `build` under `digest`; the oldest entries beyond KEEP are dropped. Never fails a build."""
    base = folder()
    try:
        base.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".new-", dir=base))
        (staging / "files").mkdir()
        for download in build.downloads:
            (staging / "files" / download.download.filename).write_bytes(download.content)
        manifest = {
            "site_name": str(build.site_name), "site_url": build.site_url, "nav": build.nav,
            "pages": [{"path": p.path, "title": p.title, "content": p.content} for p in build.pages],
            "hub_json": build.hub_json, "downloads": [d.download.filename for d in build.downloads],
            "warnings": [vars(w) for w in build.warnings],
        }
        (staging / "build.json").write_text(json.dumps(manifest), encoding="utf-8")
        target = base / digest
        if target.exists():  # only stored again when it could not be read: replace it
            shutil.rmtree(target)
        staging.rename(target)
        _prune(base)
    except OSError:
        return


def _nav(items: list[Any]) -> list[Any]:
    """Navigation read back: titles are Markup again (they were escaped before they were stored)."""
    return [{Markup(k): (_nav(v) if isinstance(v, list) else v) for k, v in item.items()} for item in items]


def _prune(base: Path) -> None:
    entries = sorted((p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
