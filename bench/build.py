"""A cold `learnhub build` of the shipped content, this tree against another, in alternating pairs.

    python -m bench.build [--pairs 5] [--against DIR]

The machine may be shared, so each run records the load average before it, runs alternate (A, B,
A, B, ...) so both sides see the same weather, and CPU seconds (user and system, every process of
the build) are given beside wall seconds: the load stretches wall time, not CPU time. DIR is a
checkout of another commit (e.g. `git archive <commit> | tar -x -C DIR`); it runs on its own code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "overrides", "content", "prompts")
COLD = {"LEARNHUB_CACHE": "off", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1800000000"}


def project_copy(source: Path, dest: Path) -> Path:
    """The project files of `source` (engine and content) in `dest`, so a build never writes into a checkout."""
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        item = source / name
        if item.is_dir():
            shutil.copytree(item, dest / name)
        elif item.exists():
            shutil.copy2(item, dest / name)
    return dest


def cold_build(code: Path, project: Path, extra_env: dict[str, str] | None = None) -> dict[str, float]:
    """One cold `learnhub build` of `project` with the generator of `code`: wall and CPU seconds, load."""
    env = {**os.environ, **COLD, "PYTHONPATH": str(code), **(extra_env or {})}
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "build"], cwd=code,
                            env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"the build in {project} failed:\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "load": load}


def summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    return {"wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
            "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
            "runs": [{k: round(v, 2) for k, v in r.items()} for r in runs]}


def compare(pairs: int, against: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="lh-bench-build-") as tmp:
        sides = {"this": (ROOT, project_copy(ROOT, Path(tmp) / "this"))}
        if against is not None:
            sides["against"] = (against, project_copy(against, Path(tmp) / "against"))
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
        for name, (code, project) in sides.items():  # once each first: imports and fonts in the page cache
            cold_build(code, project)
        for _ in range(pairs):
            for name, (code, project) in sides.items():
                runs[name].append(cold_build(code, project))
    return {name: summary(r) for name, r in runs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--against", type=Path, default=None, help="a checkout of another commit")
    args = parser.parse_args(argv)
    print(json.dumps(compare(args.pairs, args.against.resolve() if args.against else None), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
