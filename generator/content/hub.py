"""Load the whole hub: find the content files, read and validate each, then check across files."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError, ContentErrors
from .load import LoadError, read
from .model import FILE_KINDS, OPTIONAL_KINDS, Hub, Record
from .rules import check, translated_card_fit
from .translations import FOLDER as TRANSLATIONS
from .translations import Language, load_language
from .validate import validate

#: The folders whose YAML files are content; every file in them must belong to a kind.
CONTENT_FOLDERS = ("content", "prompts")


@dataclass
class Loaded:
    """A hub and the warnings found while loading it."""

    hub: Hub
    warnings: list[ContentError] = field(default_factory=list)
    #: Each language but the source: its translations, checked (see translations.py).
    translations: list[Language] = field(default_factory=list)
    #: Every content file's record, by its path from the project root.
    sources: dict[str, Record] = field(default_factory=dict)


def build_moment() -> dt.datetime | None:
    """The moment SOURCE_DATE_EPOCH names (UTC), or None: builds that set it reproduce exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else None


def build_date() -> dt.date:
    """Today, or the date SOURCE_DATE_EPOCH names, so that builds can be reproduced."""
    moment = build_moment()
    return moment.date() if moment else dt.date.today()


def content_files(root: Path) -> list[tuple[Path, type[Record], str]]:
    """Every content file under `root`, with the model it validates against."""
    found = []
    for pattern, model, kind in FILE_KINDS:
        for path in sorted(root.glob(pattern)):
            found.append((path, model, kind))
    return found


def load_hub(root: Path, *, strict: bool = False, today: dt.date | None = None,
             with_results: bool = True, with_translations: bool = True) -> Loaded:
    """Read and check every content file; raises ContentErrors listing every mistake.

    `with_results=False` leaves out content/results/, for `learnhub results`, which rewrites them;
    `with_translations=False` leaves out content/i18n/, for a preview of the source language alone.
    """
    errors: list[ContentError] = []
    parts: dict[str, list[Any]] = {}
    sources: dict[str, Record] = {}
    for path, model, kind in content_files(root):
        if kind == "results" and not with_results:
            continue
        try:
            doc = read(path, root)
        except LoadError as exc:
            errors.append(exc.error)
            continue
        record, problems = validate(doc, model)
        errors.extend(doc.problems + problems)
        if record is not None and not doc.problems:
            parts.setdefault(kind, []).append(record)
            sources[doc.path] = record
    errors.extend(_missing(root, parts))
    errors.extend(_strays(root))
    if errors:
        raise ContentErrors(errors)
    hub = Hub(
        campaign=parts["campaign"][0],
        playbook=parts["playbook"][0],
        days=sorted(parts["day"], key=lambda d: d.number),
        prompts=[p for f in parts["prompts"] for p in f.prompts],
        activities=sorted(parts["activity"], key=lambda a: a.title.casefold()),
        cuts=parts["cuts"][0],
        resources=[r for f in parts["resources"] for r in f.resources],
        measurement=parts["measurement"][0],
        sheet=parts["sheet"][0],
        evidence=parts["evidence"][0],
        faq=parts["faq"][0],
        build_date=today or build_date(),
        results=sorted(parts.get("results", []), key=lambda r: r.wave),
    )
    found = check(hub, strict=strict)
    translations = []
    for language in hub.campaign.hub_languages[1:] if with_translations else []:
        loaded, problems = load_language(root, language.code, sources)
        translations.append(loaded)
        found.extend(problems)
        found.extend(translated_card_fit(hub, loaded))
    found.extend(_unknown_languages(root, hub))
    problems = [e for e in found if e.severity == "error"]
    if problems:
        raise ContentErrors(found)
    return Loaded(hub, sorted(e for e in found if e.severity == "warning"), translations, sources)


def _unknown_languages(root: Path, hub: Hub) -> list[ContentError]:
    """A folder of translations for a language the hub is not published in would be left out: say so."""
    known = {language.code for language in hub.campaign.hub_languages[1:]}
    base = root / TRANSLATIONS
    found = []
    for folder in sorted(base.iterdir()) if base.is_dir() else []:
        if folder.is_dir() and folder.name not in known:
            rel = folder.relative_to(root).as_posix()
            where = hub.campaign.origin
            found.append(ContentError(rel, 1, 1, "", f"'{folder.name}' is not one of the hub's languages; add it "
                                                    f"to hub_languages in {where.path}"))
    return found


def _strays(root: Path) -> list[ContentError]:
    """A YAML file in content/ or prompts/ that no kind reads would be silently left out: say so."""
    read_here = {path for path, _model, _kind in content_files(root)}
    patterns = [pattern for pattern, _model, _kind in FILE_KINDS]
    found = []
    for folder in CONTENT_FOLDERS:
        for path in sorted((root / folder).rglob("*.y*ml")):
            if path in read_here or not path.is_file() or path.is_relative_to(root / TRANSLATIONS):
                continue
            rel = path.relative_to(root).as_posix()
            places = [p.replace("*", path.stem) for p in patterns]
            close = difflib.get_close_matches(rel, places, n=1, cutoff=0.9)
            hint = f"did you mean {close[0]}?" if close else f"content files live in {', '.join(patterns)}"
            found.append(ContentError(rel, 1, 1, "", f"this file is not part of the hub; {hint}"))
    return found


def _missing(root: Path, parts: dict[str, list[Any]]) -> list[ContentError]:
    """A located error for each required kind of file that is absent."""
    missing = []
    for pattern, _model, kind in FILE_KINDS:
        if kind not in parts and kind not in OPTIONAL_KINDS and not any(root.glob(pattern)):
            missing.append(ContentError(pattern, 1, 1, "", f"no {kind} file found (expected {pattern})"))
    return missing
