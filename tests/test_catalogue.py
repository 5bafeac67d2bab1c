"""The resource catalogue: facet data (bands, "new", AND/OR, counts), the pages it renders, its weight."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.catalogue import MAX_PAGE_BYTES, page_weight
from bench.synthetic import make_synthetic_project
from generator import paths
from generator.site import api, catalogue, pages
from generator.content.hub import load_hub
from generator.content.model import Hub, Language, Resource, Topic

from .conftest import FIXTURES

BUILD = dt.date(2027, 5, 1)

# id, format, topics, minutes, cost, language, audience, days before the build it was added
ROWS = [
    ("pod-a", "podcast", ["coaching"], 10, "free", "en", ["employees"], 5),
    ("pod-b", "podcast", ["leadership", "coaching"], 45, "paid", "fr", ["managers"], 200),
    ("book-a", "book", ["wellbeing"], 300, "paid", "en", ["employees", "managers"], 31),
    ("vid-a", "video", ["coaching", "wellbeing"], 15, "free", "en", ["l-and-d"], 30),
    ("art-a", "article", ["leadership"], 16, "free", "en", ["employees"], 90),
]


def resource(row: tuple[Any, ...], **changes: Any) -> Resource:
    rid, fmt, topics, minutes, cost, language, audience, age = row
    data = {
        "id": rid, "title": f"Title of {rid}", "link": f"https://example.org/{rid}", "format": fmt,
        "provider": f"Provider {rid}", "topics": topics, "minutes": minutes, "cost": cost,
        "language": language, "audience": audience, "note": f"Why {rid} is *here*.",
        "added": BUILD - dt.timedelta(days=age), "reviewed": BUILD - dt.timedelta(days=age),
    }
    return Resource.model_validate(data | changes)


@pytest.fixture(scope="module")
def hub() -> Hub:
    """The tiny hub with three topics, two languages, the resources above and one tagged prompt."""
    base = load_hub(FIXTURES / "tiny", today=BUILD).hub
    campaign = base.campaign.model_copy(update={
        "topics": [Topic.model_validate({"id": i, "title": t}) for i, t in
                   [("coaching", "Coaching"), ("wellbeing", "Wellbeing"), ("leadership", "Leadership")]],
        "languages": [Language.model_validate({"code": "en", "name": "English"}),
                      Language.model_validate({"code": "fr", "name": "French"})],
    })
    prompts = [base.prompts[0].model_copy(update={"topics": ["wellbeing"]}), *base.prompts[1:]]
    return base.model_copy(update={"campaign": campaign, "prompts": prompts,
                                   "resources": [resource(row) for row in ROWS]})


def ids(resources: list[Resource]) -> list[str]:
    return [r.id for r in resources]


# --- facet data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "band"), [
    (1, "short"), (15, "short"), (16, "medium"), (60, "medium"), (61, "long"), (6000, "long"),
])
def test_time_bands_split_at_15_and_60_minutes(minutes: int, band: str) -> None:
    assert catalogue.time_band(minutes).id == band


@pytest.mark.parametrize(("days_before", "new"), [(0, True), (1, True), (30, True), (31, False), (365, False)])
def test_new_means_added_in_the_30_days_before_the_build(days_before: int, new: bool) -> None:
    row = (*ROWS[0][:-1], days_before)
    assert catalogue.is_new(resource(row), BUILD) is new


def test_a_resource_added_after_the_build_date_is_not_new() -> None:
    assert not catalogue.is_new(resource(ROWS[0]), BUILD - dt.timedelta(days=6))


def test_facet_values_are_what_the_card_carries() -> None:
    assert catalogue.facet_values(resource(ROWS[1])) == {
        "format": ("podcast",), "topic": ("leadership", "coaching"), "time": ("medium",),
        "cost": ("paid",), "language": ("fr",), "audience": ("managers",),
    }


@pytest.mark.parametrize(("selection", "expected"), [
    pytest.param({}, ["pod-a", "pod-b", "book-a", "vid-a", "art-a"], id="nothing-ticked"),
    pytest.param({"format": ["podcast"]}, ["pod-a", "pod-b"], id="one-option"),
    pytest.param({"format": ["podcast", "book"]}, ["pod-a", "pod-b", "book-a"], id="or-within"),
    pytest.param({"format": ["podcast"], "topic": ["leadership"]}, ["pod-b"], id="and-across"),
    pytest.param({"topic": ["coaching"]}, ["pod-a", "pod-b", "vid-a"], id="any-of-several-topics"),
    pytest.param({"time": ["short"]}, ["pod-a", "vid-a"], id="time-band"),
    pytest.param({"time": ["medium", "long"], "cost": ["free"]}, ["art-a"], id="bands-or-and-cost"),
    pytest.param({"audience": ["managers"], "language": ["en"]}, ["book-a"], id="audience-and-language"),
    pytest.param({"format": ["video"], "cost": ["paid"]}, [], id="nothing-matches"),
    pytest.param({"format": []}, ["pod-a", "pod-b", "book-a", "vid-a", "art-a"], id="empty-facet"),
])
def test_selection_is_and_across_facets_or_within_one(hub: Hub, selection: dict[str, list[str]],
                                                     expected: list[str]) -> None:
    assert ids(catalogue.select(hub.resources, selection)) == expected
    assert [catalogue.matches(r, selection) for r in hub.resources] == [r.id in expected for r in hub.resources]


def test_counts_without_filters_are_plain_tallies(hub: Hub) -> None:
    counts = catalogue.option_counts(hub.resources, {})
    assert counts["format"] == {"podcast": 2, "book": 1, "video": 1, "article": 1}
    assert counts["topic"] == {"coaching": 3, "leadership": 2, "wellbeing": 2}
    assert counts["time"] == {"short": 2, "medium": 2, "long": 1}
    assert counts["audience"] == {"employees": 3, "managers": 2, "l-and-d": 1}


def test_an_option_count_ignores_its_own_facet_but_honours_the_others(hub: Hub) -> None:
    counts = catalogue.option_counts(hub.resources, {"format": ["podcast"], "cost": ["free"]})
    # formats: what each would show with cost=free; podcast itself is ticked and counted the same way
    assert counts["format"] == {"podcast": 1, "video": 1, "article": 1}
    # costs: what each would show among podcasts
    assert counts["cost"] == {"free": 1, "paid": 1}
    # other facets: among the one free podcast shown
    assert counts["topic"] == {"coaching": 1}


SELECTIONS = st.fixed_dictionaries({}, optional={
    "format": st.sets(st.sampled_from(["podcast", "book", "video", "article", "tool"])),
    "topic": st.sets(st.sampled_from(["coaching", "wellbeing", "leadership"])),
    "time": st.sets(st.sampled_from(["short", "medium", "long"])),
    "cost": st.sets(st.sampled_from(["free", "paid"])),
    "language": st.sets(st.sampled_from(["en", "fr"])),
    "audience": st.sets(st.sampled_from(["employees", "managers", "l-and-d"])),
})


@settings(max_examples=200, deadline=None)
@given(selection=SELECTIONS)
def test_every_count_is_what_ticking_that_option_alone_in_its_facet_would_show(selection: dict[str, set[str]]) -> None:
    resources = [resource(row) for row in ROWS]
    counts = catalogue.option_counts(resources, selection)
    for key in catalogue.FACET_KEYS:
        for value in {v for r in resources for v in catalogue.facet_values(r)[key]}:
            alone = catalogue.select(resources, {**selection, key: {value}})
            assert counts[key].get(value, 0) == len(alone), (key, value)


def test_facets_offer_present_options_in_a_stable_order_with_labels(hub: Hub) -> None:
    facets = {f.key: f for f in catalogue.facets(hub)}
    assert list(facets) == ["format", "topic", "time", "cost", "language", "audience"]
    assert [(o.value, o.label, o.count) for o in facets["format"].options] == [
        ("article", "Article", 1), ("book", "Book", 1), ("podcast", "Podcast", 2), ("video", "Video or talk", 1)]
    assert [o.value for o in facets["topic"].options] == ["coaching", "wellbeing", "leadership"]
    assert [o.label for o in facets["time"].options] == [
        "Up to 15 minutes", "15 minutes to an hour", "More than an hour"]
    assert [(o.value, o.label) for o in facets["language"].options] == [("en", "English"), ("fr", "French")]
    assert [o.label for o in facets["audience"].options] == ["Employees", "Managers", "L&D"]


def test_a_topic_no_resource_has_is_not_offered(hub: Hub) -> None:
    fewer = hub.model_copy(update={"resources": hub.resources[:1]})
    topic = next(f for f in catalogue.facets(fewer) if f.key == "topic")
    assert [o.value for o in topic.options] == ["coaching"]


def test_groups_put_each_resource_once_under_its_first_topic_sorted_by_title(hub: Hub) -> None:
    groups = [(topic.id, ids(items)) for topic, items in catalogue.groups(hub)]
    assert groups == [("coaching", ["pod-a", "vid-a"]), ("wellbeing", ["book-a"]),
                      ("leadership", ["art-a", "pod-b"])]


def test_topic_pages_gather_everything_tagged_with_the_topic(hub: Hub) -> None:
    entries = {e.topic.id: e for e in catalogue.topic_pages(hub)}
    assert list(entries) == ["coaching", "wellbeing", "leadership"]
    coaching = entries["coaching"]
    assert ids(list(coaching.resources)) == ["pod-a", "pod-b", "vid-a"]
    assert [a.id for a in coaching.activities] == ["skill-swap"]
    assert [d.number for d in coaching.days] == [1, 2, 3, 4, 5]
    assert [p.id for p in entries["wellbeing"].prompts] == [hub.prompts[0].id]
    assert entries["leadership"].activities == () and entries["leadership"].prompts == ()


@pytest.mark.parametrize(("audience", "note"), [
    (["employees"], ""), (["employees", "managers"], ""), (["managers"], "managers"),
    (["managers", "l-and-d"], "managers and L&D"),
])
def test_a_card_names_its_audience_only_when_it_is_not_for_everyone(audience: list[str], note: str) -> None:
    assert catalogue.audience_note(resource(ROWS[0], audience=audience)) == note


# --- the pages -----------------------------------------------------------------------------------


class Cards(HTMLParser):
    """The catalogue's structure from a page: groups (h2 ids), cards in them, filter inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.group: str | None = None
        self.cards: list[dict[str, Any]] = []
        self.inputs: list[dict[str, str | None]] = []
        self.counts: list[str] = []
        self._in_count = False
        self.hidden: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "hidden" in a and a.get("class"):
            self.hidden.add(str(a["class"]))
        if tag == "h2" and a.get("id", "").startswith("topic_"):
            self.group = a["id"].removeprefix("topic_")
        elif tag == "article":
            self.cards.append({"group": self.group, "attrs": a, "id": None, "new": False})
        elif tag == "h3" and self.cards and self.cards[-1]["id"] is None:
            self.cards[-1]["id"] = a.get("id")
        elif tag == "strong" and a.get("class") == "lh-new":
            self.cards[-1]["new"] = True
        elif tag == "input":
            self.inputs.append(a)
        elif tag == "span" and a.get("class") == "lh-count":
            self._in_count = True

    def handle_data(self, data: str) -> None:
        if self._in_count:
            self.counts.append(data)
            self._in_count = False


@pytest.fixture(scope="module")
def rendered(hub: Hub) -> dict[str, pages.Page]:
    return {page.path: page for page in pages.render_site(hub)}


def parse(page: pages.Page) -> Cards:
    parser = Cards()
    parser.feed(page.content)
    return parser


def test_every_resource_has_one_card_with_its_anchor_in_its_main_topics_group(hub: Hub, rendered: dict[str, pages.Page]) -> None:
    cards = parse(rendered[paths.RESOURCES]).cards
    assert sorted(c["id"] for c in cards) == sorted(ids(hub.resources))
    assert {c["id"]: c["group"] for c in cards} == {r.id: r.topics[0] for r in hub.resources}


def test_cards_carry_their_facets_as_data_attributes(rendered: dict[str, pages.Page]) -> None:
    card = next(c for c in parse(rendered[paths.RESOURCES]).cards if c["id"] == "pod-b")
    assert {k: v for k, v in card["attrs"].items() if k.startswith("data-")} == {
        "data-format": "podcast", "data-topics": "leadership coaching", "data-cost": "paid",
        "data-language": "fr", "data-minutes": "45", "data-audience": "managers",
    }


def test_only_resources_added_in_the_last_30_days_have_the_new_badge(rendered: dict[str, pages.Page]) -> None:
    cards = parse(rendered[paths.RESOURCES]).cards
    assert sorted(c["id"] for c in cards if c["new"]) == ["pod-a", "vid-a"]


def test_a_card_shows_title_link_facts_provider_note_and_topic_tags(rendered: dict[str, pages.Page]) -> None:
    content = rendered[paths.RESOURCES].content
    card = re.search(r'<article[^>]*><h3 id="pod-b">.*?</article>', content, re.DOTALL)
    assert card is not None
    markup = card.group(0)
    assert '<a href="https://example.org/pod-b" lang="fr">Title of pod-b</a></h3>' in markup  # in French, and says so
    assert "Podcast · 45 min · Paid · French</p>" in markup
    assert "Provider pod-b · for managers · checked " in markup
    assert "<p>Why pod-b is <em>here</em>.</p>" in markup
    assert '<a href="topics/leadership/">Leadership</a><a href="topics/coaching/">Coaching</a>' in markup


def test_filters_list_every_offered_option_with_its_count_and_wait_for_javascript(
        hub: Hub, rendered: dict[str, pages.Page]) -> None:
    parsed = parse(rendered[paths.RESOURCES])
    boxes = [(i["name"], i["value"]) for i in parsed.inputs if i.get("type") == "checkbox"]
    facets = catalogue.facets(hub)
    assert boxes == [(f.key, o.value) for f in facets for o in f.options]
    assert parsed.counts == [str(o.count) for f in facets for o in f.options]
    # without JavaScript the tick boxes could do nothing: they and the live count stay hidden
    assert {"lh-filterbox", "lh-results", "lh-empty"} <= parsed.hidden
    assert 'role="status" aria-live="polite"' in rendered[paths.RESOURCES].content


def test_each_topic_has_a_page_with_its_resources_activities_and_prompts(
        hub: Hub, rendered: dict[str, pages.Page]) -> None:
    coaching = rendered["resources/topics/coaching.md"]
    assert coaching.title == "Coaching"
    assert 'href="../../?topic=coaching"' in coaching.content
    copies = parse(coaching).cards
    assert [c["id"] for c in copies] == [None, None, None]  # copies: the anchor stays in the catalogue
    assert len(copies) == 3 and "data-search-exclude" in coaching.content
    assert 'href="../../../activities/skill-swap/">Skill swap</a>' in coaching.content
    assert "Day 1: " in coaching.content
    wellbeing = rendered["resources/topics/wellbeing.md"]
    prompt = hub.prompts[0]
    assert f'href="../../../managers/prompts/#{prompt.id}">' in wellbeing.content
    assert "No activation idea is tagged with this topic yet." in rendered["resources/topics/leadership.md"].content


def test_topic_pages_are_listed_under_resources_in_the_navigation(hub: Hub) -> None:
    nav = pages.navigation(hub)
    resources = next(item["Resources"] for item in nav if "Resources" in item)
    assert resources == [{"Resources": "resources/index.md"},
                         {"Coaching": "resources/topics/coaching.md"},
                         {"Wellbeing": "resources/topics/wellbeing.md"},
                         {"Leadership": "resources/topics/leadership.md"}]


def test_hub_json_points_each_resource_at_its_card(hub: Hub, rendered: dict[str, pages.Page]) -> None:
    content = rendered[paths.RESOURCES].content
    for item in api.hub_data(hub)["resources"]:
        page_url, anchor = item["url"].split("#")
        assert page_url == "resources/"
        assert f'<h3 id="{anchor}">' in content


def test_content_cannot_inject_markup_into_a_card(hub: Hub) -> None:
    hostile = resource(ROWS[0], title='<img src=x onerror="alert(1)"> & {: .x}', provider="<b>Me</b>",
                       note="[click](javascript:alert(1)) <script>alert(2)</script>")
    page = next(p for p in pages.render_site(hub.model_copy(update={"resources": [hostile]}))
                if p.path == paths.RESOURCES)
    card = page.content[page.content.index("<article"):page.content.index("</article>")]
    assert "<img" not in card and "<script" not in card and "<b>" not in card
    assert "javascript:" not in card
    title = re.search(r"<h3[^>]*><a [^>]*>(.*?)</a></h3>", card)
    assert title is not None and html.unescape(title.group(1)) == hostile.title


# --- weight at scale -----------------------------------------------------------------------------

CARDS = 2000


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic 2,000-resource project, built by the real engine (pages only: the downloads
    do not change the catalogue page, and take most of a build's time)."""
    root = make_synthetic_project(tmp_path_factory.mktemp("big") / "hub", CARDS)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "build"],
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "LEARNHUB_DOWNLOADS": "off"})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_the_built_catalogue_page_stays_under_1_5_mb_at_2000_resources(big_site: Path) -> None:
    """The page as served, theme and all, measured (bench/catalogue.py records the same figure)."""
    page = big_site / "resources" / "index.html"
    cards = len(re.findall(r"<article data-format=", page.read_text(encoding="utf-8")))
    assert cards == CARDS, "the page measured must hold every card"
    weight = page_weight(big_site)
    assert weight <= MAX_PAGE_BYTES, f"{weight:,} bytes at {CARDS:,} resources (budget {MAX_PAGE_BYTES:,})"


# --- the built site ------------------------------------------------------------------------------


def test_search_finds_each_resource_by_title_note_and_topic_and_leads_to_its_card(site: Path) -> None:
    shipped = load_hub(site.parent).hub
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {d["location"]: d for d in index["docs"]}
    topics = {t.id: t.title for t in shipped.campaign.topics}
    for r in shipped.resources:
        entry = entries.get(f"resources/#{r.id}")
        assert entry is not None, f"no search entry for {r.id}"
        assert entry["title"] == r.title
        words = re.sub(r"<[^>]+>", " ", entry["text"])
        first_words = " ".join(re.sub(r"[*_`\[\]]", "", r.note).split()[:3])
        assert first_words in " ".join(words.split()), r.id
        assert all(topics[t] in entry["text"] for t in r.topics), r.id
    # the copies on topic pages are not indexed, so a search leads to the card itself
    topic_pages = " ".join(d["title"] + " " + d["text"] for d in index["docs"]
                           if d["location"].startswith("resources/topics/"))
    for r in shipped.resources:
        assert " ".join(r.note.split())[:60] not in topic_pages, r.id


def test_the_built_catalogue_loads_its_script_from_the_site_itself(site: Path) -> None:
    html = (site / "resources" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="(\.\./)+assets/catalogue\.js"', html)
    script = (site / "assets" / "catalogue.js").read_text(encoding="utf-8")
    assert "document$" in script and "http" not in script  # instant navigation; nothing fetched
