"""The printed manager packs and day cards: the model rendered by WeasyPrint through print templates.

Nothing here reads the built site. The HTML comes from the Hub through the autoescaped
templates in `templates/print/`, so the pages and the PDFs are two views of one model.
The PDFs are tagged (PDF/UA-1), carry title, author and language, and are byte-identical
for the same content when SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..content.hub import build_moment
from ..content.model import Column, Day, Hub, PackSize, Prompt, SampleRow
from ..i18n import N_, gettext, ngettext, words
from ..markup import plain, render_markdown
from ..paths import (
    contact_parts,
    day_path,
    format_date,
    format_minutes,
    format_people,
    format_weekday,
    site_root,
    url_of,
)
from .impose import PAPER_MM, on_paper, shared_trim

#: The language of the printed text (the content is written in British English).
LANGUAGE = "en-GB"


def document_language(hub: Hub) -> str:
    """The language the PDF declares: British English for the source, else the hub's language."""
    return LANGUAGE if hub.language == "en" else hub.language

#: CSS page sizes for the campaign's page-size setting.
CSS_SIZES = {PackSize.A4: "A4", PackSize.LETTER: "letter"}

#: Empty rows in the printable tracking table, for people's names to be written in.
TRACKING_ROWS = 10

#: The narrowest a printed column may be, in the sheet's width units, so a date or a status fits.
MIN_PRINT_WIDTH = 24

#: The font the print CSS asks for (Debian: fonts-liberation2), embedded as subsets in each PDF.
FONT_FAMILY = "Liberation Sans"


@dataclass(frozen=True)
class Chapter:
    """A chapter of the manager pack: its anchor and title (the contents and the outline list these)."""

    id: str
    title: str


def day_chapter_id(day: Day) -> str:
    return f"day-{day.number}"


@dataclass(frozen=True)
class PromptGroup:
    """Prompts printed together under a heading: a theme's, or a day's spares."""

    title: str
    summary: str | None
    prompts: list[Prompt]


def prompts_by_theme(hub: Hub) -> list[PromptGroup]:
    """The prompts no day lists, under their day's conversation or their first theme, so the pack
    carries every prompt in the library."""
    used = {prompt_id for day in hub.days for prompt_id in day.prompts}
    spare = [p for p in hub.prompts if p.id not in used]
    groups = [PromptGroup(f"More for day {d.number}: {d.title}", None,
                          [p for p in spare if p.conversation == d.id]) for d in hub.days]
    groups += [PromptGroup(t.title, t.summary,
                           [p for p in spare if p.conversation is None and p.themes[:1] == [t.id]])
               for t in hub.campaign.themes]
    return [g for g in groups if g.prompts]


def chapters(hub: Hub) -> list[Chapter]:
    """The pack's chapters in order; each is one contents line and one PDF bookmark."""
    t = words(hub.language)
    more = [Chapter("more-prompts", t("More prompts by theme"))] if prompts_by_theme(hub) else []
    return [
        Chapter("week-at-a-glance", t("The week at a glance")),
        Chapter("opening-script", t("The opening script")),
        *([Chapter("support", t("Wellbeing, support and large teams"))] if _has_support(hub) else []),
        *[Chapter(day_chapter_id(d), t("Day %(number)s: %(title)s", number=d.number, title=d.title))
          for d in hub.days],
        *more,
        Chapter("data-points", t("The three data points")),
        Chapter("follow-up", t("After the week: 60 and 90 days")),
        Chapter("activation-ideas", t("Activation ideas in brief")),
        Chapter("what-to-cut", t("What to cut")),
        Chapter("faq", t("Questions managers ask")),
    ]


def _has_support(hub: Hub) -> bool:
    """True when the playbook has guidance for wellbeing or large teams, or the campaign lists support."""
    p = hub.playbook
    return bool(p.wellbeing_guidance or p.big_teams or any(c.support for c in hub.campaign.countries))


ACTIVITY_COSTS = {"none": N_("none"), "low": N_("low"), "moderate": N_("moderate")}
ACTIVITY_FORMATS = {"in-person": N_("in person"), "remote": N_("remote"), "hybrid": N_("hybrid")}


def css_counter_text(text: str) -> str:
    """A translated "Page %(page)s of %(pages)s" as a CSS `content` value with the page counters."""
    import json
    import re

    parts = re.split(r"%\((page|pages)\)s", text)
    tokens = [f"counter({part})" if i % 2 else json.dumps(part, ensure_ascii=False)
              for i, part in enumerate(parts) if part or i % 2]
    return " ".join(tokens)


def print_words(language: str) -> Any:
    """`_("...", name=value)` for the print templates: translated, values HTML-escaped."""
    def say(message: str, **values: Any) -> Markup:
        text = escape(gettext(language, message))
        return Markup(text % {k: escape(v) for k, v in values.items()}) if values else text
    return say


def print_plural(language: str) -> Any:
    """`ngettext(singular, plural, count, name=value)` for the print templates: the form for
    `count` (which fills `%(count)s`), translated, values HTML-escaped."""
    def say(singular: str, plural: str, count: int, **values: Any) -> Markup:
        text = escape(ngettext(language, singular, plural, count))
        return Markup(text % {k: escape(v) for k, v in {"count": count, **values}.items()})
    return say


@cache
def environment(language: str = "en") -> Environment:
    """The print template environment: HTML autoescaped; CSS templates only see validated values."""
    env = Environment(
        loader=PackageLoader("generator.downloads", "templates/print"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters["minutes"] = lambda v: format_minutes(v, language)
    env.filters["date"] = lambda v, style="long": format_date(v, style, language)
    env.filters["weekday"] = lambda v: format_weekday(v, language)
    env.filters["people"] = lambda v: format_people(v, language)
    env.filters["plain"] = plain
    t = words(language)
    env.globals["_"] = print_words(language)
    env.globals["ngettext"] = print_plural(language)
    env.globals["cost_label"] = lambda cost: t(ACTIVITY_COSTS[cost.value])
    env.globals["format_list"] = lambda formats: ", ".join(t(ACTIVITY_FORMATS[f.value]) for f in formats)
    return env


def stamp() -> dt.datetime:
    """The moment the PDFs say they were made: SOURCE_DATE_EPOCH when set, so builds reproduce."""
    return build_moment() or dt.datetime.now(dt.UTC).replace(microsecond=0)


def online_url(hub: Hub, path: str) -> str:
    """The published address of a page of the hub, for readers of the paper copy."""
    return site_root(hub) + url_of(path)


def sample_cells(hub: Hub, sample: SampleRow, columns: list[Column]) -> list[str]:
    """A fictional sample row as the text of each tracking-sheet column (blank if it has no field)."""
    families = {f.id: f.title for f in hub.sheet.role_families}
    cells = []
    for column in columns:
        value: Any = getattr(sample, column.id.replace("-", "_"), "")
        if column.id == "role-family":
            value = families.get(str(value), value)
        elif isinstance(value, dt.date):
            value = format_date(value, language=hub.language)
        cells.append(str(value))
    return cells


def column_widths(columns: list[Column]) -> list[float]:
    """Each tracking-table column's share of the printed width, in percent."""
    widths = [max(c.width, MIN_PRINT_WIDTH) for c in columns]
    return [round(w * 100 / sum(widths), 1) for w in widths]


def print_context(hub: Hub, size: PackSize) -> dict[str, Any]:
    campaign = hub.campaign
    t = words(hub.language)
    return {
        "hub": hub,
        "campaign": campaign,
        "lang": document_language(hub),
        "stamp": stamp().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size": size,
        "css_size": CSS_SIZES[size],
        "trim": pack_trim(size),
        "over": pack_overhang(size),
        "font_family": FONT_FAMILY,
        "primary": campaign.pack.primary_colour,
        "accent": campaign.pack.accent_colour,
        "week_end": campaign.week_dates[-1],
        "online_url": lambda path: online_url(hub, path),
        "site_root": site_root(hub),
        "page_of": css_counter_text(t("Page %(page)s of %(pages)s")),
        "card_of": css_counter_text(t("Day card %(page)s of %(pages)s")),
        "day_path": day_path,
        "day_chapter_id": day_chapter_id,
        "data_point": {p.id: p for p in hub.playbook.data_points},
        "activity_titles": {a.id: a.title for a in hub.activities},
        "strand_titles": {s.id: s.title for s in campaign.strands},
        "contact_parts": contact_parts,
    }


def pack_trim(size: PackSize) -> tuple[float, float]:
    """What the pack's page margins on paper of `size` grow by, at each side and at top and bottom (mm,
    portrait), so that what is printed lies on the area that paper shares with every other."""
    trims = [shared_trim(size, other) for other in PAPER_MM if other is not size]
    return max(t[0] for t in trims), max(t[1] for t in trims)


def pack_overhang(size: PackSize) -> tuple[float, float]:
    """How far the other papers reach past paper of `size` centred on them, at each side and at top and
    bottom (mm, portrait): what colour meant to meet the paper's edges runs on past them."""
    overs = [shared_trim(other, size) for other in PAPER_MM if other is not size]
    return max(o[0] for o in overs), max(o[1] for o in overs)


def pack_html(hub: Hub, size: PackSize) -> str:
    """The manager pack as one HTML document for WeasyPrint."""
    columns = hub.sheet.columns
    return environment(hub.language).get_template("pack.html.j2").render(
        **print_context(hub, size),
        chapters=chapters(hub),
        more_prompts=prompts_by_theme(hub),
        titles={c.id: c.title for c in chapters(hub)},
        columns=list(zip(columns, column_widths(columns), strict=True)),
        samples=[sample_cells(hub, s, columns) for s in hub.sheet.samples[:1]],
        blank_rows=TRACKING_ROWS,
    )


def cards_html(hub: Hub, size: PackSize) -> str:
    """The day cards, one page per day, as one HTML document for WeasyPrint."""
    return environment(hub.language).get_template("cards.html.j2").render(**print_context(hub, size))


def stylesheet(name: str, hub: Hub, size: PackSize) -> str:
    """A print stylesheet with the campaign's page size and colours filled in."""
    return environment(hub.language).get_template(name).render(**print_context(hub, size))


def render_pdf(html: str, css: str) -> bytes:
    """Lay out `html` with `css` and return a tagged PDF/UA-1 document.

    The fetcher allows only data: URLs (the cards' QR codes), so nothing is fetched from anywhere.
    The file identifier is a digest of the input, so the same content gives the same bytes.
    """
    # Imported here: WeasyPrint takes most of a second to import, which `learnhub validate`
    # and every other command that writes no PDF should not pay.
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    fetcher = URLFetcher(allowed_protocols=("data",))
    identifier = hashlib.sha256(f"{html}\n{css}".encode()).hexdigest()[:32].encode()
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        stylesheets=[CSS(string=css, url_fetcher=fetcher)],
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
    )
    return pdf


def manager_pack_pdf(hub: Hub, size: PackSize) -> bytes:
    """The manager pack on paper of `size`: laid out once, on A4, and moved onto any other paper.

    The pages are laid out on the area A4 and US Letter share (A4's width, Letter's height): the A4
    file is that layout with its top and bottom margins grown by half the difference of the heights
    (`pack_trim`), so every line, running head and page number lies inside both papers, and the
    Letter file is the same pages centred on Letter (`impose`), text at the same size. A build that
    makes both lays the pack out once (`letter_from_a4`).
    """
    a4 = render_pdf(pack_html(hub, PackSize.A4), stylesheet("pack.css.j2", hub, PackSize.A4))
    return on_paper(size, a4)


def day_cards_pdf(hub: Hub, size: PackSize = PackSize.A4) -> bytes:
    """The five day cards, one page each."""
    return render_pdf(cards_html(hub, size), stylesheet("cards.css.j2", hub, size))


def write_manager_pack_a4(hub: Hub, path: Path) -> None:
    path.write_bytes(manager_pack_pdf(hub, PackSize.A4))


def write_manager_pack_letter(hub: Hub, path: Path) -> None:
    path.write_bytes(manager_pack_pdf(hub, PackSize.LETTER))


def write_day_cards_a4(hub: Hub, path: Path) -> None:
    path.write_bytes(day_cards_pdf(hub, PackSize.A4))
