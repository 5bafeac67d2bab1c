"""Read YAML files into plain data that remembers where every value stood.

PyYAML composes a node tree with marks; we build Python values from it ourselves so that each
value's line and column is kept in a map keyed by its path inside the document.
Only safe YAML is read: standard scalars, sequences and mappings, with aliases bounded.

Most files are read once and never asked where anything stood, so positions are found when first
asked for: libyaml composes the tree and the values are built without them (`_quick`); a file that
needs any of our checks' words (a mistake, a repeated key, values nested too deep) is read the
careful way at once, and a valid file is read that way again only when an error must point into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError

#: libyaml's parser, when PyYAML was built with it.
_CParser: Any = getattr(yaml, "CParser", None) or getattr(getattr(yaml, "cyaml", None), "CParser", None)

#: A document may not expand through aliases by more than this many values: a "billion laughs" guard.
#: Values written out once do not count (MAX_BYTES bounds them), so a long counted results file reads.
MAX_NODES = 50_000

#: A content file larger than this is refused before parsing: no hand-written YAML is this big.
MAX_BYTES = 2_000_000

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
    """One YAML file: its data, and the position of each value and mapping key by path.

    Positions read with the data are in `_located`; else `text` is read again for them when first asked."""

    path: str
    data: Any
    #: Mistakes that did not stop reading (a repeated key: the first one is kept).
    problems: list[ContentError] = field(default_factory=list)
    text: str = field(default="", repr=False)
    _located: tuple[dict[PathKey, Mark], dict[PathKey, Mark]] | None = field(default=None, repr=False)

    @property
    def values(self) -> dict[PathKey, Mark]:
        """The position of each value, by its path."""
        return self._positions()[0]

    @property
    def keys(self) -> dict[PathKey, Mark]:
        """The position of each mapping key, by the path of its value."""
        return self._positions()[1]

    def _positions(self) -> tuple[dict[PathKey, Mark], dict[PathKey, Mark]]:
        if self._located is None:
            self._located = _located(self.text, self.path)._positions()
        return self._located

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
        self.values: dict[PathKey, Mark] = {}
        self.keys: dict[PathKey, Mark] = {}
        doc._located = (self.values, self.keys)
        self.count = 0
        self.built: set[int] = set()  # nodes built once; building one again is an alias expanding
        self.scalars = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        if id(node) in self.built:
            self.count += 1
        else:
            self.built.add(id(node))
        if len(loc) > MAX_DEPTH:
            raise LoadError(self._at(node, loc, f"values nest deeper than {MAX_DEPTH} levels"))
        if self.count > MAX_NODES:
            m = _mark(node)
            raise LoadError(ContentError(self.doc.path, m.line, m.column, "",
                                         f"the document expands beyond {MAX_NODES} values; aliases "
                                         "(*name) repeating anchors (&name) are limited to keep builds safe"))
        self.values[loc] = _mark(node)
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
            key = str(key_node.value)  # as written: YAML 1.1 would read a key `on` or `no` as true/false
            if key == "<<":
                raise LoadError(self._at(key_node, loc, "merge keys (<<) are not used in content; "
                                                        "write the fields out in full"))
            if key in out:
                first = self.keys[(*loc, key)]
                self.doc.problems.append(self._at(key_node, (*loc, key),
                                                  f"duplicate key '{key}' (first at line {first.line})"))
                continue
            self.keys[(*loc, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*loc, key))
        return out

    def _scalar(self, node: yaml.Node, loc: PathKey) -> Any:
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise LoadError(self._at(node, loc, f"cannot read this value: {exc.problem}")) from None
        except ValueError:  # a date that is not in the calendar, such as 2027-02-30
            raise LoadError(self._at(node, loc, f"cannot read this value: {_not_readable(node)}")) from None

    def _at(self, node: yaml.Node, loc: PathKey, message: str) -> ContentError:
        m = _mark(node)
        return ContentError(self.doc.path, m.line, m.column, format_loc(loc), message)


class _Careful(Exception):
    """The quick read met something the careful read words or locates: read the file carefully."""


class _QuickBuilder:
    """Builds the same values as `_Builder`, keeping no positions, from a tree libyaml composed
    unguarded; anything `_Builder` or the depth-guarded composer would refuse or note raises `_Careful`."""

    def __init__(self) -> None:
        self.count = 0
        self.built: set[int] = set()
        self.scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self.built:
            self.count += 1
            if self.count > MAX_NODES:
                raise _Careful
        else:
            self.built.add(id(node))
        if depth > MAX_DEPTH:  # the composer's count: the root is level 1, a mapping's keys one below it
            raise _Careful
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<" or key_node.value in out:
                    raise _Careful
                out[key_node.value] = self.build(value_node, depth + 1)  # a key is as deep as its value
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        if node.tag == _STR:
            return node.value
        try:
            return self.scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            raise _Careful from None


_STR = "tag:yaml.org,2002:str"


def _not_readable(node: yaml.Node) -> str:
    """Why a scalar that looks like a date (or time) is not one, in our words."""
    value = str(node.value)
    if not node.tag.endswith(":timestamp"):
        return f"'{value}' is not a valid {node.tag.rsplit(':', 1)[-1]}"
    what = "date" if len(value.strip()) <= len("2027-05-17") else "date and time"
    return f"{value} is not a real {what}; check the year, month and day" + ("" if what == "date" else ", and the time")


class _DepthComposer(yaml.composer.Composer):
    """PyYAML's composer, counting the levels it opens and refusing the first beyond MAX_DEPTH.

    The count is ours, one level per node event, and the error points where the event of the first
    level too deep starts: not wherever a parser's own limit happens to stop it.
    """

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]  # opens this level
                raise yaml.composer.ComposerError(
                    None, None, f"values nest deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PyLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _DepthComposer,
                yaml.resolver.Resolver):
    """PyYAML's pure-Python reader, scanner and parser, with the depth-guarded composer."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _DepthComposer.__init__(self)
        yaml.resolver.Resolver.__init__(self)


if _CParser is not None:

    class _CLoader(_DepthComposer, _CParser, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml scans and parses (ten times faster); Python composes, so the depth guard holds."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _DepthComposer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

#: The loader `parse` uses: libyaml's when PyYAML was built with it.
LOADER: type = _CLoader if _CParser is not None else _PyLoader


def _libyaml_version() -> tuple[int, ...]:
    try:
        from yaml import _yaml  # type: ignore[attr-defined]
    except ImportError:
        return ()
    return tuple(_yaml.get_version())


#: libyaml composing the tree itself (no Python per node), for the quick read. Only from libyaml
#: 0.2.5, which refuses more than 1,000 nested levels: its composer recurses without a guard.
QUICK: type | None = None
if _CParser is not None and _libyaml_version() >= (0, 2, 5):

    class _QuickLoader(_CParser, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml parses and composes; tags are resolved as the careful loaders resolve them."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            yaml.resolver.Resolver.__init__(self)

    QUICK = _QuickLoader


def _where(exc: yaml.MarkedYAMLError) -> Any:
    """Where to point: the opening of an unclosed list, mapping or quote, else where parsing stopped."""
    unclosed = any(k in (exc.context or "") for k in ("flow sequence", "flow mapping", "quoted scalar",
                                                      "simple key"))
    if unclosed and exc.problem and exc.context_mark is not None:
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def _within(text: str, mark: Any) -> tuple[int, int]:
    """A mark as 1-based line and column, kept inside the text (libyaml may point just past its end)."""
    if mark is None:
        return 1, 1
    lines = text.split("\n")
    if mark.line < len(lines):
        return mark.line + 1, mark.column + 1
    last = len(lines) - 1 if lines[-1] or len(lines) == 1 else len(lines) - 2
    return last + 1, len(lines[last]) + 1


def _tab_before(text: str, mark: Any) -> bool:
    """True when the line of the problem has a tab before it: libyaml rarely names the tab itself."""
    if mark is None:
        return False
    lines = text.splitlines()
    return 0 <= mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's (or libyaml's) complaint, in the words an editor needs to fix it."""
    problem = exc.problem or exc.context or "invalid YAML"
    mark, start = exc.problem_mark, exc.context_mark
    char = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if problem.startswith("values nest"):
        return problem
    if char == "\t" or "tab" in problem.split() or "'\\t'" in problem or _tab_before(text, mark):
        return "a tab character: indent YAML with spaces only"
    if "another document" in problem:
        return "a file holds one YAML document: remove the second '---' and what follows, or merge them"
    if "cannot start any token" in problem and char.strip():
        return f"YAML syntax error: a value cannot start with '{char}'; put the value in quotes"
    if "mapping values are not allowed" in problem:
        return ("YAML syntax error: a ': ' where no field can start; put the value in quotes "
                "if it holds ': ', or check the indentation")
    context = exc.context if exc.context and start is not None and exc.problem else ""
    where = f"line {start.line + 1}, column {start.column + 1}" if start is not None else ""
    if "flow sequence" in context:
        return "YAML syntax error: this list, opened with '[', is not closed with ']'"
    if "flow mapping" in context:
        return "YAML syntax error: this mapping, opened with '{', is not closed with '}'"
    if "flow node" in context:
        return "YAML syntax error: a value is missing here, inside a list or mapping written with [ ] or { }"
    if "simple key" in context:
        return "YAML syntax error: this line has no ':'; write each field as name: value"
    if "quoted scalar" in context:
        return "YAML syntax error: this quoted text has no closing quote"
    if "block" in context:
        noun = re.sub(r"^while (?:parsing|scanning) an? block ", "", context).replace("collection", "list")
        return (f"YAML syntax error: this line does not line up with the {noun} that starts at {where}; "
                "check the indentation")
    if context:
        return f"YAML syntax error: {problem} ({context} that starts at {where})"
    return f"YAML syntax error: {problem}"


def _compose_with(loader_class: type, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`; a mistake is located the same whichever parser PyYAML has.

    libyaml scans ahead and applies limits of its own (the one PyYAML 6.0.4 bundles stops at 1,000
    nested [ or {), so where it stops depends on its release. When it refuses a text, the
    pure-Python parser, which hands over events one by one, reads it again so that our depth count
    and its marks locate the mistake. If that parser accepts the text, libyaml's error stands.
    """
    try:
        return _compose_with(LOADER, text)
    except yaml.MarkedYAMLError as exc:
        if LOADER is _PyLoader:
            raise
        try:
            _compose_with(_PyLoader, text)
        except yaml.MarkedYAMLError as again:
            raise again from None
        except yaml.YAMLError:
            raise exc from None  # not a mistake the pure-Python parser can locate: libyaml's error stands
        raise exc from None


def parse(text: str, path: str) -> Document:
    """Parse YAML text into a Document; raises LoadError with a located message.

    A valid file is read quickly, its positions found when first asked for; any other carefully."""
    if QUICK is not None and LOADER is not _PyLoader:
        try:
            node = _compose_with(QUICK, text)
            if node is not None:
                return Document(path=path, data=_QuickBuilder().build(node, 1), text=text)
        except (_Careful, yaml.YAMLError):
            pass
    return _located(text, path)


def _located(text: str, path: str) -> Document:
    """Parse YAML text into a Document with every position; raises LoadError with a located message."""
    doc = Document(path=path, data=None, text=text)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        line, col = _within(text, _where(exc))
        raise LoadError(ContentError(path, line, col, "", _syntax_problem(exc, text))) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position, in_bytes=LOADER is not _PyLoader)
        message = f"character U+{exc.character:04X} is not allowed in YAML; delete it" \
            if isinstance(exc.character, int) else f"YAML error: {exc.reason}"
        raise LoadError(ContentError(path, line, col, "", message)) from None
    except yaml.YAMLError as exc:
        raise LoadError(ContentError(path, 1, 1, "", f"YAML error: {exc}")) from None
    if node is None:
        raise LoadError(ContentError(path, 1, 1, "", "the file is empty; it must hold a mapping"))
    doc.data = _Builder(doc).build(node, ())
    return doc


def _line_col(text: str, position: int, *, in_bytes: bool = False) -> tuple[int, int]:
    """1-based line and column of an offset in characters (or, from libyaml's reader, in UTF-8 bytes)."""
    if in_bytes:
        position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def read(file: Path, root: Path) -> Document:
    """Read one YAML file (strict UTF-8) relative to the project root."""
    rel = file.relative_to(root).as_posix()
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise LoadError(ContentError(rel, 1, 1, "", f"cannot read the file: {exc.strerror}")) from None
    if len(raw) > MAX_BYTES:
        raise LoadError(ContentError(rel, 1, 1, "", f"the file is larger than {MAX_BYTES // 1_000_000} MB; "
                                                     "split it into smaller files"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(ContentError(rel, line, col, "",
                                     f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")) from None
    return parse(text.removeprefix("\ufeff"), rel)
