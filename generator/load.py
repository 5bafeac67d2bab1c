"""Read YAML files into plain data that remembers where every value stood.

PyYAML composes a node tree with marks; we build Python values from it ourselves so that each
value's line and column is kept in a `Positions` map keyed by its path inside the document.
Only safe YAML is read: standard scalars, sequences and mappings, with aliases bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

#: A document may not expand (through aliases) beyond this many nodes: a "billion laughs" guard.
MAX_NODES = 50_000

#: Nesting deeper than this is refused (it also stops self-referencing aliases).
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class Document:
    """One YAML file: its data, and the position of each value and mapping key by path."""

    path: str
    data: Any
    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)

    def mark(self, loc: PathKey, *, key: bool = False) -> Mark:
        """The position of the value at `loc`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        while loc:
            if loc in table:
                return table[loc]
            if key and loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Mark(1, 1))

    def error(self, loc: PathKey, message: str, *, key: bool = False, **kw: Any) -> ContentError:
        """A located error for the value (or key) at `loc`."""
        mark = self.mark(loc, key=key)
        return ContentError(self.path, mark.line, mark.column, format_loc(loc), message, **kw)


def format_loc(loc: PathKey) -> str:
    """`('resources', 2, 'format')` -> `resources[2].format`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class LoadError(Exception):
    """A file could not be read as YAML; carries one located error."""

    def __init__(self, error: ContentError) -> None:
        self.error = error
        super().__init__(str(error))


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into Python values, recording positions by path."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.scalars = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        self.count += 1
        if len(loc) > MAX_DEPTH:
            raise LoadError(self._at(node, loc, f"values nest deeper than {MAX_DEPTH} levels"))
        if self.count > MAX_NODES:
            raise LoadError(
                self.doc.error(loc, f"document expands beyond {MAX_NODES} values; "
                               "aliases (&/*) are limited to keep builds safe")
            )
        self.doc.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: PathKey) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadError(self._at(key_node, loc, "a mapping key must be plain text"))
            key = str(self._scalar(key_node, loc))
            if key in out:
                first = self.doc.keys[(*loc, key)]
                raise LoadError(self._at(key_node, (*loc, key),
                                         f"duplicate key '{key}' (first at line {first.line})"))
            self.doc.keys[(*loc, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*loc, key))
        return out

    def _scalar(self, node: yaml.Node, loc: PathKey) -> Any:
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise LoadError(self._at(node, loc, f"cannot read this value: {exc.problem}")) from None
        except ValueError as exc:  # e.g. an impossible date such as 2027-02-30
            raise LoadError(self._at(node, loc, f"cannot read this value: {exc}")) from None

    def _at(self, node: yaml.Node, loc: PathKey, message: str) -> ContentError:
        m = _mark(node)
        return ContentError(self.doc.path, m.line, m.column, format_loc(loc), message)


#: libyaml's composer when PyYAML was built with it (it keeps the same marks), else pure Python.
_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _is_tab(text: str, line: int, column: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and "\t" in lines[line - 1][: max(column, 1)]


def parse(text: str, path: str) -> Document:
    """Parse YAML text into a Document; raises LoadError with a located message."""
    doc = Document(path=path, data=None)
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "'\\t'" in problem or "tab" in problem or _is_tab(text, line, col):
            problem = "a tab character: indent YAML with spaces only"
        raise LoadError(ContentError(path, line, col, "", f"YAML syntax error: {problem}")) from None
    except yaml.YAMLError as exc:
        raise LoadError(ContentError(path, 1, 1, "", f"YAML error: {exc}")) from None
    if node is None:
        raise LoadError(ContentError(path, 1, 1, "", "the file is empty; it must hold a mapping"))
    doc.data = _Builder(doc).build(node, ())
    return doc


def read(file: Path, root: Path) -> Document:
    """Read one YAML file (strict UTF-8) relative to the project root."""
    rel = file.relative_to(root).as_posix()
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(ContentError(rel, line, col, "",
                                     f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse(text, rel)
