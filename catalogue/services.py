"""Catalogue writes that carry rules: rating aggregates, discriminated interlinker writes."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import router, transaction
from django.db.models import Avg, Count, DecimalField, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Round

from catalogue.models import Artefact, Rating


def artefact_ratings_refresh(artefact_ids: Iterable, *, using: str | None = None) -> None:
    """Recompute ``rating`` / ``ratings_count`` of the given artefacts (spec §6.4).

    Runs inside the caller's transaction. The artefact rows are locked first (``SELECT … FOR
    UPDATE``, in id order) in a statement of their own, so that the recomputing UPDATE takes
    a snapshot after any concurrent rating writer has committed: the stored aggregate always
    equals the recomputed one. With no ratings left both become 0 (decision 17).
    """
    ids = sorted({artefact_id for artefact_id in artefact_ids if artefact_id}, key=str)
    if not ids:
        return
    using = using or router.db_for_write(Artefact)
    with transaction.atomic(using=using):
        artefacts = Artefact.objects.using(using)
        list(artefacts.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        ratings = Rating.objects.using(using).filter(artefact_id=OuterRef("pk")).order_by().values("artefact_id")
        count = ratings.annotate(n=Count("*")).values("n")
        average = ratings.annotate(
            avg=Cast(Round(Avg("value"), 1), DecimalField(max_digits=2, decimal_places=1))
        ).values("avg")
        artefacts.filter(pk__in=ids).update(
            ratings_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
            rating=Coalesce(
                Subquery(average, output_field=DecimalField(max_digits=2, decimal_places=1)),
                Value(0, output_field=DecimalField(max_digits=2, decimal_places=1)),
            ),
        )
