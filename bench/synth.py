"""Synthetic content at a multiple of the shipped content, valid under the schema.

    python bench/synth.py FACTOR DEST     # writes DEST/content and DEST/prompts

Prompts, resources and activities are copied FACTOR times with fresh ids (and, for resources,
distinct links), capped at about 1,000 prompts, 3,000 resources and 300 activities; the five days, the
campaign and the other single files stay as they are.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MAX_PROMPTS = 1_000
MAX_RESOURCES = 3_000
MAX_ACTIVITIES = 300


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"# synthetic content ({schema})\n{text}", encoding="utf-8")


def _copies(items: list[dict[str, Any]], factor: int, cap: int) -> list[tuple[int, dict[str, Any]]]:
    """(copy number, item) pairs: copy 0 is the original; at most `cap` in all."""
    out = [(k, item) for k in range(factor) for item in items]
    return out[: max(cap, len(items))]


def synthesise(factor: int, dest: Path, source: Path = ROOT) -> dict[str, int]:
    """Write content at `factor` times the shipped size into `dest`; returns the counts."""
    if dest.exists():
        shutil.rmtree(dest / "content", ignore_errors=True)
        shutil.rmtree(dest / "prompts", ignore_errors=True)
    shutil.copytree(source / "content", dest / "content")
    shutil.copytree(source / "prompts", dest / "prompts")

    prompts = [p for f in sorted((source / "prompts").glob("*.yaml")) for p in _load(f)["prompts"]]
    extra = [(k, p) for k, p in _copies(prompts, factor, MAX_PROMPTS) if k]
    if extra:
        _dump(dest / "prompts" / "synthetic.yaml",
              {"prompts": [p | {"id": f"{p['id']}-x{k}", "text": f"{p['text']} ({k})"} for k, p in extra]},
              "prompts")

    resources = [r for f in sorted((source / "content" / "resources").glob("*.yaml"))
                 for r in _load(f)["resources"]]
    extra_r = [(k, r) for k, r in _copies(resources, factor, MAX_RESOURCES) if k]
    for start in range(0, len(extra_r), 200):  # files of 200, as an editor might group them
        chunk = extra_r[start:start + 200]
        _dump(dest / "content" / "resources" / f"synthetic-{start // 200:03d}.yaml",
              {"resources": [r | {"id": f"{r['id']}-x{k}", "title": f"{r['title']} ({k})",
                                  "link": _variant(r["link"], k)} for k, r in chunk]},
              "resources")

    activities = [_load(f) for f in sorted((source / "content" / "activities").glob("*.yaml"))]
    for k, a in _copies(activities, factor, MAX_ACTIVITIES):
        if k:
            _dump(dest / "content" / "activities" / f"{a['id']}-x{k}.yaml",
                  a | {"id": f"{a['id']}-x{k}", "title": f"{a['title']} ({k})"}, "activity")

    return {
        "prompts": len(prompts) + len(extra),
        "resources": len(resources) + len(extra_r),
        "activities": len(_copies(activities, factor, MAX_ACTIVITIES)),
    }


def _variant(link: str, k: int) -> str:
    """A distinct link per copy (links must be unique) that still points at the same page."""
    return f"{link}{'&' if '?' in link else '?'}copy={k}"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    counts = synthesise(int(argv[0]), Path(argv[1]))
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
