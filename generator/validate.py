"""Validate one Document against its model and turn pydantic's errors into located ContentErrors."""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import ContentError
from .load import Document, PathKey
from .model import Record, attach_sources

R = TypeVar("R", bound=Record)


def validate(doc: Document, model: type[R]) -> tuple[R | None, list[ContentError]]:
    """The record a document holds, or None and every error in it."""
    if not isinstance(doc.data, dict):
        found = _kind(doc.data)
        return None, [doc.error((), f"expected a mapping of fields at the top of the file, found {found}")]
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, [_locate(doc, model, err) for err in exc.errors(include_url=False)]
    attach_sources(record, doc)
    return record, []


def _kind(value: Any) -> str:
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
    return "text" if isinstance(value, str) else type(value).__name__


def _locate(doc: Document, model: type[BaseModel], err: ErrorDetails) -> ContentError:
    loc: PathKey = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    kind = err["type"]
    if kind == "extra_forbidden":
        return doc.error(loc, _unknown_key(model, loc), key=True)
    return doc.error(loc, _message(err, model, loc))


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


def _message(err: ErrorDetails, model: type[BaseModel], loc: PathKey) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "this required field is missing"
    if kind in {"enum", "literal_error"}:
        allowed = _QUOTED.findall(str(ctx.get("expected", "")))
        msg = f"{value!r} is not one of {', '.join(allowed)}"
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        return f"{msg} (did you mean '{close[0]}'?)" if close else msg
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(ctx.get("pattern", "")) and "(?:-" in str(ctx.get("pattern", "")):
            return f"{value!r} is not a lowercase slug (letters, digits and single hyphens, e.g. 'career-check-in')"
        if "#[0-9a-fA-F]" in str(ctx.get("pattern", "")):
            return f"{value!r} is not a colour written as #rrggbb"
        return f"{value!r} is not in the expected form"
    if kind in {"string_type", "int_type", "int_parsing", "bool_type", "date_type", "date_from_datetime_parsing",
                "list_type", "model_type", "dict_type", "time_type", "time_parsing", "date_parsing",
                "model_attributes_type", "int_from_float", "bool_parsing"}:
        return f"expected {_expected(kind)}, found {_kind(value)} {_show(value)}".rstrip()
    if kind == "too_short":
        if isinstance(value, str) or ctx.get("field_type") == "Value":
            return "this text is empty"
        return f"needs at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return "this text is empty"
    if kind == "string_too_long":
        return f"this text is longer than {ctx.get('max_length')} characters"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"{value!r} is too small: the least allowed is {ctx.get('ge', ctx.get('gt'))}"
    if kind in {"less_than_equal", "less_than"}:
        return f"{value!r} is too large: the most allowed is {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _expected(kind: str) -> str:
    return {
        "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
        "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
        "date_type": "a date (YYYY-MM-DD)", "date_parsing": "a date (YYYY-MM-DD)",
        "date_from_datetime_parsing": "a date (YYYY-MM-DD)", "list_type": "a list",
        "time_type": "a time (HH:MM)", "time_parsing": "a time (HH:MM)",
        "model_type": "a mapping of fields", "dict_type": "a mapping of fields",
        "model_attributes_type": "a mapping of fields",
    }[kind]


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return ""
    text = repr(value)
    return f"({text[:40]}...)" if len(text) > 45 else f"({text})"
