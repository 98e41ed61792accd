"""Co-production's e-mails: upstream's kinds, subjects and links, sent by a Celery task.

Upstream (``app/general/emails.py``) renders one HTML template per kind and sends it over
SMTP in a thread. Here each kind has an HTML and a text template
(``coproduction/templates/coproduction/emails/``, written from upstream's wording), the
message goes through Django's e-mail backend, and the sending is a Celery task
(``coproduction.tasks.send_email``) queued when the co-production transaction commits, so a
failed request sends nothing. Without a broker the task runs in the request's process.

Language: upstream ships its templates in English only; they are rendered with the process's
language active (``language``), so a translation added later is picked up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

DB = "coproduction"


@dataclass(frozen=True)
class Kind:
    subject: str
    link: str | None = None  # upstream's link, formatted with the context and ``server``


def _dashboard(path: str) -> str:
    return "https://{server}/dashboard/" + path


KINDS: dict[str, Kind] = {
    "add_member_team": Kind(
        "Interlink: You have been added to a new team", _dashboard("organizations/{org_id}/{team_id}")
    ),
    "add_admin_coprod": Kind(
        "Interlink: You have been added to a new coproduction process",
        _dashboard("coproductionprocesses/{coprod_id}/overview"),
    ),
    "user_apply_team": Kind(
        "Interlink: A new user has applied to join your team",
        _dashboard("organizations/{org_id}/{team_id}?user={user_email}"),
    ),
    "apply_to_be_contributor": Kind(
        "Interlink: A user has applied to be a contributor",
        _dashboard("coproductionprocesses/{coprod_id}/team?tab=Requests"),
    ),
    "add_team_coprod": Kind(
        "Interlink: Your team has been added to a coproduction process",
        _dashboard("coproductionprocesses/{coprod_id}/overview"),
    ),
    "add_team_treeitem": Kind(
        "Interlink: New permissions on a coproduction item",
        _dashboard("coproductionprocesses/{coprod_id}/{treeitem_id}/guide"),
    ),
    # The subject is the caller's (upstream: ``environment['subject']``), the link too.
    "ask_team_contribution": Kind(""),
    "test": Kind("{project_name} - Test email"),
}


def render(kind: str, context: dict, language: str | None = None) -> tuple[str, str, str]:
    """``(subject, text, html)`` of one e-mail."""
    spec = KINDS[kind]
    context = {key: "" if value is None else str(value) for key, value in context.items()}
    context.setdefault("server", settings.COPRODUCTION_SERVER_NAME)
    context.setdefault("project_name", settings.PROJECT_NAME)
    if spec.link:
        context["link"] = spec.link.format(**context)
    subject = context.get("subject") if kind == "ask_team_contribution" else spec.subject.format(**context)
    context["subject"] = subject
    context["language"] = language or "en"
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"coproduction/emails/{kind}.txt", context)
        html = render_to_string(f"coproduction/emails/{kind}.html", context)
    return subject, text, html


def deliver(to: str, kind: str, context: dict, language: str | None = None) -> None:
    """Render and send now, through Django's e-mail backend (the Celery task calls this)."""
    subject, text, html = render(kind, context, language)
    sender = f"{settings.EMAILS_FROM_NAME} <{settings.DEFAULT_FROM_EMAIL}>"
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=sender, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def queue(to: str | None, kind: str, context: dict, language: str | None = None) -> None:
    """Send ``kind`` to ``to`` from a worker once the co-production transaction commits."""
    if not to:
        return
    if kind not in KINDS:
        raise ValueError(f"unknown e-mail kind {kind!r}")
    from coproduction.tasks import send_email

    payload = {key: "" if value is None else str(value) for key, value in context.items()}
    transaction.on_commit(lambda: send_email.delay(to, kind, payload, language), using=DB)


def queue_many(recipients, kind: str, context: dict, language: str | None = None) -> None:
    for to in dict.fromkeys(r for r in recipients if r):
        queue(to, kind, context, language)
