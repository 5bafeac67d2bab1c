"""Hostile content never executes: the XSS corpus planted in every text field, built, and searched
for any survivor; links and images judged as browsers read them; no personal data in samples."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from markupsafe import escape

from generator.downloads import sheets
from generator.site.csp import content_security_policy, inline_scripts, policy_for_theme_scripts, script_hash
from generator.errors import ContentErrors
from generator.content.hub import load_hub
from generator.markup import ALLOWED_TAGS, escape_text, is_same_site, mark_external_links, markdown_html
from generator.content.model import FILE_KINDS
from generator.site.pages import render_site

from .hostile import (
    LINK_PAYLOADS,
    PAYLOADS,
    REFUSED_LINKS,
    TEMPLATE_MARKERS,
    Planting,
    fragment_survivors,
    has_pattern,
    hub_json_value,
    survivors,
    tags_in,
    text_fields,
)
from .tools import need

#: Fields that refuse every payload although they have no pattern: the one URL the engine prints
#: raw (a plain http(s) address), and the time zone (a name from the IANA database).
#: Count.answers and Sheet.opted_out must name one of the question's options or the sheet's statuses.
REFUSED_WITHOUT_PATTERN = {"Campaign.site_url", "Campaign.timezone", "Count.answers", "Sheet.opted_out"}


def _mkdocs_config(root: Path) -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs' !!python tags
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _theme_scripts(root: Path, site: Path) -> set[str]:
    """The scripts the theme and mkdocs.yml load, as paths from the site root (and from the root
    of each other language's hub, `pt/...`)."""
    bundles = {p.relative_to(site).as_posix() for p in (site / "assets" / "javascripts").glob("*.js")}
    own = bundles | set(_mkdocs_config(root).get("extra_javascript") or [])
    folders = [p.parent.parent.relative_to(site).as_posix() for p in site.glob("*/assets/javascripts")]
    return own | {f"{folder}/{path}" for folder in folders for path in own}


def _errors(root: Path) -> list[tuple[str, str]]:
    """(file, field) of each error loading the content at `root`."""
    try:
        load_hub(root)
    except ContentErrors as exc:
        return [(e.path, e.field) for e in exc.errors if e.severity == "error"]
    return []


def _site_host(planting: Planting) -> str:
    return urlsplit(load_hub(planting.root).hub.campaign.site_url).hostname or ""


# --- the corpus and where it went ---------------------------------------------------------------


def test_the_corpus_covers_every_family_of_attack() -> None:
    assert len(PAYLOADS) >= 30
    corpus = "\n".join(PAYLOADS)
    for family in ("<script", "onerror=", "](javascript:", 'href="javascript:', "<svg", "{:", "{{", "{%",
                   "&#", "JaVaScRiPt:", "data:", "//evil", "<style", "<iframe", "<object", "<embed",
                   "<form", "](https://evil", "style=", "\\evil"):
        assert family in corpus, family


def test_every_text_field_of_the_model_is_planted(hostile: Planting) -> None:
    every = set().union(*(text_fields(model) for _pattern, model, _kind in FILE_KINDS))
    planted, refused = hostile.fields(), {p.model for p in hostile.plants if p.refused} - hostile.fields()
    assert every == planted | refused, f"not planted: {sorted(every - planted - refused)}"
    models = {m.__name__: m for _p, root_model, _k in FILE_KINDS for m in _models(root_model)}
    for label in refused:
        model, name = label.split(".")
        assert has_pattern(models[model], name) or label in REFUSED_WITHOUT_PATTERN, \
            f"{label} refused every payload although its schema allows free text"
    assert len(planted) >= 60
    for kind in ("text", "markdown"):
        values = [p.value or "" for p in hostile.plants if p.kind == kind]
        missing = [x for x in PAYLOADS if not any(" ".join(x.split()) in " ".join(v.split()) for v in values)]
        assert not missing, f"payloads never planted in a {kind} field: {missing}"
    assert hostile.fields("link"), "no link field took an attribute-breaking link"


def _models(model: type) -> list[type]:
    found = [model]
    for info in model.model_fields.values():
        for arg in [info.annotation, *getattr(info.annotation, "__args__", ())]:
            if isinstance(arg, type) and hasattr(arg, "model_fields") and arg not in found:
                found += _models(arg)
    return found


# --- the built site ----------------------------------------------------------------------------


def test_no_page_holds_anything_that_could_run(hostile: Planting) -> None:
    site = hostile.root / "site"
    host = _site_host(hostile)
    theme = _theme_scripts(hostile.root, site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    found = []
    for page in pages:
        found += survivors(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix(),
                           site_host=host, theme_scripts=theme)
    assert not found, "\n".join(found[:30])


def test_plain_text_reaches_the_pages_as_written(hostile: Planting) -> None:
    """The escaping shows each payload as text: decoded once, the reader sees what was written."""
    site = hostile.root / "site"
    shown = 0
    for plant in (p for p in hostile.planted if p.model in {"Day.title", "Day.question", "Day.opener"}):
        number = plant.path.rsplit("-", 1)[1].removesuffix(".yaml")
        page = (site / "managers" / f"day-{number}" / "index.html").read_text(encoding="utf-8")
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
        written = " ".join((plant.value or "").split())
        assert written in text, plant.loc
        if plant.model == "Day.title":  # the theme prints titles itself: in <title> and the nav
            head = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
            assert head and written in " ".join(html.unescape(head.group(1)).split())
            assert text.count(written) >= 3, "the title is missing from the navigation"
        shown += 1
    assert shown >= 10


def test_no_template_syntax_was_evaluated(hostile: Planting) -> None:
    for path in (hostile.root / "site").rglob("*"):
        if path.suffix in {".html", ".json", ".xml", ".csv", ".ics"}:
            text = html.unescape(path.read_text(encoding="utf-8"))
            for marker in TEMPLATE_MARKERS:
                assert marker not in text, f"{marker!r} in {path.name}: content was evaluated as a template"


def test_the_search_index_holds_nothing_that_could_run(hostile: Planting) -> None:
    """The theme shows search results as HTML, so each entry is checked like a page."""
    index = json.loads((hostile.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            found += fragment_survivors(doc.get(key, ""), f"search {doc['location']} {key}")
    assert not found, "\n".join(found[:20])


def test_hub_json_carries_text_as_written_and_html_sanitised(hostile: Planting) -> None:
    raw = (hostile.root / "site" / "api" / "hub.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw, "hub.json must be safe to embed in HTML"
    hub = json.loads(raw)
    compared = 0
    for plant in hostile.planted:
        found, value = hub_json_value(hub, hostile, plant)
        if not found:
            continue
        written = plant.value if plant.markdown or plant.kind == "link" else " ".join((plant.value or "").split())
        assert value == written, f"{plant.path}:{plant.loc}"
        compared += 1
    assert compared >= 40

    fragments: list[tuple[str, str]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_html"):
                    fragments.append((f"{where}.{key}", value))
                else:
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]")

    walk(hub, "hub")
    assert len(fragments) >= 5
    found = [f for where, fragment in fragments for f in fragment_survivors(fragment, where)]
    assert not found, "\n".join(found[:20])


# --- one field at a time, without the site engine ------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_markdown_field_is_cleaned(payload: str) -> None:
    out = markdown_html(payload)
    assert not fragment_survivors(out, "fragment"), out
    assert tags_in(out) <= ALLOWED_TAGS, out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_text_field_shows_exactly_what_was_written(payload: str) -> None:
    out = str(escape_text(payload))
    assert not set(out) & set("<>{}[]`*_\"'"), out
    assert html.unescape(out) == payload


@pytest.mark.parametrize("link", LINK_PAYLOADS)
def test_an_attribute_breaking_link_stays_in_its_attribute(tiny: Path, link: str) -> None:
    articles = tiny / "content" / "resources" / "articles.yaml"
    data = yaml.safe_load(articles.read_text(encoding="utf-8"))
    data["resources"][0]["link"] = link
    articles.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    page = next(p for p in render_site(load_hub(tiny).hub) if p.path == "resources/index.md").content
    assert f'href="{escape(link)}"' in page
    assert escape(link) == link or link not in page


@pytest.mark.parametrize("link", REFUSED_LINKS)
def test_a_link_to_anything_but_the_web_or_mail_is_refused(tiny: Path, link: str) -> None:
    articles = tiny / "content" / "resources" / "articles.yaml"
    data = yaml.safe_load(articles.read_text(encoding="utf-8"))
    data["resources"][0]["link"] = link
    articles.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert _errors(tiny) == [("content/resources/articles.yaml", "resources[0].link")]


@pytest.mark.parametrize("site_url", [
    'https://tiny.example/"><script>alert(1)</script>',
    "mailto:ld@tiny.example",
    "https://tiny.example/?a=1&b=2",
    "https://tiny.example/a b/",
    "https://user:pass@tiny.example/",
    "javascript://tiny.example/%0aalert(1)",
])
def test_the_site_address_holds_nothing_to_escape(tiny: Path, site_url: str) -> None:
    """The engine prints site_url raw (canonical links, sitemap, the 404 page's scripts)."""
    campaign = tiny / "content" / "campaign.yaml"
    data = yaml.safe_load(campaign.read_text(encoding="utf-8"))
    data["site_url"] = site_url
    campaign.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert _errors(tiny) == [("content/campaign.yaml", "site_url")]


@pytest.mark.parametrize(("url", "same_site"), [
    ("/a.png", True), ("img/a.png", True), ("../a.png", True), ("#top", True),
    ("//evil.example/a.png", False), ("\\\\evil.example/a.png", False), ("/\\evil.example/a.png", False),
    ("\t//evil.example/a.png", False), (" https://evil.example/", False), ("java\tscript:alert(1)", False),
    ("data:image/png;base64,AAAA", False), ("java script:alert(1)", False),
])
def test_urls_are_judged_as_browsers_read_them(url: str, same_site: bool) -> None:
    assert is_same_site(url) is same_site


def test_links_out_are_marked_and_cannot_reach_back() -> None:
    page = ('<p><a href="https://other.example/x?a=1&amp;b=2" title="t">out</a> '
            '<a href="../in/">in</a> <a href="https://hub.example/self/">self</a> '
            '<a class="md-button" rel="next" href="HTTPS://Other.example/">caps</a></p>'
            "<script>var s = '<a href=\"https://x.example/\">';</script>")
    out = mark_external_links(page, "hub.example")
    assert ('<a href="https://other.example/x?a=1&amp;b=2" title="t" class="lh-external" '
            'rel="noopener noreferrer">out</a>') in out
    assert '<a class="md-button lh-external" rel="next noopener noreferrer" href="HTTPS://Other.example/">' in out
    assert '<a href="../in/">in</a>' in out and '<a href="https://hub.example/self/">self</a>' in out
    assert "var s = '<a href=\"https://x.example/\">';" in out
    assert mark_external_links(out, "hub.example") == out
    odd = 'a\u2028b\r\nc\x0cd\n<p>x\u2029</p>\r<a href="https://o.example/">o</a>'
    assert mark_external_links(odd) == odd.replace('<a href="https://o.example/">',
                                                   '<a href="https://o.example/" class="lh-external" '
                                                   'rel="noopener noreferrer">')


@pytest.mark.parametrize("tag", [
    '<a href="https://o.example/">', "<a href='https://o.example/'>", '<a HREF="https://o.example/">',
    '<a href = "https://o.example/">', '<a href="https&#58;//o.example/">', '<a href="https&colon;//o.example/">',
    '<a href="&#104;ttps://o.example/">', '<a\nhref="https://o.example/">', '<a href="ht\ttps://o.example/">',
])
def test_a_link_out_is_marked_however_its_tag_is_written(tag: str) -> None:
    assert 'class="lh-external" rel="noopener noreferrer">o</a>' in mark_external_links(f"<p>{tag}o</a></p>")


def test_every_link_out_on_the_shipped_site_is_marked(site: Path) -> None:
    root = site.parent
    host = urlsplit(load_hub(root).hub.campaign.site_url).hostname or ""
    theme = _theme_scripts(root, site)
    found, outbound = [], 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        outbound += text.count('class="lh-external"') + text.count(" lh-external")
        found += survivors(text, page.relative_to(site).as_posix(), site_host=host, theme_scripts=theme)
    assert not found, "\n".join(found[:30])
    assert outbound >= 30


# --- the Content-Security-Policy --------------------------------------------------------------


def test_the_policy_allows_only_the_site_and_the_hashed_theme_scripts() -> None:
    theme = '<script>a()</script><script src="x.js"></script><script type="application/json">{}</script>'
    assert inline_scripts(theme) == ["a()"]
    policy = policy_for_theme_scripts(theme)
    assert f"script-src 'self' {script_hash('a()')};" in policy
    assert "default-src 'none'" in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy
    assert "unsafe" not in content_security_policy() and "http" not in policy and "*" not in policy


def test_a_page_with_more_inline_scripts_than_the_theme_writes_is_flagged() -> None:
    policy = policy_for_theme_scripts("<script>a()</script>")
    head = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'
    assert survivors(head + "<script>a()</script>", "p.html", theme_scripts=set()) == []
    found = survivors(head + "<script>a()</script>" * 2, "p.html", theme_scripts=set())
    assert found == ["p.html: 2 inline scripts, more than the 1 the theme writes"]


def test_every_page_carries_the_policy_with_hashes_of_its_own_inline_scripts(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        marker = '<meta http-equiv="Content-Security-Policy" content="'
        assert text.count(marker) == 1, page
        policy = html.unescape(text.split(marker, 1)[1].split('"', 1)[0])
        assert text.index(marker) < text.index("<script"), "the policy must come before any script"
        for script in inline_scripts(text):
            assert script_hash(script) in policy, f"{page}: {script[:60]}"


# --- personal data -----------------------------------------------------------------------------

CONTACT_DETAILS = [
    "alex@northwind.example", "Alex <alex.b@northwind.example>", "alex [at] northwind", "+44 20 7946 0958",
    "020 7946 0958", "(020) 7946 0958", "07700 900123", "+1 (555) 123-4567", "555-123-4567",
    "555.123.4567", "tel:+442079460958",
]


SAMPLE_TEXT_FIELDS = ["employee", "role", "focus_skill", "learning_action", "manager_support"]


@pytest.mark.parametrize("detail", CONTACT_DETAILS)
def test_sample_rows_refuse_contact_details(tiny: Path, detail: str) -> None:
    field = SAMPLE_TEXT_FIELDS[CONTACT_DETAILS.index(detail) % len(SAMPLE_TEXT_FIELDS)]
    sheet = tiny / "content" / "sheet.yaml"
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    data["samples"][1][field] = f"Sam (example), {detail}"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_hub(tiny)
    assert [(e.path, e.field) for e in caught.value.errors] == [("content/sheet.yaml", f"samples[1].{field}")]
    assert "fictional" in caught.value.errors[0].message


@pytest.mark.parametrize("text", [
    "Pair on three reviews by 2027-06-30", "A 15-minute debrief every week", "Forecasting in Q3 2027",
    "Role-play 2 negotiations", "ISO 27001 basics",
])
def test_ordinary_sample_text_is_not_mistaken_for_contact_details(tiny: Path, text: str) -> None:
    sheet = tiny / "content" / "sheet.yaml"
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    data["samples"][0]["learning_action"] = text
    sheet.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert _errors(tiny) == []


def test_the_shipped_sample_rows_are_plainly_fictional(site: Path) -> None:
    hub = load_hub(site.parent).hub
    for row in hub.sheet.samples:
        assert "(example)" in row.employee.lower() or "example" in row.employee.lower(), row.employee


# --- spreadsheets: content that looks like a formula stays text ------------------------------------

FORMULAS = ['=HYPERLINK("https://evil.example/","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
            "=1+1"]


def test_formula_looking_content_stays_text_in_the_sheets(tiny: Path) -> None:
    sheet = tiny / "content" / "sheet.yaml"
    data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    for row, formula in zip(data["samples"], FORMULAS, strict=False):
        row["focus_skill"] = row["learning_action"] = formula
    data["columns"][1]["header"] = FORMULAS[0]
    data["columns"][1]["description"] = FORMULAS[4]
    data["role_families"][0]["title"] = "=2+2"
    sheet.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    measurement = tiny / "content" / "measurement.yaml"
    data = yaml.safe_load(measurement.read_text(encoding="utf-8"))
    data["pulse"][0]["question"] = FORMULAS[3]
    measurement.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    hub = load_hub(tiny).hub

    workbook = sheets.tracking_workbook(hub)
    formulas = [(ws.title, c.coordinate, c.value) for ws in workbook for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas and all(title == sheets.SUMMARY and str(value).startswith("=COUNTIFS(")
                            for title, _where, value in formulas), formulas[:5]
    texts = {c.value for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "s"}
    assert set(FORMULAS) | {"=2+2"} <= texts

    for text in (sheets.tracking_csv(hub), sheets.pulse_csv(hub)):
        fields = [f for row in csv.reader(io.StringIO(text)) for f in row]
        assert not [f for f in fields if f.startswith(sheets.FORMULA_START)], text
    assert "'=HYPERLINK" in sheets.tracking_csv(hub) and "'@SUM(1+1)" in sheets.pulse_csv(hub)


#: The properties the calendar writer uses; a payload that broke a line would add another.
CALENDAR_PROPERTIES = {
    "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "NAME", "UID", "DTSTAMP", "DTSTART",
    "DTEND", "SUMMARY", "DESCRIPTION", "URL", "CATEGORIES", "COMMENT", "TZID", "TZNAME", "TZOFFSETFROM",
    "TZOFFSETTO", "RDATE", "RRULE", "LOCATION", "STATUS", "TRANSP", "SEQUENCE", "X-WR-CALNAME",
    "X-WR-CALDESC", "X-WR-TIMEZONE",
}


def test_the_hostile_downloads_keep_content_inert(hostile: Planting) -> None:
    downloads = hostile.root / "site" / "downloads"
    site_url = load_hub(hostile.root).hub.campaign.site_url
    calendar = (downloads / "learning-week.ics").read_text(encoding="utf-8")
    lines = [line for line in calendar.split("\r\n") if line and not line.startswith((" ", "\t"))]
    names = {re.split(r"[;:]", line, maxsplit=1)[0] for line in lines}
    assert names <= CALENDAR_PROPERTIES, names - CALENDAR_PROPERTIES
    assert all(line.startswith(f"URL:{site_url}") for line in lines if line.startswith("URL"))
    for name in ("tracking-sheet.csv", "pulse-survey.csv"):
        rows = csv.reader(io.StringIO((downloads / name).read_text(encoding="utf-8-sig")))
        assert not [f for row in rows for f in row if f.startswith(sheets.FORMULA_START)], name


def test_the_hostile_pdfs_hold_no_script_and_link_only_to_the_web(hostile: Planting) -> None:
    pdfs = sorted((hostile.root / "site" / "downloads").glob("*.pdf"))
    assert len(pdfs) >= 3, "the manager packs and day cards"
    pdfinfo = need("pdfinfo", "reads the links and scripts inside the packs")
    for pdf in pdfs:
        scripts = subprocess.run([pdfinfo, "-js", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "javascript" not in scripts.lower() and "alert(" not in scripts, pdf.name
        listed = subprocess.run([pdfinfo, "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
        urls = [line.split()[-1] for line in listed.splitlines()[1:] if line.strip()]
        assert urls, f"{pdf.name}: no links found, so the check saw nothing"
        bad = [u for u in urls if urlsplit(u).scheme.lower() not in {"http", "https", "mailto"}
               and not u.startswith("#")]
        assert not bad, f"{pdf.name}: {bad[:5]}"
