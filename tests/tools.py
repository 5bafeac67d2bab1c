"""External tools some tests need: skip locally with a reason, fail in CI where they are required.

`.ci/run` sets LEARNHUB_REQUIRE_TOOLS=1, so a missing tool there is a failure, not a skip.
"""

from __future__ import annotations

import importlib
import os
import shutil
from types import ModuleType

import pytest

REQUIRED = os.environ.get("LEARNHUB_REQUIRE_TOOLS") == "1"

CHROMIUM = "/usr/bin/chromium"


def need_module(module: str, package: str) -> ModuleType:
    """The imported module; skips (or fails, in CI) when its test dependency is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        message = f"{package} is not installed (pip install -e '.[test]')"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


def need(path_or_name: str, why: str) -> str:
    """The tool's path; skips (or fails, in CI) when it is not installed."""
    found = path_or_name if os.path.isabs(path_or_name) and os.access(path_or_name, os.X_OK) \
        else shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is not installed ({why}); apt-get install it or run .ci/run"
    if REQUIRED:
        pytest.fail(message)
    pytest.skip(message)
