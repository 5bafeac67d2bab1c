"""The checks around a pull request: the GitHub Actions workflow and the pre-commit hook."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import parser
from generator.content.load import parse

from .conftest import FIXTURES, ROOT, make_project
from .tools import need, need_module

WORKFLOW = ROOT / ".github" / "workflows" / "check-content.yml"


def workflow() -> dict[str, Any]:
    """The workflow as GitHub reads it (our loader keeps the key `on` as written)."""
    data = parse(WORKFLOW.read_text(encoding="utf-8"), WORKFLOW.name).data
    assert isinstance(data, dict)
    return data


def steps() -> list[dict[str, Any]]:
    jobs = workflow()["jobs"]
    assert list(jobs) == ["check"]
    return list(jobs["check"]["steps"])


def learnhub_commands() -> list[list[str]]:
    return [shlex.split(line)[1:] for step in steps() for line in str(step.get("run", "")).splitlines()
            if line.startswith("learnhub ")]


def test_the_workflow_runs_on_every_pull_request() -> None:
    assert "pull_request" in workflow()["on"]
    assert workflow()["permissions"] == {"contents": "read"}


def test_the_workflow_validates_then_builds_then_uploads_the_site() -> None:
    commands = [c[0] for c in learnhub_commands()]
    assert commands == ["validate", "schema", "build"]
    upload = next(s for s in steps() if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert upload["with"]["name"] == "hub-site"
    names = [s.get("name", s.get("uses")) for s in steps()]
    assert names.index("Validate the content") < names.index("Build the hub") < names.index("Upload the built site")


def test_every_learnhub_step_is_a_command_the_cli_accepts() -> None:
    for args in learnhub_commands():
        parser().parse_args(args)  # exits 2 on a usage mistake


def test_actions_are_pinned_to_a_major_version() -> None:
    for step in steps():
        if "uses" in step:
            _action, _, version = str(step["uses"]).partition("@")
            assert version.startswith("v") and version[1:].isdigit(), step["uses"]


# --- pre-commit ---------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the tiny content, this project's hook config and its learnhub command."""
    need("git", "the pre-commit test commits to a scratch repository")
    need_module("pre_commit", "pre-commit")
    command = Path(need(str(Path(sys.executable).parent / "learnhub"), "pip install -e . puts the command there"))
    root = make_project(tmp_path / "repo", FIXTURES / "tiny")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", root)
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "learnhub").symlink_to(command)
    (root / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "user.name", "Editor")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-verify", "-m", "content")
    return root


def pre_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, capture_output=True,
                          text=True, env=env, check=False)


def test_the_hook_refuses_a_staged_mistake_even_if_the_working_copy_is_fixed(repo: Path) -> None:
    faq = repo / "content" / "faq.yaml"
    good = faq.read_text(encoding="utf-8")
    faq.write_text(good.replace("  - id: q3", "\t- id: q3"), encoding="utf-8")
    git(repo, "add", "content/faq.yaml")
    faq.write_text(good, encoding="utf-8")  # fixed, but not staged: the commit would still hold the tab
    result = pre_commit(repo)
    assert result.returncode == 1, result.stdout
    assert "content/faq.yaml:8:1: a tab character: indent YAML with spaces only" in result.stdout
    assert faq.read_text(encoding="utf-8") == good  # pre-commit put the unstaged fix back
    git(repo, "add", "content/faq.yaml")
    fixed = pre_commit(repo)
    assert fixed.returncode == 0, fixed.stdout


def test_the_hook_skips_commits_without_content(repo: Path) -> None:
    (repo / "notes.txt").write_text("not content\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    result = pre_commit(repo)
    assert result.returncode == 0, result.stdout
    assert "learnhub validate (content and prompts)" in result.stdout
    assert "(no files to check)Skipped" in result.stdout


# --- publishing to GitHub Pages ------------------------------------------------------------------

PAGES = ROOT / ".github" / "workflows" / "pages.yml"


def pages_workflow() -> dict[str, Any]:
    data = parse(PAGES.read_text(encoding="utf-8"), PAGES.name).data
    assert isinstance(data, dict)
    return data


def test_pages_publishes_on_a_push_to_main_and_never_for_a_pull_request() -> None:
    on = pages_workflow()["on"]
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" not in on and "pull_request_target" not in on
    assert pages_workflow()["permissions"] == {"contents": "read"}  # write access only where it deploys


def test_pages_tests_then_builds_then_deploys_with_the_official_actions() -> None:
    jobs = pages_workflow()["jobs"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert [s.get("run") for s in jobs["test"]["steps"] if "run" in s] == [".ci/run"]
    build = jobs["build"]["steps"]
    uses = [str(s["uses"]).partition("@")[0] for s in build if "uses" in s]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    upload = next(s for s in build if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    commands = [shlex.split(line)[1:] for s in build for line in str(s.get("run", "")).splitlines()
                if line.startswith("learnhub ")]
    assert [c[0] for c in commands] == ["validate", "build"]
    for args in commands:
        parser().parse_args(args)
    deploy = jobs["deploy"]
    assert [str(s["uses"]).partition("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_pages_actions_are_pinned_to_a_major_version() -> None:
    for job in pages_workflow()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                _action, _, version = str(step["uses"]).partition("@")
                assert version.startswith("v") and version[1:].isdigit(), step["uses"]
