"""Notification templates, users' and processes' notifications (``/notifications``,
``/usernotifications``, ``/coproductionprocessnotifications``)."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduction import models


def notification_template_list() -> QuerySet:
    return models.Notification.objects.order_by("created_at", "id")


def notification_template_for(*, event: str, language: str) -> models.Notification | None:
    """The oldest template of the event in the language, if any."""
    return models.Notification.objects.filter(event=event, language=language).order_by("created_at").first()


def user_notifications_qs() -> QuerySet:
    return models.UserNotification.objects.select_related("notification").order_by("-created_at", "id")


def process_notifications_qs() -> QuerySet:
    return models.CoproductionProcessNotification.objects.select_related("notification").order_by("-created_at", "id")
