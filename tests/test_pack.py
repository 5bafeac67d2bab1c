"""The printed manager packs and day cards, read back from the PDFs the build wrote.

Structure (page sizes, outline, metadata, tags, links, fonts) is read with pypdf; the text
of each page with pdftotext, which is fast and reads the pages as a person would.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject, IndirectObject

from generator.downloads import pack
from generator.content.hub import load_hub
from generator.markup import SAFE_SCHEMES
from generator.content.model import Hub, PackSize
from generator.paths import PLAYBOOK, day_path
from generator.site.pages import render_site

from .conftest import ROOT
from .tools import need

MM = 72 / 25.4
SIZES = {"A4": (210 * MM, 297 * MM), "Letter": (8.5 * 72, 11 * 72)}
#: No text of the pack comes closer than this to an edge of either paper (what office printers leave).
PRINTER_SAFE_MM = 8


@dataclass
class Pdf:
    """A PDF read back: its reader, and the text of each page with whitespace folded."""

    reader: PdfReader
    pages: list[str]
    data: bytes

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def pages_with(self, text: str) -> list[int]:
        """The 1-based numbers of the pages whose text contains `text`."""
        return [n for n, page in enumerate(self.pages, 1) if text in page]


def fold(text: str) -> str:
    return " ".join(text.split())


def page_texts(data: bytes) -> list[str]:
    """Each page's text, as pdftotext reads it."""
    tool = need("pdftotext", "PDF tests read the text back with poppler-utils")
    out = subprocess.run([tool, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                         check=True).stdout.decode()
    return [fold(page) for page in out.split("\f")[:-1]]


def read_pdf(data: bytes) -> Pdf:
    return Pdf(PdfReader(io.BytesIO(data)), page_texts(data), data)


@dataclass(frozen=True)
class Word:
    """A word and its box, in points from the page's top left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class WordPage:
    width: float
    height: float
    words: list[Word]


def word_pages(data: bytes) -> list[WordPage]:
    """Each page's size and the boxes of its words, as `pdftotext -bbox` reads them."""
    tool = need("pdftotext", "PDF tests read word boxes with poppler-utils")
    out = subprocess.run([tool, "-bbox", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    number = r"([-\d.]+)"
    return [WordPage(float(width), float(height),
                     [Word(unescape(m[4]), *map(float, m[:4])) for m in re.findall(
                         rf'<word xMin="{number}" yMin="{number}" xMax="{number}" yMax="{number}">(.*?)</word>',
                         body)])
            for width, height, body in re.findall(
                rf'<page width="{number}" height="{number}">(.*?)</page>', out, re.DOTALL)]


@pytest.fixture(scope="session")
def hub() -> Hub:
    """The shipped content's model, the same the build rendered the PDFs from."""
    return load_hub(ROOT).hub


@pytest.fixture(scope="session")
def downloads(site: Path) -> Path:
    return site / "downloads"


@pytest.fixture(scope="session")
def pack_a4(downloads: Path) -> Pdf:
    return read_pdf((downloads / "manager-pack-a4.pdf").read_bytes())


@pytest.fixture(scope="session")
def pack_letter(downloads: Path) -> Pdf:
    return read_pdf((downloads / "manager-pack-letter.pdf").read_bytes())


@pytest.fixture(scope="session")
def cards(downloads: Path) -> Pdf:
    return read_pdf((downloads / "day-cards-a4.pdf").read_bytes())


@pytest.fixture(scope="session", params=["a4", "letter"])
def any_pack(request: pytest.FixtureRequest) -> Pdf:
    """The manager pack on A4, then on Letter: one layout, so both read the same."""
    pdf: Pdf = request.getfixturevalue(f"pack_{request.param}")
    return pdf


@pytest.fixture(scope="session", params=["a4", "letter", "cards"])
def any_pdf(request: pytest.FixtureRequest) -> Pdf:
    pdf: Pdf = request.getfixturevalue({"a4": "pack_a4", "letter": "pack_letter",
                                        "cards": "cards"}[request.param])
    return pdf


def page_size(reader: PdfReader, index: int) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return float(box.width), float(box.height)


def outline_titles(reader: PdfReader) -> list[str]:
    """The top-level bookmarks; nested lists would be second-level entries."""
    return [str(item.title) for item in reader.outline if not isinstance(item, list)]


# --- the manager pack ------------------------------------------------------------------------


@pytest.mark.parametrize("fixture, size", [("pack_a4", "A4"), ("pack_letter", "Letter")])
def test_pack_pages_have_the_paper_size(request: pytest.FixtureRequest, fixture: str, size: str) -> None:
    pdf: Pdf = request.getfixturevalue(fixture)
    width, height = SIZES[size]
    sizes = [page_size(pdf.reader, i) for i in range(len(pdf.reader.pages))]
    portrait = [s for s in sizes if s[0] < s[1]]
    landscape = [s for s in sizes if s[0] > s[1]]
    assert all(s == pytest.approx((width, height), abs=0.5) for s in portrait)
    # the tracking table is the one landscape page, and it fits on it
    assert landscape == [pytest.approx((height, width), abs=0.5)]
    table_page = sizes.index(landscape[0]) + 1
    assert pdf.pages_with("Tracking table: one row per person") == [table_page]


def test_pack_has_every_part_in_order(any_pack: Pdf, hub: Hub) -> None:
    cover = any_pack.pages[0]
    c = hub.campaign
    for text in (c.hub_title, c.theme, "Manager pack", f"{c.week_dates[0].day} May", "2027"):
        assert text in cover
    assert c.organisation.casefold() in cover.casefold()
    assert any_pack.pages[1].startswith(c.hub_title) and "Contents" in any_pack.pages[1]
    parts = ["The week at a glance", hub.playbook.opening_script[:60],
             *[f"Day {d.number}: {d.title}" for d in hub.days],
             "The three data points", "Tracking table", "60-day", "Activation ideas in brief",
             "What to cut", hub.faq.questions[-1].question]
    position = len(" ".join(any_pack.pages[:2]))  # after the cover and the contents
    for part in parts:
        found = any_pack.text.find(fold(part), position)
        assert found != -1, f"{part!r} is missing or out of order"
        position = found


def test_every_day_title_and_prompt_is_printed_whole_on_one_page(any_pack: Pdf, hub: Hub) -> None:
    for day in hub.days:
        assert any_pack.pages_with(f"Day {day.number}: {day.title}"), day.title
        for prompt in hub.prompts_for_day(day):
            pages = any_pack.pages_with(fold(prompt.text))
            assert pages, f"prompt {prompt.id} is missing"
            if prompt.listen_for:
                # the prompt and its "listen for" were kept together on a page
                together = any_pack.pages_with(fold(f"{prompt.text} Listen for: {prompt.listen_for}"))
                assert together, f"prompt {prompt.id} was split"


def test_contents_page_numbers_match_the_bookmarks(any_pack: Pdf, hub: Hub) -> None:
    contents = any_pack.pages[1]
    reader = any_pack.reader
    chapters = pack.chapters(hub)
    assert outline_titles(reader) == [c.title for c in chapters]
    for item, chapter in zip(reader.outline, chapters, strict=True):
        page = reader.get_destination_page_number(item) + 1
        # the title, then on the same line (after whatever leader the PDF text gives) its page number
        assert re.search(re.escape(chapter.title) + r"[^\d\n]*\b" + str(page) + r"\b", contents), chapter
        assert chapter.title in any_pack.pages[page - 1]


def test_running_header_and_page_n_of_n(any_pack: Pdf, hub: Hub) -> None:
    total = len(any_pack.pages)
    assert "Page 1 of" not in any_pack.pages[0]  # the cover is bare
    for number, text in enumerate(any_pack.pages[1:], 2):
        assert f"Page {number} of {total}" in text
        assert text.startswith(hub.campaign.hub_title)
    for day in hub.days:
        # the day's first page has its title; the pages after it name the day in their header
        assert len(any_pack.pages_with(f"Day {day.number}: {day.title}")) >= 2


def test_the_tracking_table_has_the_sheet_columns(any_pack: Pdf, hub: Hub) -> None:
    (page,) = any_pack.pages_with("Tracking table: one row per person")
    text = any_pack.pages[page - 1]
    for column in hub.sheet.columns:
        assert column.header in text
    assert hub.sheet.samples[0].employee in text


@pytest.mark.parametrize("fixture", ["pack_a4", "pack_letter"])
def test_all_text_lies_inside_both_papers(request: pytest.FixtureRequest, fixture: str) -> None:
    """One layout for A4 and Letter: every word, running heads and page numbers too, is a printer's
    safe distance inside A4 and inside Letter, either centred on the page, turned as the page is."""
    pdf: Pdf = request.getfixturevalue(fixture)
    pages = word_pages(pdf.data)
    assert len(pages) == len(pdf.pages)
    safe = PRINTER_SAFE_MM * MM
    for number, page in enumerate(pages, 1):
        assert page.words, number
        for name, (width, height) in SIZES.items():
            if page.width > page.height:
                width, height = height, width
            left, top = (page.width - width) / 2 + safe, (page.height - height) / 2 + safe
            right, bottom = (page.width + width) / 2 - safe, (page.height + height) / 2 - safe
            outside = [w.text for w in page.words if w.x0 < left or w.y0 < top or w.x1 > right or w.y1 > bottom]
            assert not outside, f"page {number}: {outside[:6]} closer than {PRINTER_SAFE_MM} mm to {name}'s edge"


def test_bookmarks_and_contents_links_go_to_their_chapters(any_pack: Pdf, hub: Hub) -> None:
    """Every chapter's bookmark and contents link points at its page, where the chapter's first line
    starts (within a few millimetres): on Letter too, where the pages were moved onto the paper."""
    reader, pages = any_pack.reader, word_pages(any_pack.data)
    chapters = pack.chapters(hub)
    named = reader.named_destinations
    targets = [*reader.outline, *(named[c.id] for c in chapters)]
    assert len(targets) == 2 * len(chapters)
    for target in targets:
        page = pages[reader.get_destination_page_number(target)]
        x, y = float(target.left), page.height - float(target.top)
        assert any(abs(w.x0 - x) < 1 * MM and 0 <= w.y0 - y < 4 * MM for w in page.words), target.title


# --- the day cards ---------------------------------------------------------------------------


def test_five_day_cards_one_page_each(cards: Pdf, hub: Hub) -> None:
    assert len(hub.days) == 5
    assert len(cards.pages) == 5
    assert outline_titles(cards.reader) == [f"Day {d.number}: {d.title}" for d in hub.days]
    for day, text in zip(hub.days, cards.pages, strict=True):
        assert page_size(cards.reader, day.number - 1) == pytest.approx(SIZES["A4"], abs=0.5)
        assert f"Day {day.number}: {day.title}" in text
        assert fold(day.question) in text and fold(day.opener) in text
        for step in day.agenda:
            assert step.step in text
        for prompt in hub.prompts_for_day(day):
            assert fold(prompt.text) in text, prompt.id
        for item in day.log:
            assert fold(item.what) in text
        assert fold(day.wellbeing) in text



def test_day_cards_one_page_per_day_in_every_language(site: Path, hub: Hub) -> None:
    """A translation keeps each day on its own page: Portuguese, a fifth longer, once ran to eight."""
    translated = sorted(site.glob("*/downloads/day-cards-a4.pdf"))
    assert translated, "the shipped hub has a translation"
    for path in translated:
        deck = read_pdf(path.read_bytes())
        assert len(deck.pages) == len(hub.days), path
        assert len(outline_titles(deck.reader)) == len(hub.days), path


# --- every PDF -------------------------------------------------------------------------------


def test_metadata_names_title_author_language_and_dates(any_pdf: Pdf, hub: Hub) -> None:
    info = any_pdf.reader.metadata
    assert info is not None
    assert info.title in {f"Manager pack: {hub.campaign.hub_title}", f"Day cards: {hub.campaign.hub_title}"}
    assert info.author == hub.campaign.organisation
    assert info.creation_date is not None and info.modification_date is not None
    root = any_pdf.reader.trailer["/Root"]
    assert root["/Lang"] == pack.LANGUAGE


def test_tagged_for_screen_readers(any_pdf: Pdf) -> None:
    root = any_pdf.reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp


def test_links_are_web_mail_or_inside_the_document(any_pdf: Pdf) -> None:
    uris = []
    for page in any_pdf.reader.pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris, "the PDF links to the hub online"
    assert {urlsplit(u).scheme for u in uris} <= SAFE_SCHEMES


def _fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    for page in reader.pages:
        fonts: Any = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            yield ref.get_object() if isinstance(ref, IndirectObject) else ref


def test_fonts_are_embedded_and_the_one_asked_for(any_pdf: Pdf) -> None:
    names = set()
    for font in _fonts(any_pdf.reader):
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
        names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert names and all(n.startswith(pack.FONT_FAMILY.replace(" ", "-")) for n in names), names


# --- rendering from a model, without the site ------------------------------------------------


def tiny_hub(root: Path) -> Hub:
    return load_hub(root).hub


def test_same_content_and_source_date_give_identical_bytes(tiny: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    first = pack.day_cards_pdf(tiny_hub(tiny))
    assert pack.day_cards_pdf(tiny_hub(tiny)) == first
    info = PdfReader(io.BytesIO(first)).metadata
    assert info is not None and info.creation_date is not None
    assert info.creation_date.timestamp() == 2000000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000001")
    assert pack.day_cards_pdf(tiny_hub(tiny)) != first


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_yaml_text_is_printed_as_text_never_as_markup(tiny: Path) -> None:
    edit(tiny, "content/campaign.yaml", "organisation: Tiny Org", 'organisation: "<b>Tiny & Co</b>"')
    edit(tiny, "content/days/day-1.yaml", "title: Day 1 title", 'title: "<script>x()</script> Day one"')
    edit(tiny, "content/days/day-1.yaml", "purpose: The purpose of day 1.",
         "purpose: 'See [this](javascript:alert(1)) and <img src=x onerror=y>'")
    hub = tiny_hub(tiny)
    html = pack.pack_html(hub, PackSize.A4)
    assert "<script>" not in html and "javascript:" not in html and "onerror" not in html
    pdf = read_pdf(pack.manager_pack_pdf(hub, PackSize.A4))
    assert "<script>x()</script> Day one" in pdf.text
    assert pdf.reader.metadata is not None and pdf.reader.metadata.author == "<b>Tiny & Co</b>"


def test_campaign_sets_page_size_default_and_colours(tiny: Path) -> None:
    edit(tiny, "content/campaign.yaml", "languages:",
         "pack:\n  page_size: Letter\n  primary_colour: '#123456'\n  accent_colour: '#abcdef'\nlanguages:")
    hub = tiny_hub(tiny)
    css = pack.stylesheet("pack.css.j2", hub, PackSize.LETTER)
    assert "size: letter;" in css and "#123456" in css and "#abcdef" in css
    pages = {p.path: p.content for p in render_site(hub)}
    for path in (PLAYBOOK, *[day_path(d) for d in hub.days]):
        buttons = re.findall(r'<a class="([^"]*)" href="([^"]+\.pdf)">([^<]+)</a>', pages[path])
        assert [label for _, _, label in buttons] == [
            "Manager pack (Letter, PDF)", "Manager pack (A4, PDF)", "Day cards (A4, PDF)"], path
        assert "md-button--primary" in buttons[0][0] and "md-button--primary" not in buttons[1][0]
        assert buttons[0][1].endswith("downloads/manager-pack-letter.pdf")


def test_default_a4_comes_first(tiny: Path) -> None:
    pages = {p.path: p.content for p in render_site(tiny_hub(tiny))}
    for path, up in ((PLAYBOOK, "../"), (day_path(tiny_hub(tiny).days[0]), "../../")):
        first = re.search(r'<a class="[^"]*" href="([^"]+\.pdf)">([^<]+)</a>', pages[path])
        assert first is not None and first.group(2) == "Manager pack (A4, PDF)"
        assert first.group(1) == up + "downloads/manager-pack-a4.pdf"


def test_the_pack_carries_every_prompt_in_the_library(pack_a4: Pdf, pack_letter: Pdf, hub: Hub) -> None:
    used = {prompt_id for day in hub.days for prompt_id in day.prompts}
    spare = [p for p in hub.prompts if p.id not in used]
    assert spare, "the shipped library has prompts no day uses"
    for pdf in (pack_a4, pack_letter):
        (start,) = pdf.pages_with("More prompts by theme Questions no day lists")
        for prompt in hub.prompts:
            assert pdf.pages_with(fold(prompt.text)), prompt.id
        for prompt in spare:
            assert min(pdf.pages_with(fold(prompt.text))) >= start, prompt.id
