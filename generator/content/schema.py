"""JSON Schemas for editors and field references for people, both made from the model.

`learnhub schema` writes one JSON Schema per content kind into `schemas/`; each content file
names its schema in a first-line `# yaml-language-server: $schema=...` comment, so an editor
completes fields and flags mistakes while typing. The Contribute page is rendered from the
same schemas (`kind_docs`), so a field added to the model appears in both without another edit.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .model import CLOCK_RE, COLOUR_RE, FILE_KINDS, LANGUAGE_RE, LINK_RE, SLUG_RE, Record

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: How the schema's string patterns read to a person.
PATTERN_TYPES = {
    SLUG_RE: "id", COLOUR_RE: "colour", LANGUAGE_RE: "language code", CLOCK_RE: "time", LINK_RE: "link",
}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Kind:
    """One kind of content file: where its files live and the model they validate against."""

    name: str
    pattern: str
    model: type[Record]

    @property
    def schema_path(self) -> str:
        return f"{SCHEMA_DIR}/{self.name}.schema.json"


def kinds() -> list[Kind]:
    """Every kind of content file, in the model's order."""
    return [Kind(name, pattern, model) for pattern, model, name in FILE_KINDS]


def kind_named(name: str) -> Kind:
    return next(k for k in kinds() if k.name == name)


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of content file."""
    schema = kind.model.model_json_schema()
    return {"$schema": DIALECT, "$id": f"{kind.name}.schema.json", **schema,
            "title": f"learnhub {kind.name} file ({kind.pattern})"}


def schema_text(kind: Kind) -> str:
    """The schema as it is committed: stable key order, two-space indents, a final newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(root: Path) -> list[Path]:
    """Write every kind's schema into `root/schemas/`; returns the files that changed."""
    (root / SCHEMA_DIR).mkdir(exist_ok=True)
    changed = []
    for kind in kinds():
        target = root / kind.schema_path
        text = schema_text(kind)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


def stale_schemas(root: Path) -> list[str]:
    """The committed schema files that differ from the model (or are missing)."""
    stale = []
    for kind in kinds():
        target = root / kind.schema_path
        if not target.exists() or target.read_text(encoding="utf-8") != schema_text(kind):
            stale.append(kind.schema_path)
    return stale


def modeline(kind: Kind, file: str) -> str:
    """The first line a content file at `file` (relative to the root) needs to find its schema."""
    relative = posixpath.relpath(kind.schema_path, posixpath.dirname(file) or ".")
    return f"{MODELINE_PREFIX}{relative}"


MODELINE_PREFIX = "# yaml-language-server: $schema="


def _content_files(root: Path) -> list[tuple[Path, Kind]]:
    by_name = {k.name: k for k in kinds()}
    return [(path, by_name[name]) for pattern, _model, name in FILE_KINDS for path in sorted(root.glob(pattern))]


def missing_modelines(root: Path) -> list[str]:
    """Content files (relative paths) whose first line does not point their editor at the right schema."""
    missing = []
    for path, kind in _content_files(root):
        rel = path.relative_to(root).as_posix()
        first = path.read_text(encoding="utf-8", errors="replace").partition("\n")[0].removeprefix("\ufeff")
        if first.rstrip() != modeline(kind, rel):
            missing.append(rel)
    return missing


def write_modelines(root: Path) -> list[Path]:
    """Give every content file its schema line (replacing a wrong one); returns the files changed."""
    changed = []
    for rel in missing_modelines(root):
        path = root / rel
        kind = next(k for p, k in _content_files(root) if p == path)
        raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")  # bytes: a file that is not UTF-8 stays as it is
        first, _newline, rest = raw.partition(b"\n")
        body = rest if first.startswith(MODELINE_PREFIX.encode()) else raw
        path.write_bytes(modeline(kind, rel).encode() + b"\n" + body)
        changed.append(path)
    return changed


# --- the reference on the Contribute page ------------------------------------------------------


@dataclass(frozen=True)
class FieldDoc:
    """One field as the Contribute page shows it."""

    path: str
    type: str
    required: bool
    description: str
    allowed: tuple[str, ...] = ()
    example: str | None = None
    default: str | None = None
    nested: bool = False


@dataclass(frozen=True)
class KindDoc:
    """One kind of content file and every field in it, nested fields flattened with their path."""

    name: str
    pattern: str
    description: str
    fields: tuple[FieldDoc, ...]


@cache
def kind_docs() -> tuple[KindDoc, ...]:
    """The reference for every kind of content file, read from the JSON Schemas."""
    docs = []
    for kind in kinds():
        schema = json_schema(kind)
        fields = tuple(_fields(schema, schema, ""))
        docs.append(KindDoc(kind.name, kind.pattern, schema.get("description", ""), fields))
    return tuple(docs)


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """The node a `$ref` points to, with the referring node's own keywords laid over it."""
    if "$ref" not in node:
        return node
    target = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    extra = {k: v for k, v in node.items() if k != "$ref"}
    return {**_resolve(target, root), **extra}


def _optional(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """`X | None` is `anyOf: [X, null]`: the X, keeping the outer description and default."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) != 1:
        return _resolve(node, root)
    outer = {k: v for k, v in node.items() if k != "anyOf"}
    return {**_resolve(options[0], root), **outer}


def _fields(node: dict[str, Any], root: dict[str, Any], prefix: str) -> list[FieldDoc]:
    out = []
    required = set(node.get("required", []))
    for name, raw in node.get("properties", {}).items():
        prop = _optional(raw, root)
        path = f"{prefix}{name}"
        items = _optional(prop.get("items", {}), root) if prop.get("type") == "array" else None
        mapped = [*(prop.get("patternProperties") or {}).values(), prop.get("additionalProperties") or {}]
        values = _optional(mapped[0], root) if prop.get("type") == "object" else {}
        inner = items if items is not None and items.get("type") == "object" else prop
        if values.get("properties"):  # a mapping of ids to records (a results file's indicators)
            inner = values
        out.append(FieldDoc(
            path=path,
            type=_type(prop, root),
            required=name in required,
            description=prop.get("description") or (items or {}).get("description", ""),
            allowed=tuple(str(v) for v in (prop.get("enum") or (items or {}).get("enum") or ())),
            example=_example(prop, items),
            default=_default(prop),
            nested=inner.get("type") == "object",
        ))
        if inner.get("type") == "object":
            out.extend(_fields(inner, root, f"{path}[]." if inner is items else f"{path}."))
    return out


def _type(node: dict[str, Any], root: dict[str, Any]) -> str:
    """A short, plain name for a schema node's type, with its bounds in brackets."""
    name, details = _type_parts(node, root)
    return f"{name} ({'; '.join(details)})" if details else name


def _type_parts(node: dict[str, Any], root: dict[str, Any]) -> tuple[str, list[str]]:
    kind = node.get("type")
    if "enum" in node:
        return "choice", []
    if kind == "array":
        items = _optional(node.get("items", {}), root)
        if items.get("type") == "object":
            return "list of mappings", _count(node)
        name, details = _type_parts(items, root)
        return f"list of {PLURALS.get(name, name)}", _count(node) + [f"each {d}" for d in details]
    if kind == "object":
        return "mapping", []
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        return "whole number", [f"{low} to {high}"] if low is not None and high is not None else []
    if kind == "boolean":
        return "true/false", []
    if kind == "string":
        if node.get("format") == "date":
            return "date", []
        if node.get("pattern") in PATTERN_TYPES:
            return PATTERN_TYPES[node["pattern"]], []
        if node.get("contentMediaType") == "text/markdown":
            return "Markdown", []
        return "text", [f"up to {node['maxLength']} characters"] if "maxLength" in node else []
    return str(kind or "value"), []


PLURALS = {"choice": "choices", "id": "ids", "text": "texts", "date": "dates", "link": "links"}


def _count(node: dict[str, Any]) -> list[str]:
    low, high = node.get("minItems"), node.get("maxItems")
    if low is not None and low == high:
        return [f"exactly {low}"]
    if low:
        return [f"at least {low}"]
    return []


def _example(prop: dict[str, Any], items: dict[str, Any] | None) -> str | None:
    if prop.get("examples"):
        return _yaml(prop["examples"][0])
    if items and items.get("examples"):
        return _yaml([items["examples"][0]])
    return None


def _default(prop: dict[str, Any]) -> str | None:
    value = prop.get("default")
    return None if value in ([], None) or isinstance(value, dict) else _yaml(value)


def _yaml(value: Any) -> str:
    """A value as it would be written in a content file, on one line."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value  # YAML reads an unquoted date as a date, which is what the model wants
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()
