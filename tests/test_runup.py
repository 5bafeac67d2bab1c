"""The run-up: the timeline, briefing, what-to-expect and privacy pages, the messages and the
organisers' calendar, all made from the campaign's dates and settings."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import html
import io
import re
import subprocess
import zipfile
from pathlib import Path

import icalendar
import pytest

from generator.content import dates
from generator.content.hub import load_hub
from generator.content.model import Hub
from generator.downloads.messages import messages, messages_zip
from generator.paths import BRIEFING, EXPECT, PRIVACY, TIMELINE, contact_parts, format_date, url_of

from .conftest import ROOT
from .tools import need


def text_of(markup: str) -> str:
    """Visible text, roughly: tags dropped, references decoded, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def page(site: Path, path: str) -> str:
    return (site / url_of(path) / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shipped_hub() -> Hub:
    return load_hub(ROOT).hub


def long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def test_the_timeline_page_dates_every_milestone(site: Path, shipped_hub: Hub) -> None:
    text = text_of(page(site, TIMELINE))
    steps = dates.timeline(shipped_hub)
    assert steps[0].date <= shipped_hub.campaign.week_start - dt.timedelta(days=40)
    for step in steps:
        assert f"{long(step.date)}" in text, step.key
        assert step.title in text
        assert dates.is_working_day(shipped_hub.campaign, step.date)
    moved = [s for s in steps if s.moved_from]
    assert moved, "the shipped run-up crosses Easter Monday and Whit Monday"
    for step in moved:
        assert f"Moved from {step.moved_from:%A} {step.moved_from.day} {step.moved_from:%B}: " in text


def test_the_briefing_works_out_the_time_and_lists_the_managers_dates(site: Path, shipped_hub: Hub) -> None:
    text = text_of(page(site, BRIEFING))
    per_person = sum(d.duration_minutes for d in shipped_hub.days[:-1])
    assert f"up to {per_person} minutes per person" in text
    for step in dates.timeline(shipped_hub):
        if step.who in ("managers", "everyone"):
            assert re.search(rf"{long(step.date)}\s*:\s*{re.escape(step.title)}", text), step.key


def test_the_privacy_notice_comes_from_the_campaign_settings(site: Path, shipped_hub: Hub) -> None:
    text = text_of(page(site, PRIVACY))
    c = shipped_hub.campaign
    assert " ".join(c.privacy.retention.split()) in text
    assert f"fewer than {c.reporting_threshold} people" in text
    assert contact_parts(c.privacy.contact or c.contact)[0] in text
    for column in shipped_hub.sheet.columns:
        assert column.header in text


def test_what_to_expect_lists_the_days_and_each_countrys_support(site: Path, shipped_hub: Hub) -> None:
    markup = page(site, EXPECT)
    text = text_of(markup)
    for day, when in zip(shipped_hub.days, shipped_hub.campaign.week_dates, strict=True):
        assert re.search(rf"{when:%A} {when.day} {when:%B}\s*:\s*{re.escape(day.title)}", text), day.id
    assert len(shipped_hub.campaign.countries) >= 4
    for country in shipped_hub.campaign.countries:
        assert country.name in text
        for entry in country.support:
            assert entry.name in text and contact_parts(entry.contact)[0] in text
    assert "tel:" not in markup  # numbers are shown, not linked: the hub links to http, https and mailto


def test_day_pages_and_the_prompt_library_carry_the_wellbeing_guidance(site: Path, shipped_hub: Hub) -> None:
    for day in shipped_hub.days:
        markup = (site / "managers" / f"day-{day.number}" / "index.html").read_text(encoding="utf-8")
        assert 'id="wellbeing-guidance"' in markup
        assert "Samaritans" in text_of(markup)
    prompts = (site / "managers" / "prompts" / "index.html").read_text(encoding="utf-8")
    assert prompts.count('id="wellbeing-guidance"') == 1


def test_messages_are_drafts_with_no_personal_address(tiny_hub: Hub) -> None:
    found = messages(tiny_hub)
    archive = zipfile.ZipFile(io.BytesIO(messages_zip(tiny_hub)))
    names = archive.namelist()
    assert len(names) == 2 * len(found)
    audiences = {m.audience for m in found}
    assert audiences == {"managers", "employees"}
    assert len([m for m in found if "reminder-day-" in m.stem]) == len(tiny_hub.playbook.follow_ups)
    for message in found:
        draft = email.message_from_bytes(archive.read(f"messages/{message.stem}.eml"), policy=email.policy.default)
        assert draft["X-Unsent"] == "1"
        assert draft["Subject"] == message.subject
        assert "@" not in draft["To"]
        assert contact_parts(tiny_hub.campaign.contact)[0] in draft["From"]
        body = draft.get_content()
        assert body.replace("\r\n", "\n") == message.body and tiny_hub.campaign.site_url in body
        plain = archive.read(f"messages/{message.stem}.txt").decode()
        assert f"Subject: {message.subject}" in plain and message.body in plain
    due = tiny_hub.follow_up_date(tiny_hub.playbook.follow_ups[0])
    sixty = next(m for m in found if m.stem.endswith("reminder-day-60"))
    assert f"{due:%A} {due.day} {due:%B} {due.year}" in sixty.body
    assert sixty.send_on == dates.next_working_day(tiny_hub.campaign, due - dt.timedelta(days=7))


def test_the_zip_is_the_same_bytes_every_time(tiny_hub: Hub) -> None:
    assert messages_zip(tiny_hub) == messages_zip(tiny_hub)


def test_the_organisers_calendar_holds_every_milestone_as_an_all_day_event(site: Path,
                                                                           shipped_hub: Hub) -> None:
    calendar = icalendar.Calendar.from_ical((site / "downloads" / "organiser-milestones.ics").read_bytes())
    events = calendar.walk("VEVENT")
    steps = dates.timeline(shipped_hub)
    assert len(events) == len(steps)
    for event, step in zip(events, steps, strict=True):
        start = event.decoded("DTSTART")
        assert start == step.date and not isinstance(start, dt.datetime)
        assert str(event["SUMMARY"]) == step.title
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert str(event["URL"]).endswith(f"/organisers/#{step.key}")
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_the_pack_prints_the_guidance_and_the_support_contacts(site: Path, shipped_hub: Hub) -> None:
    pdftotext = need("pdftotext", "reads the manager pack's text")
    text = subprocess.run([pdftotext, str(site / "downloads" / "manager-pack-a4.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Wellbeing, support and large teams" in flat
    for country in shipped_hub.campaign.countries:
        assert country.name in flat
    assert "Large, shift and frontline teams" in flat


# --- the run-up's downloads in each language -----------------------------------------------------


def zip_messages(path: Path) -> dict[str, email.message.EmailMessage]:
    """The archive's drafts by file name, read back as mail programs read them."""
    archive = zipfile.ZipFile(path)
    return {name: email.message_from_bytes(archive.read(name), policy=email.policy.default)
            for name in archive.namelist() if name.endswith(".eml")}


def test_the_portuguese_messages_are_in_portuguese_with_local_dates(site: Path, shipped_hub: Hub) -> None:
    english = zip_messages(site / "downloads" / "messages.zip")
    portuguese = zip_messages(site / "pt" / "downloads" / "messages.zip")
    assert len(portuguese) == len(english) == 4 + len(shipped_hub.playbook.follow_ups)
    assert sorted(portuguese)[:2] == ["mensagens/1-convite-chefias.eml", "mensagens/2-convite-colaboradores.eml"]
    assert sorted(english)[:2] == ["messages/1-invitation-managers.eml", "messages/2-invitation-employees.eml"]
    monday, friday = shipped_hub.campaign.week_dates[0], shipped_hub.campaign.week_dates[-1]
    invite = portuguese["mensagens/1-convite-chefias.eml"]
    assert invite["Subject"].endswith(f"a sua preparação para a semana de {format_date(monday, 'day', 'pt-PT')} a "
                                      f"{format_date(friday, 'full', 'pt-PT')}")
    assert invite["Content-Language"] == "pt-PT" and invite["To"] == "Chefias:;"
    assert english["messages/1-invitation-managers.eml"]["Subject"].endswith(
        f"your briefing for {monday:%A} {monday.day} {monday:%B} to {long(friday)}")
    for name, draft in portuguese.items():
        body = draft.get_content()
        assert "/pt/" in body and "The L&D team" not in body and "A equipa de formação" in body, name
    follow = shipped_hub.playbook.follow_ups[0]
    due = shipped_hub.follow_up_date(follow)
    reminder = portuguese[f"mensagens/5-lembrete-{follow.days_after}-dias.eml"].get_content()
    assert f"previsto para {format_date(due, 'full', 'pt-PT')}, {follow.days_after} dias depois da semana" in reminder
    plain = zipfile.ZipFile(site / "pt" / "downloads" / "messages.zip").read("mensagens/1-convite-chefias.txt")
    assert plain.decode().startswith("Para: chefias\nEnviar em: ")


def test_the_portuguese_organisers_calendar_names_the_milestones_in_portuguese(site: Path,
                                                                               shipped_hub: Hub) -> None:
    def events(folder: Path) -> dict[str, icalendar.Event]:
        calendar = icalendar.Calendar.from_ical((folder / "organiser-milestones.ics").read_bytes())
        return {str(e["UID"]): e for e in calendar.walk("VEVENT")}

    english, portuguese = events(site / "downloads"), events(site / "pt" / "downloads")
    assert english.keys() == portuguese.keys()
    for uid, event in portuguese.items():
        assert event.decoded("DTSTART") == english[uid].decoded("DTSTART")  # the same working days
        assert event["SUMMARY"].params["LANGUAGE"] == "pt-PT" and english[uid]["SUMMARY"].params["LANGUAGE"] == "en"
        assert "/pt/organisers/#" in str(event["URL"])
    first = min(portuguese.values(), key=lambda e: e.decoded("DTSTART"))
    assert str(first["SUMMARY"]) == "Fixar as datas e os responsáveis"
    assert str(first["DESCRIPTION"]).startswith("Para a organização. Confirme que a semana não coincide com feriados")
    assert str(english[str(first["UID"])]["SUMMARY"]) == "Fix the dates and the owners"
    days = [e for e in portuguese.values() if e.decoded("DTSTART") in shipped_hub.campaign.week_dates]
    assert len(days) == len(shipped_hub.days) and all(str(e["SUMMARY"]).startswith("Dia ") for e in days)
