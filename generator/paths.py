"""Where every page lives and how the hub writes dates, durations, sizes and group sizes.

The single source of the site's paths and URLs, below every renderer: the pages, hub.json, the
packs and the calendar all link through these functions.
"""

from __future__ import annotations

import posixpath
from typing import Any

from .content.model import Activity, Day, Topic


def url_of(path: str, directory_urls: bool = True) -> str:
    """The site URL (relative to the root) of a page's Markdown path.

    With directory URLs (served sites) `managers/day-1.md` is `managers/day-1/`; without them (the
    offline bundle, opened from `file://`, where a folder does not open its index.html) it is
    `managers/day-1.html`. Any other file (a download, say) keeps its path.
    """
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative_url(from_path: str, to_path: str, anchor: str | None = None, directory_urls: bool = True) -> str:
    """A link from one page to another (or to an anchor on it), relative, as the browser needs."""
    base = "/" + url_of(from_path, directory_urls)
    target = "/" + url_of(to_path, directory_urls)
    if target == base:
        rel = "" if anchor else ("./" if directory_urls else posixpath.basename(target))
    elif directory_urls:
        rel = posixpath.relpath(target, base) + ("/" if target.endswith("/") else "")
    else:
        rel = posixpath.relpath(target, posixpath.dirname(base))
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
TIMELINE = "organisers/index.md"
BRIEFING = "managers/briefing.md"
EXPECT = "employees/index.md"
PRIVACY = "privacy/index.md"


def results_page_path(wave: int) -> str:
    """The Results page of the 60- or 90-day follow-up."""
    return f"measure/results-{wave}-day.md"


def results_pdf(wave: int) -> str:
    """The file name of the results summary for leadership."""
    return f"results-{wave}-day-a4.pdf"


def day_path(day: Day) -> str:
    return f"managers/day-{day.number}.md"


def activity_path(activity: Activity) -> str:
    return f"activities/{activity.id}.md"


def topic_path(topic: Topic) -> str:
    return f"resources/topics/{topic.id}.md"


PATHS = {
    "home": HOME, "playbook": PLAYBOOK, "after": AFTER, "prompts": PROMPTS,
    "activities": ACTIVITIES, "cuts": CUTS, "resources": RESOURCES, "indicators": INDICATORS,
    "pulse": PULSE, "sheet": SHEET, "evidence": EVIDENCE, "faq": FAQ, "contribute": CONTRIBUTE,
    "downloads": DOWNLOADS, "timeline": TIMELINE, "briefing": BRIEFING, "expect": EXPECT,
    "privacy": PRIVACY,
}


def language_folder(hub: Any) -> str:
    """Where the hub's language lives below the site's root: '' for the source, 'pt/' for pt-PT."""
    languages = hub.campaign.hub_languages
    if hub.language == languages[0].code:
        return ""
    return next(f"{lang.folder}/" for lang in languages if lang.code == hub.language)


def site_root(hub: Any) -> str:
    """The published address of the hub in its own language, ending in '/'."""
    base = hub.campaign.site_url if hub.campaign.site_url.endswith("/") else hub.campaign.site_url + "/"
    return base + language_folder(hub)


def format_minutes(minutes: int, language: str = "en") -> str:
    """45 -> '45 min', 90 -> '1 h 30 min', 600 -> '10 h' (the same in every language the hub has)."""
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h" + (f" {mins} min" if mins else "")


def format_people(size: Any, language: str = "en") -> str:
    """A group size: '1 person', '2 people', '4–25 people' (or their translation)."""
    from .i18n import words

    t = words(language)
    if size.min == size.max:
        return t.n("%(count)s person", "%(count)s people", size.min)
    return t.n("%(count)s person", "%(count)s people", size.max, count=f"{size.min}–{size.max}")


def format_date(value: Any, style: str = "long", language: str = "en") -> str:
    """A date as readers in the UK write it: 'Monday 17 May 2027' ("full"), '17 May 2027' ("long"),
    'Monday 17 May' ("day"), '17 May' ("short") or 'May 2027' ("month"); in another language, the
    way its readers write it (Babel's data for the locale)."""
    if language != "en":
        return _local_date(value, style, language)
    if style == "full":
        return f"{value:%A} {value.day} {value:%B %Y}"
    if style == "short":
        return f"{value.day} {value:%b}"
    if style == "month":
        return f"{value:%b %Y}"
    if style == "day":
        return f"{value:%A} {value.day} {value:%B}"
    return f"{value.day} {value:%B %Y}"


def _local_date(value: Any, style: str, language: str) -> str:
    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton

    locale = language.replace("-", "_")
    if style == "short":
        return format_skeleton("MMMd", value, locale=locale)
    if style == "month":
        return format_skeleton("yMMM", value, locale=locale)
    if style == "day":
        return f"{babel_date(value, 'EEEE', locale=locale)}, {format_skeleton('MMMMd', value, locale=locale)}"
    if style == "full":
        return babel_date(value, "full", locale=locale)
    return babel_date(value, "long", locale=locale)


def format_weekday(value: Any, language: str = "en") -> str:
    """The day of the week of a date: 'Monday', 'segunda-feira'."""
    if language == "en":
        return f"{value:%A}"
    from babel.dates import format_date as babel_date

    return babel_date(value, "EEEE", locale=language.replace("-", "_"))


def format_size(size: int, language: str = "en") -> str:
    """A file size as people read it, never broken across lines: '512 bytes', '14 KB', '1.3 MB'."""
    if size < 1024:
        text = f"{size} bytes"
    elif size < 1024 * 1024:
        text = f"{round(size / 1024)} KB"
    else:
        text = f"{size / (1024 * 1024):.1f} MB"
        if language != "en":
            from babel.numbers import format_decimal

            number = format_decimal(size / (1024 * 1024), format="0.0", locale=language.replace("-", "_"))
            text = f"{number} MB"
    return text.replace(" ", "\u00a0")


def contact_parts(contact: str) -> tuple[str, str | None]:
    """A support contact as (what to show, link or None): telephone numbers are shown, not linked,
    as the hub links only to http, https and mailto; 'tel:+49-800-111-0-111' -> '+49 800 111 0 111'."""
    if contact.startswith("tel:"):
        return contact.removeprefix("tel:").replace("-", " "), None
    if contact.startswith("mailto:"):
        return contact.removeprefix("mailto:"), contact
    return contact.split("://", 1)[-1].rstrip("/"), contact
