"""The card decks, read back from the PDFs: cards, text, QR codes, mirrored backs, crop marks, bleed.

Where each card sits is found from the page itself: the crop marks are black lines in the margin,
found in a rendering (pdftoppm); the words and their boxes come from `pdftotext -bbox`; each card's
QR code is decoded by zbarimg from its own cell of the rendering. Nothing here reuses the
renderer's geometry, so the tests do not share its mistakes.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from generator.content import rules
from generator.content.model import Hub, PackSize
from generator.downloads import cards

from .conftest import learnhub
from .test_pack import Word, edit, word_pages
from .test_pack import fold as fold_space


def fold(text: str) -> str:
    """Whitespace folded, and a word broken after its hyphen at a line end joined again."""
    return fold_space(text).replace("- ", "-")
from .tools import need

MM = 72 / 25.4
DPI = 100
PX_PER_PT = DPI / 72
PAPER = {"a4": (210 * MM, 297 * MM), "letter": (8.5 * 72, 11 * 72)}
PROMPT_CARD = (63 * MM, 88 * MM)
ACTIVITY_CARD = {"a4": (105 * MM, 148.5 * MM), "letter": (4.25 * 72, 5.5 * 72)}
OTHER = {"a4": "letter", "letter": "a4"}


@dataclass(frozen=True)
class Cell:
    """A card's trim on the sheet, in points from the top left; row and column in the grid."""

    row: int
    column: int
    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, w: Word, inset: float = 0) -> bool:
        return (w.x0 >= self.x0 + inset and w.x1 <= self.x1 - inset
                and w.y0 >= self.y0 + inset and w.y1 <= self.y1 - inset)

    def centre_holds(self, w: Word) -> bool:
        x, y = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass
class Sheet:
    """One page of a deck read back: its words, its rendering and the cut lines its marks show."""

    words: list[Word]
    image: object  # a PIL image in RGB
    xs: list[float]
    ys: list[float]
    mark_pixels: list[tuple[int, int]]

    @property
    def cells(self) -> list[Cell]:
        return [Cell(r, c, self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1])
                for r in range(len(self.ys) - 1) for c in range(len(self.xs) - 1)]

    def text_in(self, cell: Cell) -> str:
        return " ".join(w.text for w in self.words if cell.centre_holds(w))

    def ids_in(self, cell: Cell) -> list[str]:
        """The words of a card with an id broken after one of its hyphens joined again."""
        return self.text_in(cell).replace("- ", "-").split()


def words_by_page(data: bytes) -> list[list[Word]]:
    return [page.words for page in word_pages(data)]


def render(data: bytes) -> list[object]:
    """Every page as an RGB image at DPI."""
    from PIL import Image

    tool = need("pdftoppm", "card tests look at the crop marks in a rendering (poppler-utils)")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([tool, "-r", str(DPI), "-png", "-", f"{folder}/p"], input=data, check=True)
        return [Image.open(p).convert("RGB") for p in sorted(Path(folder).glob("p-*.png"))]


def is_mark(rgb: tuple[int, int, int]) -> bool:
    """Black or grey ink (the crop marks); the cards' colour is not grey."""
    r, g, b = rgb
    return max(r, g, b) < 150 and max(r, g, b) - min(r, g, b) < 25


def clusters(values: list[float], gap: float = 3) -> list[float]:
    """The middles of runs of values less than `gap` apart."""
    runs: list[list[float]] = []
    for v in sorted(values):
        if runs and v - runs[-1][-1] <= gap:
            runs[-1].append(v)
        else:
            runs.append([v])
    return [(r[0] + r[-1]) / 2 for r in runs]


def read_sheet(words: list[Word], image: object, margin_px: int) -> Sheet:
    """The cut lines a sheet's marks show: ink in the outer `margin_px` strips of the rendering."""
    width, height = image.size  # type: ignore[attr-defined]
    pixels = image.load()  # type: ignore[attr-defined]
    marks = [(x, y) for x in range(width) for y in range(height)
             if (y < margin_px or y >= height - margin_px or x < margin_px or x >= width - margin_px)
             and is_mark(pixels[x, y])]
    top = [x for x, y in marks if y < margin_px // 2]
    left = [y for x, y in marks if x < margin_px // 2]
    xs = [x / PX_PER_PT for x in clusters(top)]
    ys = [y / PX_PER_PT for y in clusters(left)]
    return Sheet(words, image, xs, ys, marks)


@dataclass
class Deck:
    data: bytes
    sheets: list[Sheet]

    @property
    def fronts(self) -> list[Sheet]:
        return self.sheets[0::2]

    @property
    def backs(self) -> list[Sheet]:
        return self.sheets[1::2]


def read_deck(data: bytes, margin_mm: float) -> Deck:
    words = words_by_page(data)
    images = render(data)
    assert len(words) == len(images)
    margin_px = int(margin_mm * MM * PX_PER_PT)
    return Deck(data, [read_sheet(w, i, margin_px) for w, i in zip(words, images, strict=True)])


def decode_cells(sheet: Sheet) -> dict[tuple[int, int], list[str]]:
    """The QR codes zbarimg reads in each card's cell of a sheet."""
    tool = need("zbarimg", "card tests decode the QR codes (zbar-tools)")
    found: dict[tuple[int, int], list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for cell in sheet.cells:
            box = tuple(round(v * PX_PER_PT) for v in (cell.x0, cell.y0, cell.x1, cell.y1))
            name = f"{folder}/cell-{cell.row}-{cell.column}.png"
            crop = sheet.image.crop(box)  # type: ignore[attr-defined]
            crop.resize((crop.width * 2, crop.height * 2)).save(name)
            names.append((cell, name))
        out = subprocess.run([tool, "-q", "--xml", *[n for _, n in names]], capture_output=True,
                             text=True, check=False).stdout
    for cell, name in names:
        source = re.search(rf"<source href='{re.escape(name)}'>(.*?)</source>", out, re.DOTALL)
        data = re.findall(r"<data><!\[CDATA\[(.*?)\]\]></data>", source.group(1)) if source else []
        found[(cell.row, cell.column)] = data
    return found


# --- the shipped decks -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def hub_model(site: Path) -> Hub:
    from generator.content.hub import load_hub

    return load_hub(site.parent).hub


@pytest.fixture(scope="session", params=["a4", "letter"])
def prompt_deck(request: pytest.FixtureRequest, site: Path) -> tuple[str, Deck]:
    data = (site / "downloads" / f"prompt-cards-{request.param}.pdf").read_bytes()
    return request.param, read_deck(data, margin_mm=3.5)


@pytest.fixture(scope="session", params=["a4", "letter"])
def activity_deck(request: pytest.FixtureRequest, site: Path) -> tuple[str, Deck]:
    data = (site / "downloads" / f"activity-cards-{request.param}.pdf").read_bytes()
    return request.param, read_deck(data, margin_mm=4)


def test_prompt_sheets_are_the_paper_and_marks_cut_63_by_88(prompt_deck: tuple[str, Deck]) -> None:
    size, deck = prompt_deck
    reader = PdfReader(io.BytesIO(deck.data))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(PAPER[size], abs=0.5)
    for sheet in deck.sheets:
        assert len(sheet.xs) == 4 and len(sheet.ys) == 4, (sheet.xs, sheet.ys)
        for a, b in zip(sheet.xs, sheet.xs[1:]):
            assert b - a == pytest.approx(PROMPT_CARD[0], abs=1.5)
        for a, b in zip(sheet.ys, sheet.ys[1:]):
            assert b - a == pytest.approx(PROMPT_CARD[1], abs=1.5)


def test_one_prompt_per_card_every_question_on_a_front(prompt_deck: tuple[str, Deck], hub_model: Hub) -> None:
    _, deck = prompt_deck
    assert len(deck.sheets) == 2 * -(-len(hub_model.prompts) // 9)
    fronts = [fold(sheet.text_in(cell)) for sheet in deck.fronts for cell in sheet.cells]
    backs = [fold(sheet.text_in(cell)) for sheet in deck.backs for cell in sheet.cells]
    back_ids = [sheet.ids_in(cell) for sheet in deck.backs for cell in sheet.cells]
    for prompt in hub_model.prompts:
        holding = [t for t in fronts if fold(prompt.text) in t]
        assert len(holding) == 1, prompt.id
        assert len([ids for ids in back_ids if prompt.id in ids]) == 1, prompt.id
        if prompt.listen_for:
            assert any(fold(prompt.listen_for) in t for t in backs), prompt.id
    assert sum(1 for t in fronts if t) == len(hub_model.prompts)


def test_each_back_is_behind_its_front_and_its_code_opens_the_prompt(prompt_deck: tuple[str, Deck],
                                                                    hub_model: Hub) -> None:
    _, deck = prompt_deck
    site_url = hub_model.campaign.site_url.rstrip("/")
    checked = 0
    for front, back in zip(deck.fronts, deck.backs, strict=True):
        codes = decode_cells(back)
        for cell in front.cells:
            text = fold(front.text_in(cell))
            prompt = next((p for p in hub_model.prompts if fold(p.text) in text), None)
            if prompt is None:
                continue
            # long-edge duplex: the same row, the column mirrored
            mirror = next(c for c in back.cells if c.row == cell.row and c.column == 2 - cell.column)
            assert prompt.id in back.ids_in(mirror), prompt.id
            assert codes[(mirror.row, mirror.column)] == [f"{site_url}/managers/prompts/#{prompt.id}"]
            checked += 1
    assert checked == len(hub_model.prompts)


def test_no_text_within_4_mm_of_the_trim_and_marks_stay_outside(prompt_deck: tuple[str, Deck]) -> None:
    _, deck = prompt_deck
    for sheet in deck.sheets:
        cells = sheet.cells
        for word in sheet.words:
            assert any(c.holds(word, inset=4 * MM) for c in cells), word
        # every mark is on a cut line, and none comes within the bleed (3 mm) of a card's trim
        left, right, top, bottom = sheet.xs[0], sheet.xs[-1], sheet.ys[0], sheet.ys[-1]
        for x, y in sheet.mark_pixels:
            px, py = x / PX_PER_PT, y / PX_PER_PT
            outside = px < left - 3 * MM or px > right + 3 * MM or py < top - 3 * MM or py > bottom + 3 * MM
            assert outside, (px, py)
            on_a_cut = (min(abs(px - v) for v in sheet.xs) < 1.5 or min(abs(py - v) for v in sheet.ys) < 1.5)
            assert on_a_cut, (px, py)


def test_colour_runs_into_the_bleed(prompt_deck: tuple[str, Deck]) -> None:
    _, deck = prompt_deck
    for sheet in deck.sheets:
        pixels = sheet.image.load()  # type: ignore[attr-defined]
        for cell in sheet.cells[:3]:  # the top row: its band runs 3 mm above the trim
            x = (cell.x0 + cell.x1) / 2 * PX_PER_PT
            for above in (0.5, 2.5):
                r, g, b = pixels[x, (cell.y0 - above * MM) * PX_PER_PT]
                assert b - r > 60, (cell, above, (r, g, b))
            r, g, b = pixels[x, (cell.y0 - 4.5 * MM) * PX_PER_PT]
            assert min(r, g, b) > 200, "colour stops at the bleed"


def quarters(card: str, paper: str) -> list[Cell]:
    """The four cells of `card` paper's quarter-sheet grid, centred on `paper` (the sheet it is on)."""
    width, height = ACTIVITY_CARD[card]
    paper_w, paper_h = PAPER[paper]
    x0, y0 = (paper_w - 2 * width) / 2, (paper_h - 2 * height) / 2
    return [Cell(r, c, x0 + c * width, y0 + r * height, x0 + (c + 1) * width, y0 + (r + 1) * height)
            for r in range(2) for c in range(2)]


def within_both(word: Word, paper: str, row: int, column: int, inset: float = 4 * MM) -> bool:
    """`word` lies `inset` inside the card at (row, column) cut from either paper (A6 and a quarter of
    Letter), the sheet centred on the other paper as the Letter deck is made."""
    return all(next(c for c in quarters(card, paper) if (c.row, c.column) == (row, column)).holds(word, inset)
               for card in (paper, OTHER[paper]))


def test_activity_sheets_are_the_paper_and_cut_in_quarters_on_either(activity_deck: tuple[str, Deck]) -> None:
    """The marks are ticks on the middle cut lines, from every edge of the sheet (where a quarter
    fills the sheet, the paper's edges are the outer cuts)."""
    size, deck = activity_deck
    reader = PdfReader(io.BytesIO(deck.data))
    for page in reader.pages:
        paper = (float(page.mediabox.width), float(page.mediabox.height))
        assert paper == pytest.approx(PAPER[size], abs=0.5)
    paper_w, paper_h = PAPER[size]
    middle_x, middle_y = paper_w / 2, paper_h / 2
    for sheet in deck.sheets:
        width, height = sheet.image.size  # type: ignore[attr-defined]
        edges = {"top": [x for x, y in sheet.mark_pixels if y < 3],
                 "bottom": [x for x, y in sheet.mark_pixels if y >= height - 3],
                 "left": [y for x, y in sheet.mark_pixels if x < 3],
                 "right": [y for x, y in sheet.mark_pixels if x >= width - 3]}
        for edge, ink in edges.items():
            middle = middle_x if edge in ("top", "bottom") else middle_y
            assert [v / PX_PER_PT for v in clusters(ink)] == pytest.approx([middle], abs=1.5), edge


def test_one_activity_per_card_with_facts_steps_and_code(activity_deck: tuple[str, Deck],
                                                         hub_model: Hub) -> None:
    size, deck = activity_deck
    assert len(deck.sheets) == 2 * -(-len(hub_model.activities) // 4)
    every_word = fold(" ".join(w.text for sheet in deck.sheets for w in sheet.words))
    assert all(fold(a.title) in every_word for a in hub_model.activities)
    cells = quarters(size, size)
    site_url = hub_model.campaign.site_url.rstrip("/")
    seen = 0
    for front, back in zip(deck.fronts, deck.backs, strict=True):
        back.xs, back.ys = [cells[0].x0, cells[1].x0, cells[1].x1], [cells[0].y0, cells[2].y0, cells[2].y1]
        codes = decode_cells(back)
        for cell in cells:
            text = fold(" ".join(w.text for w in front.words if cell.centre_holds(w)))
            activity = next((a for a in hub_model.activities if fold(a.summary) in text), None)
            if activity is None:
                continue
            seen += 1
            for fact in ("Time", "Cost", "Group", "Format", activity.title, *activity.builds):
                assert fold(fact) in text, (activity.id, fact)
            mirror = next(c for c in cells if c.row == cell.row and c.column == 1 - cell.column)
            back_text = fold(" ".join(w.text for w in back.words if mirror.centre_holds(w)))
            for step in activity.steps:
                assert fold(step) in back_text, activity.id
            assert codes[(mirror.row, mirror.column)] == [f"{site_url}/activities/{activity.id}/"]
    assert seen == len(hub_model.activities)


def test_activity_text_lies_inside_both_the_a6_and_the_letter_card(activity_deck: tuple[str, Deck]) -> None:
    """One layout serves both papers: every word of a card is 4 mm inside its quarter of Letter and
    inside its A6 quarter of A4, whichever paper the sheet is on."""
    size, deck = activity_deck
    for sheet in deck.sheets:
        assert sheet.words
        for word in sheet.words:
            holder = next(c for c in quarters(size, size) if c.centre_holds(word))
            assert within_both(word, size, holder.row, holder.column), (size, word)


def coloured_boxes(sheet: Sheet, cells: list[Cell],
                   mirrored: bool) -> dict[tuple[int, int], tuple[float, ...]]:
    """The box (points) around each card's coloured ink (its frame and bands), seen from the front:
    a back sheet is turned over on its long edge, so its x is mirrored."""
    image = sheet.image
    width, height = image.size  # type: ignore[attr-defined]
    pixels = image.load()  # type: ignore[attr-defined]
    boxes: dict[tuple[int, int], list[float]] = {}
    for y in range(0, height, 2):
        for x in range(0, width, 2):
            r, g, b = pixels[x, y]
            if max(r, g, b) - min(r, g, b) < 60:
                continue  # white, black or grey: not the cards' colour
            px, py = x / PX_PER_PT, y / PX_PER_PT
            if mirrored:
                px = width / PX_PER_PT - px
            cell = next((c for c in cells if c.x0 <= px <= c.x1 and c.y0 <= py <= c.y1), None)
            if cell is None:
                continue
            box = boxes.setdefault((cell.row, cell.column), [px, py, px, py])
            box[:] = [min(box[0], px), min(box[1], py), max(box[2], px), max(box[3], py)]
    return {key: tuple(box) for key, box in boxes.items()}


def test_each_activity_back_prints_behind_its_front(activity_deck: tuple[str, Deck]) -> None:
    """Long-edge duplex: a back sheet turned over puts each card's frame exactly on its front's."""
    size, deck = activity_deck
    cells = quarters(size, size)
    for front, back in zip(deck.fronts, deck.backs, strict=True):
        fronts, backs = coloured_boxes(front, cells, False), coloured_boxes(back, cells, True)
        assert fronts and set(fronts) == set(backs)
        for key, box in fronts.items():
            assert backs[key] == pytest.approx(box, abs=1 * MM), key


@pytest.mark.parametrize("name", ["prompt-cards-a4.pdf", "prompt-cards-letter.pdf",
                                  "activity-cards-a4.pdf", "activity-cards-letter.pdf"])
def test_decks_are_tagged_with_embedded_fonts(site: Path, name: str) -> None:
    reader = PdfReader(site / "downloads" / name)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert "/StructTreeRoot" in root
    assert reader.metadata is not None and reader.metadata.title.endswith("cards: Learning at Work Week 2027")
    links = {str(a.get_object()["/A"]["/URI"]) for page in reader.pages for a in page.get("/Annots", [])
             if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]}
    kind = "managers/prompts/#" if name.startswith("prompt") else "activities/"
    assert links and all(link.startswith("https://") and kind in link for link in links), links
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descendant["/FontDescriptor"].get_object())


# --- from the model, without the site --------------------------------------------------------


def test_same_content_and_source_date_give_identical_decks(tiny_hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    first = cards.prompt_deck_pdf(tiny_hub, PackSize.A4)
    assert cards.prompt_deck_pdf(tiny_hub, PackSize.A4) == first
    assert cards.activity_deck_pdf(tiny_hub, PackSize.LETTER) == cards.activity_deck_pdf(tiny_hub, PackSize.LETTER)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000001")
    assert cards.prompt_deck_pdf(tiny_hub, PackSize.A4) != first


#: Long English words, so that text at a limit is as wide as real text gets.
WIDE = ["Which", "knowledge", "would", "meaningfully", "strengthen", "your", "wider", "working",
        "relationships,", "and", "how", "would", "we", "measure", "growth", "when", "workloads",
        "become", "overwhelming?"]


def wide_text(length: int) -> str:
    out, i = "", 0
    while len(out) < length:
        out += WIDE[i % len(WIDE)] + " "
        i += 1
    return out[: length - 1].rstrip() + "?"


@pytest.mark.parametrize("size", [PackSize.A4, PackSize.LETTER])
def test_a_prompt_at_the_limits_fits_its_card(tiny_hub: Hub, size: PackSize) -> None:
    question, listen = wide_text(rules.CARD_QUESTION_MAX), wide_text(rules.CARD_LISTEN_FOR_MAX)
    prompt = tiny_hub.prompts[0].model_copy(update={"text": question, "listen_for": listen})
    hub = tiny_hub.model_copy(update={"prompts": [prompt]})
    assert not list(rules.card_fit(hub))
    deck = read_deck(cards.prompt_deck_pdf(hub, size), margin_mm=3.5)
    front, back = deck.sheets
    cell = next(c for c in front.cells if c.row == 0 and c.column == 0)
    assert fold(question) in fold(front.text_in(cell))
    foot = [w for w in front.words if w.text == "Tiny"]
    body = [w for w in front.words if cell.holds(w, inset=4 * MM) and w not in foot]
    assert foot and max(w.y1 for w in body if w.y1 < foot[0].y0 + 1) < foot[0].y0
    mirror = next(c for c in back.cells if c.row == 0 and c.column == 2)
    assert fold(listen) in fold(back.text_in(mirror))
    qr_top = min(w.y0 for w in back.words if w.text == prompt.id)  # the id sits beside the code
    listen_words = [w for w in back.words if mirror.centre_holds(w) and w.text in listen.split()]
    assert max(w.y1 for w in listen_words) < qr_top - 10 * MM, "the text stops above the code"


@pytest.mark.parametrize("size", [PackSize.A4, PackSize.LETTER])
def test_an_activity_at_the_limits_fits_its_card(tiny_hub: Hub, size: PackSize) -> None:
    """The card-fit rule's budgets hold in the face both cards share: text at the limits stays 4 mm
    inside the A6 card and the quarter of Letter, above the card's foot."""
    base = tiny_hub.activities[0]
    builds = [wide_text(40) for _ in range(4)]
    title = wide_text(30)
    summary_len = rules.CARD_FRONT_BUDGET - len(title) * 3 // 2 - sum(len(b) + rules.CARD_ITEM_COST for b in builds)
    steps = [wide_text(rules.CARD_BACK_BUDGET // 6 - rules.CARD_STEP_COST) for _ in range(6)]
    activity = base.model_copy(update={"title": title, "summary": wide_text(summary_len),
                                       "builds": builds, "steps": steps})
    hub = tiny_hub.model_copy(update={"activities": [activity]})
    assert rules.activity_front_size(activity) <= rules.CARD_FRONT_BUDGET
    assert rules.activity_back_size(activity) <= rules.CARD_BACK_BUDGET
    assert not list(rules.card_fit(hub))
    pdf = cards.activity_deck_pdf(hub, size)
    front, back = words_by_page(pdf)
    paper = size.value.lower()
    for words, column in ((front, 0), (back, 1)):
        cell = next(c for c in quarters(paper, paper) if (c.row, c.column) == (0, column))
        inside = [w for w in words if cell.centre_holds(w)]
        assert inside and len(inside) == len(words)
        assert all(within_both(w, paper, 0, column) for w in inside)
        foot = [w for w in inside if w.text == "Tiny"]
        content = [w for w in inside if w not in foot and w.y0 < foot[0].y0 - 1]
        assert max(w.y1 for w in content) < foot[0].y0
    back_text = fold(" ".join(w.text for w in back))
    assert all(fold(step) in back_text for step in steps)
    assert fold(activity.summary) in fold(" ".join(w.text for w in front))


@pytest.mark.parametrize(("file", "old", "new", "where"), [
    ("prompts/day-1.yaml", "text: Prompt A for day 1?", "text: " + wide_text(rules.CARD_QUESTION_MAX + 1),
     "prompts/day-1.yaml:3:11: prompts[0].text: "),
    ("prompts/day-1.yaml", "listen_for: Something concrete.",
     "listen_for: " + wide_text(rules.CARD_LISTEN_FOR_MAX + 1), "prompts/day-1.yaml:12:17: prompts[2].listen_for: "),
    ("content/activities/skill-swap.yaml", "  - Run the sessions.",
     "  - Run the sessions.\n" + "".join(f"  - {wide_text(300)}\n" for _ in range(4)),
     "content/activities/skill-swap.yaml:10:3: steps: "),
])
def test_text_too_long_for_a_card_is_a_located_error(tiny: Path, file: str, old: str, new: str,
                                                     where: str) -> None:
    edit(tiny, file, old, new)
    result = learnhub(tiny, "validate")
    assert result.returncode == 1
    (line, count) = result.stderr.splitlines()
    assert line.startswith(where) and "card" in line, line
    assert count == "1 error in the content"


def test_the_downloads_page_lists_the_decks_with_a_picture_of_the_first_sheet(site: Path,
                                                                            hub_model: Hub) -> None:
    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    firsts = [cards.deck_order(hub_model)[0].text] * 2 + [hub_model.activities[0].title] * 2
    for name in ("prompt-cards-a4.pdf", "prompt-cards-letter.pdf", "activity-cards-a4.pdf",
                 "activity-cards-letter.pdf"):
        assert f'href="{name}" download' in page, name
    pictures = re.findall(r'<svg class="lh-preview"[^>]*>.*?</svg>', page, re.DOTALL)
    assert len(pictures) == 4
    for picture, first in zip(pictures, firsts, strict=True):
        label = re.search(r'role="img" aria-label="([^"]+)"', picture)
        assert label and fold(first) in fold(unescape(label.group(1)))
        assert len(re.findall(r"<text ", picture)) >= 4  # the text of the sheet's cards
        assert "<script" not in picture and "style=" not in picture  # nothing the CSP would refuse
