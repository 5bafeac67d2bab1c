"""Shared fixtures: tiny content trees to break, and one build of the shipped hub per session."""

from __future__ import annotations

import os
import shutil
import tempfile
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bench.synthetic import copy_engine
from generator.content.hub import load_hub
from generator.content.model import Hub

from .hostile import Planting, plant
from .tools import need_module

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """Builds in this session share one build cache of their own, never the user's."""
    os.environ["LEARNHUB_CACHE_DIR"] = tempfile.mkdtemp(prefix="learnhub-test-cache-")


def make_project(dest: Path, content_from: Path) -> Path:
    """A buildable project in `dest`: the engine files of this repo and the given content."""
    copy_engine(dest)
    for name in ("content", "prompts"):
        shutil.copytree(content_from / name, dest / name)
    return dest


def learnhub(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `learnhub` command as an editor would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture(scope="session")
def tiny_hub() -> Hub:
    """The tiny fixture content as a model, loaded once: for renderers that only read it."""
    return load_hub(FIXTURES / "tiny").hub


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of the tiny fixture content tree, safe to edit."""
    return make_project(tmp_path / "tiny", FIXTURES / "tiny")


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content, built once with `learnhub build` into a temporary project."""
    root = make_project(tmp_path_factory.mktemp("hub"), ROOT)
    result = learnhub(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def site(shipped: Path) -> Path:
    return shipped / "site"


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Planting:
    """The tiny tree with the XSS corpus planted in every text field, built once."""
    root = make_project(tmp_path_factory.mktemp("hostile"), FIXTURES / "tiny")
    planting = plant(root)
    result = learnhub(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return planting


@pytest.fixture(scope="session")
def bundle_zip(shipped: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped hub's offline bundle, made once with `learnhub bundle`."""
    out = tmp_path_factory.mktemp("dist")
    result = learnhub(shipped, "bundle", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    (made,) = out.glob("*.zip")
    return made


@pytest.fixture(scope="session")
def bundle(bundle_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle unzipped, as someone would after copying it from a shared drive: its one folder."""
    where = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(where)
    (folder,) = where.iterdir()
    return folder


@pytest.fixture(scope="session")
def zensical_site(shipped: Path) -> Path:
    """The shipped hub built by Zensical (`learnhub build --engine zensical`), beside the MkDocs build."""
    need_module("zensical", "zensical")
    result = learnhub(shipped, "build", "--engine", "zensical", "--site-dir", "site-zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    return shipped / "site-zensical"
