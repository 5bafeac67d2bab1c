"""`learnhub new`: the next free id, today's date, and placeholders that fail until filled in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.content.scaffold import (
    ScaffoldError,
    new_activation,
    new_prompt,
    new_resource,
    next_free,
    slugify,
    taken_ids,
)

from .conftest import ROOT, make_project
from .inprocess import learnhub_here as learnhub

TODAY = dt.date(2027, 1, 15)
EPOCH = "1800000000"  # 15 January 2027, for the command line


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def fill(path: Path, values: dict[str, str]) -> None:
    """Replace every `TODO` placeholder: `key: "TODO..."` by field name, list items `- "TODO..."` in turn."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf'^(\s*(?:- )?{key}: )(\[)?"TODO[^"]*"\]?', rf"\g<1>{value}", text, flags=re.MULTILINE)
        assert count, f"no placeholder for {key}"
    text = re.sub(r'^(\s*- )"TODO[^"]*"', r"\g<1>Do this.", text, flags=re.MULTILINE)
    assert "TODO" not in text
    path.write_text(text, encoding="utf-8")


def placeholder_errors(root: Path) -> list[str]:
    result = learnhub(root, "validate")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("in the content")
    return lines[:-1]


def test_next_free_id() -> None:
    assert next_free("lunch-and-learn", set()) == "lunch-and-learn"
    assert next_free("lunch-and-learn", {"lunch-and-learn", "lunch-and-learn-2"}) == "lunch-and-learn-3"
    assert next_free("cc-", {"cc-1", "cc-2", "cc-energy"}) == "cc-3"
    assert slugify("Lunch & Learn: the 2nd!") == "lunch-learn-the-2nd"


def test_taken_ids_reads_even_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("resources:\n  - id: one\n\t- id: two\n  - id: 'three'  # quoted\n", encoding="utf-8")
    assert taken_ids([broken]) == {"one", "two", "three"}


def test_new_resource_fails_until_filled_in(tiny: Path) -> None:
    made = new_resource(tiny, "articles", today=TODAY)
    rel = "content/resources/articles.yaml"
    assert (made.id, made.line) == ("articles-1", 17)
    text = made.path.read_text(encoding="utf-8")
    assert "    reviewed: 2027-01-15\n" in text and "    added: 2027-01-15\n" in text
    assert "    review_by: 2027-07-16\n" in text  # six months on
    errors = placeholder_errors(tiny)
    assert [e.split(":")[1] for e in errors] == [str(n) for n in (18, 19, 20, 21, 22, 23, 24, 27, 30)]
    assert errors[2] == (f"{rel}:20:13: resources[1].format: fill in this placeholder: "
                         "'TODO: one of article, book, community, course, guide, pod...'")
    fill(made.path, {"title": "A second article", "link": "https://example.org/second", "format": "article",
                     "provider": "Example", "topics": "[coaching]", "minutes": "10", "cost": "free",
                     "note": "Why it is here.", "owner": "L&D team"})
    assert learnhub(tiny, "validate").returncode == 0


def test_new_resource_file_starts_with_its_schema_line(tiny: Path) -> None:
    made = new_resource(tiny, "podcasts", title="WorkLife with Adam Grant", today=TODAY)
    assert made.id == "worklife-with-adam-grant"
    lines = made.path.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["# yaml-language-server: $schema=../../schemas/resources.schema.json", "resources:",
                         "  - id: worklife-with-adam-grant"]
    assert lines[3] == '    title: "WorkLife with Adam Grant"'


def test_new_prompt_joins_the_files_conversation(tiny: Path) -> None:
    made = new_prompt(tiny, "day-2")
    assert made.id == "d2-1"  # the file's prefix, numbered
    entry = made.path.read_text(encoding="utf-8").splitlines()[made.line - 1:]
    assert entry[:2] == ["  - id: d2-1", "    conversation: skill-gap-scan"]
    assert len(placeholder_errors(tiny)) == 2
    fill(made.path, {"text": "What would you like to get better at?", "listen_for": "Something specific."})
    assert learnhub(tiny, "validate").returncode == 0


def test_new_themed_prompt_asks_for_a_theme(tiny: Path) -> None:
    made = new_prompt(tiny, "themes")
    assert made.id == "th-1"
    errors = placeholder_errors(tiny)
    assert errors[0] == ("prompts/themes.yaml:6:14: prompts[1].themes[0]: fill in this placeholder: "
                         "'TODO: one or more of wellbeing'")
    fill(made.path, {"themes": "[wellbeing]", "text": "How is your energy?", "listen_for": "Honesty."})
    assert learnhub(tiny, "validate").returncode == 0


def test_new_activation_is_a_file_named_after_its_id(tiny: Path) -> None:
    made = new_activation(tiny, "Skill swap", today=TODAY)
    assert made.id == "skill-swap-2"  # skill-swap is taken
    assert made.path == tiny / "content" / "activities" / "skill-swap-2.yaml"
    text = made.path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/activity.schema.json\nid: skill-swap-2\n")
    assert 'strand: "TODO: one of potential, hidden-skills, new-ways"' in text
    assert len(placeholder_errors(tiny)) == 12  # owner too
    fill(made.path, {"summary": "Colleagues swap skills.", "minutes": "45", "cost": "none", "min": "4",
                     "max": "12", "formats": "[remote]", "strand": "new-ways",
                     "owner": "L&D team"})
    assert learnhub(tiny, "validate").returncode == 0


def test_the_command_reports_where_the_entry_went(tiny: Path) -> None:
    result = learnhub(tiny, "new", "activation", "Lunch", "and", "learn")
    assert result.returncode == 0
    assert result.stdout.strip() == ("content/activities/lunch-and-learn.yaml:2: added activation "
                                     "'lunch-and-learn'; replace every TODO, then run learnhub validate")
    assert learnhub(tiny, "new", "resource", "articles").stdout.startswith(
        "content/resources/articles.yaml:17: added resource 'articles-1'")


@pytest.mark.parametrize(("args", "message"), [
    (("new", "prompt"), ("learnhub new: name the one file in prompts/ that gets the new prompt: "
                         "day-1, day-2, day-3, day-4, day-5, themes")),
    (("new", "prompt", "day-9"), ("learnhub new: no prompts/day-9.yaml; choose one of "
                                  "day-1, day-2, day-3, day-4, day-5, themes")),
    (("new", "resource", "Books!"), ("learnhub new: 'Books!' is not a file name of lowercase letters, "
                                     "digits and hyphens")),
])
def test_a_scaffold_asked_wrongly_is_a_usage_error(tiny: Path, args: tuple[str, ...], message: str) -> None:
    result = learnhub(tiny, *args)
    assert result.returncode == 2
    assert result.stderr.strip() == message


def test_a_file_that_is_not_a_list_is_refused(tiny: Path) -> None:
    (tiny / "prompts" / "odd.yaml").write_text("questions: []\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="no top-level 'prompts:' list"):
        new_prompt(tiny, "odd")


def test_on_the_shipped_content_every_error_is_a_placeholder(tmp_path: Path) -> None:
    """Each scaffold fails only for its TODOs: the rest (ids, dates, lists) is already valid."""
    root = make_project(tmp_path / "hub", ROOT)
    made = [new_resource(root, "books", title="The Culture Code", today=TODAY), new_prompt(root, "themes"),
            new_prompt(root, "career-check-in"), new_activation(root, "Walking one-to-ones", today=TODAY)]
    errors = placeholder_errors(root)
    assert len(errors) == 8 + 3 + 2 + 12  # the resource has its title already; both need an owner
    assert all(": fill in this placeholder: 'TODO" in e for e in errors), errors
    assert {e.split(":")[0] for e in errors} == {m.path.relative_to(root).as_posix() for m in made}
