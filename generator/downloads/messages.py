"""`messages.zip`: the run-up's invitations and reminders, each as plain text and as an `.eml` draft.

Each message is a Jinja2 template whose first line is `Subject: ...`; the rest is the body. Every
sentence is one of the generator's words (`_()`), so each language's hub has its own messages, with
file names in its language and dates written its way. The
drafts are RFC 5322 messages marked `X-Unsent: 1`, so mail programs open them as drafts to send:
they come from the campaign's contact address and go to no one, as the hub holds no personal
addresses. The archive's entries are sorted and dated 1980-01-01, so equal content gives equal bytes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import paths
from ..content import dates
from ..content.model import Hub
from ..i18n import N_, words
from .calendar import page_link

#: CRLF lines as RFC 5322 asks, folded only past its hard limit, so headers and paragraphs stay whole.
DRAFT_POLICY = policy.SMTP.clone(max_line_length=998)

#: Every entry of the archive carries this time, so that rebuilds give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

#: The run-up's messages in the order they are sent: the template (its name, translated, is the
#: file's name), who it goes to and the milestone it is sent on.
RUN_UP = (
    (N_("invitation-managers"), "managers", "before-briefing"),
    (N_("invitation-employees"), "employees", "before-invite"),
    (N_("reminder-managers"), "managers", "before-manager-reminder"),
    (N_("reminder-employees"), "employees", "before-employee-reminder"),
)

#: Whom a message goes to, as its draft names the group.
AUDIENCES = {"managers": N_("Managers"), "employees": N_("Employees")}


@dataclass(frozen=True)
class Message:
    """One message to send: its file stem, who it goes to, when, its subject and its text."""

    stem: str
    audience: str
    send_on: dt.date
    subject: str
    body: str


@cache
def environment(language: str = "en") -> Environment:
    """Plain-text templates in one language: nothing is escaped, as the output is not HTML."""
    env = Environment(loader=PackageLoader("generator.downloads", "templates/messages"),
                      autoescape=False, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    t = words(language)
    env.filters["date"] = lambda value, style="long": paths.format_date(value, style, language)
    env.globals["_"] = t
    env.globals["ngettext"] = t.n
    return env


def _render(hub: Hub, template: str, **context: Any) -> tuple[str, str]:
    c = hub.campaign
    t = words(hub.language)
    first, last = c.week_dates[0], c.week_dates[-1]
    week = t("%(first)s to %(last)s", first=paths.format_date(first, "day", hub.language),
             last=paths.format_date(last, "full", hub.language))
    text = environment(hub.language).get_template(template).render(
        hub=hub, campaign=c, paths=paths, day_path=paths.day_path,
        link=lambda path, anchor=None: page_link(hub, path, anchor),
        week=week, contact=paths.contact_parts(c.contact)[0], load=dates.manager_time(hub), **context)
    head, _, body = text.partition("\n")
    assert head.startswith("Subject: "), f"{template} must start with a Subject line"
    return head.removeprefix("Subject: ").strip(), body.lstrip("\n")


def messages(hub: Hub) -> list[Message]:
    """The run-up's messages in the order they are sent, then a reminder before each follow-up."""
    t = words(hub.language)
    when = {m.key: m.date for m in dates.timeline(hub)}
    found = []
    for i, (name, audience, key) in enumerate(RUN_UP, start=1):
        subject, body = _render(hub, f"{name}.txt.j2", invite=when["before-invite"],
                                walkthrough=when["before-walkthrough"])
        found.append(Message(f"{i}-{t(name)}", audience, when[key], subject, body))
    for i, follow in enumerate(hub.playbook.follow_ups, start=len(RUN_UP) + 1):
        due = hub.follow_up_date(follow)
        questions = [q for q in hub.measurement.pulse if q.wave == follow.days_after]
        subject, body = _render(hub, "follow-up-reminder.txt.j2", follow=follow, due=due, questions=questions)
        name = t("reminder-day-%(days)s", days=follow.days_after)
        found.append(Message(f"{i}-{name}", "managers", when[f"after-remind-{follow.id}"], subject, body))
    return found


def draft(hub: Hub, message: Message) -> bytes:
    """The message as an unsent RFC 5322 draft, from the campaign's address, to no one yet."""
    t = words(hub.language)
    email = EmailMessage(policy=DRAFT_POLICY)
    sender = paths.contact_parts(hub.campaign.contact)[0]
    team = t("%(organisation)s L&D", organisation=hub.campaign.organisation)
    email["From"] = f"{team} <{sender}>" if "@" in sender else hub.campaign.organisation
    email["To"] = f"{t(AUDIENCES[message.audience])}:;"
    email["Subject"] = message.subject
    email["X-Unsent"] = "1"
    email.set_content(message.body)
    email["Content-Language"] = hub.language  # after the content, which clears Content-* headers
    return email.as_bytes()


def plain_text(hub: Hub, message: Message) -> bytes:
    """The message as text to paste into any mail or chat tool."""
    t = words(hub.language)
    head = "\n".join([t("To: %(audience)s", audience=t(AUDIENCES[message.audience]).lower()),
                      t("Send on: %(date)s", date=paths.format_date(message.send_on, "full", hub.language)),
                      t("Subject: %(subject)s", subject=message.subject)])
    return f"{head}\n\n{message.body}".encode()


def messages_zip(hub: Hub) -> bytes:
    """Every message as `.txt` and `.eml`, in a zip whose bytes depend only on the content."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        t = words(hub.language)
        folder = t("messages")
        for message in messages(hub):
            for suffix, data in ((".eml", draft(hub, message)), (".txt", plain_text(hub, message))):
                info = zipfile.ZipInfo(f"{folder}/{message.stem}{suffix}", ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
    return buffer.getvalue()


def write_messages(hub: Hub, path: Path) -> None:
    """`messages.zip`."""
    path.write_bytes(messages_zip(hub))
