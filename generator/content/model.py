"""The typed content model: the one schema for validation, JSON Schema, and the Contribute page.

Each content file validates against one of the `*File` models below; `Hub` ties the files
together. Every record remembers where it came from (`Record.source`) so that rules across
files can name the file, line and field of a mistake. Field descriptions and examples here
are what editors see in their YAML language server and on the hub's Contribute page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    WithJsonSchema,
)

if TYPE_CHECKING:
    from .load import Document, PathKey

# --- field types -------------------------------------------------------------------------------

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COLOUR_RE = r"^#[0-9a-fA-F]{6}$"
LANGUAGE_RE = r"^[a-z]{2,3}(?:-[A-Z]{2})?$"
CLOCK_RE = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
#: Only for editors' JSON Schema; `_check_link` gives the precise message when validating.
LINK_RE = r"^(?:https?://[^\s/?#]+|mailto:[^\s]+)[^\s]*$"
#: For editors' JSON Schema too; `_check_site_url` words the message.
SITE_URL_RE = r"^https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~/%-]*)?$"

#: Scaffolded entries (`learnhub new`) hold values starting with this until someone fills them in.
PLACEHOLDER = "TODO"


def is_placeholder(value: object) -> bool:
    """True for a value `learnhub new` left to be filled in."""
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER)


def _filled(value: str) -> str:
    if is_placeholder(value):
        raise ValueError("placeholder")  # validate.py words the message for every type alike
    return value


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _check_link(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https", "mailto"}:
        raise ValueError("links must start with http://, https:// or mailto:")
    if parts.scheme != "mailto" and not parts.netloc:
        raise ValueError("a web link needs a host, e.g. https://example.org/page")
    if any(c.isspace() for c in value):
        raise ValueError("a link may not contain spaces")
    return value


def _check_contact(value: str) -> str:
    """A support contact: a web page, an e-mail address or a telephone number (tel:+44...)."""
    if value.startswith("tel:"):
        if not re.fullmatch(r"tel:\+?[0-9][0-9-]{1,30}", value):
            raise ValueError("a telephone link is tel: and the number in digits and hyphens, "
                             "e.g. tel:+44-116-123")
        return value
    return _check_link(value)


def _clock_from_text(value: Any) -> Any:
    """Refuse numbers: YAML 1.1 reads an unquoted 10:00 as sexagesimal 600, not a time."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, int) and 0 <= value < 24 * 60:
        hours, minutes = divmod(value, 60)
        written = f"{hours}:{minutes:02d}"
        raise ValueError(f'YAML reads an unquoted {written} as the number {value}; '
                         f'write the time in quotes: "{hours:02d}:{minutes:02d}"')
    raise ValueError(f'expected a time in quotes, such as "10:00", found the number {value}')


def _check_time_zone(value: str) -> str:
    """An IANA zone the calendar can use; skipped where the machine has no zone database at all."""
    import difflib
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        known = zoneinfo.available_timezones()
        if not known:
            return value
        close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ", such as Europe/London"
        raise ValueError(f"'{value}' is not an IANA time zone name{hint}") from None
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
    AfterValidator(_filled),
    AfterValidator(_one_line),
    Field(description="Plain text on one line (line breaks are folded)."),
]
LongText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000),
    AfterValidator(_filled),
    AfterValidator(_one_line),
    Field(description="Plain text, a paragraph (line breaks are folded)."),
]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=6000),
    AfterValidator(_filled),
    Field(description="Markdown: paragraphs, lists, **bold**, *italic*, links (http, https, mailto).",
          json_schema_extra={"contentMediaType": "text/markdown"}),
]
Link = Annotated[
    str,
    StringConstraints(min_length=8, max_length=500),
    AfterValidator(_check_link),
    Field(description="An http, https or mailto link.", examples=["https://example.org/page"],
          json_schema_extra={"pattern": LINK_RE}),
]
#: For editors' JSON Schema; `_check_contact` words the message.
CONTACT_RE = r"^(?:https?://[^\s/?#]+[^\s]*|mailto:[^\s]+|tel:\+?[0-9][0-9-]{1,30})$"
ContactLink = Annotated[
    str,
    StringConstraints(min_length=5, max_length=500),
    AfterValidator(_check_contact),
    Field(description="An https, mailto or tel link (tel: with the number in digits and hyphens).",
          examples=["tel:+44-116-123", "https://example.org/support"],
          json_schema_extra={"pattern": CONTACT_RE}),
]
CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="A country code of two capital letters (ISO 3166-1 alpha-2).", examples=["GB"]),
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
          examples=["https://learning.example.org/"], json_schema_extra={"pattern": SITE_URL_RE}),
]
Colour = Annotated[
    str,
    StringConstraints(pattern=COLOUR_RE),
    Field(description="A colour as #rrggbb.", examples=["#3f51b5"]),
]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_RE),
    Field(description="A language code: two or three lowercase letters, optionally a region.",
          examples=["en", "pt-BR"]),
]
TimeZoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=60),
    AfterValidator(_check_time_zone),
    Field(description="An IANA time zone name, as Area/City.", examples=["Europe/London"]),
]
ClockTime = Annotated[
    dt.time,
    BeforeValidator(_clock_from_text),
    WithJsonSchema({"type": "string", "pattern": CLOCK_RE,
                    "description": 'A 24-hour time in quotes, "HH:MM".', "examples": ["10:00"]}),
]
#: Whole numbers are strict: YAML gives real integers, so `true` or `"12"` is a mistake, not 1 or 12.
Whole = Annotated[int, Strict()]
Flag = Annotated[bool, Strict(), Field(description="true or false.")]
Minutes = Annotated[Whole, Field(ge=1, le=100_000, description="Whole minutes.", examples=[30])]


class PackSize(StrEnum):
    """A paper size for the printed manager pack."""

    A4 = "A4"
    LETTER = "Letter"


class ResourceFormat(StrEnum):
    """What kind of thing a resource is; resources are grouped by it."""

    ARTICLE = "article"
    BOOK = "book"
    COMMUNITY = "community"
    COURSE = "course"
    GUIDE = "guide"
    PODCAST = "podcast"
    TOOL = "tool"
    VIDEO = "video"


class Cost(StrEnum):
    """Whether a resource costs money: free, free with limits (a free tier, an audit without the
    certificate, a few articles a month), or paid."""

    FREE = "free"
    FREE_WITH_LIMITS = "free-with-limits"
    PAID = "paid"


class ActivityCost(StrEnum):
    """What an activity costs to run: none, low (snacks, a room) or moderate."""

    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"


class ActivityFormat(StrEnum):
    """Where people take part in an activity."""

    IN_PERSON = "in-person"
    REMOTE = "remote"
    HYBRID = "hybrid"


class Audience(StrEnum):
    """Who a resource is chosen for."""

    EMPLOYEES = "employees"
    MANAGERS = "managers"
    LD = "l-and-d"


class AnswerType(StrEnum):
    """How a pulse question is answered."""

    SCALE = "scale"
    YES_NO = "yes-no"
    CHOICE = "choice"
    NUMBER = "number"
    TEXT = "text"
    #: The person's function: one of the tracking sheet's role families (the options come from there).
    FUNCTION = "function"
    #: The person's team as they name it; matched to the returned sheets' teams, never copied.
    TEAM = "team"


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
    """One of the year's three strands: a way into the theme that activities belong to."""

    id: Slug = Field(description="The strand's id; activities name it as their strand.",
                     examples=["skills-we-share"])
    title: Text = Field(description="The strand's name as shown on the hub.",
                        examples=["Skills we already share"])
    summary: LongText = Field(description="One or two sentences on what the strand is about.",
                              examples=["Finding the know-how colleagues already have and passing it on."])


class Topic(Record):
    """A topic in the controlled list that resources, activities, days and prompts are tagged with."""

    id: Slug = Field(description="The topic's id, used in every list of topics.", examples=["coaching"])
    title: Text = Field(description="The topic's name, shown in filters and tags.", examples=["Coaching"])
    summary: LongText | None = Field(default=None, description="An optional sentence explaining the topic.",
                                     examples=["Helping someone find their own answers through good questions."])


class Theme(Record):
    """A prompt theme that cuts across the conversations (wellbeing, global teams, ...)."""

    id: Slug = Field(description="The theme's id, used in the themes of prompts.", examples=["wellbeing"])
    title: Text = Field(description="The theme's name, a heading in the prompt library.",
                        examples=["Mental health and wellbeing"])
    summary: LongText = Field(description="When these prompts help.",
                              examples=["Questions that keep learning at a pace that gives energy."])
    with_guidance: Flag = Field(default=False, description="true to show the playbook's wellbeing guidance "
                                                           "and support contacts with these prompts.",
                                examples=[True])


class Language(Record):
    """A language resources may be in."""

    code: LanguageCode = Field(description="The language code resources give as their language.",
                               examples=["en"])
    name: Text = Field(description="The language's name as readers know it.", examples=["English"])


class HubLanguage(Record):
    """A language the hub itself is published in; the first of the campaign's list is the source."""

    code: LanguageCode = Field(description="The language's code, with its region where it matters.",
                               examples=["pt-PT"])
    name: Text = Field(description="The language's name in that language, for the language switch.",
                       examples=["Português"])
    prefix: Slug | None = Field(default=None, description="The folder the language's hub lives in, such as "
                                "pt for /pt/...; by default the code's language part. The source language "
                                "lives at the root.", examples=["pt"])

    @property
    def folder(self) -> str:
        """Where this language's hub lives below the site's root, when it is not the source."""
        return self.prefix or self.code.split("-")[0].lower()


class PackSettings(Record):
    """How the printed manager pack looks."""

    page_size: PackSize = Field(default=PackSize.A4, description="The default paper size of the pack.",
                                examples=["A4"])
    primary_colour: Colour = Field(default="#283593", description="Headings and rules in the pack.",
                                   examples=["#283593"])
    accent_colour: Colour = Field(default="#00897b", description="Highlights and callouts in the pack.",
                                  examples=["#00897b"])


class SupportContact(Record):
    """Somewhere people can turn for support, such as the Employee Assistance Programme."""

    name: Text = Field(description="Who they are, as people will recognise them.",
                       examples=["Employee Assistance Programme (confidential, free)"])
    contact: ContactLink = Field(description="How to reach them: a tel:, mailto: or https link.",
                                 examples=["tel:+44-800-000-0000"])
    hours: Text | None = Field(default=None, description="When they answer, if not at any time.",
                               examples=["24 hours a day, every day"])


class Country(Record):
    """A country the campaign runs in: its public holidays are checked, its support is shown."""

    code: CountryCode = Field(description="The country's two-letter code; its public holidays are "
                                          "checked against the week's dates.", examples=["GB"])
    name: Text = Field(description="The country's name as readers know it.", examples=["United Kingdom"])
    regions: list[Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,3}$")]] = Field(
        default=[], description="Regions whose own public holidays count too, by the codes of the holidays "
                                "package (ISO 3166-2 without the country), e.g. BY for Bavaria.",
        examples=[["BY", "NW"]])
    support: list[SupportContact] = Field(default=[], description="Support contacts for people in this "
                                                                  "country, the EAP first.")


class PrivacySettings(Record):
    """What the privacy notice says about the tracking sheet and the pulse survey."""

    retention: Text = Field(default=("Tracking sheets are deleted three months after the 90-day review; "
                                     "survey answers are deleted once the counts are made."),
                            description="How long the sheets and survey answers are kept, then what happens.",
                            examples=["Deleted three months after the 90-day review."])
    contact: Link | None = Field(default=None, description="Who to ask about personal data, usually the data "
                                                           "protection officer; the L&D contact if empty.",
                                 examples=["mailto:privacy@example.org"])


class Campaign(Record):
    """The year's campaign settings: the theme, its strands, dates, topics and prompt themes."""

    organisation: Text = Field(description="The organisation's name as it appears in the hub.",
                               examples=["Northwind Logistics"])
    hub_title: Text = Field(description="The site's name, shown in the header and browser tab.",
                            examples=["Learning at Work Week 2027"])
    theme: Text = Field(description="The year's theme in one line.",
                        examples=["Hidden in plain sight: the learning already around us"])
    theme_summary: Markdown = Field(description="A few paragraphs introducing the theme on the home page.",
                                    examples=["Most of what we need to learn is already **around us**."])
    week_start: dt.date = Field(description="The Monday the week starts, as YYYY-MM-DD.",
                                examples=["2027-05-17"])
    conversation_time: ClockTime = Field(
        default=dt.time(10, 0), description='Local start time of each day\'s conversation, in quotes: "HH:MM".',
        json_schema_extra={"default": "10:00"})
    timezone: TimeZoneName = Field(default="Europe/London", examples=["Europe/London"],
                                   description="The time zone of the week's dates and times, for the calendar.")
    site_url: SiteUrl = Field(description="Where the hub is published, for links in downloads.",
                           examples=["https://learning.example.org/"])
    contact: Link = Field(description="How to reach the L&D team, usually a mailto: link.",
                          examples=["mailto:learning@example.org"])
    strands: list[Strand] = Field(min_length=3, max_length=3, description="Exactly three strands of the theme.")
    topics: list[Topic] = Field(min_length=1, description="The controlled list of topics content is tagged with.")
    themes: list[Theme] = Field(min_length=1, description="Prompt themes that cut across the five days.")
    languages: list[Language] = Field(min_length=1, description="Languages resources may be in.")
    pack: PackSettings = Field(default=PackSettings(), description="Settings for the printed manager pack.")
    hub_languages: list[HubLanguage] = Field(
        default=[HubLanguage(code="en", name="English")], min_length=1,
        description="The languages the hub is published in; the first is the one the content is written "
                    "in, each other has its translations in content/i18n/<code>/.",
        examples=[[{"code": "en", "name": "English"}, {"code": "pt-PT", "name": "Português", "prefix": "pt"}]])
    countries: list[Country] = Field(default=[], description="Countries the week runs in: their public "
                                                             "holidays are checked and their support shown.")
    privacy: PrivacySettings = Field(default=PrivacySettings(), description="What the privacy notice says.")
    reporting_threshold: Whole = Field(default=5, ge=3, le=100,
                                       description="The smallest group any result is shown for; never below 3.",
                                       examples=[5])

    @property
    def week_dates(self) -> list[dt.date]:
        return [self.week_start + dt.timedelta(days=i) for i in range(5)]

    def after_week(self, days: int) -> dt.date:
        """The date `days` after the week ends (its Friday): when a follow-up is due."""
        return self.week_dates[-1] + dt.timedelta(days=days)


class DataPoint(Record):
    """One of the three data points a manager logs per person."""

    id: Slug = Field(description="The data point's id; each day's log items name it.",
                     examples=["learning-opportunity"])
    title: Text = Field(description="Its name, a column heading in the tracking sheet.",
                        examples=["Learning opportunity"])
    description: LongText = Field(description="What to record and what a good entry looks like.",
                                  examples=["One focus skill and the learning action that will build it."])
    example: Text = Field(description="A short, fictional example entry.",
                          examples=["A weekly 15-minute debrief after each shadowed call."])


class FollowUp(Record):
    """A checkpoint after the week (60 or 90 days)."""

    id: Slug = Field(description="The follow-up's id.", examples=["day-60"])
    days_after: Whole = Field(ge=7, le=365, description="How many days after the week it happens.",
                              examples=[60])
    title: Text = Field(description="Its heading.", examples=["60-day check-in"])
    date: dt.date | None = Field(default=None, examples=["2027-07-20"],
                                 description="A date set by hand, as YYYY-MM-DD; without it, days_after the "
                                             "week, moved to the next working day in every country.")
    guidance: Markdown = Field(description="What the manager does at this checkpoint.",
                               examples=["Open the tracking sheet together and update the **Status** column."])


class CaseExample(Record):
    """A worked example of the week in a real-looking team."""

    title: Text = Field(description="The example's heading.",
                        examples=["Illustrative case: a ten-person support team"])
    story: Markdown = Field(description="What happened, in a few paragraphs; say plainly if it is illustrative.",
                            examples=["During the skill-gap scan, several people said they knew the product best."])
    outcomes: list[Text] = Field(min_length=1, description="What changed, one line each.",
                                 examples=[["Three people became product trainers."]])


class Playbook(Record):
    """The manager playbook overview: why manager-led, the opening script, data points, follow-ups."""

    why_manager_led: Markdown = Field(description="Why the week runs through managers rather than events.",
                                      examples=["People learn most at work from the **work itself**."])
    how_it_fits: Markdown = Field(description="How the five conversations build on each other.",
                                  examples=["1. **Career check-in** (Monday) looks ahead."])
    opening_script: LongText = Field(description="A script managers can read out on the first day.",
                                     examples=[("This week I'd like to spend up to twenty minutes with you "
                                                "each day on your development.")])
    data_points: list[DataPoint] = Field(min_length=3, max_length=3,
                                         description="Exactly three data points logged per person.")
    follow_ups: list[FollowUp] = Field(min_length=1, description="Checkpoints after the week.")
    case_example: CaseExample = Field(description="One worked example.")
    wellbeing_guidance: Markdown | None = Field(
        default=None, description="What a manager does when someone talks about their health: listening, "
                                  "the limits of confidentiality, adjustments, when to escalate. Shown with "
                                  "the wellbeing prompts, on each day's page and in the pack.",
        examples=["Listen first. Ask what would help; do not diagnose."])
    big_teams: Markdown | None = Field(
        default=None, description="How to run the week with a large, shift-based or frontline team.",
        examples=["With twenty people, hold Tuesday and Wednesday in groups of three or four."])
    habits: Markdown | None = Field(
        default=None, description="Habits that keep learning going after the week, for managers and teams.",
        examples=["Ask *What have you learned this week?* at every team meeting."])


class AgendaStep(Record):
    """One timed step of a day's conversation."""

    minutes: Whole = Field(ge=1, le=20, description="How long the step takes; the steps add up to the day.",
                           examples=[5])
    step: Text = Field(description="What happens, in a few words.", examples=["Two role moves ahead"])
    detail: LongText | None = Field(default=None, description="Optional guidance for the manager.",
                                    examples=["Ask where they would like their work to be two moves from now."])


class LogItem(Record):
    """What to write down after the conversation, and the data point it feeds."""

    data_point: Slug = Field(description="The id of a data point in the playbook.",
                             examples=["learning-opportunity"])
    what: LongText = Field(description="What to write down.", examples=["A first idea of the focus skill."])


class Day(Record):
    """One conversation day of the playbook, one file per day."""

    id: Slug = Field(description="The day's id; prompts name it as their conversation.",
                     examples=["career-check-in"])
    number: Whole = Field(ge=1, le=5, description="Its place in the week, 1 (Monday) to 5 (Friday).",
                          examples=[1])
    title: Text = Field(description="The conversation's name.", examples=["Career check-in"])
    question: Text = Field(description="The day's question in one line.",
                           examples=["Where would you like your work to be two role moves from now?"])
    purpose: Markdown = Field(description="Why this conversation matters and what it should produce.",
                              examples=["Start the week by looking ahead."])
    duration_minutes: Whole = Field(ge=5, le=20,
                                    description="The conversation's length: at most 20 minutes, "
                                                "and equal to the agenda's total.",
                                    examples=[20])
    opener: LongText = Field(description="A sentence the manager can say to open the conversation.",
                             examples=["Today I'd love to hear where you'd like your work to take you."])
    agenda: list[AgendaStep] = Field(min_length=2, description="The timed steps, in order.")
    prompts: list[Slug] = Field(min_length=3, description="Prompt ids from the prompt library.",
                                examples=[["cc-two-moves", "cc-energy", "cc-proud"]])
    log: list[LogItem] = Field(min_length=1, description="What to write down afterwards.")
    tips: list[LongText] = Field(min_length=1, description="Short tips for the manager.",
                                 examples=[["Listen more than you talk."]])
    wellbeing: LongText = Field(description="How to keep the conversation safe and kind.",
                                examples=["If the person is stretched this week, keep it short."])
    topics: list[Slug] = Field(default=[], description="Topic ids from the campaign's list.",
                               examples=[["career-development"]])


class Prompt(Record):
    """A question a manager can ask, for one conversation day or a theme."""

    id: Slug = Field(description="The prompt's id; days list it among their prompts.", examples=["cc-two-moves"])
    text: Text = Field(description="The question, as the manager would ask it.",
                       examples=["Which parts of your work give you the most energy at the moment?"])
    conversation: Slug | None = Field(default=None, description="The id of the day it belongs to.",
                                      examples=["career-check-in"])
    themes: list[Slug] = Field(default=[], description="Theme ids from the campaign; needed without a conversation.",
                               examples=[["wellbeing"]])
    topics: list[Slug] = Field(default=[], description="Topic ids from the campaign's list.",
                               examples=[["career-development"]])
    listen_for: LongText | None = Field(default=None, description="What a good answer sounds like.",
                                        examples=["Patterns in what motivates them."])


class GroupSize(Record):
    """How many people an activity suits."""

    min: Whole = Field(ge=1, le=1000, description="The fewest people it works with.", examples=[4])
    max: Whole = Field(ge=1, le=1000, description="The most people it works with.", examples=[12])


class Activity(Record):
    """An activation idea people can join or host, one file per idea."""

    id: Slug = Field(description="The activity's id, also its file name and page address.",
                     examples=["skill-swap"])
    title: Text = Field(description="The activity's name.", examples=["Brown-bag skill swap"])
    summary: LongText = Field(description="One or two sentences: what happens.",
                              examples=["Colleagues teach each other a skill over lunch, ten minutes each."])
    minutes: Minutes = Field(description="Total time of one session, start to finish, without the host's "
                                         "preparation (for a recurring activity, one meeting).", examples=[60])
    prep_minutes: Whole = Field(default=0, ge=0, le=10_000, description="Preparation time for the host.",
                                examples=[30])
    cost: ActivityCost = Field(description="What it costs to run.", examples=["none"])
    group_size: GroupSize = Field(description="How many people it suits.")
    formats: list[ActivityFormat] = Field(min_length=1, description="Where people can take part.",
                                          examples=[["in-person", "remote"]])
    strand: Slug = Field(description="The id of the campaign strand it belongs to.",
                         examples=["skills-we-share"])
    steps: list[LongText] = Field(min_length=3, description="How to run it, at least three steps in order.",
                                  examples=[["Book a room and invite the team."]])
    builds: list[Text] = Field(min_length=1, description="What it builds in people and teams.",
                               examples=[["Confidence in teaching others"]])
    topics: list[Slug] = Field(default=[], description="Topic ids from the campaign's list.",
                               examples=[["mentoring"]])
    needs_vendor: Flag = Field(default=False, description="true if it needs an outside supplier.",
                               examples=[False])
    owner: Text | None = Field(default=None, description="The team or role that keeps it accurate (no personal "
                                                         "names).", examples=["L&D team"])
    reviewed: dt.date | None = Field(default=None, description="When it was last checked, as YYYY-MM-DD.",
                                     examples=["2026-11-01"])
    review_by: dt.date | None = Field(default=None, description="When it must be checked again, as YYYY-MM-DD; "
                                                                "past it gives a warning.",
                                      examples=["2027-11-01"])


class Cut(Record):
    """Something to stop doing, and what to do instead."""

    id: Slug = Field(description="The cut's id.", examples=["generic-webinars"])
    title: Text = Field(description="What to cut.", examples=["Generic webinars"])
    why: LongText = Field(description="Why it does not change behaviour.",
                          examples=["Attendance is easy to count but rarely changes how people work."])
    instead: LongText = Field(description="What to do instead.",
                              examples=["Run a lightning-talk session where colleagues share one skill."])
    instead_activity: Slug | None = Field(default=None, description="The id of an activity that replaces it.",
                                          examples=["skill-swap"])


class CutFile(Record):
    """What to cut from the usual campaign, and what to do instead."""

    intro: Markdown = Field(description="A paragraph introducing the list.",
                            examples=["Some familiar parts of the week cost time and change little."])
    cuts: list[Cut] = Field(min_length=1, description="The things to cut.")


class Resource(Record):
    """A curated resource: a book, article, podcast, course, tool or community."""

    id: Slug = Field(description="The resource's id, unique across all resource files.",
                     examples=["flow-of-work"])
    title: Text = Field(description="Its title as the provider gives it.",
                        examples=["Making learning a part of everyday work"])
    link: Link = Field(description="Where to find it: an http, https or mailto link you have checked.",
                       examples=["https://hbr.org/2019/02/making-learning-a-part-of-everyday-work"])
    format: ResourceFormat = Field(description="What kind of thing it is.", examples=["article"])
    provider: Text = Field(description="Who publishes it.", examples=["Harvard Business Review"])
    topics: list[Slug] = Field(min_length=1, description="Topic ids from the campaign's controlled list.",
                               examples=[["coaching", "career-development"]])
    minutes: Minutes = Field(description="Total time to read, watch or finish it: the whole book or course, "
                                         "not one lesson. For something open-ended (an app, a podcast, a "
                                         "collection), the time for what the note suggests, and the note "
                                         "says what that is.", examples=[12])
    cost: Cost = Field(description="Whether it costs money.", examples=["free"])
    language: LanguageCode = Field(default="en", description="A language code from the campaign's list.",
                                   examples=["en"])
    audience: list[Audience] = Field(default=[Audience.EMPLOYEES], min_length=1,
                                     description="Who it is chosen for.", examples=[["employees", "managers"]])
    note: Markdown = Field(description="The curator's note: why it is here and who it suits.",
                           examples=["Short and practical: three habits that make learning part of the job."])
    added: dt.date = Field(description="When it was added, as YYYY-MM-DD.", examples=["2026-11-01"])
    reviewed: dt.date = Field(description="When the link and note were last checked, as YYYY-MM-DD; "
                                          "older than 12 months gives a warning.",
                              examples=["2026-11-01"])
    owner: Text | None = Field(default=None, description="The team or role that keeps it accurate (no personal "
                                                         "names).", examples=["L&D team"])
    review_by: dt.date | None = Field(default=None, description="When it must be checked again, as YYYY-MM-DD; "
                                                                "past it gives a warning.",
                                      examples=["2027-11-01"])


class ResourceFile(Record):
    """Curated resources, grouped in files by kind (books, articles, ...)."""

    resources: list[Resource] = Field(min_length=1, description="The resources in this file.")


class PromptFile(Record):
    """Prompts in the library, one file per conversation or for themed prompts."""

    prompts: list[Prompt] = Field(min_length=1, description="The prompts in this file.")


class Count(Record):
    """How `learnhub results` counts an indicator at one wave: from the tracking sheets or the pulse.

    Sheet: the rows where every `filled` column has an entry, out of everyone not opted out.
    Pulse: the responses whose answer to `question` is one of `answers` (or, for a number
    question, at least `at_least`), out of everyone who answered it.
    """

    wave: Literal[60, 90] = Field(description="60 or 90: the follow-up this way of counting is for.",
                                  examples=[60])
    filled: list[Slug] = Field(default=[], description="Sheet: column ids that must all have an entry.",
                               examples=[["focus-skill", "target-date"]])
    question: Slug | None = Field(default=None, description="Pulse: the id of the question whose answers count.",
                                  examples=["p60-stretch"])
    answers: list[Text] = Field(default=[], description="Pulse: the answers that count.", examples=[["Yes"]])
    at_least: Whole | None = Field(default=None, ge=0, le=1000, examples=[1],
                                   description="Pulse, number questions: the least answer that counts.")


class Indicator(Record):
    """A behaviour that shows the week worked."""

    id: Slug = Field(description="The indicator's id.", examples=["stretch-started"])
    title: Text = Field(description="The behaviour, in a few words.", examples=["Stretch assignments started"])
    description: LongText = Field(description="What counts and why it matters.",
                                  examples=["A person takes on work beyond their current role to build a skill."])
    how_to_count: LongText = Field(description="Where the number comes from.",
                                   examples=["Rows in the tracking sheet whose status is 'started' at 60 days."])
    counts: list[Count] = Field(default=[], max_length=2,
                                description="How `learnhub results` counts it, once per wave it is counted at.")


class PulseQuestion(Record):
    """A question in the 60- or 90-day pulse survey."""

    id: Slug = Field(description="The question's id, a column in the survey export.", examples=["applied-skill"])
    wave: Literal[60, 90] = Field(description="60 or 90: days after the week.", examples=[60])
    question: Text = Field(description="The question as people will read it.",
                           examples=["Have you used your focus skill in your work this month?"])
    answer_type: AnswerType = Field(description="How it is answered.", examples=["yes-no"])
    options: list[Text] = Field(default=[], description="The choices, for scale and choice questions only.",
                                examples=[["Not at all", "A little", "A lot"]])


class Outcome(Record):
    """A business outcome the behaviour changes are linked to."""

    id: Slug = Field(description="The outcome's id.", examples=["retention"])
    title: Text = Field(description="Its name.", examples=["Retention"])
    description: LongText = Field(description="How it is linked to the behaviours.",
                                  examples=["Compare leavers in teams that held all five conversations."])


class Measurement(Record):
    """Behaviour indicators, pulse questions and business outcomes."""

    intro: Markdown = Field(description="How the week is measured, in a paragraph or two.",
                            examples=["We count changes in **behaviour**, never attendance."])
    indicators: list[Indicator] = Field(min_length=1, description="Behaviours to count.")
    pulse: list[PulseQuestion] = Field(min_length=2, description="Pulse survey questions.")
    outcomes: list[Outcome] = Field(min_length=1, description="Business outcomes to link them to.")


class Column(Record):
    """A column of the tracking sheet.

    An id that names a sample-row field (employee, role-family, target-date, status, ...) takes that
    field's value and checks: a date, a status or role family from the lists. A column with a
    follow_up records that check-in; the Summary sheet counts its filled cells.
    """

    id: Slug = Field(description="The column's id.", examples=["focus-skill"])
    header: Text = Field(description="The column's heading in the sheet.", examples=["Focus skill"])
    description: LongText = Field(description="What goes in it.", examples=["The one skill the person will build."])
    width: Whole = Field(default=18, ge=6, le=80, description="Its width in characters in the spreadsheet.",
                         examples=[24])
    follow_up: Slug | None = Field(default=None, examples=["day-60"],
                                   description="The id of the playbook follow-up this column records.")


class RoleFamily(Record):
    """A family of roles; the sheet has one fictional sample row for each."""

    id: Slug = Field(description="The role family's id.", examples=["operations"])
    title: Text = Field(description="Its name.", examples=["Operations"])


#: Rows whose Employee ends with this are examples: shown in the sheet, never counted.
EXAMPLE_MARK = "(example)"
#: The label of the cell in the tracking workbook where the manager names the team.
TEAM_LABEL = "Team"


class SampleRow(Record):
    """A fictional example row of the tracking sheet: no real names or contact details."""

    role_family: Slug = Field(description="The id of a role family.", examples=["operations"])
    employee: Text = Field(description="A fictional name.", examples=["Sam Taylor"])
    role: Text = Field(description="The fictional person's role.", examples=["Shift supervisor"])
    focus_skill: Text = Field(description="The skill they chose.", examples=["Coaching new starters"])
    learning_action: LongText = Field(description="What they will do to build it.",
                                      examples=["Shadow a senior trainer, then lead two inductions."])
    manager_support: LongText = Field(description="What the manager will do.",
                                      examples=["Cover one shift a fortnight for the inductions."])
    target_date: dt.date = Field(description="When to look back, as YYYY-MM-DD.", examples=["2027-06-30"])
    status: Text = Field(description="One of the sheet's statuses.", examples=["Not started"])


class Sheet(Record):
    """The tracking sheet's columns, statuses, role families and fictional sample rows."""

    intro: Markdown = Field(description="How managers use the sheet.",
                            examples=["Keep one row per person and update it at 60 and 90 days."])
    columns: list[Column] = Field(min_length=7, description="The sheet's columns, in order.")
    statuses: list[Text] = Field(min_length=2, description="The values the status column allows.",
                                 examples=[["Not started", "Started", "Done"]])
    role_families: list[RoleFamily] = Field(min_length=4, description="Role families for sample rows.")
    samples: list[SampleRow] = Field(min_length=4, description="Fictional example rows, one per role family.")
    opted_out: Text | None = Field(
        default=None, examples=["Opted out"],
        description="The status of someone who chose not to take part: they leave every sheet count's whole.")


class Statistic(Record):
    """A figure the hub cites, with its source and an honest caveat."""

    id: Slug = Field(description="The statistic's id.", examples=["learn-at-work"])
    claim: LongText = Field(description="The claim, worded as the source supports it.",
                            examples=["Most people say they learn most from colleagues and work itself."])
    source: Text = Field(description="Who published it, and when.", examples=["LinkedIn Learning, 2024"])
    link: Link | None = Field(default=None, description="Where to read the source.",
                              examples=["https://example.org/report"])
    caveat: LongText = Field(description="What the figure does not show.",
                             examples=["A self-reported survey of people who already use the product."])


class EvidenceFile(Record):
    """The statistics the hub relies on, each with its source and caveat."""

    intro: Markdown = Field(description="How to read the figures.",
                            examples=["These figures explain why we run the week this way."])
    statistics: list[Statistic] = Field(min_length=1, description="The figures.")


class Question(Record):
    """A frequently asked question and its answer."""

    id: Slug = Field(description="The question's id, also its anchor on the FAQ page.",
                     examples=["how-long"])
    question: Text = Field(description="The question as people ask it.",
                           examples=["How much time will this take?"])
    answer: Markdown = Field(description="The answer.", examples=["Up to **twenty minutes** a day per person."])


class FaqFile(Record):
    """Frequently asked questions."""

    questions: list[Question] = Field(min_length=5, description="At least five questions.")


class Tally(Record):
    """A count out of a whole (`count` of `of`), or only that it was held back."""

    count: Whole | None = Field(default=None, ge=0, description="How many did it.", examples=[12])
    of: Whole | None = Field(default=None, ge=0, description="Out of how many.", examples=[40])
    held_back: Flag = Field(default=False, description="true when too few people stand behind it to show.",
                            examples=[False])


Counts = dict[Annotated[str, StringConstraints(min_length=1, max_length=400)], Whole]


class GroupResult(Record):
    """One function (`id`) or team (`name`): its counts, or only that it was held back."""

    id: Slug | None = Field(default=None, description="The role family's id, for a function.",
                            examples=["operations"])
    name: Text | None = Field(default=None, description="The team's name, for a team.", examples=["Dock 4"])
    held_back: Flag = Field(default=False, description="true when the group is too small to show.",
                            examples=[False])
    people: Whole | None = Field(default=None, ge=0, description="People in the returned sheets.", examples=[14])
    responses: Whole | None = Field(default=None, ge=0, description="Pulse responses.", examples=[11])
    indicators: dict[Slug, Tally] = Field(default={}, description="Each indicator's count, by its id.")
    statuses: Counts = Field(default={}, description="People by the status of their learning action.")
    pulse: dict[Slug, Counts] = Field(default={}, description="Each pulse question's answers, counted.")


class ResultsFile(Record):
    """What `learnhub results` counted at one follow-up: counts only, never a person."""

    wave: Literal[60, 90] = Field(description="60 or 90: days after the week.", examples=[60])
    counted: dt.date = Field(description="The day the returns were counted.", examples=["2027-08-20"])
    threshold: Whole = Field(ge=3, le=1000, description="The fewest people a group needed to be shown.",
                             examples=[5])
    files: Whole = Field(ge=0, description="Files read.", examples=[42])
    teams: Whole = Field(ge=0, description="Teams in the returned sheets.", examples=[40])
    people: Whole = Field(ge=0, description="People in the returned sheets.", examples=[412])
    responses: Whole = Field(ge=0, description="Pulse responses.", examples=[380])
    held_back: Whole = Field(ge=0, description="Groups held back, functions and teams together.", examples=[3])
    indicators: dict[Slug, Tally] = Field(description="Each indicator's count for everyone, by its id.")
    statuses: Counts = Field(default={}, description="Everyone by the status of their learning action.")
    pulse: dict[Slug, Counts] = Field(default={}, description="Each pulse question's answers, counted.")
    by_function: list[GroupResult] = Field(default=[], description="The same counts by role family.")
    by_team: list[GroupResult] = Field(default=[], description="The same counts by team.")


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
    #: The language of this hub's text: the source's, or the one `translations.localize` gave it.
    language: str = "en"
    results: list[ResultsFile] = []

    def prompt(self, prompt_id: str) -> Prompt:
        return self.prompts_by_id[prompt_id]

    def listed_options(self, question: PulseQuestion) -> list[str]:
        """The options a pulse question lists: its own, or the role families for a function question."""
        if question.answer_type is AnswerType.FUNCTION:
            return [f.title for f in self.sheet.role_families]
        return list(question.options)

    def answer_options(self, question: PulseQuestion) -> list[str]:
        """Every answer a pulse question takes: its listed options, or Yes and No."""
        if question.answer_type is AnswerType.YES_NO:
            return ["Yes", "No"]
        return self.listed_options(question)

    def result(self, wave: int) -> ResultsFile | None:
        """The counted results of the 60- or 90-day follow-up, if `learnhub results` has written them."""
        return next((r for r in self.results if r.wave == wave), None)

    @property
    def prompts_by_id(self) -> dict[str, Prompt]:
        return {p.id: p for p in self.prompts}

    def day(self, day_id: str) -> Day:
        return next(d for d in self.days if d.id == day_id)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.campaign.topics if t.id == topic_id)

    def strand(self, strand_id: str) -> Strand:
        return next(s for s in self.campaign.strands if s.id == strand_id)

    def follow_up_date(self, follow: FollowUp) -> dt.date:
        """When a follow-up happens: its own date, or days_after the week moved to a working day."""
        from .dates import follow_up_date  # dates needs the holidays package, and this module

        return follow_up_date(self.campaign, follow)

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
    ("content/results/*.yaml", ResultsFile, "results"),
]

#: Kinds a hub may have none of: results exist only once `learnhub results` has counted a wave.
OPTIONAL_KINDS = {"results"}


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


#: The fields a translation may give, per record: text people read. Ids, links, numbers, dates,
#: names of people and organisations and the titles of resources stay as written. Records and
#: lists of records inside these models are walked; translation files and their JSON Schema
#: follow this table.
TRANSLATABLE: dict[type[Record], frozenset[str]] = {
    model: frozenset(names) for model, names in {
        Strand: ("title", "summary"), Topic: ("title", "summary"), Theme: ("title", "summary"),
        Language: ("name",), Campaign: ("hub_title", "theme", "theme_summary"),
        DataPoint: ("title", "description", "example"), FollowUp: ("title", "guidance"),
        CaseExample: ("title", "story", "outcomes"),
        Playbook: ("why_manager_led", "how_it_fits", "opening_script", "wellbeing_guidance", "big_teams",
                   "habits"),
        SupportContact: ("name", "hours"), Country: ("name",), PrivacySettings: ("retention",),
        AgendaStep: ("step", "detail"), LogItem: ("what",),
        Day: ("title", "question", "purpose", "opener", "tips", "wellbeing"),
        Prompt: ("text", "listen_for"), Activity: ("title", "summary", "steps", "builds"),
        Cut: ("title", "why", "instead"), CutFile: ("intro",), Resource: ("note",),
        Indicator: ("title", "description", "how_to_count"), PulseQuestion: ("question", "options"),
        Outcome: ("title", "description"), Measurement: ("intro",),
        Column: ("header", "description"), RoleFamily: ("title",),
        SampleRow: ("employee", "role", "focus_skill", "learning_action", "manager_support"),
        Sheet: ("intro", "statuses"), Statistic: ("claim", "source", "caveat"), EvidenceFile: ("intro",),
        Question: ("question", "answer"),
    }.items()
}
