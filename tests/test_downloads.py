"""downloads.py and the Downloads page: every file is made by the build and listed with its size."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from dataclasses import replace

from generator import downloads
from generator.downloads import DOWNLOADS, build_downloads, download_named, start_downloads
from generator.downloads.impose import PAPER_MM, impose
from generator.content.hub import load_hub
from generator.content.model import Hub
from generator.paths import DOWNLOADS as DOWNLOADS_PAGE
from generator.paths import format_size, relative_url, url_of
from generator.site.pages import navigation

from .conftest import FIXTURES

CONTRACT = {"tracking-sheet.xlsx", "tracking-sheet.csv", "pulse-survey.csv", "learning-week.ics"}


def test_the_registry_holds_the_contracted_files() -> None:
    names = [d.filename for d in DOWNLOADS]
    assert CONTRACT <= set(names)
    assert len(names) == len(set(names))


def test_build_downloads_makes_every_file_in_memory() -> None:
    hub = load_hub(FIXTURES / "tiny").hub
    built = build_downloads(hub)
    # every download of the registry, then the results summary of each wave counted (tiny has 60 days)
    assert [b.download for b in built] == [*DOWNLOADS, download_named("results-60-day-a4.pdf")]
    assert all(b.size > 100 and b.path == f"downloads/{b.download.filename}" for b in built)


def test_each_hub_gets_its_own_files_and_a_writer_that_fails_fails_the_wait(
        monkeypatch: pytest.MonkeyPatch) -> None:
    hub = load_hub(FIXTURES / "tiny").hub
    wanted = ["manager-pack-a4.pdf", "tracking-sheet.csv", "learning-week.ics"]
    second = hub.model_copy(update={"build_date": hub.build_date.replace(year=hub.build_date.year + 1)})
    making = start_downloads([hub, second], only=wanted)
    # asked for out of order (the second hub's files first), each hub gets the files made from it
    later, first = making.result(1), making.result(0)
    assert [b.download.filename for b in later] == [b.download.filename for b in first] == wanted
    calendars = [next(b.content for b in built if b.download.filename == "learning-week.ics")
                 for built in (first, later)]
    assert calendars[0] != calendars[1]

    def broken(hub: Hub, path: Path) -> None:
        raise ValueError("the calendar writer broke")

    monkeypatch.setattr(downloads, "DOWNLOADS", [replace(d, write=broken) if d.filename == "learning-week.ics"
                                                 else d for d in DOWNLOADS])
    with pytest.raises(ValueError, match="the calendar writer broke"):
        start_downloads([hub, second], only=wanted).result(0)


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KB"), (14_900, "15 KB"), (1_363_149, "1.3 MB"),
])
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text.replace(" ", "\u00a0")


def test_links_to_files_keep_their_names() -> None:
    assert url_of("downloads/tracking-sheet.xlsx") == "downloads/tracking-sheet.xlsx"
    assert relative_url("managers/day-1.md", "downloads/learning-week.ics") == "../../downloads/learning-week.ics"
    assert relative_url(DOWNLOADS_PAGE, "downloads/pulse-survey.csv") == "pulse-survey.csv"


def test_downloads_come_after_measure_in_the_navigation() -> None:
    titles = [next(iter(item)) for item in navigation(load_hub(FIXTURES / "tiny").hub)]
    assert titles.index("Downloads") == titles.index("Measure") + 1
    assert {"Downloads": DOWNLOADS_PAGE} in navigation(load_hub(FIXTURES / "tiny").hub)


def test_the_build_writes_every_download(site: Path) -> None:
    folder = site / "downloads"
    for download in DOWNLOADS:
        assert (folder / download.filename).stat().st_size > 100, download.filename


def test_the_downloads_page_lists_each_file_with_purpose_format_and_size(site: Path) -> None:
    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    listed = {}
    for section in re.split(r"<h2 ", page)[1:]:
        link = re.search(r'<a class="md-button md-button--primary" href="([^"]+)" download>', section)
        if link:
            listed[link.group(1)] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert list(listed) == [d.filename for d in DOWNLOADS]
    for download in DOWNLOADS:
        size = (site / "downloads" / download.filename).stat().st_size
        for part in (download.title, download.purpose, download.format, format_size(size)):
            assert " ".join(part.split()) in listed[download.filename], (download.filename, part)
        assert f"{format_size(size)}</span>" in page  # a size never breaks across lines


def test_with_source_date_epoch_every_download_is_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    first = build_downloads(load_hub(FIXTURES / "tiny").hub)
    second = build_downloads(load_hub(FIXTURES / "tiny").hub)
    for a, b in zip(first, second, strict=True):
        assert a.content == b.content, a.download.filename


@pytest.mark.parametrize("module, a4, letter", [
    ("cards", "prompt-cards-a4.pdf", "prompt-cards-letter.pdf"),
    ("cards", "activity-cards-a4.pdf", "activity-cards-letter.pdf"),
    ("pack", "manager-pack-a4.pdf", "manager-pack-letter.pdf"),
])
def test_a_file_made_from_another_is_made_from_its_bytes_in_one_layout(
        tiny_hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, a4: str, letter: str) -> None:
    """The Letter decks and the Letter manager pack are the A4 layout moved onto Letter: a build
    that makes both lays them out once (in the workers or not), and the Letter file is the A4 file
    imposed; wanted alone, the Letter file lays itself out, and comes out the same."""
    import importlib

    from generator.content.model import PackSize
    from generator.downloads import made_together, start_downloads

    renderer = importlib.import_module(f"generator.downloads.{module}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    log = tmp_path / "layouts"
    real = renderer.render_pdf

    def counted(html_text: str, css: str) -> bytes:  # forked workers inherit it, and append to one file
        with log.open("a") as f:
            f.write("layout\n")
        return real(html_text, css)

    monkeypatch.setattr(renderer, "render_pdf", counted)
    names = {a4, letter}
    wanted = [d for d in DOWNLOADS if d.filename in names]
    assert made_together(wanted) == [(a4, letter)]
    made = {b.download.filename: b.content for b in start_downloads([tiny_hub], names).result(0)}
    assert log.read_text().count("layout") == 1
    assert made[letter] == impose(made[a4], PAPER_MM[PackSize.LETTER])
    alone = build_downloads(tiny_hub, {letter})
    assert log.read_text().count("layout") == 2
    assert alone[0].content == made[letter]
