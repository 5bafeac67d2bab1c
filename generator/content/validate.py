"""Validate one Document against its model and turn pydantic's errors into located ContentErrors.

pydantic reports each problem as a type, a location and a context; this module words each
type once, for L&D editors rather than programmers, and points at the offending value (or,
for an unknown field, at its key).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ..errors import ContentError
from .load import Document, PathKey
from .model import COLOUR_RE, LANGUAGE_RE, SLUG_RE, Record, attach_sources, is_placeholder

R = TypeVar("R", bound=Record)


def validate(doc: Document, model: type[R]) -> tuple[R | None, list[ContentError]]:
    """The record a document holds, or None and every error in it."""
    if not isinstance(doc.data, dict):
        found = describe(doc.data)
        return None, [doc.error((), f"expected a mapping of fields at the top of the file, found {found}")]
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        errors = {_locate(doc, model, err) for err in exc.errors(include_url=False)}
        return None, sorted(errors)
    attach_sources(record, doc)
    return record, []


def describe(value: Any) -> str:
    """What kind of YAML value this is, in an editor's words."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    return "text" if isinstance(value, str) else type(value).__name__


def _locate(doc: Document, model: type[BaseModel], err: ErrorDetails) -> ContentError:
    loc: PathKey = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    if err["type"] == "extra_forbidden":
        return doc.error(loc, _unknown_key(model, loc), key=True)
    if err["type"] in {"too_short", "too_long"}:
        return doc.error(loc, _count(err, *_list_bounds(model, loc)))
    return doc.error(loc, message(err))


def _field(model: type[BaseModel], loc: PathKey) -> FieldInfo | None:
    """The model field `loc` names (list indexes skipped), if any."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return info


def _list_bounds(model: type[BaseModel], loc: PathKey) -> tuple[int | None, int | None]:
    """The least and most items the list field at `loc` allows."""
    info = _field(model, loc)
    least = most = None
    for rule in info.metadata if info else ():
        least = getattr(rule, "min_length", least)
        most = getattr(rule, "max_length", most)
    return least, most


def _fields_at(model: type[BaseModel], loc: PathKey) -> list[str]:
    """The field names allowed in the mapping that holds `loc`'s last part."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside `list[X]`, `X | None` and the like, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _unknown_key(model: type[BaseModel], loc: PathKey) -> str:
    key = str(loc[-1])
    allowed = _fields_at(model, loc)
    msg = f"unknown field '{key}'"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"{msg} (did you mean '{close[0]}'?)"
    if allowed:
        return f"{msg}; allowed fields are {', '.join(allowed)}"
    return msg


_QUOTED = re.compile(r"'([^']*)'")

#: How each pattern in the model is described when a value does not match it.
PATTERN_FORMS = {
    SLUG_RE: "a lowercase slug (letters, digits and single hyphens, e.g. 'career-check-in')",
    COLOUR_RE: "a colour written as #rrggbb",
    LANGUAGE_RE: "a language code such as 'en' or 'pt-BR'",
}

#: What a value of each pydantic type error should have been.
EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)", "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)", "date_from_datetime_inexact": "a date without a time",
    "list_type": "a list", "time_type": 'a time in quotes ("HH:MM")', "time_parsing": 'a time in quotes ("HH:MM")',
    "model_type": "a mapping of fields", "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields", "enum_type": "one of the allowed values",
}


def message(err: ErrorDetails) -> str:
    """One pydantic error, worded for the person who wrote the YAML."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "this required field is missing"
    if is_placeholder(value):
        return f"fill in this placeholder: {_clip(str(value), 60)!r}"
    if kind in {"enum", "literal_error"}:
        return _not_one_of(value, str(ctx.get("expected", "")))
    if kind == "string_pattern_mismatch":
        form = PATTERN_FORMS.get(str(ctx.get("pattern", "")), "in the expected form")
        return f"{value!r} is not {form}"
    if kind in EXPECTED:
        return f"expected {EXPECTED[kind]}, found {describe(value)} {_show(value)}".rstrip() + _hint(kind, value)
    if kind in {"too_short", "too_long"}:
        return _count(err, ctx.get("min_length"), ctx.get("max_length"))
    if kind == "string_too_short":
        least = int(ctx.get("min_length", 1))
        return "this text is empty" if least <= 1 or not value else f"needs at least {least} characters"
    if kind == "string_too_long":
        return f"this text is longer than {ctx.get('max_length')} characters"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"{value!r} is too small: the least allowed is {ctx.get('ge', ctx.get('gt'))}"
    if kind in {"less_than_equal", "less_than"}:
        return f"{value!r} is too large: the most allowed is {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _not_one_of(value: Any, expected: str) -> str:
    allowed = _QUOTED.findall(expected) or re.split(r", | or ", expected)
    msg = f"{value!r} is not one of {', '.join(allowed)}"
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    return f"{msg} (did you mean '{close[0]}'?)" if close else msg


def _count(err: ErrorDetails, least: int | None, most: int | None) -> str:
    actual = (err.get("ctx") or {}).get("actual_length")
    if least is not None and least == most:
        return f"needs exactly {least} item{'s' if least != 1 else ''}, found {actual}"
    if err["type"] == "too_short":
        return f"needs at least {least} item{'s' if least != 1 else ''}, found {actual}"
    return f"allows at most {most} item{'s' if most != 1 else ''}, found {actual}"


def _hint(kind: str, value: Any) -> str:
    """A word on YAML's own surprises: unquoted yes/no, dates and numbers that were meant as text."""
    if kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
        return "; put the value in quotes to keep it as text"
    if kind in {"int_type", "int_parsing"} and isinstance(value, str) and value.strip().isdigit():
        return "; write the number without quotes"
    return ""


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 3] + "..."


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return ""
    if isinstance(value, dt.date):
        return f"({value.isoformat()})"
    return f"({_clip(repr(value), 45)})"
