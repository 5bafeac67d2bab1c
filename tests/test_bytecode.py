"""site/bytecode.py: compiled templates are kept in learnhub's cache folder and read back, never
shared between environments that compile differently, and a folder that cannot be written fails nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, pass_context

from generator.site import bytecode
from generator.site.bytecode import CompiledTemplates

TEMPLATES = {"page.md.j2": "# {{ title|shout }}\n{% for i in items %}- {{ i }}\n{% endfor %}"}


def _environment(cache: CompiledTemplates, *, contextual: bool = False) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True, bytecode_cache=cache)
    env.filters["shout"] = pass_context(lambda _context, v: v.upper()) if contextual else str.upper
    return env


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source while the test runs."""
    names: list[str] = []
    real = Environment.compile

    def compile_(self: Environment, source: str, name: str | None = None, *args: object, **kw: object) -> object:
        names.append(name or "")
        return real(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", compile_)
    return names


def test_a_template_compiled_once_is_read_back_by_the_next_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str]) -> None:
    monkeypatch.setenv("LEARNHUB_CACHE_DIR", str(tmp_path))
    first = _environment(CompiledTemplates()).get_template("page.md.j2").render(title="hi", items=[1, 2])
    assert compiled == ["page.md.j2"]
    assert len(list((tmp_path / bytecode.TEMPLATES).iterdir())) == 1
    # A new cache is a new process: nothing in memory, the file is read
    again = _environment(CompiledTemplates()).get_template("page.md.j2").render(title="hi", items=[1, 2])
    assert compiled == ["page.md.j2"] and again == first == "# HI\n- 1\n- 2\n"


def test_an_environment_that_compiles_differently_does_not_take_anothers_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str]) -> None:
    monkeypatch.setenv("LEARNHUB_CACHE_DIR", str(tmp_path))
    _environment(CompiledTemplates()).get_template("page.md.j2").render(title="a", items=[])
    # A filter that takes the context is called with it: code compiled for the other would break
    out = _environment(CompiledTemplates(), contextual=True).get_template("page.md.j2").render(title="a", items=[])
    assert out == "# A\n" and compiled == ["page.md.j2", "page.md.j2"]


def test_a_cache_folder_that_cannot_be_written_only_means_compiling(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str]) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LEARNHUB_CACHE_DIR", str(blocked))
    cache = CompiledTemplates()
    assert _environment(cache).get_template("page.md.j2").render(title="x", items=[]) == "# X\n"
    assert _environment(cache).get_template("page.md.j2").render(title="x", items=[]) == "# X\n"
    assert compiled == ["page.md.j2"]  # the second environment had it from memory


def test_a_damaged_file_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          compiled: list[str]) -> None:
    monkeypatch.setenv("LEARNHUB_CACHE_DIR", str(tmp_path))
    _environment(CompiledTemplates()).get_template("page.md.j2")
    for file in (tmp_path / bytecode.TEMPLATES).iterdir():
        file.write_bytes(file.read_bytes()[:40])
    assert _environment(CompiledTemplates()).get_template("page.md.j2").render(title="y", items=[]) == "# Y\n"
    assert len(compiled) == 2


def test_the_build_cache_keeps_out_of_the_compiled_templates(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import cache

    (tmp_path / bytecode.TEMPLATES).mkdir()
    for i in range(cache.KEEP + 2):
        (tmp_path / f"{i:064x}").mkdir()
    cache._prune(tmp_path)
    assert (tmp_path / bytecode.TEMPLATES).is_dir()
    assert len([p for p in tmp_path.iterdir() if p.name != bytecode.TEMPLATES]) == cache.KEEP
