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

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "check-content.yml"


def workflow(path: Path = WORKFLOW) -> dict[str, Any]:
    """The workflow as GitHub reads it (our loader keeps the key `on` as written)."""
    data = parse(path.read_text(encoding="utf-8"), path.name).data
    assert isinstance(data, dict)
    return data


def steps(path: Path = WORKFLOW) -> list[dict[str, Any]]:
    """Every step of the workflow, job after job in the order written."""
    return [step for job in workflow(path)["jobs"].values() for step in job["steps"]]


def commands(step: dict[str, Any]) -> list[list[str]]:
    """Each shell command of a step, split as the shell would (one per line)."""
    return [shlex.split(line) for line in str(step.get("run", "")).splitlines() if line.strip()]


def learnhub_commands() -> list[list[str]]:
    return [shlex.split(line)[1:] for step in steps() for line in str(step.get("run", "")).splitlines()
            if line.startswith("learnhub ")]


def ci_run_args(command: list[str]) -> list[str] | None:
    """The arguments given to .ci/run, if the command runs it (`bash .ci/run site`, `.ci/run`)."""
    if command[:1] == ["bash"]:
        command = command[1:]
    return command[1:] if command[:1] in ([".ci/run"], ["./.ci/run"]) else None


def ci_run_steps(path: Path) -> list[tuple[int, dict[str, Any], list[str]]]:
    """(position, step, arguments) of each step that runs .ci/run."""
    found = []
    for index, step in enumerate(steps(path)):
        for command in commands(step):
            args = ci_run_args(command)
            if args is not None:
                found.append((index, step, args))
    return found


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
    for step in (step for path in sorted(WORKFLOWS.glob("*.yml")) for step in steps(path)):
        if "uses" in step:
            _action, _, version = str(step["uses"]).partition("@")
            assert version.startswith("v") and version[1:].isdigit(), step["uses"]


def test_the_content_workflow_installs_the_locked_build_before_it_runs_learnhub() -> None:
    (position, _step, args), = ci_run_steps(WORKFLOW)
    assert args == ["site"]
    names = [s.get("name") for s in steps()]
    assert position < names.index("Validate the content")


def test_every_pull_request_and_push_to_main_runs_every_test_through_ci_run() -> None:
    tests = WORKFLOWS / "tests.yml"
    on = workflow(tests)["on"]
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    assert workflow(tests)["permissions"] == {"contents": "read"}
    (_position, step, args), = ci_run_steps(tests)
    assert args == []  # the whole suite, as `make test` runs it
    assert "LEARNHUB_UNLOCKED" not in step.get("env", {})


def test_drift_runs_every_test_weekly_against_the_newest_releases_in_range() -> None:
    drift = WORKFLOWS / "drift.yml"
    (cron,) = [entry["cron"] for entry in workflow(drift)["on"]["schedule"]]
    day_of_month, month, day_of_week = cron.split()[2:]
    assert (day_of_month, month) == ("*", "*") and day_of_week.isdigit()  # once a week
    (_position, step, args), = ci_run_steps(drift)
    assert args == [] and step["env"]["LEARNHUB_UNLOCKED"] == "1"


def test_no_workflow_installs_packages_but_through_ci_run() -> None:
    """Python packages come from the lock and Debian packages from .ci/apt-packages, both via .ci/run."""
    installers = {"pip", "pip3", "uv", "apt-get", "apt"}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for step in steps(path):
            assert not str(step.get("uses", "")).startswith("actions/setup-python"), path.name
            for command in commands(step):
                words = {Path(word).name for word in command}
                assert not words & installers, (path.name, command)


# --- .ci/run --------------------------------------------------------------------------------------

STUB = """#!/usr/bin/env bash
echo "$(basename "$0") $*" >> "{log}"
[[ $(basename "$0") != dpkg ]]
"""


def run_ci(tmp_path: Path, *args: str, **env: str) -> list[str]:
    """.ci/run on a copy of .ci/, with dpkg (nothing installed), apt-get, sudo and make only logged."""
    need("bash", ".ci/run is a bash script")
    shutil.copytree(ROOT / ".ci", tmp_path / "repo" / ".ci")
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    log = tmp_path / "log"
    for name in ("dpkg", "apt-get", "sudo", "make"):
        (stubs / name).write_text(STUB.format(log=log), encoding="utf-8")
        (stubs / name).chmod(0o755)
    environment = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}", **env}
    if "LEARNHUB_UNLOCKED" not in env:
        environment.pop("LEARNHUB_UNLOCKED", None)
    subprocess.run(["bash", str(tmp_path / "repo" / ".ci" / "run"), *args], env=environment, check=True,
                   capture_output=True, text=True)
    return log.read_text(encoding="utf-8").splitlines()


def apt_packages(site_only: bool) -> set[str]:
    lines = (line.split("#")[0].split() for line in (ROOT / ".ci" / "apt-packages").read_text().splitlines())
    return {words[0] for words in lines if words and (not site_only or words[1:] == ["site"])}


def installed(log: list[str]) -> set[str]:
    """The packages apt-get was asked to install (its options left out)."""
    return {word for line in log if line.startswith("apt-get ") and " install " in line
            for word in line.split()[2:] if not word.startswith("-")}


def test_ci_run_installs_every_listed_package_then_runs_every_test(tmp_path: Path) -> None:
    log = run_ci(tmp_path)
    assert installed(log) == apt_packages(site_only=False)
    assert log[-1] == "make test"


def test_ci_run_site_installs_only_what_building_needs(tmp_path: Path) -> None:
    log = run_ci(tmp_path, "site")
    assert installed(log) == apt_packages(site_only=True) < apt_packages(site_only=False)
    assert log[-1] == "make .venv/.site-ready"


def test_ci_run_unlocked_runs_the_drift_check(tmp_path: Path) -> None:
    assert run_ci(tmp_path, LEARNHUB_UNLOCKED="1")[-1] == "make drift"


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
    """Nothing of ours runs: a learnhub that records each call and always fails stays untouched."""
    calls = repo.parent / "learnhub-calls"
    command = repo / ".venv" / "bin" / "learnhub"
    command.unlink()
    command.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexit 1\n', encoding="utf-8")
    command.chmod(0o755)
    (repo / "notes.txt").write_text("not content\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    result = pre_commit(repo)
    assert result.returncode == 0, result.stdout
    assert not calls.exists(), calls.read_text(encoding="utf-8")
    faq = repo / "content" / "faq.yaml"  # the same stand-in does run, and fails, for content
    faq.write_text(faq.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "add", "content/faq.yaml")
    assert pre_commit(repo).returncode == 1
    assert "validate" in calls.read_text(encoding="utf-8")


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
