"""The schema is declared once: committed JSON Schemas and the Contribute page both follow the model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from generator.content.hub import content_files, load_hub
from generator.content.load import read
from generator.markup import escape_text
from generator.paths import CONTRIBUTE
from generator.site.pages import render_site
from generator.content.schema import SCHEMA_DIR, json_schema, kind_docs, kind_named, kinds, modeline, schema_text
from generator.content.validate import _inner_model

from .conftest import ROOT
from .inprocess import learnhub_here as learnhub


def test_committed_schemas_equal_the_model() -> None:
    """If this fails, run `learnhub schema` and commit schemas/."""
    committed = sorted(p.name for p in (ROOT / SCHEMA_DIR).glob("*.json"))
    assert committed == sorted(f"{k.name}.schema.json" for k in kinds())
    for kind in kinds():
        assert (ROOT / kind.schema_path).read_text(encoding="utf-8") == schema_text(kind), kind.schema_path


def test_schema_check_finds_a_stale_schema(tiny: Path) -> None:
    written = learnhub(tiny, "schema")
    assert written.returncode == 0
    assert "wrote schemas/resources.schema.json" in written.stdout.splitlines()
    assert learnhub(tiny, "schema", "--check").returncode == 0
    stale = tiny / "schemas" / "faq.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"minItems": 5', '"minItems": 4'), encoding="utf-8")
    check = learnhub(tiny, "schema", "--check")
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "schemas/faq.schema.json: differs from the model; run `learnhub schema` and commit the result"]
    assert learnhub(tiny, "schema").stdout.strip() == "wrote schemas/faq.schema.json"


def test_schema_gives_every_content_file_its_schema_line(tiny: Path) -> None:
    day = tiny / "content" / "days" / "day-1.yaml"
    before = day.read_text(encoding="utf-8")
    check = learnhub(tiny, "schema", "--check")
    assert check.returncode == 1
    assert ("content/days/day-1.yaml:1:1: the first line should name the file's schema for editors; "
            "run `learnhub schema` and commit the result") in check.stderr.splitlines()
    written = learnhub(tiny, "schema")
    assert "wrote content/days/day-1.yaml" in written.stdout.splitlines()
    assert day.read_text(encoding="utf-8") == "# yaml-language-server: $schema=../../schemas/day.schema.json\n" + before
    wrong = tiny / "prompts" / "themes.yaml"
    body = wrong.read_text(encoding="utf-8").partition("\n")[2]
    wrong.write_text("# yaml-language-server: $schema=../schemas/day.schema.json\n" + body, encoding="utf-8")
    assert learnhub(tiny, "schema").stdout.strip() == "wrote prompts/themes.yaml"
    assert wrong.read_text(encoding="utf-8") == "# yaml-language-server: $schema=../schemas/prompts.schema.json\n" + body
    assert learnhub(tiny, "schema", "--check").returncode == 0
    assert learnhub(tiny, "validate").returncode == 0


def test_every_shipped_content_file_names_its_schema() -> None:
    files = content_files(ROOT)
    assert files, "no shipped content found"
    for path, _model, kind in files:
        rel = path.relative_to(ROOT).as_posix()
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(kind_named(kind), rel), rel
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (ROOT / kind_named(kind).schema_path).resolve()


def test_modeline_is_relative_to_the_file() -> None:
    assert modeline(kind_named("campaign"), "content/campaign.yaml") == \
        "# yaml-language-server: $schema=../schemas/campaign.schema.json"
    assert modeline(kind_named("day"), "content/days/day-1.yaml") == \
        "# yaml-language-server: $schema=../../schemas/day.schema.json"


def as_json(value: Any) -> Any:
    """YAML data as an editor's language server sees it (YAML 1.2: dates are strings)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def editor_errors(path: Path, root: Path, kind: str) -> list[str]:
    validator = Draft202012Validator(json_schema(kind_named(kind)))
    return [e.message for e in validator.iter_errors(as_json(read(path, root).data))]


@pytest.mark.parametrize("root", [ROOT, Path(__file__).parent / "fixtures" / "tiny"], ids=["shipped", "tiny"])
def test_valid_content_passes_the_editor_schema(root: Path) -> None:
    for path, _model, kind in content_files(root):
        assert editor_errors(path, root, kind) == [], path


def editor_findings(path: Path, root: Path, kind: str) -> set[tuple[str, str, str]]:
    """What the editor schema objects to, as data rather than the validator's wording:
    (the schema keyword, the path of the value, the field named when one is missing or unknown)."""
    validator = Draft202012Validator(json_schema(kind_named(kind)))
    found = set()
    for error in validator.iter_errors(as_json(read(path, root).data)):
        where = "/".join(map(str, error.absolute_path))
        if error.validator == "required":
            names = set(error.validator_value) - set(error.instance)
        elif error.validator == "additionalProperties":
            names = set(error.instance) - set(error.schema.get("properties", {}))
        else:
            names = {""}
        found |= {(str(error.validator), where, name) for name in names}
    return found


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("format: article", "format: podcats", ("enum", "resources/0/format", "")),
    ("provider:", "provder:", ("required", "resources/0", "provider")),
    ("provider:", "provder:", ("additionalProperties", "resources/0", "provder")),
    ("    cost: free\n", "    cost: free\n    price: 0\n", ("additionalProperties", "resources/0", "price")),
    ("link: https://hbr.org", "link: javascript://hbr.org", ("pattern", "resources/0/link", "")),
    ("id: flow-of-work", "id: Flow_Of_Work", ("pattern", "resources/0/id", "")),
    ("minutes: 12", "minutes: twelve", ("type", "resources/0/minutes", "")),
])
def test_the_editor_schema_flags_what_the_model_refuses(tiny: Path, old: str, new: str,
                                                        expected: tuple[str, str, str]) -> None:
    path = tiny / "content" / "resources" / "articles.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    found = editor_findings(path, tiny, "resources")
    assert expected in found, found


def model_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field path of a model, nested records included, as the reference writes them."""
    paths = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.append(path)
        inner = _inner_model(info.annotation)
        if inner is not None:
            is_list = "list" in str(info.annotation)
            paths.extend(model_paths(inner, f"{path}[]." if is_list else f"{path}."))
    return paths


def test_the_reference_lists_every_field_of_every_kind() -> None:
    docs = {d.name: d for d in kind_docs()}
    assert list(docs) == [k.name for k in kinds()]
    for kind in kinds():
        assert [f.path for f in docs[kind.name].fields] == model_paths(kind.model), kind.name


def test_every_field_is_described_and_every_value_has_an_example() -> None:
    for doc in kind_docs():
        assert doc.description, doc.name
        for field in doc.fields:
            assert field.description, f"{doc.name}: {field.path} has no description"
            assert field.type, f"{doc.name}: {field.path} has no type"
            if not field.nested:
                assert field.example is not None, f"{doc.name}: {field.path} has no example"


def test_the_reference_says_what_is_required_and_allowed() -> None:
    fields = {f.path: f for f in next(d for d in kind_docs() if d.name == "resources").fields}
    fmt = fields["resources[].format"]
    assert fmt.required and fmt.type == "choice"
    assert fmt.allowed == ("article", "book", "community", "course", "guide", "podcast", "tool", "video")
    assert fields["resources[].language"].required is False
    assert fields["resources[].language"].default == "en"
    assert fields["resources[].topics"].type == "list of ids (at least 1)"
    assert fields["resources[].reviewed"].example == "2026-11-01"
    day = {f.path: f for f in next(d for d in kind_docs() if d.name == "day").fields}
    assert day["agenda[].minutes"].type == "whole number (1 to 20)"
    campaign = {f.path: f for f in next(d for d in kind_docs() if d.name == "campaign").fields}
    assert campaign["conversation_time"].example == "'10:00'"


def test_the_contribute_page_shows_every_field(tiny: Path) -> None:
    pages = {p.path: p for p in render_site(load_hub(tiny).hub)}
    page = pages[CONTRIBUTE].content
    for doc in kind_docs():
        assert f'id="kind-{doc.name}"' in page or f"#kind-{doc.name}" in page
        for field in doc.fields:
            assert f"<code>{escape_text(field.path)}</code>" in page, field.path
    assert "<code>podcast</code>" in page  # allowed values
    assert "Change the hub in a pull request" in page


def test_schemas_are_json_with_the_dialect_and_no_extra_keys() -> None:
    for kind in kinds():
        schema = json.loads(schema_text(kind))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False
        Draft202012Validator.check_schema(schema)
