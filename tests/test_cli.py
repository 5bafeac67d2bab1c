"""The `learnhub` command's contracts: atomic builds, exit codes, and a validate that starts light."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.cli import swap

from .conftest import FIXTURES, ROOT, make_project
from .inprocess import learnhub_here as learnhub
from .tools import need


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) below `folder`."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site-new-", ".site-old-")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny content built once with `learnhub build`; tests work on copies of it."""
    root = make_project(tmp_path_factory.mktemp("built") / "tiny", FIXTURES / "tiny")
    result = learnhub(root, "build")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project, site included, safe to break."""
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def test_bad_content_leaves_the_site_exactly_as_it_was(project: Path) -> None:
    before, inode = snapshot(project / "site"), (project / "site").stat().st_ino
    faq = project / "content" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("  - id: q3", "\t- id: q3"), encoding="utf-8")
    result = learnhub(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/faq.yaml:8:1: a tab character: indent YAML with spaces only",
        "1 error in the content",
        "build stopped; the previous site is unchanged",
    ]
    assert snapshot(project / "site") == before
    assert (project / "site").stat().st_ino == inode
    assert leftovers(project) == []


def test_a_build_that_fails_midway_leaves_the_site_exactly_as_it_was(project: Path) -> None:
    """Valid content, but the engine fails after it has started (a page it cannot read)."""
    before, inode = snapshot(project / "site"), (project / "site").stat().st_ino
    (project / "docs" / "broken.md").write_bytes(b"# Broken\n\ncaf\xe9\n")
    result = learnhub(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "build failed; the previous site is unchanged"
    assert "UnicodeDecodeError" in result.stderr  # the engine's own report is passed on
    assert snapshot(project / "site") == before
    assert (project / "site").stat().st_ino == inode
    assert leftovers(project) == []


def test_a_dead_link_fails_the_build_in_strict_mode(project: Path) -> None:
    before = snapshot(project / "site")
    (project / "docs" / "broken.md").write_text("# Broken\n\n[Nowhere](missing-page.md)\n", encoding="utf-8")
    result = learnhub(project, "build")
    assert snapshot(project / "site") == before
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "build failed; the previous site is unchanged"
    assert "missing-page.md" in result.stderr  # the engine's report names the dead link
    assert leftovers(project) == []


def test_swap_replaces_the_site_in_one_step(tmp_path: Path) -> None:
    target, staging = tmp_path / "site", tmp_path / ".site-new-x"
    target.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.html").write_text("new", encoding="utf-8")
    swap(staging, target)
    assert snapshot(target) == {"new.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="an atomic exchange of folders is Linux's")
def test_a_reader_never_finds_the_site_missing_during_swaps(tmp_path: Path) -> None:
    """A server reading site/index.html while builds land sees the old page or the new, never a gap."""
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("build 0", encoding="utf-8")
    done, seen, gaps = threading.Event(), set(), []

    def poll() -> None:
        while not done.is_set():
            try:
                seen.add((target / "index.html").read_text(encoding="utf-8"))
            except FileNotFoundError:
                gaps.append(1)

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for n in range(1, 301):
            staging = tmp_path / f".site-new-{n}"
            staging.mkdir()
            (staging / "index.html").write_text(f"build {n}", encoding="utf-8")
            swap(staging, target)
    finally:
        done.set()
        reader.join()
    assert not gaps, f"site/index.html was missing {len(gaps)} times during 300 swaps"
    assert len(seen) > 1, "the reader must have watched the swaps happen"
    assert (target / "index.html").read_text(encoding="utf-8") == "build 300"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert target.is_dir() and not target.is_symlink()


def test_swap_puts_the_old_site_back_if_the_new_one_cannot_move(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        swap(tmp_path / ".site-new-gone", target)
    assert snapshot(target) == {"old.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_validate_does_not_load_the_renderers() -> None:
    """`learnhub validate` runs on every commit: it imports the model and rules, not Markdown or templates."""
    probe = (
        "import sys\n"
        "from generator.cli import main\n"
        f"code = main(['--root', {str(FIXTURES / 'tiny')!r}, 'validate'])\n"
        "heavy = ('jinja2', 'markdown', 'nh3', 'mkdocs', 'material', 'weasyprint', 'openpyxl', 'icalendar')\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=False)
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr


def test_the_installed_command_runs() -> None:
    exe = need(str(Path(sys.executable).parent / "learnhub"), "pip install -e . puts the command there")
    result = subprocess.run([str(exe), "--root", str(FIXTURES / "tiny"), "validate"],
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, "ok: 5 days, 16 prompts, 1 activities, 1 resources")
