"""Team and user permissions on processes and tree items (``/permissions``)."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet

from coproduction import models
from coproduction.selectors.teams import teams_qs

DISABLED = (
    Q(treeitem__disabled_on__isnull=False)
    | Q(treeitem__as_objective__phase__disabled_on__isnull=False)
    | Q(treeitem__as_task__objective__disabled_on__isnull=False)
    | Q(treeitem__as_task__objective__phase__disabled_on__isnull=False)
)


def permissions_qs() -> QuerySet:
    return models.Permission.objects.prefetch_related(Prefetch("team", queryset=teams_qs())).annotate(
        treeitem_disabled=ExpressionWrapper(DISABLED, output_field=BooleanField())
    )
