"""Assets of tasks (``/assets``, ``coproductionprocesses/{id}/assets``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coproduction import models
from coproduction.selectors.processes import is_process_administrator
from coproduction.selectors.tree import disabled_item_ids


def assets_qs() -> QuerySet:
    return models.Asset.objects.select_related("as_internalasset", "as_externalasset")


def assets_of_task(task: models.Task) -> QuerySet:
    return assets_qs().filter(task=task).order_by("created_at", "id")


def assets_of_process(process: models.CoproductionProcess) -> QuerySet:
    """Every asset of the process, as rows of the base table (no concrete parts joined)."""
    return models.Asset.objects.filter(coproductionprocess=process)


def process_assets_visible_to(user: models.User, process: models.CoproductionProcess) -> QuerySet:
    """The process's assets the user may open, newest first: all of them for its administrators
    and members of a team permitted on the whole process; otherwise those under the enabled
    tree items where one of the user's teams has ``access_assets_permission``."""
    assets = assets_qs().filter(task__objective__phase__coproductionprocess=process)
    full_access = (
        is_process_administrator(user, process.pk)
        or models.Permission.objects.filter(
            coproductionprocess=process, treeitem__isnull=True, team__users=user
        ).exists()
    )
    if not full_access:
        allowed = models.Permission.objects.filter(
            coproductionprocess=process, team__users=user, access_assets_permission=True, treeitem__isnull=False
        ).values_list("treeitem_id", flat=True)
        disabled = disabled_item_ids(process.pk)
        allowed = set(allowed) - disabled
        assets = assets.filter(Q(task_id__in=allowed) | Q(objective_id__in=allowed) | Q(phase_id__in=allowed)).exclude(
            Q(task_id__in=disabled) | Q(objective_id__in=disabled) | Q(phase_id__in=disabled)
        )
    return assets.order_by("-created_at", "id")
