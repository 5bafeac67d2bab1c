"""The resource catalogue's facets: the filters, their options and counts, groups and topic pages.

Pure functions over the model. The resources template renders what they return, and
`docs/assets/catalogue.js` recomputes the same counts live in the browser from each card's
data attributes, so the rules here (AND across facets, OR within one) are the specification
the script follows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..content.model import Activity, Audience, Cost, Day, Hub, Prompt, Resource, ResourceFormat, Topic

#: A resource added this many days before the build (or fewer) carries a "new" badge.
NEW_FOR = dt.timedelta(days=30)

#: The facets in the order the filters show them; each key is also the query-string name.
FACET_KEYS = ("format", "topic", "time", "cost", "language", "audience")

#: A selection of filters: facet key -> the option values ticked in it.
Selection = Mapping[str, Iterable[str]]


@dataclass(frozen=True)
class TimeBand:
    """A band of time a resource takes; `max_minutes` None means no upper bound."""

    id: str
    label: str
    max_minutes: int | None


TIME_BANDS = (
    TimeBand("short", "Up to 15 minutes", 15),
    TimeBand("medium", "15 minutes to an hour", 60),
    TimeBand("long", "More than an hour", None),
)

FACET_LABELS = {
    "format": "Format", "topic": "Topic", "time": "Time", "cost": "Cost", "language": "Language",
    "audience": "For",
}
FORMAT_LABELS = {
    ResourceFormat.ARTICLE: "Article", ResourceFormat.BOOK: "Book",
    ResourceFormat.COMMUNITY: "Community", ResourceFormat.COURSE: "Course",
    ResourceFormat.GUIDE: "Guide", ResourceFormat.PODCAST: "Podcast", ResourceFormat.TOOL: "Tool",
    ResourceFormat.VIDEO: "Video or talk",
}
COST_LABELS = {Cost.FREE: "Free", Cost.FREE_WITH_LIMITS: "Free with limits", Cost.PAID: "Paid"}
AUDIENCE_LABELS = {Audience.EMPLOYEES: "Employees", Audience.MANAGERS: "Managers", Audience.LD: "L&D"}


@dataclass(frozen=True)
class Option:
    """One tick box of a facet: the value in the query string, its label, how many it matches."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """One filter: its key (query-string name), its legend, and its options in display order."""

    key: str
    label: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class TopicPage:
    """Everything tagged with one topic, for the topic's own page."""

    topic: Topic
    resources: tuple[Resource, ...]
    activities: tuple[Activity, ...]
    prompts: tuple[Prompt, ...]
    days: tuple[Day, ...]


def time_band(minutes: int) -> TimeBand:
    """The band a resource of `minutes` falls in: bands do not overlap, so counts add up."""
    for band in TIME_BANDS:
        if band.max_minutes is None or minutes <= band.max_minutes:
            return band
    raise AssertionError("the last band has no upper bound")


def is_new(resource: Resource, build_date: dt.date) -> bool:
    """True when the resource was added on the build date or in the 30 days before it."""
    return dt.timedelta(0) <= build_date - resource.added <= NEW_FOR


def audience_note(resource: Resource) -> str:
    """Who a resource is for when not everyone ('managers and L&D'); '' when employees are included."""
    if Audience.EMPLOYEES in resource.audience:
        return ""
    names = [AUDIENCE_LABELS[a] if a is Audience.LD else AUDIENCE_LABELS[a].lower() for a in resource.audience]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def facet_values(resource: Resource) -> dict[str, tuple[str, ...]]:
    """The values a resource has in each facet (what its card's data attributes say)."""
    return {
        "format": (resource.format.value,),
        "topic": tuple(resource.topics),
        "time": (time_band(resource.minutes).id,),
        "cost": (resource.cost.value,),
        "language": (resource.language,),
        "audience": tuple(a.value for a in resource.audience),
    }


def _failing(values: Mapping[str, Sequence[str]], selection: Mapping[str, frozenset[str]]) -> list[str]:
    return [key for key, chosen in selection.items() if chosen and chosen.isdisjoint(values[key])]


def _normalise(selection: Selection) -> dict[str, frozenset[str]]:
    return {key: frozenset(selection.get(key, ())) for key in FACET_KEYS}


def matches(resource: Resource, selection: Selection) -> bool:
    """AND across facets, OR within one: a facet with nothing ticked lets everything through."""
    return not _failing(facet_values(resource), _normalise(selection))


def select(resources: Iterable[Resource], selection: Selection) -> list[Resource]:
    """The resources a selection of filters shows, in the order given."""
    chosen = _normalise(selection)
    return [r for r in resources if not _failing(facet_values(r), chosen)]


def option_counts(resources: Iterable[Resource], selection: Selection) -> dict[str, dict[str, int]]:
    """For each facet, how many resources each option would show if ticked now.

    An option's count honours every other facet's selection but not its own facet's, since
    options within a facet are alternatives (OR): the count is what ticking it would add.
    """
    chosen = _normalise(selection)
    counts: dict[str, dict[str, int]] = {key: {} for key in FACET_KEYS}
    for resource in resources:
        values = facet_values(resource)
        failing = _failing(values, chosen)
        if len(failing) > 1:
            continue  # hidden whichever single option changes
        for key in failing or FACET_KEYS:
            for value in values[key]:
                counts[key][value] = counts[key].get(value, 0) + 1
    return counts


def facets(hub: Hub, selection: Selection | None = None) -> list[Facet]:
    """The catalogue's filters with their options in display order and their counts.

    Only options some resource has are offered: a tick box that can only empty the list helps
    nobody. Topics and languages follow the campaign file's order.
    """
    counts = option_counts(hub.resources, selection or {})
    present = option_counts(hub.resources, {})
    labels: dict[str, list[tuple[str, str]]] = {
        "format": [(f.value, FORMAT_LABELS[f]) for f in ResourceFormat],
        "topic": [(t.id, t.title) for t in hub.campaign.topics],
        "time": [(b.id, b.label) for b in TIME_BANDS],
        "cost": [(c.value, COST_LABELS[c]) for c in Cost],
        "language": [(lang.code, lang.name) for lang in hub.campaign.languages],
        "audience": [(a.value, AUDIENCE_LABELS[a]) for a in Audience],
    }
    return [
        Facet(key, FACET_LABELS[key], tuple(
            Option(value, label, counts[key].get(value, 0))
            for value, label in labels[key] if present[key].get(value)
        ))
        for key in FACET_KEYS
    ]


def by_title(resources: Iterable[Resource]) -> list[Resource]:
    return sorted(resources, key=lambda r: (r.title.casefold(), r.id))


def groups(hub: Hub) -> list[tuple[Topic, list[Resource]]]:
    """Resources grouped under their first (main) topic, in campaign order, sorted by title.

    Each resource stands in exactly one group so that its card and anchor appear once; its
    other topics show as tags on the card.
    """
    by_topic: dict[str, list[Resource]] = {}
    for resource in hub.resources:
        by_topic.setdefault(resource.topics[0], []).append(resource)
    return [(t, by_title(by_topic[t.id])) for t in hub.campaign.topics if t.id in by_topic]


def topic_pages(hub: Hub) -> list[TopicPage]:
    """One entry per campaign topic: its resources, activities, prompts and conversation days."""
    return [
        TopicPage(
            topic=topic,
            resources=tuple(by_title(r for r in hub.resources if topic.id in r.topics)),
            activities=tuple(a for a in hub.activities if topic.id in a.topics),
            prompts=tuple(p for p in hub.prompts if topic.id in p.topics),
            days=tuple(d for d in hub.days if topic.id in d.topics),
        )
        for topic in hub.campaign.topics
    ]
