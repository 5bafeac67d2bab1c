"""Measure the resource catalogue at scale: page weight and how long a filter change takes.

    python -m bench.catalogue [--count 2000] [--runs 20] [--json]

Builds a synthetic project (bench/synthetic.py), reports the size of resources/index.html,
then opens it in Debian's Chromium and times filter changes. `page_weight` and
`filter_timings` are plain functions, so a larger benchmark can call them directly.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .synthetic import make_synthetic_project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
#: The budgets the catalogue is held to (issue 6).
MAX_PAGE_BYTES = 1_500_000
MAX_FILTER_MS = 50.0

# Tick (or untick) the n-th box and time it twice: the handler alone (filtering, counts, URL),
# and from the click until the frame showing the result has been painted (a task queued from
# the next animation frame runs after that frame's style, layout and paint).
_TIME_ONE_CHANGE = """async (n) => {
  const boxes = document.querySelectorAll('.lh-filters input[type=checkbox]');
  const box = boxes[n % boxes.length];
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const start = performance.now();
  box.click();
  const script = performance.now() - start;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return {script, frame: performance.now() - start};
}"""


def build(root: Path) -> float:
    """Build the project with `learnhub build`; the wall-clock seconds it took."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "build"],
                   check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def page_weight(site: Path) -> int:
    """Bytes of the catalogue page, uncompressed."""
    return (site / "resources" / "index.html").stat().st_size


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1 at a free port, for as long as the block runs."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def filter_timings(base_url: str, runs: int = 20, width: int = 1280) -> dict[str, Any]:
    """Milliseconds per filter change in Chromium: the handler alone, and click to next frame."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        start = time.perf_counter()
        page.goto(base_url + "resources/")
        page.wait_for_selector(".lh-filters input", state="visible")
        load_ms = (time.perf_counter() - start) * 1000
        samples = [page.evaluate(_TIME_ONE_CHANGE, n) for n in range(runs)]
        browser.close()
    script = [s["script"] for s in samples]
    frame = [s["frame"] for s in samples]
    return {
        "runs": runs, "load_ms": round(load_ms, 1),
        "script_ms_median": round(statistics.median(script), 1), "script_ms_max": round(max(script), 1),
        "frame_ms_median": round(statistics.median(frame), 1), "frame_ms_max": round(max(frame), 1),
    }


def measure(count: int = 2000, runs: int = 20) -> dict[str, Any]:
    """Build a synthetic hub of `count` resources and measure its catalogue."""
    with tempfile.TemporaryDirectory(prefix="lh-bench-") as tmp:
        root = make_synthetic_project(Path(tmp) / "hub", count)
        seconds = build(root)
        site = root / "site"
        result: dict[str, Any] = {"resources": count, "build_s": round(seconds, 2),
                                  "page_bytes": page_weight(site), "page_budget": MAX_PAGE_BYTES}
        with serve(site) as url:
            result |= filter_timings(url, runs)
        result["filter_budget_ms"] = MAX_FILTER_MS
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=2000, help="how many synthetic resources")
    parser.add_argument("--runs", type=int, default=20, help="how many filter changes to time")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = measure(args.count, args.runs)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")
    ok = result["page_bytes"] <= MAX_PAGE_BYTES and result["frame_ms_median"] <= MAX_FILTER_MS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
