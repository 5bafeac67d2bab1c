"""Property: whatever an editor does to a valid content file, the loader accepts it or reports located errors.

Hypothesis mutates the tiny fixture's files, as text (typos, deleted or repeated lines, tabs, stray
YAML symbols, bytes that are not UTF-8) and as data (any value, of any type, put at any field),
and checks that loading never raises anything but ContentErrors, each naming a real file, a line
inside it, a column, and a message.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError, ContentErrors
from generator.content.hub import content_files, load_hub
from generator.content.load import LoadError, PathKey, read
from generator.content.validate import validate

from .conftest import FIXTURES

TINY = FIXTURES / "tiny"
FILES = [(p.relative_to(TINY).as_posix(), model) for p, model, _kind in content_files(TINY)]
TEXTS = {rel: (TINY / rel).read_bytes() for rel, _model in FILES}
#: YAML's own symbols and the characters editors slip in by mistake.
NOISE = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"%@`#,? \t\n\u00a0é\ufeff")),
                min_size=1, max_size=6)
FUZZ = settings(max_examples=int(os.environ.get("LEARNHUB_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def assert_located(error: ContentError, root: Path) -> None:
    """An error names a file (or, for a missing kind, its pattern), a line in it, a column and a message."""
    assert error.message, error
    assert error.line >= 1 and error.column >= 1, error
    assert str(error).startswith(f"{error.path}:{error.line}:{error.column}: "), error
    if "*" in error.path or not (root / error.path).exists():
        assert error.message.startswith("no "), error  # a required kind of file is missing
        return
    lines = (root / error.path).read_bytes().count(b"\n") + 1
    assert error.line <= lines, (error, lines)


@st.composite
def text_mutation(draw: st.DrawFn) -> tuple[str, bytes]:
    """A content file with one to three editing slips."""
    rel = draw(st.sampled_from(sorted(TEXTS)))
    data = bytearray(TEXTS[rel])
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\n")
        kind = draw(st.sampled_from(["insert", "delete", "repeat-line", "drop-line", "indent", "swap-lines",
                                     "replace-value", "bytes", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        row = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "insert":
            data[at:at] = draw(NOISE).encode()
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 12))]
        elif kind == "repeat-line":
            lines.insert(row, lines[row])
            data = bytearray(b"\n".join(lines))
        elif kind == "drop-line":
            del lines[row]
            data = bytearray(b"\n".join(lines))
        elif kind == "indent":
            lines[row] = b" " * draw(st.integers(1, 4)) + lines[row]
            data = bytearray(b"\n".join(lines))
        elif kind == "swap-lines":
            other = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines[row], lines[other] = lines[other], lines[row]
            data = bytearray(b"\n".join(lines))
        elif kind == "replace-value" and b": " in lines[row]:
            key = lines[row].split(b": ", 1)[0]
            value = draw(st.sampled_from(["", "yes", "no", "~", "10:00", "2027-02-30", "-1", "1e9", "[]", "{}",
                                          "&a x", "*a", "!!binary aGk=", "'unclosed", "TODO", "0x1F", ".nan"]))
            lines[row] = key + b": " + value.encode()
            data = bytearray(b"\n".join(lines))
        elif kind == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=3))
        elif kind == "truncate":
            del data[at:]
    return rel, bytes(data)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the tiny tree; each example changes one file and puts it back."""
    root = tmp_path_factory.mktemp("fuzz") / "tiny"
    shutil.copytree(TINY, root)
    yield root


def _put(root: Path, rel: str, content: bytes) -> Path:
    path = root / rel
    path.write_bytes(content)
    return path


@given(text_mutation())
@FUZZ
def test_a_mutated_file_is_read_or_located(scratch: Path, mutation: tuple[str, bytes]) -> None:
    rel, content = mutation
    model = dict(FILES)[rel]
    path = _put(scratch, rel, content)
    try:
        try:
            doc = read(path, scratch)
        except LoadError as exc:
            assert_located(exc.error, scratch)
            return
        _record, errors = validate(doc, model)
        for error in doc.problems + errors:
            assert error.path == rel
            assert_located(error, scratch)
    finally:
        _put(scratch, rel, TEXTS[rel])


# --- data mutations: any value at any field, through the whole pipeline, rules included ---------

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates().map(lambda d: d.isoformat()), st.sampled_from(["TODO", "x", "a-b", "60"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4)),
    max_leaves=8)


def _paths(value: Any, loc: PathKey = ()) -> list[PathKey]:
    found = [loc]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*loc, i))
    return found


def _set(data: Any, loc: PathKey, value: Any) -> Any:
    if not loc:
        return value
    data[loc[0]] = _set(data[loc[0]], loc[1:], value)  # type: ignore[index]
    return data


@st.composite
def data_mutation(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(sorted(TEXTS)))
    data = yaml.safe_load(TEXTS[rel])
    for _ in range(draw(st.integers(1, 2))):
        loc = draw(st.sampled_from(_paths(data)))
        data = _set(data, loc, draw(VALUES))
    return rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


@given(data_mutation())
@settings(FUZZ, max_examples=max(FUZZ.max_examples // 3, 10))
def test_any_value_anywhere_loads_or_is_located(scratch: Path, mutation: tuple[str, bytes]) -> None:
    rel, content = mutation
    _put(scratch, rel, content)
    try:
        try:
            load_hub(scratch)
        except ContentErrors as exc:
            assert exc.errors == sorted(exc.errors)
            for error in exc.errors:
                assert_located(error, scratch)
    finally:
        _put(scratch, rel, TEXTS[rel])
