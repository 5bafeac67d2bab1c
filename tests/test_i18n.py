"""One hub, several languages: translation files checked like content, a localised model with
marked fallbacks, a whole hub under /pt/, and every download in Portuguese."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from generator.build import localized_hubs
from generator.content.hub import load_hub
from generator.content.model import Hub, PackSize
from generator.content.translations import Fallback, fingerprint
from generator.downloads.pack import manager_pack_pdf
from generator.downloads.sheets import tracking_workbook, workbook_bytes
from generator.i18n import catalogue_path
from generator.paths import format_date
from generator.site.pages import render_site

from .conftest import FIXTURES, ROOT, learnhub, make_project
from .test_sheets import csv_of_sheet, libreoffice, read_csv
from .tools import need

#: The hub's second language, as the campaign file names it.
PT = "  - code: pt-PT\n    name: Português\n    prefix: pt\n"
NOTE = "ainda não traduzido"


def make_bilingual(dest: Path) -> Path:
    """The tiny hub with its partial pt-PT translation (tests/fixtures/tiny-pt) as a second language."""
    root = make_project(dest, FIXTURES / "tiny")
    shutil.copytree(FIXTURES / "tiny-pt" / "content", root / "content", dirs_exist_ok=True)
    campaign = root / "content" / "campaign.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + PT, encoding="utf-8")
    return root


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    return make_bilingual(tmp_path / "bilingual")


@pytest.fixture(scope="session")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_bilingual(tmp_path_factory.mktemp("bilingual"))
    result = learnhub(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def shipped_pt() -> Hub:
    """The shipped content in European Portuguese."""
    hubs = localized_hubs(load_hub(ROOT))
    assert [h.language for h in hubs] == ["en", "pt-PT"]
    return hubs[1]


# --- the localised model ------------------------------------------------------------------------


def test_a_translation_replaces_its_text_and_a_missing_one_keeps_the_source_marked(bilingual: Path) -> None:
    en, pt = localized_hubs(load_hub(bilingual))
    day = pt.days[0]
    assert pt.language == "pt-PT" and en.language == "en"
    assert day.title == "Título do dia 1" and not isinstance(day.title, Fallback)
    assert [s.step for s in day.agenda] == ["Abrir", "Conversar"]
    assert day.purpose == en.days[0].purpose and isinstance(day.purpose, Fallback)
    assert (day.purpose.lang, day.purpose.note) == ("en", NOTE)
    assert pt.prompt("d1-a").text == "Pergunta A do dia 1?"
    assert [s.status for s in pt.sheet.samples][:2] == ["Em curso", "Por iniciar"]  # follows the statuses
    assert en.days[0].title == "Day 1 title"  # the source hub is untouched


def test_a_missing_translation_shows_the_english_in_its_own_language_with_a_note(bilingual: Path) -> None:
    pt = localized_hubs(load_hub(bilingual))[1]
    page = {p.path: p for p in render_site(pt)}["managers/day-1.md"].content
    assert "# Dia 1&#58; Título do dia 1" in page or "# Dia 1: Título do dia 1" in page
    assert '<div lang="en">' in page and "The purpose of day 1." in page  # a Markdown field
    assert re.search(r'<span lang="en">Today we talk about day 1\.</span> <small class="lh-fallback">'
                     rf"\({NOTE}\)</small>", page)  # a text field, never blank
    assert "Day 1 title" not in page


def test_dates_and_group_sizes_are_written_the_local_way_and_english_is_unchanged() -> None:
    monday = dt.date(2027, 5, 17)
    assert [format_date(monday, s) for s in ("long", "day", "short", "month")] == \
        ["17 May 2027", "Monday 17 May", "17 May", "May 2027"]
    assert format_date(monday, "long", "pt-PT") == "17 de maio de 2027"
    assert format_date(monday, "day", "pt-PT") == "segunda-feira, 17 de maio"


# --- checking translation files -----------------------------------------------------------------


T = "content/i18n/pt-PT"


@pytest.mark.parametrize(
    ("path", "text", "where", "message"),
    [
        (f"{T}/prompts/day-1.yaml", "prompts:\n  d1-zz:\n    text: Outra?\n",
         f"{T}/prompts/day-1.yaml:2:3: prompts.d1-zz:", "no prompt with id 'd1-zz' in prompts/day-1.yaml"),
        (f"{T}/days/day-1.yaml", "title: Título\nnumber: 3\n",
         f"{T}/days/day-1.yaml:2:1: number:", "'number' is not translatable"),
        (f"{T}/days/day-1.yaml", "titel: Título\n",
         f"{T}/days/day-1.yaml:1:1: titel:", "unknown field 'titel' (did you mean 'title'?)"),
        (f"{T}/sheet.yaml", "statuses: [Por iniciar, Feito]\n",
         f"{T}/sheet.yaml:1:11: statuses:", "expected 3 items, as in the source, found 2"),
        (f"{T}/days/day-1.yaml", "title: {text: '" + "x" * 401 + "', source: abc}\n",
         f"{T}/days/day-1.yaml:1:15: title.text:", "longer than 400 characters"),
        (f"{T}/days/day-9.yaml", "title: Dia 9\n",
         f"{T}/days/day-9.yaml:1:1:", "translates content/days/day-9.yaml, which is not a content file"),
        ("content/i18n/fr/campaign.yaml", "hub_title: Petite semaine\n",
         "content/i18n/fr:1:1:", "'fr' is not one of the hub's languages"),
        # text that fits the source's card but not, translated, its own: the translation is blamed
        (f"{T}/prompts/day-1.yaml", "prompts:\n  d1-a:\n    text:\n      text: " + "Pergunta longa? " * 11 + "\n",
         f"{T}/prompts/day-1.yaml:4:7: prompts.d1-a.text:", "too long for a prompt card"),
        (f"{T}/activities/skill-swap.yaml", "steps: [" + ", ".join(["Um passo muito comprido. " * 16] * 3) + "]\n",
         f"{T}/activities/skill-swap.yaml:1:8: steps:", "to fit on the back of an activity card"),
    ],
)
def test_a_mistake_in_a_translation_is_located(bilingual: Path, path: str, text: str, where: str,
                                               message: str) -> None:
    target = bilingual / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result = learnhub(bilingual, "validate")
    assert result.returncode == 1
    assert any(line.startswith(where) and message in line for line in result.stderr.splitlines()), \
        result.stderr


def test_a_changed_source_makes_its_translation_stale_a_warning_not_an_error(bilingual: Path) -> None:
    day = bilingual / "content" / "days" / "day-1.yaml"
    day.write_text(day.read_text(encoding="utf-8").replace("title: Day 1 title", "title: Day one"),
                   encoding="utf-8")
    result = learnhub(bilingual, "validate")
    assert result.returncode == 0, result.stderr
    assert re.search(r"content/i18n/pt-PT/days/day-1\.yaml:\d+:\d+: title: warning: stale", result.stderr)
    report = learnhub(bilingual, "translations")
    assert report.returncode == 0
    assert re.search(r"^pt-PT: \d+ of \d+ texts translated \(\d+%\), 1 stale, \d+ missing$", report.stdout, re.MULTILINE)
    assert re.search(r"stale: content/days/day-1\.yaml:3:\d+: title$", report.stdout, re.MULTILINE)
    assert re.search(r"missing: content/days/day-1\.yaml:\d+:\d+: purpose$", report.stdout, re.MULTILINE)


def test_stamping_gives_a_new_translation_its_source_fingerprint(bilingual: Path) -> None:
    target = bilingual / "content" / "i18n" / "pt-PT" / "faq.yaml"
    target.write_text("# a comment kept\nquestions:\n  q1:\n    question: Pergunta 1?\n", encoding="utf-8")
    warned = learnhub(bilingual, "validate")
    assert "faq.yaml:4:15: questions.q1.question: warning: no fingerprint" in warned.stderr
    assert learnhub(bilingual, "translations", "--stamp").returncode == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# a comment kept\n")
    source = load_hub(bilingual).hub.faq.questions[0].question
    assert f"source: {fingerprint(source)}" in text and "text: Pergunta 1?" in text
    assert "warning" not in learnhub(bilingual, "validate").stderr


def test_every_word_of_the_generator_is_in_the_portuguese_catalogue() -> None:
    """A message added to the code or a template without its translation fails here, by name."""
    method_map = [("results/**", "ignore"), ("**.py", "python"), ("**/templates/**.j2", "jinja2")]
    keywords = {"_": None, "t": None, "N_": None, "ngettext": (1, 2), "n": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "generator", method_map=method_map, keywords=keywords,
            options_map={"**/templates/**.j2": {"trim_blocks": "True", "lstrip_blocks": "True"}}):
        found.add(message[0] if isinstance(message, tuple) else message)
    with catalogue_path("pt-PT").open("rb") as po:
        catalog = read_po(po, locale="pt_PT")
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog
                  if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])}
    assert len(found) > 200
    assert not sorted(found - translated), "run python tools/catalogue.py and translate these"
    problems = [f"{message.id}: {errors}" for message, errors in catalog.check()]
    assert not problems, problems  # e.g. a %(name)s placeholder missing from a translation


# --- the built hub in two languages -------------------------------------------------------------


def test_each_language_is_a_whole_hub_under_its_prefix(bilingual_site: Path) -> None:
    english = sorted(p.relative_to(bilingual_site).as_posix() for p in bilingual_site.rglob("*.html")
                     if not p.relative_to(bilingual_site).as_posix().startswith("pt/"))
    portuguese = sorted(p.relative_to(bilingual_site / "pt").as_posix()
                        for p in (bilingual_site / "pt").rglob("*.html"))
    assert english == portuguese and len(english) > 20
    assert sorted(p.name for p in (bilingual_site / "pt" / "downloads").iterdir()) == \
        sorted(p.name for p in (bilingual_site / "downloads").iterdir())
    for name in portuguese:
        page = (bilingual_site / "pt" / name).read_text(encoding="utf-8")
        assert '<html lang="pt-PT"' in page, name
    assert '<html lang="en"' in (bilingual_site / "index.html").read_text(encoding="utf-8")
    index = json.loads((bilingual_site / "pt" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["pt"]
    assert any("Título do dia 1" in doc["title"] for doc in index["docs"])


def test_a_quick_preview_builds_the_source_language_alone_without_a_switch(bilingual: Path) -> None:
    from generator.build import alternates, start_builds

    every = start_builds(bilingual, downloads="off").finish_all()
    assert [b.language for b in every] == ["en", "pt-PT"]
    assert [a["lang"] for a in alternates(every[1])] == ["en", "pt-PT"]
    quick = start_builds(bilingual, downloads="off", every_language=False).finish_all()
    assert [b.language for b in quick] == ["en"]
    assert alternates(quick[0]) == []  # no switch to a language the preview did not build
    assert {p.path for p in quick[0].pages} == {p.path for p in every[0].pages}


def alternates_of(page: str) -> dict[str, str]:
    """The page's hreflang alternates, by language, as any HTML parser reads `rel` (a set of tokens)."""
    found: list[tuple[str, str]] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "link" and "alternate" in (a.get("rel") or "").lower().split() and a.get("hreflang"):
                found.append((a["hreflang"] or "", a.get("href") or ""))

    Links().feed(page)
    assert len(found) == len(dict(found)), f"one alternate per language: {found}"
    return dict(found)


def test_every_page_names_its_other_languages_and_the_switch_keeps_the_page(bilingual_site: Path) -> None:
    pt_day = (bilingual_site / "pt" / "managers" / "day-1" / "index.html").read_text(encoding="utf-8")
    en_day = (bilingual_site / "managers" / "day-1" / "index.html").read_text(encoding="utf-8")
    # each head names this same page in each language, at its published address, English by default
    root = "https://tiny.example/"
    expected = {"en": root + "managers/day-1/", "pt-PT": root + "pt/managers/day-1/",
                "x-default": root + "managers/day-1/"}
    assert alternates_of(en_day) == alternates_of(pt_day) == expected
    for href in expected.values():
        assert (bilingual_site / href.removeprefix(root) / "index.html").is_file(), href
    home = alternates_of((bilingual_site / "pt" / "index.html").read_text(encoding="utf-8"))
    assert home == {"en": root, "pt-PT": root + "pt/", "x-default": root}
    # the switch leads to the same page in the other language
    assert re.search(r'<a href="\.\./\.\./\.\./managers/day-1/" hreflang="en" lang="en" '
                     r'class="md-select__link">\s*English', pt_day)
    assert re.search(r'<a href="\.\./\.\./pt/managers/day-1/" hreflang="pt-PT" lang="pt-PT" '
                     r'class="md-select__link">\s*Português', en_day)


def test_hub_json_has_one_file_per_language_in_the_same_shape(bilingual_site: Path) -> None:
    en = json.loads((bilingual_site / "api" / "hub.json").read_text(encoding="utf-8"))
    pt = json.loads((bilingual_site / "pt" / "api" / "hub.json").read_text(encoding="utf-8"))

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return type(value).__name__

    assert shape(pt) == shape(en)
    assert pt["days"][0]["title"] == "Título do dia 1" and en["days"][0]["title"] == "Day 1 title"
    assert pt["days"][0]["purpose"] == en["days"][0]["purpose"]  # untranslated: the source text


class BodyText(HTMLParser):
    """The text a reader sees in a page's article; with `foreign_dropped`, without what is marked
    as another language (`lang="en"`, the untranslated source shown with its note)."""

    HIDDEN = {"script", "style", "svg", "template"}
    BREAKS = {"p", "li", "td", "th", "caption", "summary", "h1", "h2", "h3", "h4", "dt", "dd", "div", "br"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
            "wbr"}

    def __init__(self, foreign_dropped: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.foreign_dropped = foreign_dropped
        self.open: list[tuple[str, bool, bool]] = []  # tag, hidden, inside the article
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self.BREAKS:
            self.parts.append("\n")
        if tag in self.VOID:
            return
        hidden, inside = self.open[-1][1:] if self.open else (False, False)
        hidden = hidden or tag in self.HIDDEN or bool(
            self.foreign_dropped and (values.get("lang") or "").startswith("en"))
        inside = inside or "md-content__inner" in (values.get("class") or "")
        self.open.append((tag, hidden, inside))

    def handle_endtag(self, tag: str) -> None:
        if any(t == tag for t, _, _ in self.open):
            while self.open.pop()[0] != tag:
                pass
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][2] and not self.open[-1][1]:
            self.parts.append(data)

    @classmethod
    def of(cls, page: Path, foreign_dropped: bool = False) -> str:
        parser = cls(foreign_dropped)
        parser.feed(page.read_text(encoding="utf-8"))
        return re.sub(r"[ \t\u00a0]+", " ", "".join(parser.parts).replace("\u00b6", ""))


def sentences(text: str) -> list[str]:
    """The sentences of a text that read as prose: three words or more in lower case (so names,
    file formats and titles in capitals, which stay as they are in any language, are left out)."""
    found = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?:;])\s+", line.strip()):
            if len(re.findall(r"\b[a-z]{2,}\b", sentence)) >= 3:
                found.append(sentence.strip())
    return list(dict.fromkeys(found))


def english_left(site: Path, page: str) -> list[str]:
    """The English page's sentences that the Portuguese page shows outside a `lang="en"` element."""
    english = BodyText.of(site / page / "index.html")
    portuguese = BodyText.of(site / "pt" / page / "index.html", foreign_dropped=True)
    assert sentences(english), f"{page}: no English prose found to compare"
    return [s for s in sentences(english) if s in portuguese]


#: Pages whose words the generator writes itself (templates, milestones, counts), or mostly so.
GENERATED_PAGES = [
    "managers/briefing", "organisers", "employees", "privacy", "managers/after-the-week", "managers/day-1",
    "measure", "measure/pulse", "measure/tracking-sheet", "evidence", "evidence/faq",
    "activities/what-to-cut",
    "downloads", ".",
]


@pytest.mark.parametrize("page", GENERATED_PAGES)
def test_a_portuguese_page_shows_no_english_sentence_unmarked(site: Path, page: str) -> None:
    """Each sentence of the English page is translated on the Portuguese one, or stands marked
    `lang="en"` with its 'not yet translated' note; never English inside a pt-PT page unmarked."""
    assert english_left(site, page) == []


def test_the_portuguese_results_page_shows_no_english_sentence_unmarked(bilingual_site: Path) -> None:
    """The tiny hub's 60-day results (its translation is partial: what is missing stays marked)."""
    assert english_left(bilingual_site, "measure/results-60-day") == []
    page = BodyText.of(bilingual_site / "pt" / "measure" / "results-60-day" / "index.html")
    assert "Apenas contagens: não se guarda nenhum nome, resposta ou comentário." in page
    # a status counted under its English name, shown translated
    assert re.search(r"Em curso\s+\d+%\s*\(\d+ de \d+\)", page)


def test_the_portuguese_briefing_timeline_and_privacy_pages_read_in_portuguese(site: Path) -> None:
    def page(name: str) -> str:
        return BodyText.of(site / "pt" / name / "index.html")

    briefing = page("managers/briefing")
    assert "Tem cinco conversas curtas: quatro a sós com cada pessoa" in briefing
    assert "nunca de um grupo com menos de 5 pessoas" in briefing  # the threshold's plural
    timeline = page("organisers")
    assert "Enviar a preparação às chefias" in timeline and "Chefias" in timeline
    assert re.search(r"segunda-feira, \d+ de abril de 2027", timeline)  # a milestone's date, the local way
    assert "90 dias depois da semana: reveja com cada pessoa a respetiva linha." in timeline
    privacy = page("privacy")
    assert "A sua chefia guarda a folha numa pasta privada a que só ela tem acesso." in privacy
    assert re.search(r"inquérito de pulso de \d+ perguntas", privacy)
    measure = page("measure")
    assert "Aos 60 dias, a partir das folhas de acompanhamento: as pessoas com as colunas" in measure


# --- downloads in Portuguese ------------------------------------------------------------------


def test_the_portuguese_manager_pack_reads_back_in_portuguese(shipped_pt: Hub, tmp_path: Path) -> None:
    pdftotext = need("pdftotext", "reads the PDF's text back")
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(manager_pack_pdf(shipped_pt, PackSize.A4))
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for title in ("Conversa de carreira", "Mapa de competências", "Reflexão", "Síntese da equipa"):
        assert f"Dia {[d.title for d in shipped_pt.days].index(title) + 1}: {title}" in text
    monday = format_date(shipped_pt.campaign.week_start, "day", "pt-PT")  # "segunda-feira, 10 de maio"
    assert "Guia da chefia" in text and "Página 3 de" in text and monday in text
    assert "https://learning.northwind.example/pt/managers/day-1/" in text


def test_the_portuguese_tracking_sheet_reads_back_in_portuguese(shipped_pt: Hub) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(tracking_workbook(shipped_pt))))
    assert book.sheetnames == ["Como usar", "Acompanhamento", "Resumo"]
    tracking = book["Acompanhamento"]
    headers = [c.value for c in tracking[1]]
    assert headers[:3] == ["Colaborador", "Função", "Família de funções"] and "Estado" in headers
    assert tracking.cell(row=2, column=1).value == "Alex (exemplo)"
    lists = [v.formula1 for v in tracking.data_validations.dataValidation if v.type == "list"]
    assert '"Por iniciar,Em curso,Concluído,Em pausa,Não participa"' in lists
    assert any("Apoio ao cliente" in f for f in lists)
    summary = book["Resumo"]
    assert summary["A1"].value == "Resumo por família de funções"
    formulas = [c.value for row in summary.iter_rows() for c in row if str(c.value).startswith("=COUNTIFS(")]
    assert formulas and all("'Acompanhamento'!" in f and '"<>*(exemplo)"' in f for f in formulas)
    how_to = [str(c.value) for row in book["Como usar"].iter_rows() for c in row if c.value]
    assert "Como usar este livro" in how_to and any(line.startswith("Escreva o nome da sua equipa") for line in how_to)


def test_the_portuguese_summary_counts_what_managers_type(shipped_pt: Hub, tmp_path: Path) -> None:
    """LibreOffice recalculates the Portuguese formulas: its sheet name and example mark hold."""
    book = tracking_workbook(shipped_pt)
    ws = book["Acompanhamento"]
    ids = [c.id for c in shipped_pt.sheet.columns]
    typed = [
        {"employee": "Ana", "role-family": "Apoio ao cliente", "status": "Concluído", "check-60": "Correu bem"},
        {"employee": "Rui", "role-family": "Apoio ao cliente", "status": "Em curso"},
        {"employee": "Inês (exemplo)", "role-family": "Apoio ao cliente", "status": "Concluído"},  # not counted
    ]
    for offset, values in enumerate(typed):
        for column_id, value in values.items():
            ws.cell(row=2 + len(shipped_pt.sheet.samples) + offset, column=1 + ids.index(column_id), value=value)
    filled = tmp_path / "preenchida.xlsx"
    filled.write_bytes(workbook_bytes(book))
    result = libreoffice(tmp_path, filled, csv_of_sheet(3))
    assert result.returncode == 0, result.stderr
    rows = {r[0]: r[1:] for r in read_csv(tmp_path / "preenchida-Resumo.csv") if r and r[0]}
    # Pessoas, Por iniciar, Em curso, Concluído, Em pausa, Não participa, 60 dias feito, 90 dias feito
    assert rows["Apoio ao cliente"] == ["2", "0", "1", "1", "0", "0", "1", "0"]
    assert rows["Todas as famílias de funções"] == ["2", "0", "1", "1", "0", "0", "1", "0"]


def test_every_translation_file_matches_the_schema_its_first_line_names() -> None:
    """The JSON Schema of translation files is made from TRANSLATABLE, like the content's from the model."""
    from jsonschema import Draft202012Validator

    files = sorted((ROOT / "content" / "i18n" / "pt-PT").rglob("*.yaml"))
    assert len(files) >= 30
    for path in files:
        first = path.read_text(encoding="utf-8").partition("\n")[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema_file = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema_file.parent == ROOT / "schemas" / "i18n", path
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        errors = list(Draft202012Validator(schema).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not errors, f"{path}: {errors[0].message}"
    day = json.loads((ROOT / "schemas" / "i18n" / "day.schema.json").read_text(encoding="utf-8"))
    assert set(day["properties"]) == {"title", "question", "purpose", "opener", "agenda", "log", "tips",
                                      "wellbeing"}  # ids, numbers, prompts and topics are not translated


def test_learnhub_results_reads_a_sheet_returned_in_portuguese(shipped_pt: Hub, tmp_path: Path) -> None:
    """A team that used the Portuguese sheet is counted like any other: its headers, role families,
    statuses, Team cell and example mark are read in Portuguese."""
    project = make_project(tmp_path / "hub", ROOT)
    shutil.rmtree(project / "content" / "results", ignore_errors=True)
    folder = tmp_path / "devolvidas"
    folder.mkdir()
    book = tracking_workbook(shipped_pt)
    how_to = book["Como usar"]
    team_row = next(c.row for (c,) in how_to.iter_rows(min_col=1, max_col=1) if c.value == "Equipa")
    how_to.cell(row=team_row, column=2, value="Cais de Lisboa")
    sheet = book["Acompanhamento"]
    ids = [c.id for c in shipped_pt.sheet.columns]
    row = {"role": "Analista", "role-family": "Apoio ao cliente", "focus-skill": "Apresentar",
           "learning-action": "Conduzir duas reuniões", "manager-support": "Conversa semanal",
           "target-date": dt.date(2027, 7, 1), "status": "Em curso", "check-60": "Correu bem"}
    first = 2 + len(shipped_pt.sheet.samples)
    for offset in range(6):
        for column_id, value in {**row, "employee": f"Pessoa {offset}"}.items():
            sheet.cell(row=first + offset, column=1 + ids.index(column_id), value=value)
    (folder / "cais.xlsx").write_bytes(workbook_bytes(book))
    result = learnhub(project, "results", str(folder), "--wave", "60")
    assert result.returncode == 0, result.stderr
    assert "1 files, 6 people, 1 teams" in result.stdout  # the five example rows are not people
    data = yaml.safe_load((project / "content" / "results" / "60-day.yaml").read_text(encoding="utf-8"))
    assert data["statuses"]["In progress"] == 6  # read as the source's status
    assert next(g for g in data["by_team"] if g["name"] == "Cais de Lisboa")["people"] == 6
    assert next(g for g in data["by_function"] if g["id"] == "customer-support")["people"] == 6


def test_a_resource_title_in_another_language_says_which(site: Path, shipped_pt: Hub) -> None:
    """Resources keep their own titles: a title not in the page's language carries its own `lang`,
    so a screen reader reads it in that language's voice."""
    def marked(page: Path) -> dict[str, str]:
        found = re.findall(r'<h3 id="([^"]+)"><a ([^>]*)>', page.read_text(encoding="utf-8"))
        return {anchor: "".join(re.findall(r'\blang="([^"]+)"', attributes)) for anchor, attributes in found}

    english, portuguese = marked(site / "resources" / "index.html"), marked(site / "pt" / "resources" / "index.html")
    languages = {r.id: r.language for r in shipped_pt.resources}
    assert english.keys() == portuguese.keys() == languages.keys()
    assert english == {i: ("" if lang == "en" else lang) for i, lang in languages.items()}
    assert portuguese == languages  # no resource is in Portuguese: every title says its language
