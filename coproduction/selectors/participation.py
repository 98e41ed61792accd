"""Requests to take part in a process (``/participationrequests``)."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduction import models


def participation_requests_qs() -> QuerySet:
    return (
        models.ParticipationRequest.objects.select_related("candidate")
        .prefetch_related("candidate__teams")
        .order_by("created_at", "id")
    )
