"""The `learnhub` command: validate content, build the site atomically, preview it.

This is the edge where errors become text and exit codes: 0 good, 1 bad content or a failed
build, 2 a usage mistake. The site engine runs as a separate process, so the generator
itself never imports it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import ContentErrors
from .hub import Loaded, load_hub


def _load(root: Path, strict: bool) -> Loaded | None:
    """The hub, or None after printing every error (and warning) located."""
    try:
        loaded = load_hub(root, strict=strict)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        count = sum(1 for e in exc.errors if e.severity == "error")
        print(f"{count} error{'s' if count != 1 else ''} in the content", file=sys.stderr)
        return None
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    return loaded


def summary(loaded: Loaded) -> str:
    hub = loaded.hub
    return (f"ok: {len(hub.days)} days, {len(hub.prompts)} prompts, {len(hub.activities)} activities, "
            f"{len(hub.resources)} resources")


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = _load(args.root, args.strict)
    if loaded is None:
        return 1
    print(summary(loaded))
    return 0


def _mkdocs(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args, "--config-file", str(root / "mkdocs.yml")]


def _engine_env() -> dict[str, str]:
    """The site engine's environment: its end-of-life banner is said once in the README."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def cmd_build(args: argparse.Namespace) -> int:
    root: Path = args.root
    loaded = _load(root, args.strict)
    if loaded is None:
        return 1
    target = (root / args.site_dir).resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent))
    try:
        result = subprocess.run(_mkdocs(root, "build", "--quiet", "--site-dir", str(staging)),
                                cwd=root, env=_engine_env(), check=False)
        if result.returncode != 0:
            print("build failed; the previous site is unchanged", file=sys.stderr)
            return 1
        swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"{summary(loaded)}; built {os.path.relpath(target)}/")
    return 0


def swap(staging: Path, target: Path) -> None:
    """Put a finished build in place of the old one with two renames."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args: argparse.Namespace) -> int:
    root: Path = args.root
    if _load(root, False) is None:
        return 1
    command = _mkdocs(root, "serve", "--dev-addr", args.addr, "--livereload")
    try:
        return subprocess.run(command, cwd=root, env=_engine_env(), check=False).returncode
    except KeyboardInterrupt:
        return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="learnhub", description="Build the Learning at Work Week hub from YAML.")
    p.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser("validate", help="check the content; prints path:line:col: messages")
    v.add_argument("--strict", action="store_true", help="treat warnings (stale reviews) as errors")
    v.set_defaults(run=cmd_validate)

    b = sub.add_parser("build", help="validate and build the site into site/, atomically")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    b.set_defaults(run=cmd_build)

    s = sub.add_parser("serve", help="preview the hub; rebuilds when a YAML file changes")
    s.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")
    s.set_defaults(run=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
