"""The lock: requirements/*.txt pin, with hashes, every package that pyproject.toml's ranges allow,
and `make site` / `make test` install from nothing else, again whenever a lock file changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

from .conftest import ROOT
from .tools import need

LOCK = ROOT / "requirements"


def pins(lock: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) for each pin that applies on this interpreter."""
    found: dict[str, tuple[str, int]] = {}
    name = ""
    for line in lock.read_text(encoding="utf-8").splitlines():
        text = line.split("#")[0].strip().removesuffix("\\").strip()
        if text.startswith("--hash="):
            if name:
                version, hashes = found[name]
                found[name] = (version, hashes + 1)
        elif text:
            requirement = Requirement(text)
            applies = requirement.marker is None or requirement.marker.evaluate(default_environment())
            name = requirement.name.lower().replace("_", "-") if applies else ""
            if name:
                (specifier,) = requirement.specifier
                assert specifier.operator == "==", line
                found[name] = (specifier.version, 0)
    return found


def wanted(*, test: bool) -> list[Requirement]:
    """What pyproject.toml (and requirements/tools.in) ask for: the site's packages, or the tests' too."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    lines = [*project["dependencies"], *(extras["test"] if test else [])]
    for line in list(lines):  # an extra of learnhub itself (`learnhub[zensical]`) stands for its packages
        requirement = Requirement(line)
        if requirement.name == project["name"]:
            lines.remove(line)
            lines += [dep for extra in requirement.extras for dep in extras[extra]]
    for name in ("tools.in", "uv.in"):
        lines += [line for line in (LOCK / name).read_text().splitlines()
                  if line.strip() and not line.startswith(("#", "-r"))]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize(("lock", "test"), [("site.txt", False), ("test.txt", True)])
def test_the_lock_pins_every_requirement_inside_its_range_with_hashes(lock: str, test: bool) -> None:
    pinned = pins(LOCK / lock)
    for requirement in wanted(test=test):
        name = requirement.name.lower().replace("_", "-")
        assert name in pinned, f"{name} is not in requirements/{lock}: run `make lock`"
        version, _hashes = pinned[name]
        assert requirement.specifier.contains(version, prereleases=True), \
            f"requirements/{lock} pins {name}=={version}, outside {requirement}: run `make lock`"
    assert all(hashes for _version, hashes in pinned.values())


def test_the_site_lock_is_the_test_lock_s_subset_at_the_same_versions() -> None:
    site, test = pins(LOCK / "site.txt"), pins(LOCK / "test.txt")
    assert {name: version for name, (version, _) in site.items()} \
        == {name: test[name][0] for name in site}
    assert len(site) < len(test)
    assert pins(LOCK / "uv.txt")["uv"][0] == test["uv"][0]


# --- the Makefile -----------------------------------------------------------------------------------


def make_dry_run(root: Path, target: str, *, every_step: bool = False) -> list[str]:
    """The commands `make` would run for `target` in `root`, without running them."""
    need("make", "the Makefile sets up the environment")
    flags = ["-n", "-B"] if every_step else ["-n"]
    result = subprocess.run(["make", *flags, target], cwd=root, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def installs(commands: list[str]) -> list[str]:
    return [c for c in commands if " install " in c or " sync " in c]


@pytest.mark.parametrize(("target", "lock"), [("site", "requirements/site.txt"), ("test", "requirements/test.txt")])
def test_a_fresh_set_up_installs_only_what_the_lock_names(target: str, lock: str) -> None:
    commands = installs(make_dry_run(ROOT, target, every_step=True))
    uv = [c for c in commands if "requirements/uv.txt" in c]
    learnhub = [c for c in commands if c.endswith("-e .")]
    packages = [c for c in commands if c.endswith(lock)]
    assert uv and learnhub and len(packages) == 1
    assert sorted(uv + learnhub + packages) == sorted(commands), commands  # nothing else is installed
    assert all("--require-hashes" in c for c in uv + packages)
    assert all("--no-deps" in c and "--no-build-isolation" in c for c in learnhub)


def test_the_set_up_runs_again_when_its_lock_file_changes(tmp_path: Path) -> None:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path)
    shutil.copytree(LOCK, tmp_path / "requirements")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for ready in (bin_dir / "uv", tmp_path / ".venv" / ".site-ready", tmp_path / ".venv" / ".test-ready"):
        ready.touch()
    assert installs(make_dry_run(tmp_path, "site")) == []  # set up, and nothing changed since
    assert installs(make_dry_run(tmp_path, "test")) == []
    later = (tmp_path / ".venv" / ".test-ready").stat().st_mtime + 10
    test_lock = tmp_path / "requirements" / "test.txt"
    test_lock.touch()
    os.utime(test_lock, (later, later))
    assert installs(make_dry_run(tmp_path, "site")) == []  # the site's packages did not change
    assert any(c.endswith("requirements/test.txt") for c in installs(make_dry_run(tmp_path, "test")))
    site_lock = tmp_path / "requirements" / "site.txt"
    os.utime(site_lock, (later, later))
    assert any(c.endswith("requirements/site.txt") for c in installs(make_dry_run(tmp_path, "site")))
