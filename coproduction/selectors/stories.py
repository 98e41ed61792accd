"""Stories of processes (``/stories``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coproduction import models


def stories_qs() -> QuerySet:
    return models.Story.objects.prefetch_related("keywords")


def story_list(*, minimum_rating: float | None = None, search: str | None = None, keyword: str | None = None):
    """Stories rated at least ``minimum_rating``, whose title or description holds ``search``,
    whose keywords hold ``keyword`` (each filter only when given)."""
    stories = stories_qs()
    if minimum_rating is not None:
        stories = stories.filter(rating__gte=minimum_rating)
    if search:
        stories = stories.filter(Q(data_story__title__icontains=search) | Q(data_story__description__icontains=search))
    if keyword:
        stories = stories.filter(data_story__keywords__icontains=keyword)
    return stories


def stories_of_process(process_id) -> QuerySet:
    return stories_qs().filter(coproductionprocess_id=process_id).order_by("created_at", "id")
