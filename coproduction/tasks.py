"""Co-production's Celery tasks (config/celery.py): e-mails and upstream's test task."""

from __future__ import annotations

from celery import shared_task

from coproduction import emails


@shared_task(name="app.worker.test_celery", acks_late=True)
def test_celery(word: str) -> str:
    """Upstream's ``test_celery`` (same task name, so an upstream worker answers it too)."""
    return f"test task return {word}"


@shared_task(
    name="coproduction.send_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_email(to: str, kind: str, context: dict, language: str | None = None) -> str:
    emails.deliver(to, kind, context, language)
    return to
