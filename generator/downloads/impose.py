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

from ..content.model import PackSize

#: PDF points in a millimetre, and CSS pixels (the unit of WeasyPrint's figure boxes) in a point.
POINTS_PER_MM = 72 / 25.4
PIXELS_PER_POINT = 96 / 72

#: The papers a layout is made for and moved between, (width, height) in millimetres.
PAPER_MM = {PackSize.A4: (210.0, 297.0), PackSize.LETTER: (215.9, 279.4)}

#: The page boxes a page may carry; each becomes the new paper.
PAGE_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def impose(pdf: bytes, paper_mm: tuple[float, float]) -> bytes:
    """`pdf` with every page centred on paper of `paper_mm` (width, height) instead of its own, turned
    as the page is: a landscape page goes on the paper turned landscape."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, DecodedStreamObject, DictionaryObject, NameObject

    # An incremental update: the source's objects stay as they are (its object streams compressed),
    # and only what changes (pages, links, destinations, figure boxes) is written again after them.
    writer = PdfWriter(PdfReader(io.BytesIO(pdf)), incremental=True)
    offsets: dict[int, tuple[float, float]] = {}
    for page in writer.pages:
        box = page.mediabox
        width, height = _turned(paper_mm, float(box.width) > float(box.height))
        dx, dy = (width - float(box.width)) / 2, (height - float(box.height)) / 2
        offsets[page.indirect_reference.idnum] = (dx, dy)
        paper = _numbers((0, 0, width, height))
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
    root = writer._root_object
    for destination in _destinations(root, writer.pages):
        _shift_destination(destination, offsets)
    # An element without a page of its own (/Pg, its or an ancestor's) moves only if all pages moved alike.
    alike = set(offsets.values())
    _shift_figures(root.get("/StructTreeRoot"), offsets, alike.pop() if len(alike) == 1 else None, set())
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


def shared_trim(paper: PackSize, other: PackSize) -> tuple[float, float]:
    """How far `paper` (portrait) reaches past `other` centred on it, at each side and at top and bottom,
    in millimetres: the margin a layout on `paper` adds so that all it prints lies on both papers."""
    (width, height), (other_width, other_height) = PAPER_MM[paper], PAPER_MM[other]
    return round(max(0.0, (width - other_width) / 2), 2), round(max(0.0, (height - other_height) / 2), 2)


def _turned(paper_mm: tuple[float, float], landscape: bool) -> tuple[float, float]:
    """The paper's (width, height) in points, its long side across for a landscape page."""
    short, long = sorted(v * POINTS_PER_MM for v in paper_mm)
    return (long, short) if landscape else (short, long)


def _numbers(values: Any) -> Any:
    from pypdf.generic import ArrayObject, FloatObject

    return ArrayObject(FloatObject(round(float(v), 6)) for v in values)


def _destinations(root: Any, pages: Any) -> list[Any]:
    """Every explicit destination ([page /XYZ left top zoom] and the like) of the document: the named
    ones, the bookmarks', and the links' and actions' own."""
    found: dict[int, Any] = {}  # by identity: an array reached twice is still moved once

    def take(value: Any) -> None:
        value = value.get_object() if hasattr(value, "get_object") else value
        if isinstance(value, list):
            found[id(value)] = value
        elif hasattr(value, "get") and "/D" in value:  # a destination dictionary, or a GoTo action
            take(value["/D"])

    def name_tree(node: Any) -> None:
        node = node.get_object()
        names = node.get("/Names", [])
        for value in list(names)[1::2]:
            take(value)
        for kid in node.get("/Kids", []):
            name_tree(kid)

    names = root.get("/Names")
    if names is not None and "/Dests" in names.get_object():
        name_tree(names.get_object()["/Dests"])
    for value in (root["/Dests"].get_object().values() if "/Dests" in root else []):
        take(value)
    outline = root["/Outlines"].get_object().get("/First") if "/Outlines" in root else None
    stack = [outline] if outline is not None else []
    while stack:
        item = stack.pop().get_object()
        for key in ("/Dest", "/A"):
            if key in item:
                take(item[key])
        stack += [item[key] for key in ("/First", "/Next") if key in item]
    for page in pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            for key in ("/Dest", "/A"):
                if key in annotation:
                    take(annotation[key])
    return list(found.values())


#: Where the coordinates of each kind of destination are: the indices of its x and its y values.
DESTINATION_XS = {"/XYZ": (2,), "/FitV": (2,), "/FitBV": (2,), "/FitR": (2, 4)}
DESTINATION_YS = {"/XYZ": (3,), "/FitH": (2,), "/FitBH": (2,), "/FitR": (3, 5)}


def _shift_destination(destination: Any, offsets: dict[int, tuple[float, float]]) -> None:
    """Move an explicit destination's position by its page's offset (a null coordinate stays null)."""
    from pypdf.generic import FloatObject, NullObject

    if len(destination) < 2 or getattr(destination[0], "idnum", None) not in offsets:
        return
    dx, dy = offsets[destination[0].idnum]
    kind = str(destination[1])
    for indices, delta in ((DESTINATION_XS.get(kind, ()), dx), (DESTINATION_YS.get(kind, ()), dy)):
        for i in indices:
            if i < len(destination) and not isinstance(destination[i].get_object(), NullObject):
                destination[i] = FloatObject(round(float(destination[i]) + delta, 6))


def _shift(dictionary: Any, key: str, dx: float, dy: float) -> None:
    """Move the (x, y) pairs of `dictionary[key]` by (dx, dy), if it has that key."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    values = dictionary.get(key)
    if values is None:
        return
    dictionary[NameObject(key)] = ArrayObject(
        FloatObject(round(float(v) + (dx if i % 2 == 0 else dy), 6)) for i, v in enumerate(values))


def _shift_figures(node: Any, offsets: dict[int, tuple[float, float]], offset: tuple[float, float] | None,
                   seen: set[int]) -> None:
    """Move every layout box (/A << /O /Layout /BBox ... >>) of the structure tree below `node` by the
    offset of its page (the element's /Pg, or the nearest of its ancestors'; else `offset`).

    WeasyPrint gives a figure's box in CSS pixels from the top of the page; centring moves the top
    edge of the content by dy too (half the difference of the heights), so the box moves by the
    page's offset, in pixels."""
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
            _shift_figures(child, offsets, offset, seen)
        return
    if not hasattr(node, "get") or node.get("/Type") in ("/MCR", "/OBJR"):
        return
    if "/Pg" in node:
        offset = offsets.get(getattr(node.raw_get("/Pg"), "idnum", -1))
    for attributes in _as_list(node.get("/A")):
        attributes = attributes.get_object()
        if offset and hasattr(attributes, "get") and attributes.get("/O") == "/Layout":
            _shift(attributes, "/BBox", offset[0] * PIXELS_PER_POINT, offset[1] * PIXELS_PER_POINT)
    for child in _as_list(node.get("/K")):
        _shift_figures(child, offsets, offset, seen)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    resolved = value.get_object() if hasattr(value, "get_object") else value
    return list(resolved) if isinstance(resolved, list) else [value]
