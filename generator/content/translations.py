"""Translations of the content: read and check them, and make a localised copy of the hub.

Each language other than the source keeps one YAML file per content file, beside the content:
`content/days/day-1.yaml` is translated in `content/i18n/pt-PT/days/day-1.yaml`, and
`prompts/themes.yaml` in `content/i18n/pt-PT/prompts/themes.yaml`. A translation file has the
shape of its source with only the translatable fields (model.TRANSLATABLE): lists of records
with an id become mappings keyed by that id, other lists of records stay lists in the same
order. Each translated field is `{text: ..., source: <fingerprint>}`, the fingerprint being the
first characters of the SHA-1 of the source text it was made from, so a changed source shows the
translation as stale. A bare text (no fingerprint yet) is accepted with a warning;
`learnhub translations --stamp` gives it the current source's fingerprint.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import ContentError
from .load import Document, LoadError, PathKey, read
from .model import TRANSLATABLE, Hub, Record
from .validate import describe, message

#: Translation files live below this folder, one folder per language code.
FOLDER = "content/i18n"
#: How many hex digits of the source text's SHA-1 a translation keeps.
FINGERPRINT_LENGTH = 8
#: What identifies an item of a list of records in a translation file, first found wins.
KEY_FIELDS = ("id", "code")

Text = str | list[str]


def fingerprint(text: Text) -> str:
    """The short digest of a source text (a list of texts is digested as one)."""
    data = text if isinstance(text, str) else json.dumps(list(text), ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def translation_path(source: str, language: str) -> str:
    """Where the `language` translation of a content file (a path from the project root) lives."""
    return f"{FOLDER}/{language}/{source.removeprefix('content/')}"


def source_path(translation: str, language: str) -> str:
    """The content file a translation file translates (the inverse of translation_path)."""
    rest = translation.removeprefix(f"{FOLDER}/{language}/")
    return rest if rest.startswith("prompts/") else f"content/{rest}"


@dataclass(frozen=True)
class Entry:
    """One translated field: its text, the fingerprint it was made from (None: not stamped yet),
    and where it stands in its translation file."""

    text: Text
    source: str | None
    doc: Document
    loc: PathKey


#: A field of the source content: its file, and its path in that file.
Key = tuple[str, PathKey]


@dataclass
class Language:
    """One language's translations, by the source field each translates."""

    code: str
    entries: dict[Key, Entry] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def key_field(model: type[BaseModel]) -> str | None:
    return next((name for name in KEY_FIELDS if name in model.model_fields), None)


def is_translatable(model: type[BaseModel], name: str) -> bool:
    return name in TRANSLATABLE.get(model, frozenset())  # type: ignore[arg-type]


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """The field's own type and checks, to hold a translation to the same rules as its source."""
    info = model.model_fields[name]
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[name-defined]


# --- reading and checking -------------------------------------------------------------------------


def load_language(root: Path, code: str, sources: dict[str, Record]) -> tuple[Language, list[ContentError]]:
    """Every translation file of one language, checked against the content it translates."""
    language = Language(code)
    problems: list[ContentError] = []
    base = root / FOLDER / code
    for path in sorted(base.rglob("*.y*ml")) if base.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        source = source_path(rel, code)
        if source not in sources:
            close = difflib.get_close_matches(translation_path(source, code),
                                              [translation_path(s, code) for s in sources], n=1, cutoff=0.8)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(ContentError(rel, 1, 1, "", f"translates {source}, which is not a content file{hint}"))
            continue
        try:
            doc = read(path, root)
        except LoadError as exc:
            problems.append(exc.error)
            continue
        problems.extend(doc.problems)
        language.files.append(rel)
        _check_record(doc, (), doc.data, sources[source], source, (), language, problems)
    return language, problems


def _check_record(doc: Document, loc: PathKey, data: Any, record: Record, source: str, at: PathKey,
                  language: Language, problems: list[ContentError]) -> None:
    """Check the translation `data` (at `loc` in `doc`) of `record` (at `at` in `source`)."""
    model = type(record)
    if data is None:
        return
    if not isinstance(data, dict):
        problems.append(doc.error(loc, f"expected a mapping of fields, found {describe(data)}"))
        return
    for name, value in data.items():
        here = (*loc, name)
        if name not in model.model_fields:
            close = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(doc.error(here, f"unknown field '{name}'{hint}", key=True))
            continue
        current = getattr(record, name)
        if is_translatable(model, name):
            entry = _entry(doc, here, value, model, name, current, problems)
            if entry is not None:
                language.entries[(source, (*at, name))] = entry
        elif isinstance(current, Record):
            _check_record(doc, here, value, current, source, (*at, name), language, problems)
        elif isinstance(current, list) and current and isinstance(current[0], Record):
            _check_list(doc, here, value, current, source, (*at, name), language, problems)
        else:
            problems.append(doc.error(here, f"'{name}' is not translatable: it stays as the source "
                                            "writes it; remove it from the translation", key=True))


def _check_list(doc: Document, loc: PathKey, data: Any, records: list[Record], source: str, at: PathKey,
                language: Language, problems: list[ContentError]) -> None:
    """A list of records: a mapping by id where they have one, else a list in the source's order."""
    model = type(records[0])
    key = key_field(model)
    if key is None:
        if not isinstance(data, list):
            problems.append(doc.error(loc, f"expected a list in the source's order, found {describe(data)}"))
            return
        if len(data) != len(records):
            problems.append(doc.error(loc, f"expected {len(records)} items, as in {source}, found {len(data)}"))
            return
        for i, (item, record) in enumerate(zip(data, records, strict=True)):
            _check_record(doc, (*loc, i), item, record, source, (*at, i), language, problems)
        return
    if not isinstance(data, dict):
        problems.append(doc.error(loc, f"expected a mapping from each item's {key} to its translation, "
                                       f"found {describe(data)}"))
        return
    by_key = {str(getattr(r, key)): (i, r) for i, r in enumerate(records)}
    kind = model.__name__.lower()
    for item_key, item in data.items():
        if item_key not in by_key:
            close = difflib.get_close_matches(str(item_key), list(by_key), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(doc.error((*loc, item_key), f"no {kind} with {key} '{item_key}' in {source}{hint}",
                                      key=True))
            continue
        i, record = by_key[item_key]
        _check_record(doc, (*loc, item_key), item, record, source, (*at, i), language, problems)


def _entry(doc: Document, loc: PathKey, value: Any, model: type[BaseModel], name: str, current: Any,
           problems: list[ContentError]) -> Entry | None:
    """One translated field, held to its source field's rules; None when it is wrong or empty."""
    if value is None:
        return None
    text, stamp, text_loc = value, None, loc
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"text", "source"})
        if unknown:
            problems.append(doc.error((*loc, unknown[0]), f"unknown key '{unknown[0]}'; a translation holds "
                                                          "text and source", key=True))
            return None
        if "text" not in value:
            problems.append(doc.error(loc, "the translation's text is missing"))
            return None
        text, stamp, text_loc = value["text"], value.get("source"), (*loc, "text")
        if stamp is not None and not isinstance(stamp, str):
            problems.append(doc.error((*loc, "source"), f"expected the source's fingerprint as text, "
                                                        f"found {describe(stamp)}"))
            return None
    if isinstance(current, list) and isinstance(text, list) and len(text) != len(current):
        if isinstance(stamp, str) and stamp != fingerprint(current):  # the source list changed: stale
            mark = doc.mark(loc)
            problems.append(ContentError(doc.path, mark.line, mark.column, ".".join(str(p) for p in loc),
                                         f"stale: the source now has {len(current)} items, this {len(text)}; "
                                         "the source is shown until it is translated again", severity="warning"))
            return None
        problems.append(doc.error(text_loc, f"expected {len(current)} items, as in the source, found {len(text)}"))
        return None
    try:
        checked = _adapter(model, name).validate_python(text)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            sub = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
            problems.append(doc.error((*text_loc, *sub), message(err)))
        return None
    if checked is None:
        return None
    field_loc = ".".join(str(p) for p in loc)
    mark = doc.mark(loc)
    if stamp is None:
        problems.append(ContentError(doc.path, mark.line, mark.column, field_loc,
                                     "no fingerprint of the source yet; run `learnhub translations --stamp`",
                                     severity="warning"))
    elif stamp != fingerprint(current):
        problems.append(ContentError(doc.path, mark.line, mark.column, field_loc,
                                     "stale: the source text has changed since this was translated",
                                     severity="warning"))
    return Entry(checked, stamp, doc, loc)


# --- completeness -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field_:
    """A translatable field of the source content, and what its translation says about it."""

    key: Key
    state: str  # "done", "missing" or "stale"


def translatable_fields(record: Record, source: str, at: PathKey = ()) -> list[tuple[Key, Text]]:
    """Every translatable field with a value in `record`, with its source text."""
    found: list[tuple[Key, Text]] = []
    model = type(record)
    for name in model.model_fields:
        value = getattr(record, name)
        if is_translatable(model, name):
            if value is not None and value != []:
                found.append(((source, (*at, name)), value))
        elif isinstance(value, Record):
            found.extend(translatable_fields(value, source, (*at, name)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Record):
                    found.extend(translatable_fields(item, source, (*at, name, i)))
    return found


def states(language: Language, sources: dict[str, Record]) -> list[Field_]:
    """Each translatable field of the content: translated, missing, or stale."""
    out = []
    for source, record in sources.items():
        for key, text in translatable_fields(record, source):
            entry = language.entries.get(key)
            if entry is None:
                out.append(Field_(key, "missing"))
            elif entry.source is not None and entry.source != fingerprint(text):
                out.append(Field_(key, "stale"))
            else:
                out.append(Field_(key, "done"))
    return out


# --- the localised hub ------------------------------------------------------------------------


class Fallback(str):
    """A source text shown where its translation is missing: it keeps its own language, so that
    pages and PDFs can mark it (`lang`) and say, quietly, that it is not yet translated."""

    lang: str
    note: str

    def __new__(cls, text: str, lang: str, note: str) -> Self:
        made = super().__new__(cls, text)
        made.lang = lang
        made.note = note
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Fallback, (str(self), self.lang, self.note))

    def __html__(self) -> str:
        """How HTML-escaping templates (the PDFs') show it: in its own language, with the note."""
        import html

        return (f'<span lang="{self.lang}">{html.escape(str(self), quote=False)}</span> '
                f'<small class="lh-fallback">({html.escape(self.note, quote=False)})</small>')


def localize(hub: Hub, language: Language, note: str) -> Hub:
    """A copy of `hub` with every translated text in place, and the source text, marked as a
    Fallback, wherever a translation is missing. Ids, links and numbers are shared."""
    source_lang = hub.language

    def text(value: Text, key: Key) -> Any:
        entry = language.entries.get(key)
        if entry is not None:
            return entry.text
        if isinstance(value, str):
            return Fallback(value, source_lang, note)
        return [Fallback(v, source_lang, note) for v in value]

    def walk(record: Any) -> Any:
        if not isinstance(record, Record):
            return record
        model = type(record)
        origin = record._source
        changes: dict[str, Any] = {}
        for name in model.model_fields:
            value = getattr(record, name)
            if is_translatable(model, name) and value is not None and origin is not None:
                changes[name] = text(value, (origin.path, (*origin.loc, name)))
            elif isinstance(value, Record):
                changes[name] = walk(value)
            elif isinstance(value, list) and value and isinstance(value[0], Record):
                changes[name] = [walk(v) for v in value]
        return record.model_copy(update=changes)

    sheet = walk(hub.sheet)
    statuses = dict(zip(hub.sheet.statuses, sheet.statuses, strict=True))
    opted_out = getattr(sheet, "opted_out", None)  # a status too: it follows the statuses' translation
    sheet = sheet.model_copy(update={"samples": [
        s.model_copy(update={"status": statuses.get(s.status, s.status)}) for s in sheet.samples],
        **({"opted_out": statuses.get(opted_out, opted_out)} if opted_out is not None else {})})
    activities = [walk(a) for a in hub.activities]
    measurement = walk(hub.measurement)
    # a count's answers and the results' answers are the source's options, and the results'
    # statuses the source's statuses: they follow their translation too
    options = {q.id: dict(zip(source.options, q.options, strict=True))
               for source, q in zip(hub.measurement.pulse, measurement.pulse, strict=True)}
    measurement = measurement.model_copy(update={"indicators": [i.model_copy(update={"counts": [
        c.model_copy(update={"answers": [options.get(c.question or "", {}).get(a, a) for a in c.answers]})
        for c in i.counts]}) for i in measurement.indicators]})
    results = [r.model_copy(update={
        "statuses": {statuses.get(k, k): n for k, n in r.statuses.items()},
        "pulse": {qid: {options.get(qid, {}).get(a, a): n for a, n in answers.items()}
                  for qid, answers in r.pulse.items()}}) for r in hub.results]
    return hub.model_copy(update={
        "campaign": walk(hub.campaign), "playbook": walk(hub.playbook), "days": [walk(d) for d in hub.days],
        "prompts": [walk(p) for p in hub.prompts],
        "activities": sorted(activities, key=lambda a: a.title.casefold()),
        "cuts": walk(hub.cuts), "resources": [walk(r) for r in hub.resources],
        "measurement": measurement, "results": results, "sheet": sheet, "evidence": walk(hub.evidence),
        "faq": walk(hub.faq), "language": language.code,
    })


# --- stamping -----------------------------------------------------------------------------------


def stamped(data: Any, record: Record) -> tuple[Any, int]:
    """The translation `data` of `record` with each bare text given its source's fingerprint,
    and how many were stamped. Texts that already have a fingerprint keep it (a stale one stays
    stale until its translator brings it up to date and removes the old fingerprint)."""
    if not isinstance(data, dict):
        return data, 0
    model = type(record)
    out: dict[str, Any] = {}
    count = 0
    for name, value in data.items():
        current = getattr(record, name, None) if name in model.model_fields else None
        if current is None:
            out[name] = value
        elif is_translatable(model, name):
            if isinstance(value, (str, list)):
                out[name] = {"text": value, "source": fingerprint(current)}
                count += 1
            elif isinstance(value, dict) and "text" in value and not value.get("source"):
                out[name] = {"text": value["text"], "source": fingerprint(current)}
                count += 1
            else:
                out[name] = value
        elif isinstance(current, Record):
            out[name], n = stamped(value, current)
            count += n
        elif isinstance(current, list) and current and isinstance(current[0], Record):
            key = key_field(type(current[0]))
            if key is None and isinstance(value, list):
                items = [stamped(v, r) for v, r in zip(value, current, strict=False)]
                out[name] = [v for v, _ in items] + value[len(items):]
                count += sum(n for _, n in items)
            elif key is not None and isinstance(value, dict):
                by_key = {str(getattr(r, key)): r for r in current}
                out[name] = {}
                for item_key, item in value.items():
                    if item_key in by_key:
                        out[name][item_key], n = stamped(item, by_key[item_key])
                        count += n
                    else:
                        out[name][item_key] = item
            else:
                out[name] = value
        else:
            out[name] = value
    return out, count


def dump(data: Any) -> str:
    """A translation file's YAML as people edit it: Markdown as literal blocks, UTF-8 as is."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


# --- the JSON Schema of translation files ---------------------------------------------------------


def translation_schema(model: type[Record]) -> dict[str, Any]:
    """The JSON Schema of a translation file of `model`'s files: only its translatable fields, each a
    text (or `{text, source}`), records by id where they have one, made from TRANSLATABLE."""
    import typing

    from .validate import _inner_model

    defs: dict[str, Any] = {}

    def has_text(m: type[BaseModel]) -> bool:
        return any(is_translatable(m, n) or _walkable(n, m) for n in m.model_fields)

    def _walkable(name: str, m: type[BaseModel]) -> bool:
        inner = _inner_model(m.model_fields[name].annotation)
        return inner is not None and inner is not m and has_text(inner)

    def text(info: Any) -> dict[str, Any]:
        is_list = typing.get_origin(info.annotation) is list
        plain: dict[str, Any] = {"type": "array", "items": {"type": "string"}} if is_list else {"type": "string"}
        return {"description": info.description, "anyOf": [plain, {
            "type": "object", "required": ["text"], "additionalProperties": False,
            "properties": {"text": plain, "source": {
                "type": "string", "pattern": f"^[0-9a-f]{{{FINGERPRINT_LENGTH}}}$",
                "description": "The fingerprint of the source text this was translated from "
                               "(`learnhub translations --stamp` writes it)."}}}]}

    def record(m: type[BaseModel]) -> dict[str, Any]:
        if m.__name__ not in defs:
            defs[m.__name__] = {}
            props: dict[str, Any] = {}
            for name, info in m.model_fields.items():
                if is_translatable(m, name):
                    props[name] = text(info)
                elif _walkable(name, m):
                    inner = _inner_model(info.annotation)
                    ref = record(inner)
                    if typing.get_origin(info.annotation) is not list:
                        props[name] = ref
                    elif key_field(inner):
                        props[name] = {"type": "object", "additionalProperties": ref,
                                       "description": f"By each item's {key_field(inner)}."}
                    else:
                        props[name] = {"type": "array", "items": ref, "description": "In the source's order."}
            defs[m.__name__] = {"type": "object", "additionalProperties": False, "properties": props,
                                "description": (m.__doc__ or "").strip().splitlines()[0]}
        return {"$ref": f"#/$defs/{m.__name__}"}

    record(model)
    top = defs.pop(model.__name__)
    return {**top, "$defs": defs} if defs else top
