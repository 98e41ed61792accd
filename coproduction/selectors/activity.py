"""The activity log of a process (``coproductionprocesses/{id}/activity``)."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduction import models


def activity_of_process(process_id) -> QuerySet:
    """The activity log of a process, newest first (coproduction/models/activitylog.py)."""
    return models.ActivityLog.objects.filter(coproductionprocess_id=process_id).order_by("-timestamp", "-id")
