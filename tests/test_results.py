"""`learnhub results`: returned sheets and Forms exports, made from the hub's own downloads, counted.

Every input is made here in tmp_path (filled with openpyxl from the hub's tracking-sheet.xlsx, and
both Forms layouts); the made-up names, e-mails and free text are then looked for in every output.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.results import fill_tracking_sheet, forms_xlsx, google_csv, response_rows
from generator.content.hub import load_hub
from generator.content.model import Hub
from generator.downloads.sheets import write_tracking_sheet
from generator.results import results_path
from generator.results.count import Group, held_back
from generator.results.dates import DateProblem, read_date

from .conftest import ROOT, learnhub, make_project
from .tools import need

#: Made-up personal data that must never reach an output.
SECRET_NAME = "Zebulon Quarterbridge"
#: What forms_xlsx writes in the Email and Name columns of its first response.
FORMS_EMAIL, FORMS_NAME = "person1@example.org", "Person 1"
SECRET_TEXT = "my manager never turns up, says Zebulon"


@pytest.fixture(scope="module")
def hub() -> Hub:
    return load_hub(ROOT, with_results=False).hub


@pytest.fixture(scope="module")
def template(hub: Hub, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub's own tracking-sheet.xlsx download."""
    path = tmp_path_factory.mktemp("download") / "tracking-sheet.xlsx"
    write_tracking_sheet(hub, path)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped project without any results file."""
    root = make_project(tmp_path / "hub", ROOT)
    shutil.rmtree(root / "content" / "results", ignore_errors=True)
    return root


def person(name: str, family: str = "Customer support", status: str = "In progress", *,
           complete: bool = True, check_60: bool = True, **extra: Any) -> dict[str, Any]:
    row = {"employee": name, "role": "Analyst", "role-family": family, "focus-skill": "Presenting",
           "learning-action": "Lead two meetings", "manager-support": "Weekly debrief" if complete else None,
           "target-date": dt.date(2027, 7, 1), "status": status, "check-60": "Met" if check_60 else None}
    return row | extra


def team_rows(prefix: str, count: int, family: str = "Customer support") -> list[dict[str, Any]]:
    return [person(f"{prefix} {i}", family) for i in range(count)]


def responses(hub: Hub, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pulse rows by question id, from short keys."""
    ids = {"stretch": "p60-stretch", "mentoring": "p60-mentoring", "function": "p60-function",
           "team": "p60-team", "barrier": "p60-barrier", "action": "p60-learning-action"}
    return [{ids[k]: v for k, v in a.items()} for a in answers]


def run(project: Path, folder: Path, wave: int = 60) -> subprocess.CompletedProcess[str]:
    return learnhub(project, "results", str(folder), "--wave", str(wave))


def written(project: Path, wave: int = 60) -> dict[str, Any]:
    text = (project / results_path(wave)).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def group(groups: list[dict[str, Any]], label: str) -> dict[str, Any]:
    return next(g for g in groups if label in (g.get("id"), g.get("name")))


# --- a whole folder, counted ---------------------------------------------------------------------


@pytest.fixture
def returns(hub: Hub, template: Path, tmp_path: Path) -> Path:
    """Three teams' sheets (one named by its Team cell, one by its file name, one CSV-less xlsx of six),
    a Microsoft Forms export and a Google Forms export."""
    folder = tmp_path / "returns"
    folder.mkdir()
    dock = [person(SECRET_NAME, status="Done"), *team_rows("Dock", 5),
            person("Dock late", complete=False, check_60=False),
            person("Dock out", status="Opted out", check_60=False)]
    fill_tracking_sheet(hub, template, folder / "anything.xlsx", dock, team="Dock team")
    fill_tracking_sheet(hub, template, folder / "Planners.xlsx", team_rows("Plan", 6, "Sales and account management"))
    fill_tracking_sheet(hub, template, folder / "Night shift.xlsx", team_rows("Night", 6, "People and finance"))
    yes = {"stretch": "Yes", "mentoring": "Yes, both", "function": "Customer support", "team": "dock TEAM",
           "barrier": SECRET_TEXT, "action": "Done"}
    no = {"stretch": "No", "mentoring": "We have met once so far", "function": "Sales and account management",
          "team": "Planners"}
    ms = responses(hub, [yes] * 4 + [no] * 3)
    google = responses(hub, [yes] * 2 + [no] * 3 + [{"stretch": "Yes"}])
    forms_xlsx(hub, 60, ms, folder / "pulse-60 (Microsoft Forms).xlsx")
    google_csv(hub, 60, google, folder / "pulse-60 (Google Forms).csv")
    return folder


def test_counts_the_hubs_own_sheets_and_both_forms_layouts(project: Path, returns: Path) -> None:
    result = run(project, returns)
    assert result.returncode == 0, result.stderr
    assert "5 files, 20 people, 3 teams, 13 responses" in result.stdout
    assert result.stdout.strip().endswith(f"wrote {results_path(60)}")
    data = written(project)
    assert (data["wave"], data["files"], data["teams"], data["people"], data["responses"]) == (60, 5, 3, 20, 13)
    # the opted-out person leaves the sheet counts' whole; the one missing a data point counts against
    assert data["indicators"]["learning-plans-agreed"] == {"count": 18, "of": 19}
    assert data["indicators"]["follow-ups-held"] == {"count": 18, "of": 19}
    assert data["indicators"]["stretch-assignments-started"] == {"count": 7, "of": 13}
    assert data["indicators"]["mentoring-relationships-formed"] == {"count": 6, "of": 12}
    assert data["statuses"]["Opted out"] == 1 and data["statuses"]["Done"] == 1
    assert data["pulse"]["p60-stretch"] == {"Yes": 7, "No": 6}
    dock = group(data["by_team"], "Dock team")
    assert dock["people"] == 8 and dock["responses"] == 6  # "dock TEAM" in the pulse is the Dock team
    assert group(data["by_function"], "customer-support")["people"] == 8
    assert load_hub(project).hub.result(60) is not None


def test_the_results_validate_and_reach_the_page_hub_json_and_pdf_without_a_person(
        project: Path, returns: Path) -> None:
    need("pdftotext", "reads the results PDF's text")
    assert run(project, returns).returncode == 0
    build = learnhub(project, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    site = project / "site"
    page = (site / "measure" / "results-60-day" / "index.html").read_text(encoding="utf-8")
    article = page.split("<article")[1].split("</article>")[0]
    assert "Results at 60 days" in article and "Dock team" in article and '<svg class="lh-bar"' in article
    assert "<script" not in article and " style=" not in article  # the CSP allows neither
    assert re.search(r'href="(\./|\.\./)*(measure/)?results-60-day/"',
                     (site / "measure" / "index.html").read_text(encoding="utf-8"))  # in the navigation
    pdf = site / "downloads" / "results-60-day-a4.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Results at 60 days" in text and "Learning plans agreed" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2\b", info) and re.search(r"Tagged:\s+yes", info)
    outputs = [project / results_path(60), *[p for p in site.rglob("*") if p.is_file()]]
    for path in outputs:
        content = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout \
            if path.suffix == ".pdf" else path.read_bytes().decode("utf-8", errors="replace")
        for secret in (SECRET_NAME, FORMS_EMAIL, FORMS_NAME, SECRET_TEXT, "Zebulon", "Dock 1", "Night 2"):
            assert secret not in content, f"{secret!r} reached {path}"


# --- nobody exposed ------------------------------------------------------------------------------


def test_a_small_team_is_held_back_with_a_second_so_no_subtraction_finds_it(
        hub: Hub, template: Path, project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    for name, size in (("Tiny", 3), ("Alpha", 8), ("Bravo", 9), ("Charlie", 10)):
        fill_tracking_sheet(hub, template, folder / f"{name}.xlsx", team_rows(name, size), team=name)
    result = run(project, folder)
    assert result.returncode == 0, result.stderr
    assert "2 groups held back" in result.stdout
    teams = written(project)["by_team"]
    assert group(teams, "Tiny") == {"name": "Tiny", "held_back": True}
    assert group(teams, "Alpha") == {"name": "Alpha", "held_back": True}  # the next smallest, held back too
    assert group(teams, "Bravo")["people"] == 9 and group(teams, "Charlie")["people"] == 10
    alpha = load_hub(project).hub.results[0].by_team[0]
    assert alpha.name == "Alpha" and alpha.held_back and alpha.people is None


@pytest.mark.parametrize(("sizes", "rest", "hidden"), [
    ({"a": 3, "b": 8, "c": 9}, 0, {"a", "b"}),           # one small: the next smallest joins it
    ({"a": 2, "b": 2, "c": 9, "d": 9}, 0, {"a", "b", "c"}),  # two small add up to 4: one more
    ({"a": 8, "b": 9}, 0, set()),                        # none small: nothing held back
    ({"a": 6, "b": 9}, 2, {"a", "b"}),                   # 2 people with no group would show by subtraction
    ({"a": 6, "b": 7, "c": 9}, 6, set()),                # a remainder of 6 is safe to infer
])
def test_complementary_suppression(sizes: dict[str, int], rest: int, hidden: set[str]) -> None:
    groups = {name: Group(people=n) for name, n in sizes.items()}
    assert held_back(groups, 5, Group(people=rest)) == hidden


def test_a_hand_edited_results_file_that_exposes_a_small_group_is_refused(tiny: Path) -> None:
    path = tiny / "content" / "results" / "60-day.yaml"
    text = path.read_text(encoding="utf-8").replace("- {name: Night shift, held_back: true}",
                                                   "- {name: Night shift, people: 3, responses: 0, indicators: {}}")
    path.write_text(text, encoding="utf-8")
    result = learnhub(tiny, "validate")
    assert result.returncode == 1
    assert re.search(r"content/results/60-day\.yaml:\d+:\d+: by_team\[1\]\.people: .*3", result.stderr)
    assert "only group held back" in result.stderr


# --- located errors and warnings ------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "header"), [
    ("target-date", "31/02/2027", "Target date"),     # impossible
    ("target-date", "03/04/2027", "Target date"),     # ambiguous
    ("target-date", "next week", "Target date"),
    ("status", "Finished", "Status"),
    ("role-family", "Astronauts", "Role family"),
])
def test_a_planted_mistake_in_a_sheet_is_located_and_nothing_is_written(
        hub: Hub, template: Path, project: Path, tmp_path: Path, field: str, value: str, header: str) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    rows = [*team_rows("Ok", 5), person("Wrong") | {field: value}]
    fill_tracking_sheet(hub, template, folder / "Dock.xlsx", rows, team="Dock")
    result = run(project, folder)
    assert result.returncode == 1
    column = "ABCDEFGHIJ"[[c.id for c in hub.sheet.columns].index(field)]
    row = 1 + len(hub.sheet.samples) + 6
    assert re.search(rf"^{re.escape(str(folder / 'Dock.xlsx'))}:Tracking:{row}:{column}: {header}: \S",
                     result.stderr, re.MULTILINE), result.stderr
    assert not (project / "content" / "results").exists()


def test_an_answer_that_is_not_an_option_and_a_file_that_is_not_a_sheet_are_located(
        hub: Hub, project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    google_csv(hub, 60, responses(hub, [{"stretch": "Yes"}, {"stretch": "Maybe"}]), folder / "pulse.csv")
    (folder / "notes.xlsx").write_bytes(b"this is not a workbook")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = run(project, folder)
    assert result.returncode == 1
    column = "ABCDEFGHIJKL"[1 + [q.id for q in hub.measurement.pulse if q.wave == 60].index("p60-stretch")]
    assert re.search(rf"pulse\.csv:csv:3:{column}: p60-stretch: \S", result.stderr), result.stderr
    assert re.search(r"notes\.xlsx: \S", result.stderr) and re.search(r"scan\.pdf: \S", result.stderr)
    assert "nothing written" in result.stderr and not (project / results_path(60)).exists()


def test_moved_recased_and_extra_columns_still_read_with_a_warning(hub: Hub, project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    headers = ["STATUS", "employee", "Shoe size", "role FAMILY", "Focus skill", "Learning action",
               "Manager support", "Target date", "60-day check"]
    lines = ["Team,Packing", "", ",".join(headers)]
    for i in range(5):
        lines.append(f"Done,Packer {i},42,Customer support,Lifting,Shadow,Cover,17 May 2027,Met")
    lines.append(",,,,,,,,")  # an empty row
    lines.append("Done,Alex (example),,Customer support,x,y,z,2027-05-17,")  # an example row
    (folder / "packing.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(project, folder)
    assert result.returncode == 0, result.stderr
    assert re.search(r"packing\.csv:csv:3:C: warning: unknown column 'shoe size'", result.stderr)
    data = written(project)
    assert data["people"] == 5 and group(data["by_team"], "Packing")["people"] == 5
    assert data["indicators"]["learning-plans-agreed"] == {"count": 5, "of": 5}


def test_a_person_in_two_teams_sheets_is_a_warning_that_names_nobody(
        hub: Hub, template: Path, project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    fill_tracking_sheet(hub, template, folder / "A.xlsx", [person(SECRET_NAME), *team_rows("A", 5)], team="Alpha")
    fill_tracking_sheet(hub, template, folder / "B.xlsx", [person(SECRET_NAME), *team_rows("B", 5)], team="Bravo")
    result = run(project, folder)
    assert result.returncode == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if "warning:" in line)
    assert re.search(r"B\.xlsx:Tracking:\d+:A: Employee: warning: ", warning) and "Alpha" in warning and SECRET_NAME not in result.stderr


def test_an_empty_folder_is_an_error(project: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(project, tmp_path / "empty")
    assert result.returncode == 1 and not (project / results_path(60)).exists()


def test_an_export_of_the_other_wave_is_an_error(hub: Hub, project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "wave"
    folder.mkdir()
    forms_xlsx(hub, 90, response_rows(hub, 90, 6, random.Random(1)), folder / "pulse-90.xlsx")
    result = run(project, folder, wave=60)
    assert result.returncode == 1 and "90-day" in result.stderr


# --- where returned files may be -----------------------------------------------------------------


@pytest.mark.parametrize("inside", ["content/returns", "prompts", "site/x"])
def test_a_folder_inside_the_published_or_committed_tree_is_refused(project: Path, inside: str) -> None:
    folder = project / inside
    folder.mkdir(parents=True, exist_ok=True)
    result = run(project, folder)
    assert result.returncode == 2 and "personal data never enters the repository" in result.stderr


def test_a_file_git_tracks_is_refused(hub: Hub, template: Path, project: Path) -> None:
    folder = project / "returns"
    folder.mkdir()
    fill_tracking_sheet(hub, template, folder / "Dock.xlsx", team_rows("Dock", 5), team="Dock")
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "returns/Dock.xlsx"], check=True)
    result = run(project, folder)
    assert result.returncode == 2 and "git tracks" in result.stderr


# --- dates typed as text -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "date"), [
    ("2027-06-30", dt.date(2027, 6, 30)), ("30 June 2027", dt.date(2027, 6, 30)),
    ("17 May 2027", dt.date(2027, 5, 17)), ("June 30, 2027", dt.date(2027, 6, 30)),
    ("30/06/2027", dt.date(2027, 6, 30)), ("06/30/2027", dt.date(2027, 6, 30)),
    ("5/5/2027", dt.date(2027, 5, 5)), ("2027-06-30 00:00:00", dt.date(2027, 6, 30)),
])
def test_unambiguous_text_dates_are_read(text: str, date: dt.date) -> None:
    assert read_date(text) == date


@pytest.mark.parametrize("text", ["03/04/2027", "31/02/2027", "2027-13-01", "30/06/27", "soon", "32 May 2027"])
def test_ambiguous_or_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(DateProblem):
        read_date(text)


# --- hub.json -------------------------------------------------------------------------------------


def test_hub_json_gives_each_wave_in_the_contracted_shape(tiny_hub: Hub) -> None:
    from generator.site.api import hub_data

    (wave,) = hub_data(tiny_hub)["results"]
    assert set(wave) == {"wave", "people", "responses", "indicators", "by_function", "by_team"}
    assert wave["wave"] == 60 and wave["indicators"]["stretch-started"] == {"count": 9, "of": 18}
    shown, *held = wave["by_team"]
    assert set(shown) == {"name", "people", "indicators"} and shown["indicators"]["stretch-started"]["of"] == 9
    assert held == [{"name": "Night shift", "held_back": True}, {"name": "Planners", "held_back": True}]
    assert {"id": "engineering", "held_back": True} in wave["by_function"]
