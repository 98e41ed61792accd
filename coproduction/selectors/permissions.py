"""Team and user permissions on processes and tree items (``/permissions``)."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet

from coproduction import models
from coproduction.selectors.teams import teams_qs

_DISABLED = (
    Q(treeitem__disabled_on__isnull=False)
    | Q(treeitem__as_objective__phase__disabled_on__isnull=False)
    | Q(treeitem__as_task__objective__disabled_on__isnull=False)
    | Q(treeitem__as_task__objective__phase__disabled_on__isnull=False)
)


def permissions_qs() -> QuerySet:
    return models.Permission.objects.prefetch_related(Prefetch("team", queryset=teams_qs())).annotate(
        treeitem_disabled=ExpressionWrapper(_DISABLED, output_field=BooleanField())
    )


def process_permissions(process_id) -> list:
    """Every permission of the process with its team: what the tree items' "full" shapes show
    (passed to their serializers as ``process_permissions``)."""
    return list(
        models.Permission.objects.filter(coproductionprocess_id=process_id).prefetch_related(
            Prefetch("team", queryset=teams_qs())
        )
    )
