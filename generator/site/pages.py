"""Decide which pages the hub has and render each from its Jinja2 template.

A page is a Markdown document for the site engine; YAML text reaches it only through the
escaping `finalize` of the template environment or the `markdown` filter (see markup.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..content import dates
from ..content.model import Hub
from ..content.schema import kind_docs
from ..i18n import N_, Words, words
from ..markup import escape_text, plain, render_markdown
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
from .bytecode import THEME_BYTECODE

NavItem = tuple[str, "str | list[NavItem]"]


@cache
def environment(language: str = "en") -> Environment:
    """The template environment of one language: autoescaping on, every value escaped on output,
    `_("...", name=value)` for the generator's own words (values escaped like any other)."""
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=THEME_BYTECODE,
    )
    env.filters["markdown"] = render_markdown
    env.filters["url"] = lambda v: Markup(escape(str(v)))
    env.filters["yaml_str"] = lambda v: Markup(json.dumps(str(v), ensure_ascii=False))
    env.filters["minutes"] = lambda v: format_minutes(v, language)
    env.filters["date"] = lambda v, style="long": format_date(v, style, language)
    env.filters["filesize"] = lambda v: format_size(v, language)
    env.filters["people"] = lambda v: format_people(v, language)
    env.filters["plain"] = plain
    env.globals["_"] = page_words(words(language))
    env.globals["ngettext"] = lambda one, many, count, **kw: page_words(words(language)).n(one, many, count, **kw)
    env.globals["language"] = language
    return env


class page_words:  # noqa: N801  (used in templates as `_`)
    """The generator's words for a page: translated, then filled with escaped values."""

    def __init__(self, source: Words) -> None:
        self.source = source

    def __call__(self, message: str, **values: Any) -> Markup:
        from ..i18n import gettext

        return self._fill(gettext(self.source.language, message), (message,), values)

    def n(self, singular: str, plural: str, number: int, **values: Any) -> Markup:
        from ..i18n import ngettext

        text = ngettext(self.source.language, singular, plural, number)
        return self._fill(text, (singular, plural), {"count": number, **values})

    @staticmethod
    def _fill(text: str, written: tuple[str, ...], values: dict[str, Any]) -> Markup:
        # The code's own English stands as the template's text did; a translation (from a file
        # translators edit) is escaped like content, so it can only ever be text.
        escaped = (Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                   if text in written else escape_text(text))
        return Markup(escaped % {k: _finalize(v) for k, v in values.items()}) if values else escaped


def theme_title(title: str) -> Markup:
    """A title for the theme's templates, which print titles as HTML: escaped once, as Markup
    so that the theme's own `|e` leaves it alone."""
    return escape(plain(title))


def front_matter(title: str, hide: tuple[str, ...], description: str) -> str:
    """Page metadata: the escaped title and description (the theme prints both raw, in <title>
    and <meta name="description">, which search engines show under the link) and what to hide."""
    lines = ["---", f"title: {json.dumps(str(theme_title(title)), ensure_ascii=False)}",
             f"description: {json.dumps(str(escape_text(plain(description))), ensure_ascii=False)}"]
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
    """The hub's pages and navigation, rendered from one Hub, in the hub's language."""

    hub: Hub
    directory_urls: bool = True
    pages: list[Page] = field(default_factory=list)
    #: False: only list the pages (path and title), their content left empty (see `site_outline`).
    rendering: bool = True
    #: Called with each page as soon as it is rendered.
    each: Callable[[Page], object] | None = None
    helpers: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        topics = {t.id: t.title for t in self.hub.campaign.topics}
        languages = {lang.code: lang.name for lang in self.hub.campaign.languages}
        t = words(self.hub.language)
        self.helpers = {
            "paths": PATHS, "day_path": day_path, "activity_path": activity_path,
            "topic_titles": lambda ids: ", ".join(topics[i] for i in ids),
            "language_name": lambda code: languages.get(code, code),
            "answer_labels": {k: t(v) for k, v in ANSWER_LABELS.items()},
            "theme_also": theme_also(self.hub),
            "topic_path": lambda topic_id: topic_path(self.hub.topic(topic_id)),
            "topic_title": lambda topic_id: topics[topic_id],
            "is_new": lambda resource: catalogue.is_new(resource, self.hub.build_date),
            "format_labels": {k: t(v) for k, v in catalogue.FORMAT_LABELS.items()},
            "cost_labels": {k: t(v) for k, v in catalogue.COST_LABELS.items()},
            "audience_note": lambda resource: catalogue.audience_note(resource, t),
            "cost_label": lambda cost: t(ACTIVITY_COSTS[cost.value]),
            "format_list": lambda formats: ", ".join(t(ACTIVITY_FORMATS[f.value]) for f in formats),
            "count_text": lambda count: count_text(self.hub, count),
            "contact_parts": contact_parts,
        }

    def render(self, template: str, path: str, title: str, *, hide: tuple[str, ...] = (),
               description: str | None = None, **context: Any) -> Page:
        if not self.rendering:
            page = Page(path, plain(title), "")
            self.pages.append(page)
            return page

        def href(to: str, anchor: str | None = None) -> Markup:
            return Markup(escape(relative_url(path, to, anchor, self.directory_urls)))

        body = environment(self.hub.language).get_template(template).render(
            hub=self.hub, campaign=self.hub.campaign, title=title, href=href, **self.helpers,
            **context,
        )
        campaign = self.hub.campaign
        t = words(self.hub.language)
        summary = description or t("%(hub)s at %(organisation)s: %(theme)s", hub=campaign.hub_title,
                                   organisation=campaign.organisation, theme=campaign.theme)
        page = Page(path, plain(title), front_matter(title, hide, summary) + body)
        self.pages.append(page)
        if self.each is not None:
            self.each(page)
        return page


WHO_LABELS = {"organisers": N_("Organisers"), "managers": N_("Managers"), "employees": N_("Employees"),
              "everyone": N_("Everyone")}

ANSWER_LABELS = {
    "scale": N_("a scale"), "yes-no": N_("yes or no"), "choice": N_("one choice"), "number": N_("a number"),
    "text": N_("free text"), "function": N_("one choice"), "team": N_("the team's name"),
}
ACTIVITY_COSTS = {"none": N_("none"), "low": N_("low"), "moderate": N_("moderate")}
ACTIVITY_FORMATS = {"in-person": N_("in person"), "remote": N_("remote"), "hybrid": N_("hybrid")}


def theme_also(hub: Hub) -> dict[str, list[str]]:
    """For each theme, the prompts on it whose entry (and anchor) stands in another group."""
    also: dict[str, list[str]] = {t.id: [] for t in hub.campaign.themes}
    for prompt in hub.prompts:
        home = None if prompt.conversation else prompt.themes[0]
        for theme in prompt.themes:
            if theme != home and theme in also:
                also[theme].append(prompt.id)
    return also


def day_title(t: Words, day: Any) -> str:
    return t("Day %(number)s: %(title)s", number=day.number, title=day.title)


def render_site(hub: Hub, downloads: Sequence[BuiltDownload | UpdatingDownload] = (), *,
                directory_urls: bool = True, each: Callable[[Page], object] | None = None) -> list[Page]:
    """Every generated page of the hub; `downloads` are the files the Downloads page lists.

    `directory_urls` as the engine is set: False for the offline bundle (links to `page.html`).
    `each` is called with every page as soon as it is rendered.
    """
    return _pages(Site(hub, directory_urls, each=each), downloads)


def site_outline(hub: Hub, downloads: Sequence[BuiltDownload | UpdatingDownload] = ()) -> list[tuple[str, str]]:
    """Each page's path and title, in `render_site`'s order, without rendering any: what an engine
    needs to lay out the site while the pages are rendered elsewhere (see forked.py)."""
    return [(page.path, page.title) for page in _pages(Site(hub, rendering=False), downloads)]


def _pages(site: Site, downloads: Sequence[BuiltDownload | UpdatingDownload]) -> list[Page]:
    hub = site.hub
    t = words(hub.language)
    site.render("home.md.j2", HOME, t("Home"), hide=("navigation", "toc"))
    site.render("playbook.md.j2", PLAYBOOK, t("Playbook overview"))
    for i, day in enumerate(hub.days):
        prev_day = hub.days[i - 1] if i else None
        next_day = hub.days[i + 1] if i + 1 < len(hub.days) else None
        site.render("day.md.j2", day_path(day), day_title(t, day),
                    description=day.question, day=day, prev_day=prev_day, next_day=next_day, prompts=hub.prompts_for_day(day))
    site.render("briefing.md.j2", BRIEFING, t("Manager briefing"), load=dates.manager_time(hub),
                milestones=dates.timeline(hub))
    site.render("after.md.j2", AFTER, t("After the week"))
    site.render("prompts.md.j2", PROMPTS, t("Prompt library"), hide=("toc",))
    site.render("activities.md.j2", ACTIVITIES, t("Activation ideas"))
    for activity in hub.activities:
        site.render("activity.md.j2", activity_path(activity), activity.title,
                    description=activity.summary, activity=activity)
    site.render("cuts.md.j2", CUTS, t("What to cut"))
    site.render("resources.md.j2", RESOURCES, t("Resources"), hide=("navigation", "toc"),
                facets=catalogue.facets(hub, t=t), groups=catalogue.groups(hub),
                time_max={band.id: band.max_minutes for band in catalogue.TIME_BANDS})
    for entry in catalogue.topic_pages(hub):
        site.render("topic.md.j2", topic_path(entry.topic), entry.topic.title, entry=entry)
    site.render("indicators.md.j2", INDICATORS, t("Behaviour indicators"))
    site.render("pulse.md.j2", PULSE, t("Pulse questions"))
    site.render("sheet.md.j2", SHEET, t("Tracking sheet"))
    for view in results_views(hub):
        site.render("results.md.j2", results_page_path(view.wave), t("Results at %(days)s days", days=view.wave),
                    description=t("What changed %(days)s days after the week, by function and team.",
                                  days=view.wave),
                    view=view, pdf=f"downloads/{results_pdf(view.wave)}")
    _downloads(site, downloads)
    site.render("evidence.md.j2", EVIDENCE, t("Evidence"), hide=("toc",))
    site.render("faq.md.j2", FAQ, t("FAQ"))
    site.render("timeline.md.j2", TIMELINE, t("Timeline for organisers"), milestones=dates.timeline(hub),
                who_labels={k: t(v) for k, v in WHO_LABELS.items()})
    site.render("expect.md.j2", EXPECT, t("What to expect this week"))
    site.render("privacy.md.j2", PRIVACY, t("Privacy notice"))
    site.render("contribute.md.j2", CONTRIBUTE, t("Contribute"), kinds=kind_docs() if site.rendering else ())
    return site.pages


def _downloads(site: Site, downloads: Sequence[BuiltDownload | UpdatingDownload]) -> Page:
    return site.render("downloads.md.j2", DOWNLOADS, words(site.hub.language)("Downloads"), downloads=downloads)


def downloads_page(hub: Hub, downloads: Sequence[BuiltDownload | UpdatingDownload], *,
                   directory_urls: bool = True) -> Page:
    """The Downloads page alone: a build renders it again once its files are made and their sizes known."""
    return _downloads(Site(hub, directory_urls), downloads)


def navigation(hub: Hub) -> list[dict[str, Any]]:
    """The site's navigation in mkdocs.yml's `nav` shape; titles are escaped for the theme."""
    t = words(hub.language)

    def item(title: str, path: str) -> dict[str, Any]:
        return {theme_title(title): path}

    return [
        item(t("Home"), HOME),
        {t("Managers"): [
            item(t("Manager briefing"), BRIEFING),
            item(t("Playbook overview"), PLAYBOOK),
            *[item(day_title(t, d), day_path(d)) for d in hub.days],
            item(t("After the week"), AFTER),
            item(t("Prompt library"), PROMPTS),
        ]},
        {t("Employees"): [item(t("What to expect this week"), EXPECT), item(t("Privacy notice"), PRIVACY)]},
        {t("Activities"): [
            item(t("Activation ideas"), ACTIVITIES),
            *[item(a.title, activity_path(a)) for a in hub.activities],
            item(t("What to cut"), CUTS),
        ]},
        {t("Resources"): [
            item(t("Resources"), RESOURCES),
            *[item(t_.title, topic_path(t_)) for t_ in hub.campaign.topics],
        ]},
        {t("Measure"): [
            item(t("Behaviour indicators"), INDICATORS),
            item(t("Pulse questions"), PULSE),
            item(t("Tracking sheet"), SHEET),
            *[item(t("Results at %(days)s days", days=r.wave), results_page_path(r.wave)) for r in hub.results],
        ]},
        item(t("Downloads"), DOWNLOADS),
        item(t("Organisers"), TIMELINE),
        {t("Evidence and FAQ"): [item(t("Evidence"), EVIDENCE), item(t("FAQ"), FAQ)]},
        item(t("Contribute"), CONTRIBUTE),
    ]
