"""Decide which pages the hub has and render each from its Jinja2 template.

A page is a Markdown document for the site engine; YAML text reaches it only through the
escaping `finalize` of the template environment or the `markdown` filter (see markup.py).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import catalogue
from .markup import escape_text, render_markdown
from .model import Activity, Day, Hub, Topic
from .schema import kind_docs

if TYPE_CHECKING:
    from .downloads import BuiltDownload

NavItem = tuple[str, "str | list[NavItem]"]


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title, and its Markdown."""

    path: str
    title: str
    content: str


def url_of(path: str) -> str:
    """The site URL (relative to the root) of a page's Markdown path, with directory URLs.

    Any other file (a download, say) keeps its path.
    """
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative_url(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A link from one page to another (or to an anchor on it), relative, as the browser needs."""
    base = "/" + url_of(from_path)
    target = "/" + url_of(to_path)
    if target == base:
        rel = "" if anchor else "./"
    else:
        rel = posixpath.relpath(target, base) + ("/" if target.endswith("/") else "")
    return rel + (f"#{anchor}" if anchor else "")


# Where each kind of page lives: the single source of the site's paths.
HOME = "index.md"
PLAYBOOK = "managers/index.md"
AFTER = "managers/after-the-week.md"
PROMPTS = "managers/prompts.md"
ACTIVITIES = "activities/index.md"
CUTS = "activities/what-to-cut.md"
RESOURCES = "resources/index.md"
INDICATORS = "measure/index.md"
PULSE = "measure/pulse.md"
SHEET = "measure/tracking-sheet.md"
EVIDENCE = "evidence/index.md"
FAQ = "evidence/faq.md"
CONTRIBUTE = "contribute/index.md"
DOWNLOADS = "downloads/index.md"


def day_path(day: Day) -> str:
    return f"managers/day-{day.number}.md"


def activity_path(activity: Activity) -> str:
    return f"activities/{activity.id}.md"


def topic_path(topic: Topic) -> str:
    return f"resources/topics/{topic.id}.md"


@cache
def environment() -> Environment:
    """The template environment: autoescaping on, every value escaped on output."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters["url"] = lambda v: Markup(escape(str(v)))
    env.filters["yaml_str"] = lambda v: Markup(json.dumps(str(v), ensure_ascii=False))
    env.filters["minutes"] = format_minutes
    env.filters["date"] = format_date
    env.filters["filesize"] = format_size
    env.filters["people"] = format_people
    return env


def theme_title(title: str) -> Markup:
    """A title for the theme's templates, which print titles as HTML: escaped once, as Markup
    so that the theme's own `|e` leaves it alone."""
    return escape(title)


def front_matter(title: str, hide: tuple[str, ...]) -> str:
    """Page metadata: the escaped title (the theme prints it raw in <title>) and what to hide."""
    lines = ["---", f"title: {json.dumps(str(theme_title(title)), ensure_ascii=False)}"]
    if hide:
        lines += ["hide:", *[f"  - {name}" for name in hide]]
    return "\n".join([*lines, "---", ""])


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_text(value)


def format_minutes(minutes: int) -> str:
    """45 -> '45 min', 90 -> '1 h 30 min', 600 -> '10 h'."""
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h" + (f" {mins} min" if mins else "")


def format_people(size: Any) -> str:
    """A group size: '1 person', '2 people', '4–25 people'."""
    if size.min == size.max:
        return "1 person" if size.min == 1 else f"{size.min} people"
    return f"{size.min}–{size.max} people"


def format_date(value: Any, style: str = "long") -> str:
    """A date as readers in the UK write it: 'Monday 17 May 2027', '17 May 2027' or 'May 2027'."""
    if style == "short":
        return f"{value.day} {value:%b}"
    if style == "month":
        return f"{value:%b %Y}"
    if style == "day":
        return f"{value:%A} {value.day} {value:%B}"
    return f"{value.day} {value:%B %Y}"


def format_size(size: int) -> str:
    """A file size as people read it, never broken across lines: '512 bytes', '14 KB', '1.3 MB'."""
    if size < 1024:
        text = f"{size} bytes"
    elif size < 1024 * 1024:
        text = f"{round(size / 1024)} KB"
    else:
        text = f"{size / (1024 * 1024):.1f} MB"
    return text.replace(" ", "\u00a0")


@dataclass
class Site:
    """The hub's pages and navigation, rendered from one Hub."""

    hub: Hub
    pages: list[Page] = field(default_factory=list)
    helpers: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        topics = {t.id: t.title for t in self.hub.campaign.topics}
        languages = {lang.code: lang.name for lang in self.hub.campaign.languages}
        self.helpers = {
            "paths": PATHS, "day_path": day_path, "activity_path": activity_path,
            "topic_titles": lambda ids: ", ".join(topics[i] for i in ids),
            "language_name": lambda code: languages.get(code, code),
            "answer_labels": ANSWER_LABELS,
            "theme_also": theme_also(self.hub),
            "topic_path": lambda topic_id: topic_path(self.hub.topic(topic_id)),
            "topic_title": lambda topic_id: topics[topic_id],
            "is_new": lambda resource: catalogue.is_new(resource, self.hub.build_date),
            "format_labels": catalogue.FORMAT_LABELS, "cost_labels": catalogue.COST_LABELS,
            "audience_note": catalogue.audience_note,
        }

    def render(self, template: str, path: str, title: str, *, hide: tuple[str, ...] = (),
               **context: Any) -> Page:
        def href(to: str, anchor: str | None = None) -> Markup:
            return Markup(escape(relative_url(path, to, anchor)))

        body = environment().get_template(template).render(
            hub=self.hub, campaign=self.hub.campaign, title=title, href=href, **self.helpers,
            **context,
        )
        page = Page(path, title, front_matter(title, hide) + body)
        self.pages.append(page)
        return page


PATHS = {
    "home": HOME, "playbook": PLAYBOOK, "after": AFTER, "prompts": PROMPTS,
    "activities": ACTIVITIES, "cuts": CUTS, "resources": RESOURCES, "indicators": INDICATORS,
    "pulse": PULSE, "sheet": SHEET, "evidence": EVIDENCE, "faq": FAQ, "contribute": CONTRIBUTE,
    "downloads": DOWNLOADS,
}

ANSWER_LABELS = {
    "scale": "a scale", "yes-no": "yes or no", "choice": "one choice", "number": "a number",
    "text": "free text",
}


def theme_also(hub: Hub) -> dict[str, list[str]]:
    """For each theme, the prompts on it whose entry (and anchor) stands in another group."""
    also: dict[str, list[str]] = {t.id: [] for t in hub.campaign.themes}
    for prompt in hub.prompts:
        home = None if prompt.conversation else prompt.themes[0]
        for theme in prompt.themes:
            if theme != home and theme in also:
                also[theme].append(prompt.id)
    return also


def render_site(hub: Hub, downloads: Sequence[BuiltDownload] = ()) -> list[Page]:
    """Every generated page of the hub; `downloads` are the files the Downloads page lists."""
    site = Site(hub)
    site.render("home.md.j2", HOME, "Home", hide=("navigation", "toc"))
    site.render("playbook.md.j2", PLAYBOOK, "Playbook overview")
    for i, day in enumerate(hub.days):
        prev_day = hub.days[i - 1] if i else None
        next_day = hub.days[i + 1] if i + 1 < len(hub.days) else None
        site.render("day.md.j2", day_path(day), f"Day {day.number}: {day.title}",
                    day=day, prev_day=prev_day, next_day=next_day, prompts=hub.prompts_for_day(day))
    site.render("after.md.j2", AFTER, "After the week")
    site.render("prompts.md.j2", PROMPTS, "Prompt library", hide=("toc",))
    site.render("activities.md.j2", ACTIVITIES, "Activation ideas")
    for activity in hub.activities:
        site.render("activity.md.j2", activity_path(activity), activity.title, activity=activity)
    site.render("cuts.md.j2", CUTS, "What to cut")
    site.render("resources.md.j2", RESOURCES, "Resources", hide=("navigation", "toc"),
                facets=catalogue.facets(hub), groups=catalogue.groups(hub),
                time_max={band.id: band.max_minutes for band in catalogue.TIME_BANDS})
    for entry in catalogue.topic_pages(hub):
        site.render("topic.md.j2", topic_path(entry.topic), entry.topic.title, entry=entry)
    site.render("indicators.md.j2", INDICATORS, "Behaviour indicators")
    site.render("pulse.md.j2", PULSE, "Pulse questions")
    site.render("sheet.md.j2", SHEET, "Tracking sheet")
    site.render("downloads.md.j2", DOWNLOADS, "Downloads", downloads=downloads)
    site.render("evidence.md.j2", EVIDENCE, "Evidence", hide=("toc",))
    site.render("faq.md.j2", FAQ, "FAQ")
    site.render("contribute.md.j2", CONTRIBUTE, "Contribute", kinds=kind_docs())
    return site.pages


def navigation(hub: Hub) -> list[dict[str, Any]]:
    """The site's navigation in mkdocs.yml's `nav` shape; titles are escaped for the theme."""

    def item(title: str, path: str) -> dict[str, Any]:
        return {theme_title(title): path}

    return [
        item("Home", HOME),
        {"Managers": [
            item("Playbook overview", PLAYBOOK),
            *[item(f"Day {d.number}: {d.title}", day_path(d)) for d in hub.days],
            item("After the week", AFTER),
            item("Prompt library", PROMPTS),
        ]},
        {"Activities": [
            item("Activation ideas", ACTIVITIES),
            *[item(a.title, activity_path(a)) for a in hub.activities],
            item("What to cut", CUTS),
        ]},
        {"Resources": [
            item("Resources", RESOURCES),
            *[item(t.title, topic_path(t)) for t in hub.campaign.topics],
        ]},
        {"Measure": [
            item("Behaviour indicators", INDICATORS),
            item("Pulse questions", PULSE),
            item("Tracking sheet", SHEET),
        ]},
        item("Downloads", DOWNLOADS),
        {"Evidence and FAQ": [item("Evidence", EVIDENCE), item("FAQ", FAQ)]},
        item("Contribute", CONTRIBUTE),
    ]
