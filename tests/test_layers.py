"""The package's shape: the import-linter contracts in pyproject.toml hold, and they do catch a breach.

The contracts say each stage of `generator/` imports only the stages below it and that `generator`
never imports MkDocs. A failure prints the linter's own report: which import breaks which contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .tools import need_module

LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports over the `generator` package found in `project`, with that project's contracts."""
    need_module("importlinter", "import-linter")
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache", str(project / "pyproject.toml")],
                          cwd=project, env=env, capture_output=True, text=True, check=False)


def copy_of_the_package(dest: Path) -> Path:
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", dest)
    return dest


def append(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def names_import(report: str, importer: str, imported: str) -> bool:
    """Whether a line of the linter's report names the offending import."""
    return any(importer in line and imported in line.split(importer, 1)[1] for line in report.splitlines())


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("module", "line", "imported"), [
    ("records", "from .site import pages  # a lower stage importing a higher one", "generator.site.pages"),
    ("paths", "import mkdocs.config  # the site engine, inside generator", "mkdocs"),
], ids=["layers", "mkdocs"])
def test_a_breach_fails_with_the_import_that_breaks_a_contract(
        tmp_path: Path, module: str, line: str, imported: str) -> None:
    project = copy_of_the_package(tmp_path)
    append(project / "generator" / f"{module}.py", line)
    result = lint_imports(project)
    assert result.returncode == 1, result.stdout
    assert names_import(result.stdout, f"generator.{module}", imported), result.stdout
