"""Ratings of stories and public processes (``/ratings``)."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduction import models


def rating_list(*, artefact_id=None) -> QuerySet:
    """Every rating, or those of one artefact."""
    ratings = models.Rating.objects.all()
    if artefact_id is not None:
        ratings = ratings.filter(artefact_id=artefact_id)
    return ratings
