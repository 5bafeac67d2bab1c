"""What a new user waits for: a fresh clone to a built hub (venv, install from the lock, build).

Clones the repository at HEAD into a throwaway folder and times `make site` there with every cache
empty: pip's and uv's download caches, the user's cache folder and learnhub's build cache are new folders, so nothing from
an earlier run on this machine is reused. The figure is the wall time of `make site`; the clone
itself (a local copy) is not counted.

    python -m bench.fresh      # prints the seconds; bench/run.py records it as fresh_site_s
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_site_s(repo: Path = ROOT) -> float:
    """Seconds from a fresh clone of `repo` at HEAD to a built hub, with empty caches."""
    with tempfile.TemporaryDirectory(prefix="learnhub-fresh-") as scratch:
        work = Path(scratch)
        clone = work / "clone"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(repo), str(clone)],
                       check=True, capture_output=True)
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("PIP_", "UV_", "VIRTUAL_ENV", "LEARNHUB_"))}
        env |= {"PIP_CACHE_DIR": str(work / "pip-cache"), "UV_CACHE_DIR": str(work / "uv-cache"),
                "XDG_CACHE_HOME": str(work / "user-cache"),
                "LEARNHUB_CACHE_DIR": str(work / "learnhub-cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        start = time.perf_counter()
        result = subprocess.run(["make", "site"], cwd=clone, env=env, capture_output=True, text=True,
                                check=False)
        elapsed = time.perf_counter() - start
        if result.returncode != 0 or not (clone / "site" / "index.html").is_file():
            raise RuntimeError(f"make site failed in a fresh clone:\n{result.stdout}\n{result.stderr}")
        return elapsed


if __name__ == "__main__":
    seconds = fresh_site_s()
    print(f"fresh_site_s {seconds:.1f}")
    sys.exit(0)
