"""`learnhub bundle`: the zip's name, layout and contents (the browser checks are in tests/browser/)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from generator.content.hub import load_hub

from .conftest import ROOT, learnhub

#: The downloads the product promises (PRODUCT.md), which the bundle must carry too.
PROMISED = ["manager-pack-a4.pdf", "manager-pack-letter.pdf", "day-cards-a4.pdf", "tracking-sheet.xlsx",
            "tracking-sheet.csv", "pulse-survey.csv", "learning-week.ics"]


def test_the_zip_is_named_after_the_campaign_year_and_holds_one_folder(bundle_zip: Path) -> None:
    year = load_hub(ROOT).hub.campaign.week_start.year
    assert bundle_zip.name == f"learnhub-{year}.zip"
    with zipfile.ZipFile(bundle_zip) as archive:
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {f"learnhub-{year}"}
    assert f"learnhub-{year}/index.html" in names


def test_the_bundle_holds_every_page_download_and_hub_json(bundle: Path, site: Path) -> None:
    served = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    for folder in served:  # managers/ is managers/index.html; managers/day-1/ is managers/day-1.html
        assert (bundle / folder / "index.html").is_file() or (bundle / f"{folder}.html").is_file(), folder
    for name in PROMISED:
        assert (bundle / "downloads" / name).stat().st_size > 0, name
    hub = json.loads((bundle / "api" / "hub.json").read_text(encoding="utf-8"))
    for day in hub["days"]:
        assert (bundle / day["url"]).is_file(), day["url"]
    assert (bundle / "search" / "search_index.js").is_file()  # search without fetching


def test_no_page_names_another_host_for_a_script_or_style(bundle: Path) -> None:
    remote = re.compile(r"""<script\b[^>]*\bsrc=["']?(?:https?:)?//"""
                        r"""|<link\b[^>]*\brel=["']?(?:stylesheet|icon|preload|modulepreload|manifest)\b"""
                        r"""[^>]*\bhref=["']?(?:https?:)?//""", re.IGNORECASE)
    for page in bundle.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not remote.search(html), page.relative_to(bundle)
        assert "unpkg.com" not in html, page.relative_to(bundle)


def test_the_site_folder_is_left_alone(tiny: Path) -> None:
    (tiny / "site").mkdir()
    (tiny / "site" / "keep.txt").write_text("an earlier build", encoding="utf-8")
    result = learnhub(tiny, "bundle")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tiny / "site").iterdir()) == ["keep.txt"]
    assert [p.name for p in (tiny / "dist").iterdir()] == ["learnhub-2027.zip"]
    assert not list(tiny.glob(".learnhub-bundle-*"))  # the one-build config is gone


def test_bad_content_writes_no_zip(tiny: Path) -> None:
    faq = tiny / "content" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("  - id: q3", "\t- id: q3"), encoding="utf-8")
    result = learnhub(tiny, "bundle")
    assert result.returncode == 1
    assert "content/faq.yaml:" in result.stderr
    assert not (tiny / "dist").exists()
