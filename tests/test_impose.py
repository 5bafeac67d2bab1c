"""One layout, two papers: a tagged PDF's pages centred on other paper, each page turned as it is.

A small document with a portrait and a landscape page (each with a figure), a link across them and
a bookmark is laid out on A4 and moved onto US Letter; read back, every page is on Letter of its own
orientation, and what lies outside the page's content (figure boxes, link areas, destinations) moved
with that page's own content.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from pypdf import PdfReader

from generator.content.model import PackSize
from generator.downloads.impose import PAPER_MM, PIXELS_PER_POINT, POINTS_PER_MM, impose
from generator.downloads.pack import render_pdf

LETTER = tuple(v * POINTS_PER_MM for v in PAPER_MM[PackSize.LETTER])


def square() -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), "#c03").save(out, "PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@pytest.fixture(scope="module")
def a4() -> bytes:
    image = square()
    html = f"""<html lang="en-GB"><head><title>Two pages</title></head><body>
<p><a href="#wide">To the wide page</a> and <a href="https://example.org/">away</a>.</p>
<p><img src="{image}" alt="A red square" style="width: 20mm"></p>
<section id="wide" style="page: wide; break-before: page"><h1 style="bookmark-level: 1">Wide</h1>
<img src="{image}" alt="A bigger red square" style="width: 30mm"></section>
</body></html>"""
    return render_pdf(html, "@page { size: A4; margin: 20mm } @page wide { size: A4 landscape }")


def figures(reader: PdfReader) -> list[tuple[int, list[float]]]:
    """Each figure's page (its index) and layout box, in the order of the structure tree."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get") and node.get("/Type") not in ("/MCR", "/OBJR"):
            if node.get("/S") == "/Figure":
                found.append((pages[node.raw_get("/Pg").idnum], [float(v) for v in node["/A"]["/BBox"]]))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def offset(source: PdfReader, moved: PdfReader, index: int) -> tuple[float, float]:
    """How far page `index` moved: half of what its paper grew by, across and up."""
    before, after = source.pages[index].mediabox, moved.pages[index].mediabox
    return (float(after.width) - float(before.width)) / 2, (float(after.height) - float(before.height)) / 2


def test_each_page_goes_on_letter_turned_as_it_is(a4: bytes) -> None:
    letter = PdfReader(io.BytesIO(impose(a4, PAPER_MM[PackSize.LETTER])))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in letter.pages]
    assert sizes == [pytest.approx(LETTER), pytest.approx(LETTER[::-1])]


def test_figures_links_and_destinations_move_with_their_own_page(a4: bytes) -> None:
    source = PdfReader(io.BytesIO(a4))
    letter = PdfReader(io.BytesIO(impose(a4, PAPER_MM[PackSize.LETTER])))
    moves = [offset(source, letter, i) for i in range(2)]
    assert moves[0] != moves[1], "a portrait and a landscape page move by different offsets"
    before, after = figures(source), figures(letter)
    assert [page for page, _ in before] == [page for page, _ in after] == [0, 1]
    for (page, old), (_, new) in zip(before, after, strict=True):
        dx, dy = (v * PIXELS_PER_POINT for v in moves[page])
        assert new == pytest.approx([old[0] + dx, old[1] + dy, old[2] + dx, old[3] + dy])
    for index, (dx, dy) in enumerate(moves):
        for old, new in zip(source.pages[index].get("/Annots", []), letter.pages[index].get("/Annots", []),
                            strict=True):
            x0, y0, x1, y1 = (float(v) for v in old.get_object()["/Rect"])
            assert [float(v) for v in new.get_object()["/Rect"]] == pytest.approx([x0 + dx, y0 + dy, x1 + dx, y1 + dy])
    (wide_before,), (wide_after,) = source.named_destinations.values(), letter.named_destinations.values()
    dx, dy = moves[1]
    assert letter.get_destination_page_number(wide_after) == 1
    assert (float(wide_after.left), float(wide_after.top)) == pytest.approx(
        (float(wide_before.left) + dx, float(wide_before.top) + dy))
    (bookmark,) = letter.outline
    assert (float(bookmark.left), float(bookmark.top)) == pytest.approx((float(wide_after.left), float(wide_after.top)))


def test_the_moved_file_stays_tagged_and_reproducible(a4: bytes) -> None:
    once, again = impose(a4, PAPER_MM[PackSize.LETTER]), impose(a4, PAPER_MM[PackSize.LETTER])
    assert once == again
    source, letter = PdfReader(io.BytesIO(a4)), PdfReader(io.BytesIO(once))
    root = letter.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode()
    assert letter.metadata is not None and letter.metadata.title == "Two pages"
    assert letter.trailer["/ID"][0] == letter.trailer["/ID"][1]
    assert [p.extract_text() for p in letter.pages] == [p.extract_text() for p in source.pages]
