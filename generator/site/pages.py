"""Decide which pages the hub has and render each from its Jinja2 template.

A page is a Markdown document for the site engine; YAML text reaches it only through the
escaping `finalize` of the template environment or the `markdown` filter (see markup.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..content import dates
from ..content.model import Hub
from ..content.schema import kind_docs
from ..markup import escape_text, render_markdown
from ..paths import (
    ACTIVITIES,
    AFTER,
    BRIEFING,
    CONTRIBUTE,
    CUTS,
    DOWNLOADS,
    EVIDENCE,
    EXPECT,
    FAQ,
    HOME,
    INDICATORS,
    PATHS,
    PLAYBOOK,
    PRIVACY,
    PROMPTS,
    PULSE,
    RESOURCES,
    SHEET,
    TIMELINE,
    activity_path,
    contact_parts,
    day_path,
    format_date,
    format_minutes,
    format_people,
    format_size,
    relative_url,
    results_page_path,
    results_pdf,
    topic_path,
)
from ..records import BuiltDownload, Page, UpdatingDownload
from ..results_view import count_text, results_views
from . import catalogue

NavItem = tuple[str, "str | list[NavItem]"]


@cache
def environment() -> Environment:
    """The template environment: autoescaping on, every value escaped on output."""
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
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


def front_matter(title: str, hide: tuple[str, ...], description: str) -> str:
    """Page metadata: the escaped title and description (the theme prints both raw, in <title>
    and <meta name="description">, which search engines show under the link) and what to hide."""
    lines = ["---", f"title: {json.dumps(str(theme_title(title)), ensure_ascii=False)}",
             f"description: {json.dumps(str(escape_text(description)), ensure_ascii=False)}"]
    if hide:
        lines += ["hide:", *[f"  - {name}" for name in hide]]
    return "\n".join([*lines, "---", ""])


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_text(value)


@dataclass
class Site:
    """The hub's pages and navigation, rendered from one Hub."""

    hub: Hub
    directory_urls: bool = True
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
            "count_text": lambda count: count_text(self.hub, count),
            "contact_parts": contact_parts,
        }

    def render(self, template: str, path: str, title: str, *, hide: tuple[str, ...] = (),
               description: str | None = None, **context: Any) -> Page:
        def href(to: str, anchor: str | None = None) -> Markup:
            return Markup(escape(relative_url(path, to, anchor, self.directory_urls)))

        body = environment().get_template(template).render(
            hub=self.hub, campaign=self.hub.campaign, title=title, href=href, **self.helpers,
            **context,
        )
        campaign = self.hub.campaign
        summary = description or f"{campaign.hub_title} at {campaign.organisation}: {campaign.theme}"
        page = Page(path, title, front_matter(title, hide, summary) + body)
        self.pages.append(page)
        return page


WHO_LABELS = {"organisers": "Organisers", "managers": "Managers", "employees": "Employees",
              "everyone": "Everyone"}

ANSWER_LABELS = {
    "scale": "a scale", "yes-no": "yes or no", "choice": "one choice", "number": "a number",
    "text": "free text", "function": "one choice", "team": "the team's name",
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


def render_site(hub: Hub, downloads: Sequence[BuiltDownload | UpdatingDownload] = (), *,
                directory_urls: bool = True) -> list[Page]:
    """Every generated page of the hub; `downloads` are the files the Downloads page lists.

    `directory_urls` as the engine is set: False for the offline bundle (links to `page.html`).
    """
    site = Site(hub, directory_urls)
    site.render("home.md.j2", HOME, "Home", hide=("navigation", "toc"))
    site.render("playbook.md.j2", PLAYBOOK, "Playbook overview")
    for i, day in enumerate(hub.days):
        prev_day = hub.days[i - 1] if i else None
        next_day = hub.days[i + 1] if i + 1 < len(hub.days) else None
        site.render("day.md.j2", day_path(day), f"Day {day.number}: {day.title}",
                    description=day.question, day=day, prev_day=prev_day, next_day=next_day, prompts=hub.prompts_for_day(day))
    site.render("briefing.md.j2", BRIEFING, "Manager briefing", load=dates.manager_time(hub),
                milestones=dates.timeline(hub))
    site.render("after.md.j2", AFTER, "After the week")
    site.render("prompts.md.j2", PROMPTS, "Prompt library", hide=("toc",))
    site.render("activities.md.j2", ACTIVITIES, "Activation ideas")
    for activity in hub.activities:
        site.render("activity.md.j2", activity_path(activity), activity.title,
                    description=activity.summary, activity=activity)
    site.render("cuts.md.j2", CUTS, "What to cut")
    site.render("resources.md.j2", RESOURCES, "Resources", hide=("navigation", "toc"),
                facets=catalogue.facets(hub), groups=catalogue.groups(hub),
                time_max={band.id: band.max_minutes for band in catalogue.TIME_BANDS})
    for entry in catalogue.topic_pages(hub):
        site.render("topic.md.j2", topic_path(entry.topic), entry.topic.title, entry=entry)
    site.render("indicators.md.j2", INDICATORS, "Behaviour indicators")
    site.render("pulse.md.j2", PULSE, "Pulse questions")
    site.render("sheet.md.j2", SHEET, "Tracking sheet")
    for view in results_views(hub):
        site.render("results.md.j2", results_page_path(view.wave), f"Results at {view.wave} days",
                    description=f"What changed {view.wave} days after the week, by function and team.",
                    view=view, pdf=f"downloads/{results_pdf(view.wave)}")
    _downloads(site, downloads)
    site.render("evidence.md.j2", EVIDENCE, "Evidence", hide=("toc",))
    site.render("faq.md.j2", FAQ, "FAQ")
    site.render("timeline.md.j2", TIMELINE, "Timeline for organisers", milestones=dates.timeline(hub),
                who_labels=WHO_LABELS)
    site.render("expect.md.j2", EXPECT, "What to expect this week")
    site.render("privacy.md.j2", PRIVACY, "Privacy notice")
    site.render("contribute.md.j2", CONTRIBUTE, "Contribute", kinds=kind_docs())
    return site.pages


def _downloads(site: Site, downloads: Sequence[BuiltDownload | UpdatingDownload]) -> Page:
    return site.render("downloads.md.j2", DOWNLOADS, "Downloads", downloads=downloads)


def downloads_page(hub: Hub, downloads: Sequence[BuiltDownload | UpdatingDownload], *,
                   directory_urls: bool = True) -> Page:
    """The Downloads page alone: a build renders it again once its files are made and their sizes known."""
    return _downloads(Site(hub, directory_urls), downloads)


def navigation(hub: Hub) -> list[dict[str, Any]]:
    """The site's navigation in mkdocs.yml's `nav` shape; titles are escaped for the theme."""

    def item(title: str, path: str) -> dict[str, Any]:
        return {theme_title(title): path}

    return [
        item("Home", HOME),
        {"Managers": [
            item("Manager briefing", BRIEFING),
            item("Playbook overview", PLAYBOOK),
            *[item(f"Day {d.number}: {d.title}", day_path(d)) for d in hub.days],
            item("After the week", AFTER),
            item("Prompt library", PROMPTS),
        ]},
        {"Employees": [item("What to expect this week", EXPECT), item("Privacy notice", PRIVACY)]},
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
            *[item(f"Results at {r.wave} days", results_page_path(r.wave)) for r in hub.results],
        ]},
        item("Downloads", DOWNLOADS),
        item("Organisers", TIMELINE),
        {"Evidence and FAQ": [item("Evidence", EVIDENCE), item("FAQ", FAQ)]},
        item("Contribute", CONTRIBUTE),
    ]
