"""How `learnhub serve` feels: seconds from a one-line YAML edit to the page showing it, and whether
stopping it (SIGTERM, as an editor's task runner or a supervisor stops it) stops everything.

    python -m bench.serve [--root .] [--edits 5]

Each edit waits until the previous one's background downloads are in, so it measures the page
path alone; the figure is the median. `serve_edit_cpu_s` is the CPU the server itself spent until
the edit showed (its background workers excluded): on a busy machine the wall time stretches, this
does not. `stops_everything` is true when, after SIGTERM, nothing
listens on the port and no process the server started is alive.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_is_free(port: int) -> bool:
    """Nothing listens on `port` (connections closed a moment ago may linger in TIME_WAIT)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _parents() -> dict[int, int]:
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    return parents


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (from /proc)."""
    parents = _parents()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def cpu_s(pid: int) -> float:
    """CPU seconds (user and system) `pid` has used so far: a figure the machine's load does not inflate."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(url: str, ready: Callable[[str], bool], limit: float, every: float = 0.02) -> str:
    """The text of `url` once `ready` holds for it; AssertionError after `limit` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                text = response.read().decode("utf-8", "replace")
            if ready(text):
                return text
        except OSError:
            pass
        time.sleep(every)
    raise AssertionError(f"{url} was not ready within {limit} s")


def stop(server: subprocess.Popen[bytes], port: int) -> bool:
    """SIGTERM the server; True when its port and every process it started are released."""
    started = descendants(server.pid)
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        return False
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in started):
        time.sleep(0.05)
    return not any(alive(pid) for pid in started) and port_is_free(port)


def measure(root: Path, edits: int = 5, env: dict[str, str] | None = None,
            options: tuple[str, ...] = ()) -> dict[str, Any]:
    """Edit day 2's title `edits` times under `learnhub serve` (with `options`); the seconds until each
    edit showed."""
    day = root / "content" / "days" / "day-2.yaml"
    original = day.read_text(encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(root), "serve", "--addr",
                               f"127.0.0.1:{port}", *options], cwd=root, env=env or os.environ.copy(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times, cpu, loads = [], [], []
    stopped = False
    try:
        wait_for(base + "managers/day-2/", lambda text: "<h1" in text, 180)
        for n in range(edits):
            wait_for(base + "downloads/", lambda text: "being updated" not in text, 180, every=0.2)
            time.sleep(1.0)  # let the watcher settle
            marker = f"Edited {n} {time.time():.0f}"
            loads.append(os.getloadavg()[0])
            day.write_text(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.MULTILINE),
                           encoding="utf-8")
            start, used = time.perf_counter(), cpu_s(server.pid)
            wait_for(base + "managers/day-2/", lambda text, m=marker: m in text, 60)
            times.append(time.perf_counter() - start)
            cpu.append(cpu_s(server.pid) - used)
        stopped = stop(server, port)
    finally:
        day.write_text(original, encoding="utf-8")
        if server.poll() is None:
            server.kill()
            server.wait()
    return {"serve_edit_s": statistics.median(times), "serve_edit_all_s": [round(t, 3) for t in times],
            "serve_edit_cpu_s": statistics.median(cpu),
            "serve_stops_everything": stopped, "load_during": [round(x, 2) for x in loads]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--all-languages", action="store_true", help="serve every language of the hub")
    args = parser.parse_args(argv)
    result = measure(args.root.resolve(), args.edits, options=("--all-languages",) if args.all_languages else ())
    print(json.dumps(result, indent=2))
    return 0 if result["serve_stops_everything"] else 1


if __name__ == "__main__":
    sys.exit(main())
