"""Ratings of stories and public processes, and the ``rating``/``ratings_count`` aggregates."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from coproduction.models import (
    CoproductionProcess,
    Rating,
    Story,
)
from coproduction.services.transactions import lock_row

RATED_MODELS = {"story": Story, "publiccoproduction": CoproductionProcess}


def refresh_rating(artefact_type: str | None, artefact_id) -> None:
    """Average (1 decimal) and count of the ratings of a story or public process (spec §5.9)."""
    model = RATED_MODELS.get(artefact_type or "")
    if model is None or artefact_id is None:
        return
    lock_row(model, artefact_id)
    values = Rating.objects.filter(artefact_type=artefact_type, artefact_id=artefact_id).aggregate(
        average=Avg("value"), count=Count("id")
    )
    average = values["average"]
    rating = Decimal(str(average)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if average is not None else 0
    model.objects.filter(pk=artefact_id).update(rating=rating, ratings_count=values["count"])


def rating_save(*, rating: Rating) -> Rating:
    previous = None
    if not rating._state.adding:
        previous = Rating.objects.filter(pk=rating.pk).values_list("artefact_type", "artefact_id").first()
    rating.save()
    refresh_rating(rating.artefact_type, rating.artefact_id)
    if previous and previous != (rating.artefact_type, rating.artefact_id):
        refresh_rating(*previous)
    return rating


def rating_delete(*, rating: Rating) -> None:
    key = (rating.artefact_type, rating.artefact_id)
    rating.delete()
    refresh_rating(*key)
