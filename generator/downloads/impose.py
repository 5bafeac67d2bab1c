"""A laid-out PDF placed, page by page, centred on paper of another size: one layout, two papers.

The prompt deck's grid of cards fits A4 and US Letter alike, and the manager pack is laid out on the
area the two papers share (A4's width, Letter's height; see `shared_trim`), so each Letter file is
the A4 file's pages moved onto Letter sheets rather than a second layout. No page is scaled: text
keeps its size. Every page gets the new paper, turned as the page is (a landscape page goes on
landscape paper), as its boxes and a translation in front of its content; what is positioned outside
the content stream moves by its own page's offset (the links' areas, the destinations of bookmarks
and links, the figures' layout boxes in the structure tree). Everything else is kept as it was: the
structure tree, the metadata, the language, so the file stays a tagged PDF/UA-1 document, and its
identifier is derived from the source's, so the same layout gives the same bytes.

The change is written as an incremental update after the source's bytes: only the objects that
change are written again, which takes a fraction of the time of reading and writing the whole file.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from typing import Any

from ..content.model import Hub, PackSize

#: PDF points in a millimetre, and CSS pixels (the unit of WeasyPrint's figure boxes) in a point.
POINTS_PER_MM = 72 / 25.4
PIXELS_PER_POINT = 96 / 72

#: The papers a layout is made for and moved between, (width, height) in millimetres.
PAPER_MM = {PackSize.A4: (210.0, 297.0), PackSize.LETTER: (215.9, 279.4)}


def on_paper(size: PackSize, a4: bytes) -> bytes:
    """A file laid out on A4, on paper of `size`: the same bytes on A4, its pages centred on any other."""
    return a4 if size is PackSize.A4 else impose(a4, PAPER_MM[size])


def letter_from_a4(hub: Hub, a4: bytes) -> bytes:
    """A download's Letter file made from its A4 file's bytes (`Download.derive`)."""
    return on_paper(PackSize.LETTER, a4)


#: The page boxes a page may carry; each becomes the new paper.
PAGE_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")

#: Where the coordinates of each kind of destination are: the indices of its x and its y values.
DESTINATION_XS = {"/XYZ": (2,), "/FitV": (2,), "/FitBV": (2,), "/FitR": (2, 4)}
DESTINATION_YS = {"/XYZ": (3,), "/FitH": (2,), "/FitBH": (2,), "/FitR": (3, 5)}

Offsets = dict[int, tuple[float, float]]


def shared_trim(paper: PackSize, other: PackSize) -> tuple[float, float]:
    """How far `paper` (portrait) reaches past `other` centred on it, at each side and at top and bottom,
    in millimetres: the margin a layout on `paper` adds so that all it prints lies on both papers."""
    (width, height), (other_width, other_height) = PAPER_MM[paper], PAPER_MM[other]
    return round(max(0.0, (width - other_width) / 2), 2), round(max(0.0, (height - other_height) / 2), 2)


def impose(pdf: bytes, paper_mm: tuple[float, float]) -> bytes:
    """`pdf` with every page centred on paper of `paper_mm` (width, height) instead of its own, turned
    as the page is: a landscape page goes on the paper turned landscape."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    update = _Update(int(reader.trailer["/Size"]))
    offsets: Offsets = {}
    shifts: dict[tuple[float, float], Any] = {}  # one "move the content" stream for each offset
    restore = update.add(_stream(DecodedStreamObject, b"\nQ\n"))
    for page in reader.pages:
        box = page.mediabox
        width, height = _turned(paper_mm, float(box.width) > float(box.height))
        dx, dy = (width - float(box.width)) / 2, (height - float(box.height)) / 2
        reference = page.indirect_reference
        offsets[reference.idnum] = (dx, dy)
        update.changed(reference, page)  # pypdf's page is a copy of the object read: this one is written
        paper = _numbers((0, 0, width, height))
        for name in PAGE_BOXES:
            if name in page or name == "/MediaBox":
                page[NameObject(name)] = paper
        if (dx, dy) not in shifts:
            shifts[dx, dy] = update.add(_stream(DecodedStreamObject, f"q 1 0 0 1 {dx:.6f} {dy:.6f} cm\n".encode()))
        contents = page["/Contents"]
        original = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
        page[NameObject("/Contents")] = ArrayObject([shifts[dx, dy], *original, restore])
        annotations, owner = _resolve(_raw(page, "/Annots"), reference)
        for value in annotations or []:
            annotation, annotation_owner = _resolve(value, owner)
            update.changed(annotation_owner)
            _shift(annotation, "/Rect", dx, dy)
            _shift(annotation, "/QuadPoints", dx, dy)
    root_reference = reader.trailer.raw_get("/Root")
    for destination, owner in _destinations(root_reference, reader.pages):
        if _shift_destination(destination, offsets):
            update.changed(owner)
    # An element without a page of its own (/Pg, its or an ancestor's) moves only if all pages moved alike.
    alike = set(offsets.values())
    root = root_reference.get_object()
    if "/StructTreeRoot" in root:
        _shift_figures(root.raw_get("/StructTreeRoot"), root_reference, offsets,
                       alike.pop() if len(alike) == 1 else None, update, set())
    first = _id_bytes(reader.trailer["/ID"][0]) if "/ID" in reader.trailer else hashlib.sha256(pdf).digest()
    identifier = hashlib.sha256(first + f"{paper_mm[0]}x{paper_mm[1]}".encode()).digest()[:16]
    return update.write(pdf, reader.trailer, identifier)


class _Update:
    """The objects an incremental update writes again (changed ones, by their numbers) or adds."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.objects: dict[tuple[int, int], Any] = {}

    def add(self, obj: Any) -> Any:
        """A new object's reference."""
        from pypdf.generic import IndirectObject

        reference = IndirectObject(self.size, 0, None)
        self.size += 1
        self.objects[reference.idnum, 0] = obj
        return reference

    def changed(self, owner: Any, obj: Any = None) -> None:
        """Write the indirect object `owner` again (as `obj` if given, the first time it is named)."""
        if owner is not None:
            self.objects.setdefault((owner.idnum, owner.generation), owner.get_object() if obj is None else obj)

    def write(self, pdf: bytes, trailer: Any, identifier: bytes) -> bytes:
        """`pdf` followed by the objects and a cross-reference stream that points back to the source's."""
        from pypdf.generic import ArrayObject, ByteStringObject, NameObject, NumberObject, StreamObject

        out = io.BytesIO()
        out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
        entries: dict[int, tuple[int, int]] = {}
        for (number, generation), obj in sorted(self.objects.items()):
            entries[number] = (out.tell(), generation)
            out.write(f"{number} {generation} obj\n".encode())
            obj.write_to_stream(out)
            out.write(b"\nendobj\n")
        xref_number = self.size
        xref_offset = out.tell()
        entries[xref_number] = (xref_offset, 0)
        width = max(4, (xref_offset.bit_length() + 7) // 8)
        rows = b"".join(b"\x01" + offset.to_bytes(width, "big") + generation.to_bytes(2, "big")
                        for _, (offset, generation) in sorted(entries.items()))
        stream = StreamObject()
        stream.set_data(zlib.compress(rows, 9))
        identifiers = ByteStringObject(identifier)
        stream.update({
            NameObject("/Type"): NameObject("/XRef"),
            NameObject("/Size"): NumberObject(xref_number + 1),
            NameObject("/Index"): ArrayObject(NumberObject(n) for n in _runs(sorted(entries))),
            NameObject("/W"): ArrayObject(NumberObject(n) for n in (1, width, 2)),
            NameObject("/Filter"): NameObject("/FlateDecode"),
            NameObject("/Prev"): NumberObject(_last_xref(pdf)),
            NameObject("/Root"): trailer.raw_get("/Root"),
            NameObject("/ID"): ArrayObject([identifiers, identifiers]),
        })
        if "/Info" in trailer:
            stream[NameObject("/Info")] = trailer.raw_get("/Info")
        out.write(f"{xref_number} 0 obj\n".encode())
        stream.write_to_stream(out)
        out.write(f"\nendobj\nstartxref\n{xref_offset}\n%%EOF\n".encode())
        return out.getvalue()


def _runs(numbers: list[int]) -> list[int]:
    """Sorted object numbers as the (first, count) pairs of a cross-reference stream's /Index."""
    runs: list[int] = []
    for number in numbers:
        if runs and runs[-2] + runs[-1] == number:
            runs[-1] += 1
        else:
            runs += [number, 1]
    return runs


def _last_xref(pdf: bytes) -> int:
    """Where the source's last cross-reference section starts (its last startxref)."""
    found = re.findall(rb"startxref\s+(\d+)", pdf[-1024:])
    assert found, "a PDF ends with startxref"
    return int(found[-1])


def _id_bytes(value: Any) -> bytes:
    """A string of the file identifier as the bytes it was written as (a text string's too)."""
    original = getattr(value, "original_bytes", None)
    return bytes(original) if original is not None else bytes(value)


def _stream(kind: Any, data: bytes) -> Any:
    stream = kind()
    stream.set_data(data)
    return stream


def _raw(dictionary: Any, key: str) -> Any:
    """`dictionary[key]` as it is written (a reference is not followed), or None."""
    return dictionary.raw_get(key) if key in dictionary else None


def _resolve(value: Any, owner: Any) -> tuple[Any, Any]:
    """The object `value` is or points to, and the indirect object that holds it (itself if indirect)."""
    from pypdf.generic import IndirectObject

    return (value.get_object(), value) if isinstance(value, IndirectObject) else (value, owner)


def _turned(paper_mm: tuple[float, float], landscape: bool) -> tuple[float, float]:
    """The paper's (width, height) in points, its long side across for a landscape page."""
    short, long = sorted(v * POINTS_PER_MM for v in paper_mm)
    return (long, short) if landscape else (short, long)


def _numbers(values: Any) -> Any:
    from pypdf.generic import ArrayObject, FloatObject

    return ArrayObject(FloatObject(round(float(v), 6)) for v in values)


def _destinations(root: Any, pages: Any) -> list[tuple[Any, Any]]:
    """Every explicit destination ([page /XYZ left top zoom] and the like) of the document, with the
    indirect object that holds it: the named ones, the bookmarks', and the links' and actions' own."""
    found: dict[int, tuple[Any, Any]] = {}  # by identity: an array reached twice is still moved once

    def take(value: Any, owner: Any) -> None:
        value, owner = _resolve(value, owner)
        if isinstance(value, list):
            found[id(value)] = (value, owner)
        elif hasattr(value, "get") and "/D" in value:  # a destination dictionary, or a GoTo action
            take(value.raw_get("/D"), owner)

    def name_tree(value: Any, owner: Any) -> None:
        node, owner = _resolve(value, owner)
        names, names_owner = _resolve(_raw(node, "/Names"), owner)
        for named in list(names or [])[1::2]:
            take(named, names_owner)
        kids, kids_owner = _resolve(_raw(node, "/Kids"), owner)
        for kid in kids or []:
            name_tree(kid, kids_owner)

    catalog = root.get_object()
    if "/Names" in catalog:
        names, owner = _resolve(catalog.raw_get("/Names"), root)
        if "/Dests" in names:
            name_tree(names.raw_get("/Dests"), owner)
    if "/Dests" in catalog:
        dests, owner = _resolve(catalog.raw_get("/Dests"), root)
        for key in dests:
            take(dests.raw_get(key), owner)
    if "/Outlines" in catalog and "/First" in catalog["/Outlines"]:
        stack = [catalog["/Outlines"].raw_get("/First")]
        while stack:
            item, owner = _resolve(stack.pop(), None)
            for key in ("/Dest", "/A"):
                if key in item:
                    take(item.raw_get(key), owner)
            stack += [item.raw_get(key) for key in ("/First", "/Next") if key in item]
    for page in pages:
        annotations, owner = _resolve(_raw(page, "/Annots"), page.indirect_reference)
        for value in annotations or []:
            annotation, annotation_owner = _resolve(value, owner)
            for key in ("/Dest", "/A"):
                if key in annotation:
                    take(annotation.raw_get(key), annotation_owner)
    return list(found.values())


def _shift_destination(destination: Any, offsets: Offsets) -> bool:
    """Move an explicit destination's position by its page's offset (a null coordinate stays null);
    False if it names no page of the document."""
    from pypdf.generic import FloatObject, NullObject

    if len(destination) < 2 or getattr(destination[0], "idnum", None) not in offsets:
        return False
    dx, dy = offsets[destination[0].idnum]
    kind = str(destination[1])
    for indices, delta in ((DESTINATION_XS.get(kind, ()), dx), (DESTINATION_YS.get(kind, ()), dy)):
        for i in indices:
            if i < len(destination) and not isinstance(destination[i].get_object(), NullObject):
                destination[i] = FloatObject(round(float(destination[i]) + delta, 6))
    return True


def _shift(dictionary: Any, key: str, dx: float, dy: float) -> None:
    """Move the (x, y) pairs of `dictionary[key]` by (dx, dy), if it has that key."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    values = dictionary.get(key)
    if values is None:
        return
    dictionary[NameObject(key)] = ArrayObject(
        FloatObject(round(float(v) + (dx if i % 2 == 0 else dy), 6)) for i, v in enumerate(values))


def _shift_figures(value: Any, owner: Any, offsets: Offsets, offset: tuple[float, float] | None,
                   update: _Update, seen: set[int]) -> None:
    """Move every layout box (/A << /O /Layout /BBox ... >>) of the structure tree below `value` by the
    offset of its page (the element's /Pg, or the nearest of its ancestors'; else `offset`).

    WeasyPrint gives a figure's box in CSS pixels from the top of the page; centring moves the top
    edge of the content by dy too (half the difference of the heights), so the box moves by the
    page's offset, in pixels."""
    reference = getattr(value, "idnum", None)
    if reference is not None:
        if reference in seen:
            return
        seen.add(reference)
    node, owner = _resolve(value, owner)
    if isinstance(node, list):
        for child in node:
            _shift_figures(child, owner, offsets, offset, update, seen)
        return
    if not hasattr(node, "get") or node.get("/Type") in ("/MCR", "/OBJR"):
        return
    if "/Pg" in node:
        offset = offsets.get(getattr(node.raw_get("/Pg"), "idnum", -1))
    attributes, attributes_owner = _resolve(_raw(node, "/A"), owner)
    for item in attributes if isinstance(attributes, list) else [attributes] if attributes else []:
        item, item_owner = _resolve(item, attributes_owner)
        if offset and hasattr(item, "get") and item.get("/O") == "/Layout" and "/BBox" in item:
            _shift(item, "/BBox", offset[0] * PIXELS_PER_POINT, offset[1] * PIXELS_PER_POINT)
            update.changed(item_owner)
    if "/K" in node:
        _shift_figures(node.raw_get("/K"), owner, offsets, offset, update, seen)
