"""`learnhub build --engine zensical`: what the Zensical build holds, and what Zensical cannot yet do.

The tests named `..._cannot_...` assert a limitation of Zensical 0.0.x that the README's "Engines"
section lists. When one fails, Zensical has gained the ability: update the README and the build.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.markup import EXTERNAL_CLASS

from .conftest import learnhub
from .tools import need_module


def test_zensical_cannot_run_a_mkdocs_hook(tmp_path: Path) -> None:
    """Zensical reads `hooks:` in mkdocs.yml and ignores it, so hooks/learnhub.py cannot run there."""
    need_module("zensical", "zensical")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWritten by hand.\n", encoding="utf-8")
    (tmp_path / "hook.py").write_text(
        "def on_page_markdown(markdown, **kwargs):\n    return markdown + '\\n\\nA hook ran here.\\n'\n",
        encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Probe\nhooks:\n  - hook.py\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--config-file", "mkdocs.yml"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Written by hand." in page
    assert "A hook ran here." not in page


def test_zensical_cannot_mark_links_out_as_the_hook_does(zensical_site: Path, site: Path) -> None:
    """The hook marks every link to another host (class and rel); the Zensical build has no such step."""
    mkdocs = (site / "resources" / "index.html").read_text(encoding="utf-8")
    zensical = (zensical_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert mkdocs.count(EXTERNAL_CLASS) > 10
    assert EXTERNAL_CLASS not in zensical


def test_an_unknown_engine_is_a_usage_error(tiny: Path) -> None:
    result = learnhub(tiny, "build", "--engine", "hugo")
    assert result.returncode == 2
    assert not (tiny / "site").exists()


def test_a_failed_zensical_build_leaves_the_previous_site(tiny: Path) -> None:
    need_module("zensical", "zensical")
    (tiny / "site").mkdir()
    (tiny / "site" / "index.html").write_text("the previous build", encoding="utf-8")
    (tiny / "overrides" / "main.html").write_text("{% extends 'base.html' %}{% block x %}{{ 1 + }}{% endblock %}",
                                                  encoding="utf-8")
    result = learnhub(tiny, "build", "--engine", "zensical")
    assert result.returncode == 1
    assert "the previous site is unchanged" in result.stderr
    assert (tiny / "site" / "index.html").read_text(encoding="utf-8") == "the previous build"
