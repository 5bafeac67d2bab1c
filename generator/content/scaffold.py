"""`learnhub new`: scaffold a prompt, resource or activation with the next free id.

A scaffolded entry is valid YAML whose every value an editor must write starts with `TODO`,
which the model refuses; so `learnhub validate` fails, naming each placeholder by file and
line, until all of them are filled in. The entry's text comes from `templates/new/`, and the
allowed values it lists come from the model and the campaign file, so they never drift.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .load import LoadError, read
from .model import ActivityCost, ActivityFormat, Cost, ResourceFormat
from .schema import kind_named, modeline

_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([a-z0-9-]+)['\"]?\s*(?:#.*)?$", re.MULTILINE)
_CONVERSATION_LINE = re.compile(r"^\s*conversation:\s*['\"]?([a-z0-9-]+)['\"]?\s*(?:#.*)?$", re.MULTILINE)
_ITEM_INDENT = re.compile(r"^( *)- ", re.MULTILINE)


class ScaffoldError(Exception):
    """The entry cannot be made as asked (an unknown group, a file that is not a list)."""


@dataclass(frozen=True)
class Scaffolded:
    """What `learnhub new` wrote: the file, the new entry's id, and the line it starts on."""

    path: Path
    id: str
    line: int


@cache
def _environment() -> Environment:
    """Templates for YAML, not HTML: no escaping, but every value goes out as a quoted string."""
    env = Environment(loader=PackageLoader("generator.content", "templates/new"), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


def slugify(text: str) -> str:
    """'Lunch & learn!' -> 'lunch-learn'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))[:60].strip("-")


def taken_ids(files: list[Path]) -> set[str]:
    """Every `id:` written in these files, read from the text so that a broken file still counts."""
    ids: set[str] = set()
    for file in files:
        ids.update(_ID_LINE.findall(file.read_text(encoding="utf-8", errors="replace")))
    return ids


def next_free(base: str, taken: set[str]) -> str:
    """`base` if nobody uses it, else `base-2`, `base-3`, ...; a base ending in '-' is numbered from 1."""
    if base.endswith("-"):
        n = 1
        while f"{base}{n}" in taken:
            n += 1
        return f"{base}{n}"
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _campaign_ids(root: Path) -> dict[str, list[str]]:
    """Strand, topic and theme ids from the campaign file, to list in placeholders; empty if unreadable."""
    found: dict[str, list[str]] = {"strands": [], "topics": [], "themes": []}
    try:
        data = read(root / "content" / "campaign.yaml", root).data
    except (LoadError, OSError):
        return found
    for key in found:
        items = data.get(key) if isinstance(data, dict) else None
        if isinstance(items, list):
            found[key] = [str(i["id"]) for i in items if isinstance(i, dict) and "id" in i]
    return found


def _or_hint(ids: list[str], what: str) -> list[str]:
    return ids or [f"the {what} in content/campaign.yaml"]


def _groups(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))


def _append(file: Path, entry_kind: str, list_key: str, context: dict[str, Any]) -> int:
    """Append a rendered entry to a list file (creating the file if needed); returns its first line."""
    if file.exists():
        text = file.read_text(encoding="utf-8")
        if not re.search(rf"^{list_key}:", text, re.MULTILINE):
            raise ScaffoldError(f"{file.name} has no top-level '{list_key}:' list to add to")
        indent = _ITEM_INDENT.search(text)
        text = text if text.endswith("\n") or not text else text + "\n"
    else:
        kind = kind_named("prompts" if list_key == "prompts" else "resources")
        rel = file.relative_to(context["root"]).as_posix()
        text, indent = f"{modeline(kind, rel)}\n{list_key}:\n", None
    entry = _environment().get_template(f"{entry_kind}.yaml.j2").render(
        indent=indent.group(1) if indent else "  ", **context)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text + entry, encoding="utf-8")
    return text.count("\n") + 1


def new_prompt(root: Path, group: str) -> Scaffolded:
    """A prompt added to `prompts/<group>.yaml`, for that day's conversation or for themes."""
    folder = root / "prompts"
    file = folder / f"{group}.yaml"
    if not file.exists():
        raise ScaffoldError(f"no prompts/{group}.yaml; choose one of {', '.join(_groups(folder))}")
    own = sorted(taken_ids([file]))
    prefix = _common_prefix(own) or f"{slugify(group)}-"
    new_id = next_free(prefix, taken_ids(sorted(folder.glob("*.yaml"))))
    ids = _campaign_ids(root)
    line = _append(file, "prompt", "prompts", {
        "root": root, "id": new_id, "conversation": _conversation(root, group, file),
        "themes": _or_hint(ids["themes"], "themes"), "topics": _or_hint(ids["topics"], "topics"),
    })
    return Scaffolded(file, new_id, line)


def _conversation(root: Path, group: str, file: Path) -> str | None:
    """The day a prompt file is for: the one conversation its prompts share, or a day id it is named after."""
    found = set(_CONVERSATION_LINE.findall(file.read_text(encoding="utf-8", errors="replace")))
    if len(found) == 1:
        return str(found.pop())
    days = taken_ids(sorted((root / "content" / "days").glob("*.yaml")))
    return group if group in days else None


def _common_prefix(ids: list[str]) -> str:
    """The hyphen-ended prefix all ids share ('cc-' for cc-energy, cc-proud), or ''."""
    if not ids:
        return ""
    first, last = min(ids), max(ids)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    shared = first[:n]
    return shared[: shared.rfind("-") + 1] if "-" in shared else ""


#: A new resource or activation is due to be checked again this long after it is added.
REVIEW_AFTER = dt.timedelta(days=182)


def new_resource(root: Path, group: str, *, title: str | None = None, today: dt.date) -> Scaffolded:
    """A resource added to `content/resources/<group>.yaml` (created if it is new)."""
    folder = root / "content" / "resources"
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", group):
        raise ScaffoldError(f"'{group}' is not a file name of lowercase letters, digits and hyphens")
    file = folder / f"{group}.yaml"
    base = slugify(title) if title and slugify(title) else f"{group}-"
    new_id = next_free(base, taken_ids(sorted(folder.glob("*.yaml"))))
    line = _append(file, "resource", "resources", {
        "root": root, "id": new_id, "title": title, "today": today.isoformat(),
        "review_by": (today + REVIEW_AFTER).isoformat(), "formats": [f.value for f in ResourceFormat], "costs": [c.value for c in Cost],
        "topics": _or_hint(_campaign_ids(root)["topics"], "topics"),
    })
    return Scaffolded(file, new_id, line)


def new_activation(root: Path, title: str | None = None, *, today: dt.date) -> Scaffolded:
    """A new file in `content/activities/`, named after the activity's id."""
    folder = root / "content" / "activities"
    files = sorted(folder.glob("*.yaml"))
    taken = taken_ids(files) | {p.stem for p in files}
    base = slugify(title) if title and slugify(title) else "activation-"
    new_id = next_free(base, taken)
    file = folder / f"{new_id}.yaml"
    rel = file.relative_to(root).as_posix()
    ids = _campaign_ids(root)
    text = _environment().get_template("activation.yaml.j2").render(
        modeline=modeline(kind_named("activity"), rel), id=new_id, title=title,
        costs=[c.value for c in ActivityCost], formats=[f.value for f in ActivityFormat],
        strands=_or_hint(ids["strands"], "strands"), topics=_or_hint(ids["topics"], "topics"),
        today=today.isoformat(), review_by=(today + REVIEW_AFTER).isoformat(),
    )
    folder.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return Scaffolded(file, new_id, 2)
