"""A laid-out PDF placed, page by page, centred on paper of another size: one layout, two papers.

The prompt deck's grid of cards fits A4 and US Letter alike, so its Letter file is the A4 file's pages
moved onto Letter sheets rather than a second layout. Every page gets the new paper as its boxes and
a translation in front of its content; what is positioned outside the content stream moves by the
same offset (the links' areas, the figures' layout boxes in the structure tree). Everything else is
kept as it was: the structure tree, the metadata, the language, so the file stays a tagged PDF/UA-1
document, and its identifier is derived from the source's, so the same deck gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

#: PDF points in a millimetre, and CSS pixels (the unit of WeasyPrint's figure boxes) in a point.
POINTS_PER_MM = 72 / 25.4
PIXELS_PER_POINT = 96 / 72

#: The page boxes a page may carry; each becomes the new paper.
PAGE_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def impose(pdf: bytes, paper_mm: tuple[float, float]) -> bytes:
    """`pdf` with every page centred on paper of `paper_mm` (width, height) instead of its own."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
    )

    # An incremental update: the source's objects stay as they are (its object streams compressed),
    # and only what changes (pages, links, figure boxes) is written again after them.
    writer = PdfWriter(PdfReader(io.BytesIO(pdf)), incremental=True)
    width, height = (v * POINTS_PER_MM for v in paper_mm)
    offsets: set[tuple[float, float]] = set()
    for page in writer.pages:
        box = page.mediabox
        dx, dy = (width - float(box.width)) / 2, (height - float(box.height)) / 2
        offsets.add((dx, dy))
        paper = ArrayObject(FloatObject(round(v, 6)) for v in (0, 0, width, height))
        for name in PAGE_BOXES:
            if name in page or name == "/MediaBox":
                page[NameObject(name)] = paper
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(f"q 1 0 0 1 {dx:.6f} {dy:.6f} cm\n".encode())
        after.set_data(b"\nQ\n")
        contents = page["/Contents"]
        original = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(before), *original, writer._add_object(after)])
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            _shift(annotation, "/Rect", dx, dy)
            _shift(annotation, "/QuadPoints", dx, dy)
    if len(offsets) == 1:
        dx, dy = offsets.pop()
        # WeasyPrint gives a figure's box in CSS pixels from the top of the page; centring moves
        # the top edge of the content by dy too (half the difference of the heights).
        _shift_figures(writer._root_object.get("/StructTreeRoot"), dx * PIXELS_PER_POINT,
                       dy * PIXELS_PER_POINT, set())
    if writer._info_obj is not None:
        # An update's trailer must name the document information again, changed or not (pypdf
        # names it only when it changed): a copy of it, as a new object, is named.
        writer._info_obj = writer._add_object(DictionaryObject(writer._info_obj.get_object()))
    first = bytes(writer._ID[0]) if writer._ID else hashlib.sha256(pdf).digest()
    size = f"{paper_mm[0]}x{paper_mm[1]}".encode()
    identifier = ByteStringObject(hashlib.sha256(first + size).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _shift(dictionary: Any, key: str, dx: float, dy: float) -> None:
    """Move the (x, y) pairs of `dictionary[key]` by (dx, dy), if it has that key."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    values = dictionary.get(key)
    if values is None:
        return
    dictionary[NameObject(key)] = ArrayObject(
        FloatObject(round(float(v) + (dx if i % 2 == 0 else dy), 6)) for i, v in enumerate(values))


def _shift_figures(node: Any, dx: float, dy: float, seen: set[int]) -> None:
    """Move every layout box (/A << /O /Layout /BBox ... >>) of the structure tree below `node`."""
    if node is None:
        return
    reference = getattr(node, "idnum", None)
    if reference is not None:
        if reference in seen:
            return
        seen.add(reference)
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _shift_figures(child, dx, dy, seen)
        return
    if not hasattr(node, "get") or node.get("/Type") in ("/MCR", "/OBJR"):
        return
    for attributes in _as_list(node.get("/A")):
        attributes = attributes.get_object()
        if hasattr(attributes, "get") and attributes.get("/O") == "/Layout":
            _shift(attributes, "/BBox", dx, dy)
    for child in _as_list(node.get("/K")):
        _shift_figures(child, dx, dy, seen)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    resolved = value.get_object() if hasattr(value, "get_object") else value
    return list(resolved) if isinstance(resolved, list) else [value]
