"""The typed content model: the one schema for validation, JSON Schema, and the Contribute page.

Each content file validates against one of the `*File` models below; `Hub` ties the files
together. Every record remembers where it came from (`Record.source`) so that rules across
files can name the file, line and field of a mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
)

if TYPE_CHECKING:
    from .load import Document, PathKey

# --- field types -------------------------------------------------------------------------------

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _check_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{value}' is not an IANA time zone name, e.g. Europe/London") from None
    return value


def _check_link(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https", "mailto"}:
        raise ValueError("links must start with http://, https:// or mailto:")
    if parts.scheme != "mailto" and not parts.netloc:
        raise ValueError("a web link needs a host, e.g. https://example.org/page")
    if any(c.isspace() for c in value):
        raise ValueError("a link may not contain spaces")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_RE, min_length=2, max_length=60),
    Field(description="A lowercase slug: letters, digits and single hyphens.",
          examples=["career-check-in"]),
]
Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=400),
    AfterValidator(_one_line),
    Field(description="Plain text on one line (line breaks are folded)."),
]
LongText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000),
    AfterValidator(_one_line),
    Field(description="Plain text, a paragraph (line breaks are folded)."),
]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=6000),
    Field(description="Markdown: paragraphs, lists, **bold**, *italic*, links (http, https, mailto).",
          json_schema_extra={"contentMediaType": "text/markdown"}),
]
Link = Annotated[
    str,
    StringConstraints(min_length=8, max_length=500),
    AfterValidator(_check_link),
    Field(description="An http, https or mailto link.", examples=["https://example.org/page"]),
]
_SITE_PATH_RE = re.compile(r"[A-Za-z0-9._~/%-]*")


def _check_site_url(value: str) -> str:
    # The site engine and its theme print the site's address unescaped (canonical links, the
    # sitemap, the 404 page's scripts), so it may hold nothing that needs escaping.
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError("the site's address must be an http:// or https:// URL with a host")
    host_ok = re.fullmatch(r"[A-Za-z0-9.-]+(?::[0-9]+)?", parts.netloc) is not None
    if not host_ok or parts.query or parts.fragment or not _SITE_PATH_RE.fullmatch(parts.path):
        raise ValueError("the site's address may hold only letters, digits and . - _ ~ / %, "
                         "e.g. https://learning.example.org/")
    return value


SiteUrl = Annotated[
    str,
    StringConstraints(min_length=10, max_length=200),
    AfterValidator(_check_site_url),
    Field(description="The address the hub is published at: http(s), a host and a plain path.",
          examples=["https://learning.example.org/"]),
]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(description="A colour as #rrggbb.", examples=["#3f51b5"]),
]
Minutes = Annotated[int, Field(ge=1, le=100_000, description="Whole minutes.")]
TimeZoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=60),
    AfterValidator(_check_zone),
    Field(description="An IANA time zone name.", examples=["Europe/London", "America/New_York"]),
]


class PackSize(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


class ResourceFormat(StrEnum):
    ARTICLE = "article"
    BOOK = "book"
    COMMUNITY = "community"
    COURSE = "course"
    GUIDE = "guide"
    PODCAST = "podcast"
    TOOL = "tool"
    VIDEO = "video"


class Cost(StrEnum):
    FREE = "free"
    PAID = "paid"


class ActivityCost(StrEnum):
    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"


class ActivityFormat(StrEnum):
    IN_PERSON = "in-person"
    REMOTE = "remote"
    HYBRID = "hybrid"


class Audience(StrEnum):
    EMPLOYEES = "employees"
    MANAGERS = "managers"
    LD = "l-and-d"


class AnswerType(StrEnum):
    SCALE = "scale"
    YES_NO = "yes-no"
    CHOICE = "choice"
    NUMBER = "number"
    TEXT = "text"


# --- records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a record stands: its document and its path inside it."""

    doc: Document
    loc: PathKey

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def line(self) -> int:
        return self.doc.mark(self.loc).line


class Record(BaseModel):
    """Base of every content record: strict keys, and a remembered origin."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)
    _source: Source | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Source:
        """The file and path this record was read from."""
        assert self._source is not None, "records are located by the loader"
        return self._source


class Strand(Record):
    """One of the year's three strands."""

    id: Slug
    title: Text
    summary: LongText


class Topic(Record):
    """A topic in the controlled list that resources, activities and prompts are tagged with."""

    id: Slug
    title: Text
    summary: LongText | None = None


class Theme(Record):
    """A prompt theme that cuts across the conversations (wellbeing, global teams, ...)."""

    id: Slug
    title: Text
    summary: LongText


class Language(Record):
    """A language resources may be in."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$"),
                    Field(examples=["en", "pt-BR"])]
    name: Text


class PackSettings(Record):
    """How the printed manager pack looks."""

    page_size: PackSize = PackSize.A4
    primary_colour: Colour = "#283593"
    accent_colour: Colour = "#00897b"


class Campaign(Record):
    """The year's campaign settings: one file, `content/campaign.yaml`."""

    organisation: Text
    hub_title: Text
    theme: Text
    theme_summary: Markdown
    week_start: dt.date = Field(description="The Monday the week starts, as YYYY-MM-DD.")
    conversation_time: dt.time = Field(
        default=dt.time(10, 0), description="Local start time of each day's conversation, HH:MM.")
    timezone: TimeZoneName = Field(default="Europe/London", description="An IANA time zone name.")
    site_url: SiteUrl = Field(description="Where the hub is published, for links in downloads.")
    contact: Link = Field(description="How to reach the L&D team, usually a mailto: link.")
    strands: list[Strand] = Field(min_length=3, max_length=3)
    topics: list[Topic] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1)
    pack: PackSettings = PackSettings()

    @property
    def week_dates(self) -> list[dt.date]:
        return [self.week_start + dt.timedelta(days=i) for i in range(5)]

    def after_week(self, days: int) -> dt.date:
        """The date `days` after the week ends (its Friday): when a follow-up is due."""
        return self.week_dates[-1] + dt.timedelta(days=days)


class DataPoint(Record):
    """One of the three data points a manager logs per person."""

    id: Slug
    title: Text
    description: LongText
    example: Text


class FollowUp(Record):
    """A checkpoint after the week (60 or 90 days)."""

    id: Slug
    days_after: int = Field(ge=7, le=365)
    title: Text
    guidance: Markdown


class CaseExample(Record):
    title: Text
    story: Markdown
    outcomes: list[Text] = Field(min_length=1)


class Playbook(Record):
    """The manager playbook overview: `content/playbook.yaml`."""

    why_manager_led: Markdown
    how_it_fits: Markdown
    opening_script: LongText
    data_points: list[DataPoint] = Field(min_length=3, max_length=3)
    follow_ups: list[FollowUp] = Field(min_length=1)
    case_example: CaseExample


class AgendaStep(Record):
    minutes: int = Field(ge=1, le=20)
    step: Text
    detail: LongText | None = None


class LogItem(Record):
    """What to write down after the conversation, and the data point it feeds."""

    data_point: Slug
    what: LongText


class Day(Record):
    """One conversation day of the playbook: `content/days/day-N.yaml`."""

    id: Slug
    number: int = Field(ge=1, le=5)
    title: Text
    question: Text = Field(description="The day's question in one line.")
    purpose: Markdown
    duration_minutes: int = Field(ge=5, le=20)
    opener: LongText = Field(description="A sentence the manager can say to open the conversation.")
    agenda: list[AgendaStep] = Field(min_length=2)
    prompts: list[Slug] = Field(min_length=3, description="Prompt ids from the prompt library.")
    log: list[LogItem] = Field(min_length=1)
    tips: list[LongText] = Field(min_length=1)
    wellbeing: LongText
    topics: list[Slug] = []


class Prompt(Record):
    """A question a manager can ask; lives in `prompts/*.yaml`."""

    id: Slug
    text: Text
    conversation: Slug | None = Field(default=None, description="The id of the day it belongs to.")
    themes: list[Slug] = []
    topics: list[Slug] = []
    listen_for: LongText | None = Field(default=None, description="What a good answer sounds like.")


class GroupSize(Record):
    min: int = Field(ge=1, le=1000)
    max: int = Field(ge=1, le=1000)


class Activity(Record):
    """An activation idea people can join or host: `content/activities/<id>.yaml`."""

    id: Slug
    title: Text
    summary: LongText
    minutes: Minutes = Field(description="How long the activity itself runs.")
    prep_minutes: int = Field(default=0, ge=0, le=10_000)
    cost: ActivityCost
    group_size: GroupSize
    formats: list[ActivityFormat] = Field(min_length=1)
    strand: Slug
    steps: list[LongText] = Field(min_length=3)
    builds: list[Text] = Field(min_length=1, description="What it builds in people and teams.")
    topics: list[Slug] = []
    needs_vendor: bool = False


class Cut(Record):
    """Something to stop doing, and what to do instead."""

    id: Slug
    title: Text
    why: LongText
    instead: LongText
    instead_activity: Slug | None = None


class CutFile(Record):
    intro: Markdown
    cuts: list[Cut] = Field(min_length=1)


class Resource(Record):
    """A curated resource; grouped in `content/resources/*.yaml`."""

    id: Slug
    title: Text
    link: Link
    format: ResourceFormat
    provider: Text
    topics: list[Slug] = Field(min_length=1)
    minutes: Minutes = Field(description="About how long it takes to read, watch or do.")
    cost: Cost
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$")] = "en"
    audience: list[Audience] = Field(default=[Audience.EMPLOYEES], min_length=1)
    note: Markdown = Field(description="The curator's note: why it is here and who it suits.")
    added: dt.date
    reviewed: dt.date


class ResourceFile(Record):
    resources: list[Resource] = Field(min_length=1)


class PromptFile(Record):
    prompts: list[Prompt] = Field(min_length=1)


class Indicator(Record):
    id: Slug
    title: Text
    description: LongText
    how_to_count: LongText


class PulseQuestion(Record):
    id: Slug
    wave: int = Field(description="60 or 90: days after the week.")
    question: Text
    answer_type: AnswerType
    options: list[Text] = []


class Outcome(Record):
    id: Slug
    title: Text
    description: LongText


class Measurement(Record):
    """Behaviour indicators, pulse questions and business outcomes: `content/measurement.yaml`."""

    intro: Markdown
    indicators: list[Indicator] = Field(min_length=1)
    pulse: list[PulseQuestion] = Field(min_length=2)
    outcomes: list[Outcome] = Field(min_length=1)


class Column(Record):
    """A tracking-sheet column.

    An id that names a sample-row field (`employee`, `role-family`, `target-date`, `status`, ...)
    takes that field's value and checks: a date, a status or role family from the lists. A
    column with `follow_up` records that check-in; the Summary sheet counts its filled cells.
    """

    id: Slug
    header: Text
    description: LongText
    width: int = Field(default=18, ge=6, le=80)
    follow_up: Slug | None = Field(
        default=None, description="The id of the playbook follow-up this column records, e.g. day-60.")


class RoleFamily(Record):
    id: Slug
    title: Text


class SampleRow(Record):
    role_family: Slug
    employee: Text
    role: Text
    focus_skill: Text
    learning_action: LongText
    manager_support: LongText
    target_date: dt.date
    status: Text


class Sheet(Record):
    """The tracking sheet's columns, role families, statuses and fictional samples."""

    intro: Markdown
    columns: list[Column] = Field(min_length=7)
    statuses: list[Text] = Field(min_length=2)
    role_families: list[RoleFamily] = Field(min_length=4)
    samples: list[SampleRow] = Field(min_length=4)


class Statistic(Record):
    id: Slug
    claim: LongText
    source: Text
    link: Link | None = None
    caveat: LongText


class EvidenceFile(Record):
    intro: Markdown
    statistics: list[Statistic] = Field(min_length=1)


class Question(Record):
    id: Slug
    question: Text
    answer: Markdown


class FaqFile(Record):
    questions: list[Question] = Field(min_length=5)


# --- the whole hub -----------------------------------------------------------------------------


class Hub(BaseModel):
    """Everything the renderers need, cross-checked."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    campaign: Campaign
    playbook: Playbook
    days: list[Day]
    prompts: list[Prompt]
    activities: list[Activity]
    cuts: CutFile
    resources: list[Resource]
    measurement: Measurement
    sheet: Sheet
    evidence: EvidenceFile
    faq: FaqFile
    build_date: dt.date

    def prompt(self, prompt_id: str) -> Prompt:
        return self.prompts_by_id[prompt_id]

    @property
    def prompts_by_id(self) -> dict[str, Prompt]:
        return {p.id: p for p in self.prompts}

    def day(self, day_id: str) -> Day:
        return next(d for d in self.days if d.id == day_id)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.campaign.topics if t.id == topic_id)

    def strand(self, strand_id: str) -> Strand:
        return next(s for s in self.campaign.strands if s.id == strand_id)

    def prompts_for_day(self, day: Day) -> list[Prompt]:
        by_id = self.prompts_by_id
        return [by_id[i] for i in day.prompts]


#: Which model each content file validates against, by its path relative to the project root.
FILE_KINDS: list[tuple[str, type[Record], str]] = [
    ("content/campaign.yaml", Campaign, "campaign"),
    ("content/playbook.yaml", Playbook, "playbook"),
    ("content/days/*.yaml", Day, "day"),
    ("prompts/*.yaml", PromptFile, "prompts"),
    ("content/activities/*.yaml", Activity, "activity"),
    ("content/cut.yaml", CutFile, "cuts"),
    ("content/resources/*.yaml", ResourceFile, "resources"),
    ("content/measurement.yaml", Measurement, "measurement"),
    ("content/sheet.yaml", Sheet, "sheet"),
    ("content/evidence.yaml", EvidenceFile, "evidence"),
    ("content/faq.yaml", FaqFile, "faq"),
]


def attach_sources(value: Any, doc: Document, loc: PathKey = ()) -> None:
    """Tell every record in a validated tree where it stands in `doc`."""
    if isinstance(value, Record):
        value._source = Source(doc, loc)
        for name in type(value).model_fields:
            attach_sources(getattr(value, name), doc, (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            attach_sources(item, doc, (*loc, i))


def is_slug(value: str) -> bool:
    return re.fullmatch(SLUG_RE, value) is not None
