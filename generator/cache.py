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
from .site.bytecode import TEMPLATES, user_cache

if TYPE_CHECKING:
    from .records import Build

FORMAT = 2
KEEP = 6
LIBRARIES = ("pydantic", "jinja2", "markdown", "nh3", "pyyaml", "weasyprint", "openpyxl", "icalendar",
             "markupsafe", "pydyf", "fonttools")
_PACKAGE = Path(__file__).resolve().parent


def folder() -> Path:
    return user_cache()


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


def load(digest: str) -> list[Build] | None:
    """The cached builds (one per language) for `digest`, or None (also for an entry that cannot be read)."""
    from .downloads import download_named
    from .records import Build, BuiltDownload, Page

    entry = folder() / digest
    try:
        manifest = json.loads((entry / "build.json").read_text(encoding="utf-8"))
        builds = []
        for number, item in enumerate(manifest["builds"]):
            files = entry / "files" / str(number)
            downloads = []
            for name in item["downloads"]:
                download = download_named(name)
                if download is None:
                    return None
                downloads.append(BuiltDownload(download, (files / name).read_bytes()))
            builds.append(Build(
                site_name=Markup(item["site_name"]),
                site_url=item["site_url"],
                nav=_nav(item["nav"]),
                pages=[Page(**page) for page in item["pages"]],
                api=item["hub_json"],
                downloads=downloads,
                warnings=[ContentError(**w) for w in item["warnings"]],
                language=item["language"],
                folder=item["folder"],
                languages=item["languages"],
                theme_words=item["theme_words"],
            ))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    os.utime(entry)  # most recently used
    return builds


def store(digest: str, builds: list[Build]) -> None:
    """Keep `builds` under `digest`; the oldest entries beyond KEEP are dropped. Never fails a build."""
    base = folder()
    try:
        base.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".new-", dir=base))
        items = []
        for number, build in enumerate(builds):
            files = staging / "files" / str(number)
            files.mkdir(parents=True)
            for download in build.downloads:
                (files / download.download.filename).write_bytes(download.content)
            items.append({
                "site_name": str(build.site_name), "site_url": build.site_url, "nav": build.nav,
                "pages": [{"path": p.path, "title": p.title, "content": p.content} for p in build.pages],
                "hub_json": build.hub_json, "downloads": [d.download.filename for d in build.downloads],
                "warnings": [vars(w) for w in build.warnings], "language": build.language,
                "folder": build.folder, "languages": build.languages, "theme_words": build.theme_words,
            })
        (staging / "build.json").write_text(json.dumps({"builds": items}), encoding="utf-8")
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
    """Drop the least recently used builds beyond KEEP (compiled templates are not a build)."""
    entries = sorted((p for p in base.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and p.name != TEMPLATES),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
