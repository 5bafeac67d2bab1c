"""Lighthouse scores for the built hub, on a phone and on a desktop, served as a real host serves it.

Run by `make audit` (not part of `make test`): serves site/ on 127.0.0.1 with text responses
gzipped (as any web host does), runs the Lighthouse CLI from .audit/ with Debian's Chromium on the
home page, a day page, the resources page and the prompt library, three times with Lighthouse's
default mobile settings (a slow phone on a slow network; the median counts) and once with its
desktop preset, prints the four category scores and the mobile timings, and writes each full
report beside it. Exits 1 when a score is under its target.

    python tools/audit.py [--site site] [--lighthouse .audit/node_modules/.bin/lighthouse] [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"home": "", "day 3": "managers/day-3/", "resources": "resources/", "prompts": "managers/prompts/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: What the issues ask for, on a phone and on a desktop.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 90}
#: The mobile timings printed under the scores, to see what a score is made of.
TIMINGS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --no-first-run"
#: What a host compresses: text, not images or archives that are compressed already.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ics", ".map")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; text files gzipped when the browser accepts it, as a web host would."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object SimpleHTTPRequestHandler copies to the response."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1 at a free port, gzipped, for as long as the block runs."""
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(binary: Path, url: str, report: Path, form: str) -> dict[str, Any]:
    """Run Lighthouse once on `url` (form: mobile, its default, or desktop); the JSON report."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    preset = ["--preset=desktop"] if form == "desktop" else []
    subprocess.run(
        [str(binary), url, *preset, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=env, check=True)
    return dict(json.loads(report.read_text(encoding="utf-8")))


def scores(result: dict[str, Any]) -> dict[str, int]:
    return {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}


def timings(result: dict[str, Any]) -> dict[str, float]:
    return {short: result["audits"][key]["numericValue"] for key, short in TIMINGS.items()}


def failing_audits(result: dict[str, Any], category: str) -> list[str]:
    """The audits that cost a category points, by title, to print under a missed target."""
    refs = result["categories"][category]["auditRefs"]
    audits = result["audits"]
    return [audits[r["id"]]["title"] for r in refs
            if r["weight"] and audits[r["id"]]["score"] is not None and audits[r["id"]]["score"] < 1]


def median_run(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The run whose performance score is the median (so its other figures belong to one run)."""
    ranked = sorted(results, key=lambda r: r["categories"]["performance"]["score"] or 0)
    return ranked[len(ranked) // 2]


def _row(name: str, form: str, got: dict[str, int], extra: str = "") -> str:
    return f"{name:<11}{form:<9}" + "".join(f"{got[c]:>16}" for c in CATEGORIES) + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--lighthouse", type=Path,
                        default=ROOT / ".audit" / "node_modules" / ".bin" / "lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="mobile runs per page (the median counts)")
    parser.add_argument("--reports", type=Path, default=None,
                        help="folder for the full JSON reports (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"no built site in {args.site}: run `make site` first", file=sys.stderr)
        return 2
    reports = args.reports or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)

    missed, summary = [], {}
    print(f"load average {os.getloadavg()[0]:.2f} at the start")
    print(f"{'page':<11}{'form':<9}" + "".join(f"{c:>16}" for c in CATEGORIES) + "   mobile median: ms")
    with served(args.site) as base:
        for name, path in PAGES.items():
            stem = name.replace(" ", "-")
            mobile = [lighthouse(args.lighthouse, base + path, reports / f"{stem}-mobile-{n}.json", "mobile")
                      for n in range(args.runs)]
            desktop = lighthouse(args.lighthouse, base + path, reports / f"{stem}-desktop.json", "desktop")
            middle = median_run(mobile)
            got = scores(middle)
            spent = timings(middle)
            performance = [scores(r)["performance"] for r in mobile]
            summary[name] = {"mobile": got, "mobile_performance_runs": performance,
                             "mobile_ms": {k: round(v) for k, v in spent.items() if k != "CLS"},
                             "cls": round(spent["CLS"], 3), "desktop": scores(desktop)}
            print(_row(name, "mobile", got, "   " + " ".join(
                f"{k} {v:.0f}" if k != "CLS" else f"{k} {v:.3f}" for k, v in spent.items())
                + f"  (runs {performance})"))
            print(_row(name, "desktop", scores(desktop)), flush=True)
            for form, result in (("mobile", middle), ("desktop", desktop)):
                missed += [f"{name} ({form}): {c} {scores(result)[c]} < {TARGETS[c]} "
                           f"({'; '.join(failing_audits(result, c))})"
                           for c in CATEGORIES if scores(result)[c] < TARGETS[c]]
    print(f"{'targets':<20}" + "".join(f"{TARGETS[c]:>16}" for c in CATEGORIES))
    print(f"load average {os.getloadavg()[0]:.2f} at the end; full reports in {reports}")
    (reports / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    for line in missed:
        print("missed:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
