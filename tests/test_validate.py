"""Content mistakes give located messages and exit 1; good content gives a summary and exit 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.hub import load_hub

from .conftest import learnhub


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_tiny_content_is_valid(tiny: Path) -> None:
    result = learnhub(tiny, "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 5 days, 16 prompts, 1 activities, 1 resources"


# (file, text to replace, replacement, the whole expected error line)
CASES = [
    pytest.param("content/resources/articles.yaml", "format: article", "format: podcats",
                 "content/resources/articles.yaml:5:13: resources[0].format: 'podcats' is not one of "
                 "article, book, community, course, guide, podcast, tool, video (did you mean 'podcast'?)",
                 id="enum-near-miss"),
    pytest.param("content/resources/articles.yaml", "provider:", "provder:",
                 "content/resources/articles.yaml:6:5: resources[0].provder: unknown field 'provder' "
                 "(did you mean 'provider'?)", id="unknown-key-near-miss"),
    pytest.param("content/resources/articles.yaml", "provider:", "provder:",
                 "content/resources/articles.yaml:2:5: resources[0].provider: this required field is missing",
                 id="missing-field"),
    pytest.param("content/resources/articles.yaml", "link: https://hbr.org", "link: javascript://hbr.org",
                 "content/resources/articles.yaml:4:11: resources[0].link: links must start with http://, "
                 "https:// or mailto:", id="bad-link-scheme"),
    pytest.param("content/resources/articles.yaml", "minutes: 12", "minutes: twelve",
                 "content/resources/articles.yaml:8:14: resources[0].minutes: expected a whole number, "
                 "found text ('twelve')", id="wrong-type"),
    pytest.param("content/resources/articles.yaml", "id: flow-of-work", "id: Flow_Of_Work",
                 "content/resources/articles.yaml:2:9: resources[0].id: 'Flow_Of_Work' is not a lowercase slug "
                 "(letters, digits and single hyphens, e.g. 'career-check-in')", id="id-not-slug"),
    pytest.param("content/resources/articles.yaml", "topics: [coaching]", "topics: [coachng]",
                 "content/resources/articles.yaml:7:14: resources[0].topics[0]: unknown topic 'coachng' "
                 "(did you mean 'coaching'?)", id="unknown-topic"),
    pytest.param("content/days/day-2.yaml", "prompts: [d2-a,", "prompts: [d2-x,",
                 "content/days/day-2.yaml:13:11: prompts[0]: unknown prompt 'd2-x' (did you mean 'd2-c'?)", id="unknown-prompt"),
    pytest.param("content/days/day-3.yaml", "  - minutes: 10", "  - minutes: 11",
                 "content/days/day-3.yaml:9:3: agenda: agenda steps add up to 16 minutes but "
                 "duration_minutes is 15", id="agenda-sum"),
    pytest.param("prompts/day-4.yaml", "id: d4-b", "id: d4-a",
                 "prompts/day-4.yaml:5:9: prompts[1].id: duplicate prompt id 'd4-a' "
                 "(first used in prompts/day-4.yaml:2)", id="duplicate-id"),
    pytest.param("content/activities/skill-swap.yaml", "strand: hidden-skills", "strand: hidden",
                 "content/activities/skill-swap.yaml:8:9: strand: unknown strand 'hidden' (did you mean 'hidden-skills'?)", id="unknown-strand"),
    pytest.param("content/campaign.yaml", "week_start: 2027-05-17", "week_start: 2027-05-18",
                 "content/campaign.yaml:5:13: week_start: 2027-05-18 is a Tuesday; the week starts on a Monday",
                 id="week-not-monday"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_content_mistakes_are_located(tiny: Path, file: str, old: str, new: str, expected: str) -> None:
    edit(tiny, file, old, new)
    result = learnhub(tiny, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr.splitlines(), result.stderr


def test_errors_from_many_files_come_together_sorted(tiny: Path) -> None:
    edit(tiny, "content/resources/articles.yaml", "cost: free", "cost: gratis")
    edit(tiny, "content/activities/skill-swap.yaml", "cost: none", "cost: nil")
    with pytest.raises(ContentErrors) as info:
        load_hub(tiny)
    paths = [e.path for e in info.value.errors]
    assert paths == ["content/activities/skill-swap.yaml", "content/resources/articles.yaml"]


def test_usage_error_exits_2(tiny: Path) -> None:
    assert learnhub(tiny, "frobnicate").returncode == 2
