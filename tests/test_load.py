"""load.py: YAML becomes data with positions, and every YAML mistake becomes a located error."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from generator.content import load
from generator.content.load import MAX_BYTES, MAX_DEPTH, MAX_NODES, LoadError, Mark, format_loc, parse, read


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Both YAML loaders: libyaml's (used when PyYAML has it) and the pure-Python fallback."""
    if request.param == "libyaml":
        if load.LOADER is load._PyLoader:
            pytest.skip("PyYAML was built without libyaml")
        return load.LOADER
    monkeypatch.setattr(load, "LOADER", load._PyLoader)
    return load._PyLoader


def test_positions_are_recorded_for_values_and_keys() -> None:
    doc = parse("a: 1\nitems:\n  - id: x\n    title: Hello\n", "f.yaml")
    assert doc.data == {"a": 1, "items": [{"id": "x", "title": "Hello"}]}
    assert doc.values[("items", 0, "title")] == Mark(4, 12)
    assert doc.keys[("items", 0, "title")] == Mark(4, 5)
    assert doc.mark(("items", 0, "missing")) == Mark(3, 5)  # falls back to the nearest parent


def test_format_loc() -> None:
    assert format_loc(("resources", 2, "format")) == "resources[2].format"
    assert format_loc(()) == ""


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a:\n\t- b\n", 2, 1, "tab character"),
        ("a: [1, 2\n", 1, 4, "YAML syntax error: this list, opened with '[', is not closed with ']'"),
        ("", 1, 1, "the file is empty"),
        ("# only a comment\n", 1, 1, "the file is empty"),
        ("a: !!python/object:os.system x\n", 1, 4, "cannot read this value"),
        ("a: 2027-02-30\n", 1, 4, "cannot read this value: 2027-02-30 is not a real date"),
        ("a:\n  - x\n - y\n", 3, 2, "this line does not line up with the mapping that starts at line 1, column 1"),
        ("a: *nothing\n", 1, 4, "YAML syntax error"),
        ("{? [a]: 1}\n", 1, 4, "a mapping key must be plain text"),
        ("a: 1\n---\na: 2\n", 2, 1, "a file holds one YAML document"),
        ("a: ok\nb: bell\x07\n", 2, 8, "character U+0007 is not allowed in YAML; delete it"),
    ],
)
def test_yaml_mistakes_are_located(text: str, line: int, column: int, message: str, loader: type) -> None:
    with pytest.raises(LoadError) as info:
        parse(text, "content/x.yaml")
    error = info.value.error
    assert (error.path, error.line, error.column) == ("content/x.yaml", line, column)
    assert message in error.message


def _nth(text: str, opener: str, n: int) -> tuple[int, int]:
    """1-based line and column of the n-th `opener` in `text`."""
    index = -1
    for _ in range(n):
        index = text.index(opener, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


#: Each level is a node on the path from the root (the root is level 1; a key is one level below its
#: mapping). The error points at the node of level MAX_DEPTH + 1, given as the n-th `token` of the text.
DEEP = MAX_DEPTH + 1


@pytest.mark.parametrize(
    ("text", "token", "n"),
    [
        ("[" * 1000 + "]" * 1000 + "\n", "[", DEEP),  # past libyaml's own flow limit (1000 levels)
        ("a: " + "[" * 1000 + "]" * 1000 + "\n", "[", DEEP - 1),  # the mapping is level 1
        ("a: " + "[" * (DEEP - 2) + "x" + "]" * (DEEP - 2) + "\n", "x", 1),  # one level too deep
        ("a: " + "{b: " * 60 + "c" + "}" * 60 + "\n", "b", DEEP - 2),  # a key is a level too
        ("- " * 3000 + "x\n", "- ", DEEP),
        ("".join(" " * 2 * i + f"k{i}:\n" for i in range(60)) + " " * 120 + "v\n", "k", DEEP - 1),
        ("a:\n  - " + "[" * 500 + "]" * 500 + "\n", "[", DEEP - 2),
    ],
)
def test_nesting_is_refused_where_the_first_level_too_deep_opens(
        text: str, token: str, n: int, loader: type) -> None:
    """Our own count locates level MAX_DEPTH + 1, the same with libyaml and pure Python."""
    with pytest.raises(LoadError) as info:
        parse(text, "content/x.yaml")
    error = info.value.error
    assert (error.line, error.column) == _nth(text, token, n)
    assert error.message == f"values nest deeper than {MAX_DEPTH} levels"


def test_nesting_at_the_limit_is_read(loader: type) -> None:
    text = "a: " + "[" * (MAX_DEPTH - 2) + "x" + "]" * (MAX_DEPTH - 2) + "\n"  # x is level MAX_DEPTH
    data = parse(text, "content/x.yaml").data["a"]
    for _ in range(MAX_DEPTH - 2):
        (data,) = data
    assert data == "x"


def test_every_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    doc = parse("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", "f.yaml")
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert [str(e) for e in doc.problems] == [
        "f.yaml:4:3: b.c: duplicate key 'c' (first at line 3)",
        "f.yaml:5:1: a: duplicate key 'a' (first at line 1)",
    ]


def test_merge_keys_are_refused() -> None:
    with pytest.raises(LoadError) as info:
        parse("base: &b {x: 1}\nitem:\n  <<: *b\n", "f.yaml")
    assert str(info.value.error) == "f.yaml:3:3: item: merge keys (<<) are not used in content; " \
        "write the fields out in full"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    started = time.perf_counter()
    with pytest.raises(LoadError) as info:
        parse("\n".join(lines) + "\n", "bomb.yaml")  # 10**9 values if expanded
    assert time.perf_counter() - started < 2, "the bound must stop expansion early"
    assert f"beyond {MAX_NODES}" in info.value.error.message


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(LoadError) as info:
        parse("a: &a [*a]\n", "loop.yaml")
    assert "nest deeper" in info.value.error.message


def test_control_characters_are_located_after_wide_characters(loader: type) -> None:
    with pytest.raises(LoadError) as info:
        parse("a: ok\nb: caf\u00e9 \U0001f600\x07\n", "f.yaml")
    assert (info.value.error.line, info.value.error.column) == (2, 10)


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "content" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_bytes(b"title: ok\nnote: caf\xe9\n")
    with pytest.raises(LoadError) as info:
        read(bad, tmp_path)
    error = info.value.error
    assert (error.path, error.line, error.column) == ("content/bad.yaml", 2, 10)
    assert "not UTF-8" in error.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes("\ufefftitle: Café\n".encode())
    assert read(f, tmp_path).data == {"title": "Café"}


def test_aliases_within_the_bound_are_read() -> None:
    doc = parse("base: &b {minutes: 5}\nsteps: [*b, *b]\n", "f.yaml")
    assert doc.data["steps"] == [{"minutes": 5}, {"minutes": 5}]


def test_keys_are_read_as_written_not_as_yaml_1_1_booleans() -> None:
    assert parse("on: 1\nno: 2\n", "f.yaml").data == {"on": 1, "no": 2}


def test_values_keep_yaml_types() -> None:
    doc = parse("n: 12\nt: '12'\nd: 2027-05-17\nb: yes\nsexagesimal: 10:00\n", "f.yaml")
    assert doc.data == {"n": 12, "t": "12", "d": dt.date(2027, 5, 17), "b": True, "sexagesimal": 600}


def test_unreadable_file_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "faq.yaml"
    folder.mkdir(parents=True)  # a folder where a file belongs
    with pytest.raises(LoadError) as info:
        read(folder, tmp_path)
    assert str(info.value.error).startswith("content/faq.yaml:1:1: cannot read the file")


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        read(big, tmp_path)
    assert "larger than 2 MB" in info.value.error.message


ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p.relative_to(ROOT).as_posix() for p in [*ROOT.glob("content/**/*.yaml"), *ROOT.glob("prompts/*.yaml")])


@pytest.mark.parametrize("rel", SHIPPED)
def test_a_valid_file_is_read_quickly_with_the_careful_reads_values_and_positions(rel: str) -> None:
    """libyaml's own tree, built without positions, gives the values the careful read gives; the
    positions, found when first asked for, are the careful read's too."""
    text = (ROOT / rel).read_text(encoding="utf-8")
    quick, careful = parse(text, rel), load._located(text, rel)
    if load.QUICK is not None:
        assert quick._located is None  # nothing located until asked
    assert repr(quick.data) == repr(careful.data)  # repr: 1 and True, '1' and 1 differ
    assert (quick.values, quick.keys, quick.problems) == (careful.values, careful.keys, careful.problems)
    assert quick.values
