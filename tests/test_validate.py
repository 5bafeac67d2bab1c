"""Content mistakes give located messages and exit 1; good content gives a summary and exit 0.

One parametrized table holds a case for each kind of mistake an editor can make: YAML that does
not parse, values of the wrong shape or type, and references across files that do not resolve.
Each case names the exact line `learnhub validate` must print.
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.content.hub import load_hub
from generator.content.load import MAX_NODES

from .conftest import learnhub
from .inprocess import learnhub_here as run

#: Every run here builds "on" 15 January 2027, so review ages do not depend on the real date.
BUILD_EPOCH = "1800000000"


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def edit(root: Path, rel: str, old: str | None, new: str | bytes) -> None:
    """Replace `old` once in a file, or (old None) the whole file, with text or raw bytes."""
    path = root / rel
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
        return
    raw = path.read_bytes()
    assert old.encode() in raw, f"{old!r} not in {rel}"
    path.write_bytes(raw.replace(old.encode(), new if isinstance(new, bytes) else new.encode(), 1))


def test_tiny_content_is_valid(tiny: Path) -> None:
    result = learnhub(tiny, "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 5 days, 16 prompts, 1 activities, 1 resources"
    assert result.stderr == ""


ALIAS_BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
) + "\n"

RESOURCES = "content/resources/articles.yaml"
ACTIVITY = "content/activities/skill-swap.yaml"

# (file, text to replace or None for the whole file, replacement, the whole expected error line or lines)
CASES = [
    # --- YAML that cannot be read -------------------------------------------------------------
    pytest.param("content/faq.yaml", "question: Question 2?", "question: [Question 2?",
                 "content/faq.yaml:6:15: YAML syntax error: this list, opened with '[', is not closed with ']'",
                 id="unclosed-list"),
    pytest.param("content/faq.yaml", "question: Question 2?", 'question: "Question 2?',
                 "content/faq.yaml:6:15: YAML syntax error: this quoted text has no closing quote",
                 id="unclosed-quote"),
    pytest.param("content/faq.yaml", "question: Question 2?", "question: Question: two?",
                 "content/faq.yaml:6:23: YAML syntax error: a ': ' where no field can start; put the value in "
                 "quotes if it holds ': ', or check the indentation", id="colon-in-text"),
    pytest.param("content/faq.yaml", "question: Question 2?", "question: @Question 2?",
                 "content/faq.yaml:6:15: YAML syntax error: a value cannot start with '@'; put the value in quotes",
                 id="reserved-first-character"),
    pytest.param("content/faq.yaml", "    answer: Answer 2.", "   answer: Answer 2.",
                 "content/faq.yaml:7:4: YAML syntax error: this line does not line up with the list that "
                 "starts at line 2, column 3; check the indentation", id="bad-indentation"),
    pytest.param("content/faq.yaml", "  - id: q3", "\t- id: q3",
                 "content/faq.yaml:8:1: a tab character: indent YAML with spaces only", id="tab"),
    pytest.param("content/faq.yaml", "    answer: Answer 4.", "    answer: Answer 4.\n    question: Again?",
                 "content/faq.yaml:14:5: questions[3].question: duplicate key 'question' (first at line 12)",
                 id="duplicate-key"),
    pytest.param("content/faq.yaml", "  - id: q5\n", "  - id: q5\n    id: q6\n    answer: Again.\n",
                 ("content/faq.yaml:15:5: questions[4].id: duplicate key 'id' (first at line 14)",
                  "content/faq.yaml:18:5: questions[4].answer: duplicate key 'answer' (first at line 16)"),
                 id="duplicate-keys-all-reported"),
    pytest.param("content/evidence.yaml", None, "# nothing yet\n",
                 "content/evidence.yaml:1:1: the file is empty; it must hold a mapping", id="empty-file"),
    pytest.param("content/cut.yaml", "It confuses", b"It conf\xfcses",
                 "content/cut.yaml:5:17: byte 0xfc is not UTF-8; save the file as UTF-8", id="not-utf8"),
    pytest.param("content/faq.yaml", None, ALIAS_BOMB,
                 f"content/faq.yaml:1:13: the document expands beyond {MAX_NODES} values; aliases (*name) "
                 "repeating anchors (&name) are limited to keep builds safe", id="alias-bomb"),
    pytest.param("content/faq.yaml", None, "questions: []\n---\nquestions: []\n",
                 "content/faq.yaml:2:1: a file holds one YAML document: remove the second '---' and what "
                 "follows, or merge them", id="two-documents"),
    pytest.param("content/resources/articles.yaml", "added: 2026-11-01", "added: 2026-02-30",
                 f"{RESOURCES}:13:12: resources[0].added: cannot read this value: 2026-02-30 is not a real date; "
                 "check the year, month and day",
                 id="impossible-date"),
    # --- values of the wrong shape, type, length or form -----------------------------------------
    pytest.param("content/evidence.yaml", None, "- id: a\n- id: b\n",
                 "content/evidence.yaml:1:1: expected a mapping of fields at the top of the file, found a list",
                 id="list-for-file-mapping"),
    pytest.param(ACTIVITY, "group_size: {min: 4, max: 20}", "group_size: [4, 20]",
                 f"{ACTIVITY}:6:13: group_size: expected a mapping of fields, found a list",
                 id="list-for-mapping"),
    pytest.param(RESOURCES, "format: article", "format: podcats",
                 f"{RESOURCES}:5:13: resources[0].format: 'podcats' is not one of "
                 "article, book, community, course, guide, podcast, tool, video (did you mean 'podcast'?)",
                 id="enum-near-miss"),
    pytest.param(ACTIVITY, "formats: [in-person, remote]", "formats: [in-person, remot]",
                 f"{ACTIVITY}:7:22: formats[1]: 'remot' is not one of in-person, remote, hybrid "
                 "(did you mean 'remote'?)", id="enum-in-list"),
    pytest.param("content/measurement.yaml", "    wave: 90\n", "    wave: 30\n",
                 "content/measurement.yaml:14:11: pulse[1].wave: 30 is not one of 60, 90", id="number-choice"),
    pytest.param(RESOURCES, "provider:", "provder:",
                 (f"{RESOURCES}:2:5: resources[0].provider: this required field is missing",
                  f"{RESOURCES}:6:5: resources[0].provder: unknown field 'provder' (did you mean 'provider'?)"),
                 id="unknown-key-near-miss"),
    pytest.param("content/faq.yaml", "    answer: Answer 1.", "    answer: Answer 1.\n    colour: blue",
                 "content/faq.yaml:5:5: questions[0].colour: unknown field 'colour'; "
                 "allowed fields are id, question, answer", id="unknown-key"),
    pytest.param(RESOURCES, "    provider: Harvard Business Review\n", "",
                 f"{RESOURCES}:2:5: resources[0].provider: this required field is missing", id="missing-field"),
    pytest.param(RESOURCES, "minutes: 12", "minutes: twelve",
                 f"{RESOURCES}:8:14: resources[0].minutes: expected a whole number, found text ('twelve')",
                 id="text-for-number"),
    pytest.param(RESOURCES, "minutes: 12", 'minutes: "12"',
                 f"{RESOURCES}:8:14: resources[0].minutes: expected a whole number, found text ('12'); "
                 "write the number without quotes", id="quoted-number"),
    pytest.param(ACTIVITY, "minutes: 30", "minutes: yes",
                 f"{ACTIVITY}:4:10: minutes: expected a whole number, found true/false (True)",
                 id="yes-for-number"),
    pytest.param("content/campaign.yaml", "    summary: New ways to learn.", "    summary: no",
                 "content/campaign.yaml:19:14: strands[2].summary: expected text, found true/false (False); "
                 "put the value in quotes to keep it as text", id="no-for-text"),
    pytest.param("content/campaign.yaml", 'conversation_time: "09:30"', "conversation_time: 10:00",
                 'content/campaign.yaml:6:20: conversation_time: YAML reads an unquoted 10:00 as the number 600; '
                 'write the time in quotes: "10:00"', id="unquoted-time"),
    pytest.param("content/campaign.yaml", "timezone: Europe/London", "timezone: Europe/Londn",
                 "content/campaign.yaml:7:11: timezone: 'Europe/Londn' is not an IANA time zone name "
                 "(did you mean 'Europe/London'?)", id="unknown-time-zone",
                 marks=pytest.mark.skipif(not zoneinfo.available_timezones(), reason="no time zone database")),
    pytest.param(RESOURCES, "added: 2026-11-01", "added: 1 Nov 2026",
                 f"{RESOURCES}:13:12: resources[0].added: expected a date (YYYY-MM-DD), found text ('1 Nov 2026')",
                 id="date-as-text"),
    pytest.param("content/faq.yaml", "question: Question 3?", "question: " + "Why " * 120,
                 "content/faq.yaml:9:15: questions[2].question: this text is longer than 400 characters",
                 id="text-too-long"),
    pytest.param(RESOURCES, "id: flow-of-work", "id: Flow_Of_Work",
                 f"{RESOURCES}:2:9: resources[0].id: 'Flow_Of_Work' is not a lowercase slug "
                 "(letters, digits and single hyphens, e.g. 'career-check-in')", id="id-not-slug"),
    pytest.param(RESOURCES, "link: https://hbr.org", "link: javascript://hbr.org",
                 f"{RESOURCES}:4:11: resources[0].link: links must start with http://, https:// or mailto:",
                 id="bad-link-scheme"),
    pytest.param(RESOURCES, "link: https://hbr.org", "link: https:/hbr.org",
                 f"{RESOURCES}:4:11: resources[0].link: a web link needs a host, e.g. https://example.org/page",
                 id="link-without-host"),
    pytest.param("content/days/day-3.yaml", "duration_minutes: 15", "duration_minutes: 25",
                 "content/days/day-3.yaml:6:19: duration_minutes: 25 is too large: the most allowed is 20",
                 id="conversation-over-20-minutes"),
    pytest.param("content/playbook.yaml",
                 "  - id: target-date\n    title: Target date\n    description: When to look again.\n"
                 "    example: 30 June\n", "",
                 "content/playbook.yaml:5:3: data_points: needs exactly 3 items, found 2", id="three-data-points"),
    pytest.param("content/faq.yaml", "answer: Answer 5.", 'answer: "TODO: the answer"',
                 "content/faq.yaml:16:13: questions[4].answer: fill in this placeholder: 'TODO: the answer'",
                 id="placeholder"),
    # --- rules across files -------------------------------------------------------------------
    pytest.param("content/resource/books.yaml", None, "resources: []\n",
                 "content/resource/books.yaml:1:1: this file is not part of the hub; "
                 "did you mean content/resources/books.yaml?", id="file-in-the-wrong-folder"),
    pytest.param("prompts/extra.yml", None, "prompts: []\n",
                 "prompts/extra.yml:1:1: this file is not part of the hub; did you mean prompts/extra.yaml?",
                 id="yml-extension"),
    pytest.param(RESOURCES, "topics: [coaching]", "topics: [coachng]",
                 f"{RESOURCES}:7:14: resources[0].topics[0]: unknown topic 'coachng' (did you mean 'coaching'?)",
                 id="unknown-topic"),
    pytest.param("content/days/day-2.yaml", "prompts: [d2-a,", "prompts: [d2-x,",
                 "content/days/day-2.yaml:13:11: prompts[0]: unknown prompt 'd2-x' (did you mean 'd2-c'?)",
                 id="unknown-prompt"),
    pytest.param("prompts/day-5.yaml", "conversation: team-synthesis", "conversation: team-synthesys",
                 "prompts/day-5.yaml:4:19: prompts[0].conversation: unknown day id 'team-synthesys' "
                 "(did you mean 'team-synthesis'?)", id="unknown-day"),
    pytest.param(ACTIVITY, "strand: hidden-skills", "strand: hidden",
                 f"{ACTIVITY}:8:9: strand: unknown strand 'hidden' (did you mean 'hidden-skills'?)",
                 id="unknown-strand"),
    pytest.param("content/days/day-3.yaml", "data_point: learning-opportunity", "data_point: learning",
                 "content/days/day-3.yaml:15:17: log[0].data_point: unknown data point 'learning'; "
                 "known: learning-opportunity, manager-support, target-date", id="unknown-data-point"),
    pytest.param(RESOURCES, "language: en", "language: fr",
                 f"{RESOURCES}:10:15: resources[0].language: unknown language 'fr'; known: en",
                 id="unknown-language"),
    pytest.param("content/days/day-3.yaml", "  - minutes: 10", "  - minutes: 11",
                 "content/days/day-3.yaml:9:3: agenda: agenda steps add up to 16 minutes but "
                 "duration_minutes is 15", id="agenda-sum"),
    pytest.param("prompts/day-4.yaml", "id: d4-b", "id: d4-a",
                 ("content/days/day-4.yaml:13:17: prompts[1]: unknown prompt 'd4-b' (did you mean 'd5-b'?)",
                  ("prompts/day-4.yaml:5:9: prompts[1].id: duplicate prompt id 'd4-a' "
                   "(first used in prompts/day-4.yaml:2)")), id="duplicate-id"),
    pytest.param("content/campaign.yaml", "week_start: 2027-05-17", "week_start: 2027-05-18",
                 "content/campaign.yaml:5:13: week_start: 2027-05-18 is a Tuesday; the week starts on a Monday",
                 id="week-not-monday"),
    pytest.param(ACTIVITY, "group_size: {min: 4, max: 20}", "group_size: {min: 40, max: 20}",
                 f"{ACTIVITY}:6:19: group_size.min: group_size min 40 is larger than max 20", id="group-size-order"),
    pytest.param(RESOURCES, "reviewed: 2026-11-01", "reviewed: 2031-11-01",
                 f"{RESOURCES}:14:15: resources[0].reviewed: 2031-11-01 is in the future", id="review-in-future"),
    pytest.param("content/sheet.yaml", "employee: Alex (example)", "employee: alex@example.com",
                 "content/sheet.yaml:20:38: samples[0].employee: sample rows must be fictional: remove the "
                 "e-mail address or phone number", id="personal-data"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_content_mistakes_are_located(tiny: Path, file: str, old: str | None, new: str | bytes,
                                      expected: str | tuple[str, ...]) -> None:
    edit(tiny, file, old, new)
    lines = [expected] if isinstance(expected, str) else list(expected)
    result = run(tiny, "validate")
    assert result.returncode == 1, result.stdout
    count = f"{len(lines)} error{'s' if len(lines) > 1 else ''} in the content"
    assert result.stderr.splitlines() == [*lines, count], result.stderr
    assert result.stdout == ""


def test_the_table_covers_every_kind_of_mistake() -> None:
    assert len(CASES) >= 20
    assert len({c.id for c in CASES}) == len(CASES)


def test_errors_from_many_files_come_together_sorted(tiny: Path) -> None:
    edit(tiny, RESOURCES, "cost: free", "cost: gratis")
    edit(tiny, ACTIVITY, "cost: none", "cost: nil")
    edit(tiny, "content/faq.yaml", "  - id: q3", "\t- id: q3")
    edit(tiny, ACTIVITY, "minutes: 30", "minutes: half an hour")
    result = run(tiny, "validate")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "4 errors in the content"
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        f"{ACTIVITY}:4:10", f"{ACTIVITY}:5:7", "content/faq.yaml:8:1", f"{RESOURCES}:9:11",
    ]


def test_errors_are_values_sorted_by_file_and_line(tiny: Path) -> None:
    edit(tiny, RESOURCES, "cost: free", "cost: gratis")
    edit(tiny, ACTIVITY, "cost: none", "cost: nil")
    with pytest.raises(ContentErrors) as info:
        load_hub(tiny)
    paths = [e.path for e in info.value.errors]
    assert paths == [ACTIVITY, RESOURCES]


def test_a_stale_review_warns_and_strict_makes_it_an_error(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830000000")  # 28 December 2027, 14 months after the review
    warning = (f"{RESOURCES}:14:15: resources[0].reviewed: warning: last reviewed 2026-11-01, more than "
               "12 months ago: check the link and note, then update the date")
    result = run(tiny, "validate")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [warning]
    strict = run(tiny, "validate", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [warning.replace("warning: ", ""), "1 error in the content"]


def test_github_format_annotates_the_pull_request(tiny: Path) -> None:
    edit(tiny, RESOURCES, "format: article", "format: podcats")
    result = run(tiny, "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stderr.strip() == "1 error in the content"
    assert result.stdout.splitlines()[0] == (
        f"::error file={RESOURCES},line=5,col=13::resources[0].format: 'podcats' is not one of "
        "article, book, community, course, guide, podcast, tool, video (did you mean 'podcast'?)")


def test_usage_error_exits_2(tiny: Path) -> None:
    result = learnhub(tiny, "frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_folder_without_content_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "validate")
    assert result.returncode == 2
    assert result.stderr == (f"learnhub: {tmp_path.resolve()} has no content/ folder; run learnhub in the "
                             "project folder or name it with --root\n")
