"""Card decks for the table: a card per prompt and per activation, cut from sheets, with a code back to the hub.

The prompt deck puts nine 63 × 88 mm cards on a sheet; the activity deck four A6 cards (a quarter of
Letter on Letter). Sheets come in pairs, fronts then backs, and each back sheet is mirrored for
long-edge duplex (its columns reversed), so that every back prints behind its own front. Geometry is
worked out here in millimetres; the templates in `templates/print/` only place what they are given.
Each deck is laid out once, on A4, and its Letter file is the A4 file's pages centred on Letter
(`impose`): the grids sit on both papers' centre lines, so one layout cuts right on either.
Each card's QR code is a one-bit picture (segno's PNG) and opens the card's page on the published hub.
The PDFs are rendered and tagged like the packs (`pack.render_pdf`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..content.model import Activity, Hub, PackSize, Prompt
from ..i18n import words
from ..paths import PROMPTS, activity_path, format_minutes, format_people, site_root, url_of
from .impose import PAPER_MM, on_paper
from .pack import (
    ACTIVITY_COSTS,
    ACTIVITY_FORMATS,
    FONT_FAMILY,
    document_language,
    environment,
    render_pdf,
    stamp,
)

#: How far colour runs past the trim, so a slightly-off cut leaves no white edge.
BLEED_MM = 3.0
#: No text comes closer to the trim than this (the issue's promise is 4 mm; the design keeps 5).
SAFE_MM = 5.0
#: The gap between the edge of the bleed and the start of a crop mark.
MARK_GAP_MM = 1.0
#: The side of a printed QR code, quiet zone included.
QR_MM = {"prompt": 20.0, "activity": 24.0}
#: Pixels a side of each QR module in its picture: enough that a viewer shrinking the page to the
#: screen averages the pixels into a readable code, while printing stays sharp.
QR_PIXELS = 5
#: The data mask every code uses (segno's numbering; a reader learns it from the code's format
#: information). Trying all eight and keeping the lowest penalty is most of what a code costs (about
#: 0.3 s a deck); for the hub's addresses (https://host/path/#id, codes of versions 4 and 5) this one
#: (every third column) scored best for 87 of the 146 shipped codes, and at most 12% above the best.
QR_MASK = 2


@dataclass(frozen=True)
class Geometry:
    """Where the cards of a deck sit on a sheet: a grid of trims, centred, cards touching."""

    paper: tuple[float, float]
    card: tuple[float, float]
    columns: int
    rows: int
    bleed: float
    #: The part of each card its content uses, against the sheet's centre lines (none: all of it).
    face: tuple[float, float] | None = None

    @property
    def face_size(self) -> tuple[float, float]:
        return self.face or self.card

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def origin(self) -> tuple[float, float]:
        """The top-left corner of the grid's trim."""
        return ((self.paper[0] - self.columns * self.card[0]) / 2,
                (self.paper[1] - self.rows * self.card[1]) / 2)

    def trim(self, slot: int, back: bool) -> tuple[float, float]:
        """The top-left of the trim of the card in `slot` (0-based, by rows); backs mirror columns."""
        row, column = divmod(slot, self.columns)
        if back:
            column = self.columns - 1 - column
        x0, y0 = self.origin
        return x0 + column * self.card[0], y0 + row * self.card[1]

    def place(self, slot: int, back: bool) -> tuple[float, float]:
        """The top-left of the face of the card in `slot`: its trim's, moved towards the sheet's middle
        by what the face leaves over, so that a face is where it was on paper centred around it."""
        x, y = self.trim(slot, back)
        row, column = divmod(slot, self.columns)
        if back:
            column = self.columns - 1 - column
        (width, height), (face_w, face_h) = self.card, self.face_size
        return (x + (width - face_w) * _inward(column, self.columns),
                y + (height - face_h) * _inward(row, self.rows))

    def cuts(self) -> tuple[list[float], list[float]]:
        """The x of every vertical cut and the y of every horizontal cut."""
        x0, y0 = self.origin
        return ([round(x0 + i * self.card[0], 3) for i in range(self.columns + 1)],
                [round(y0 + i * self.card[1], 3) for i in range(self.rows + 1)])


def _inward(index: int, count: int) -> float:
    """How much of a card's spare room lies on its outer side: all of it before the middle of the
    grid, none after it, half in the middle."""
    middle = (count - 1) / 2
    return 1.0 if index < middle else 0.0 if index > middle else 0.5


@dataclass(frozen=True)
class Mark:
    """A crop mark: a line from (x1, y1) to (x2, y2) in millimetres on the sheet."""

    x1: float
    y1: float
    x2: float
    y2: float


def crop_marks(geometry: Geometry, others: Sequence[tuple[float, float]] = ()) -> list[Mark]:
    """Lines that extend every cut into the margin, beyond the bleed, so no mark prints on a card.

    `others` are the papers the same sheet is also centred on (`impose`): the margin marks run on to
    the edges of the wider or taller of them.

    Where the grid fills the paper (A6 on A4, a quarter of Letter on Letter) there is no margin:
    the cuts between the cards are marked with short ticks at the sheet's edges, on the cut lines
    themselves, from each paper's edge (its outer cuts), so that either paper shows them.
    """
    width, height = geometry.paper
    xs, ys = geometry.cuts()
    x0, y0 = geometry.origin
    start = geometry.bleed + MARK_GAP_MM
    marks: list[Mark] = []
    if x0 > start and y0 > start:
        over_x, over_y = overhang(geometry.paper, others)
        for x in xs:
            marks.append(Mark(x, -over_y, x, y0 - start))
            marks.append(Mark(x, height - y0 + start, x, height + over_y))
        for y in ys:
            marks.append(Mark(-over_x, y, x0 - start, y))
            marks.append(Mark(width - x0 + start, y, width + over_x, y))
        return marks
    tick = SAFE_MM + 1
    # Where each paper's left and top edges fall on this sheet (negative: past its edge).
    lefts = [(width - w) / 2 for w, _ in (geometry.paper, *others)]
    tops = [(height - h) / 2 for _, h in (geometry.paper, *others)]
    top, reach = round(min(tops), 3), round(max(tops) + tick, 3)
    left, across = round(min(lefts), 3), round(max(lefts) + tick, 3)
    for x in xs[1:-1]:
        marks += [Mark(x, top, x, reach), Mark(x, height - reach, x, height - top)]
    for y in ys[1:-1]:
        marks += [Mark(left, y, across, y), Mark(width - across, y, width - left, y)]
    return marks


def prompt_geometry(size: PackSize) -> Geometry:
    return Geometry(PAPER_MM[size], (63.0, 88.0), 3, 3, BLEED_MM)


#: An activity card: a quarter of the sheet, A4 (about A6) or Letter (4.25 × 5.5 in).
ACTIVITY_CARD_MM = {PackSize.A4: (105.0, 148.5), PackSize.LETTER: (107.95, 139.7)}
#: What both cards share around the sheet's centre lines, the one layout's face: A4 is the narrower,
#: Letter the shorter (the 8.8 mm at an A4 card's outer edge falls off Letter).
ACTIVITY_FACE_MM = (min(w for w, _ in ACTIVITY_CARD_MM.values()),
                    min(h for _, h in ACTIVITY_CARD_MM.values()))


def activity_geometry(size: PackSize) -> Geometry:
    return Geometry(PAPER_MM[size], ACTIVITY_CARD_MM[size], 2, 2, 0.0, face=ACTIVITY_FACE_MM)


@dataclass(frozen=True)
class Placed:
    """A card on a sheet: what it shows and where its face's top-left corner is."""

    item: Any
    x: float
    y: float


@dataclass(frozen=True)
class Side:
    """One printed side of a sheet: fronts or (mirrored) backs."""

    number: int
    back: bool
    cards: list[Placed]


def sides(items: Sequence[Any], geometry: Geometry) -> Iterator[Side]:
    """Front, back, front, back...: the pages of the deck in the order a duplex printer wants."""
    per = geometry.per_sheet
    for number, start in enumerate(range(0, len(items), per), 1):
        batch = items[start:start + per]
        for back in (False, True):
            placed = [Placed(item, *geometry.place(slot, back)) for slot, item in enumerate(batch)]
            yield Side(number, back, placed)


def hub_url(hub: Hub, path: str, anchor: str | None = None) -> str:
    """The published address of a page of the hub (and an anchor on it)."""
    url = site_root(hub) + url_of(path)
    return url + (f"#{anchor}" if anchor else "")


def prompt_url(hub: Hub, prompt: Prompt) -> str:
    return hub_url(hub, PROMPTS, prompt.id)


def activity_url(hub: Hub, activity: Activity) -> str:
    return hub_url(hub, activity_path(activity))


#: A code's modules (1 dark, 0 light, segno's matrix) as grey levels: black and white.
_GREY = bytes([255, 0]) + bytes(254)


@cache
def qr_image(url: str, title: str) -> Markup:
    """A QR code for `url` as a black and white PNG, QR_PIXELS to a module, quiet zone included, with
    `title` as its text for screen readers. The print CSS scales it to its size in millimetres without
    smoothing (`image-rendering: pixelated`), so each module prints as a sharp square; a picture costs
    WeasyPrint far less than the same code drawn as SVG paths. Its mask is QR_MASK, not searched for.

    The picture is eight-bit grey (Pillow's), which WeasyPrint embeds as it is, where a one-bit PNG
    (segno's own) is turned into colour and encoded twice more: a third of the cost of a deck's codes."""
    import base64
    import io

    import segno
    from PIL import Image, ImageOps

    code = segno.make(url, error="m", micro=False, mask=QR_MASK)
    side = len(code.matrix) + 2 * 4
    modules = b"".join(row.translate(_GREY) for row in code.matrix)
    symbol = Image.frombytes("L", (len(code.matrix),) * 2, modules)
    picture = ImageOps.expand(symbol, 4, fill=255).resize((side * QR_PIXELS, side * QR_PIXELS),
                                                         Image.Resampling.NEAREST)
    png = io.BytesIO()
    picture.save(png, format="PNG")
    source = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")
    return Markup('<img class="qr" src="{}" alt="{}">').format(source, title)


def prompt_label(hub: Hub, prompt: Prompt) -> str:
    """What a prompt card says it belongs to: its day's conversation, or its theme."""
    if prompt.conversation is not None:
        day = hub.day(prompt.conversation)
        return words(hub.language)("Day %(number)s · %(title)s", number=day.number, title=day.title)
    themes = {t.id: t.title for t in hub.campaign.themes}
    return " · ".join(themes[t] for t in prompt.themes)


def deck_order(hub: Hub) -> list[Prompt]:
    """Prompts as the library shows them: by day, then by theme, each in file order."""
    day_order = {d.id: d.number for d in hub.days}
    theme_order = {t.id: i for i, t in enumerate(hub.campaign.themes)}

    def key(prompt: Prompt) -> tuple[int, int]:
        if prompt.conversation is not None:
            return (day_order.get(prompt.conversation, 99), 0)
        return (100, theme_order.get(prompt.themes[0], 99) if prompt.themes else 99)

    return sorted(hub.prompts, key=key)


def moment_text() -> str:
    """The moment a deck says it was made (`pack.stamp`), as its metadata writes it."""
    return stamp().strftime("%Y-%m-%dT%H:%M:%SZ")


def overhang(paper: tuple[float, float], others: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """How far the margins of the widest and the tallest of `others` reach past `paper`, centred on them."""
    return (max([0.0, *((w - paper[0]) / 2 for w, _ in others)]),
            max([0.0, *((h - paper[1]) / 2 for _, h in others)]))


def _context(hub: Hub, geometry: Geometry, kind: str, moment: str | None = None,
             others: Sequence[tuple[float, float]] = ()) -> dict[str, Any]:
    """What the deck's templates are given; `others` are the papers the sheets are also moved onto."""
    campaign = hub.campaign
    return {
        "hub": hub,
        "campaign": campaign,
        "lang": document_language(hub),
        "stamp": moment or moment_text(),
        "font_family": FONT_FAMILY,
        "primary": campaign.pack.primary_colour,
        "accent": campaign.pack.accent_colour,
        "paper": geometry.paper,
        "card": geometry.face_size,
        "bleed": geometry.bleed,
        "safe": SAFE_MM,
        "qr_mm": QR_MM[kind],
        "marks": crop_marks(geometry, others),
        "overhang": overhang(geometry.paper, others),
        "kind": kind,
    }


def prompt_deck_html(hub: Hub, size: PackSize, moment: str | None = None) -> tuple[str, str]:
    """The prompt deck's HTML and CSS for WeasyPrint, saying it was made at `moment` (default: now)."""
    geometry = prompt_geometry(size)
    # The Letter deck is this layout moved onto Letter: its marks run on to Letter's edges.
    others = [PAPER_MM[PackSize.LETTER]] if size is PackSize.A4 else []
    context = _context(hub, geometry, "prompt", moment, others)
    env = environment(hub.language)
    t = words(hub.language)
    html = env.get_template("deck.html.j2").render(
        **context, faces="prompt-card.html.j2", title=t("Prompt cards"),
        sides=list(sides(deck_order(hub), geometry)),
        label=lambda p: prompt_label(hub, p),
        qr=lambda p: qr_image(prompt_url(hub, p), t("QR code: this prompt on the hub")),
        url=lambda p: prompt_url(hub, p),
    )
    return html, env.get_template("deck.css.j2").render(**context)


def activity_facts(hub: Hub, activity: Activity) -> list[tuple[str, str]]:
    """The facts a facilitator checks before booking a room: time, cost, people, format, strand."""
    t = words(hub.language)
    time = format_minutes(activity.minutes)
    if activity.prep_minutes:
        time += " " + t("(+ %(minutes)s to prepare)", minutes=format_minutes(activity.prep_minutes))
    return [
        (t("Time"), time),
        (t("Cost"), t(ACTIVITY_COSTS[activity.cost.value]).capitalize()),
        (t("Group"), format_people(activity.group_size, hub.language)),
        (t("Format"), ", ".join(t(ACTIVITY_FORMATS[f.value]) for f in activity.formats).capitalize()),
        (t("Strand"), hub.strand(activity.strand).title),
    ]


def activity_deck_html(hub: Hub, moment: str | None = None) -> tuple[str, str]:
    """The activity deck's HTML and CSS for WeasyPrint: A4 sheets, each card's content in the face it
    shares with a Letter card, and marks for both papers (the Letter file is this one moved, `on_paper`)."""
    geometry = activity_geometry(PackSize.A4)
    context = _context(hub, geometry, "activity", moment, [PAPER_MM[PackSize.LETTER]])
    env = environment(hub.language)
    t = words(hub.language)
    html = env.get_template("deck.html.j2").render(
        **context, faces="activity-card.html.j2", title=t("Activity cards"),
        sides=list(sides(hub.activities, geometry)),
        facts=lambda a: activity_facts(hub, a),
        qr=lambda a: qr_image(activity_url(hub, a), t("QR code: this activity on the hub")),
        url=lambda a: activity_url(hub, a),
    )
    return html, env.get_template("deck.css.j2").render(**context)


def preview_lines(text: str, width: int, lines: int) -> list[str]:
    """The first lines of `text` wrapped at `width` characters, for a card's picture."""
    import textwrap

    wrapped = textwrap.wrap(text, width)
    return wrapped[:lines - 1] + [" ".join(wrapped[lines - 1:])[:width]] if len(wrapped) > lines else wrapped


@dataclass(frozen=True)
class PreviewStyle:
    """How a deck's picture draws a card: its frame's inset, its bands and its lines of text (mm)."""

    inset: float
    band_top: float
    band_bottom: float
    text_top: float
    wrap: int
    lines: int
    font: float


PREVIEW_STYLES = {"prompt": PreviewStyle(-BLEED_MM, 12 + BLEED_MM, 8 + BLEED_MM, 30, 22, 6, 4.6),
                  "activity": PreviewStyle(6, 12, 7, 28, 30, 4, 6)}


def _preview(hub: Hub, geometry: Geometry, kind: str, texts: list[str], what: str) -> str:
    """The first sheet of fronts as a small SVG drawn from the model (the Downloads page shows it)."""
    style = PREVIEW_STYLES[kind]
    first = next(sides(texts, geometry))
    alt = (f"The first sheet of {what}: {len(first.cards)} cards in a grid with cut marks; the first "
           f"reads: {texts[0]}") if texts else f"An empty sheet of {what}"
    return environment().get_template("deck-preview.html.j2").render(
        paper=geometry.paper, primary=hub.campaign.pack.primary_colour,
        style=style, marks=crop_marks(geometry), alt=alt, card=geometry.face_size,
        cards=[(placed, preview_lines(placed.item, style.wrap, style.lines)) for placed in first.cards],
    )


def prompt_deck_preview(hub: Hub, size: PackSize = PackSize.A4) -> str:
    return _preview(hub, prompt_geometry(size), "prompt", [p.text for p in deck_order(hub)],
                    "prompt cards")


def activity_deck_preview(hub: Hub, size: PackSize = PackSize.A4) -> str:
    return _preview(hub, activity_geometry(size), "activity", [a.title for a in hub.activities],
                    "activity cards")


def prompt_deck_pdf(hub: Hub, size: PackSize) -> bytes:
    """The prompt deck on paper of `size`: laid out on A4, and moved onto any other paper.

    The grid of cards is centred on both papers, so the backs stay behind their fronts on either; a
    build that makes the A4 and the Letter file lays the deck out once (`on_paper`).
    """
    a4 = render_pdf(*prompt_deck_html(hub, PackSize.A4, moment_text()))
    return on_paper(size, a4)


def activity_deck_pdf(hub: Hub, size: PackSize) -> bytes:
    """The activity deck on paper of `size`: laid out once, on A4 (`activity_deck_html`), and moved."""
    return on_paper(size, render_pdf(*activity_deck_html(hub, moment_text())))


def write_prompt_cards_a4(hub: Hub, path: Path) -> None:
    path.write_bytes(prompt_deck_pdf(hub, PackSize.A4))


def write_prompt_cards_letter(hub: Hub, path: Path) -> None:
    path.write_bytes(prompt_deck_pdf(hub, PackSize.LETTER))


def write_activity_cards_a4(hub: Hub, path: Path) -> None:
    path.write_bytes(activity_deck_pdf(hub, PackSize.A4))


def write_activity_cards_letter(hub: Hub, path: Path) -> None:
    path.write_bytes(activity_deck_pdf(hub, PackSize.LETTER))
