"""A process's tree: phases, objectives and tasks (``/phases``, ``/objectives``, ``/tasks``, ``…/tree``)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from coproduction import models


def tasks_qs() -> QuerySet:
    return models.Task.objects.select_related("objective").prefetch_related("prerequisites")


def objectives_qs() -> QuerySet:
    return models.Objective.objects.prefetch_related("prerequisites")


def phases_qs() -> QuerySet:
    return models.Phase.objects.prefetch_related("prerequisites")


def phase_full_qs() -> QuerySet:
    """Phases with what their "full" shape shows: objectives and tasks with their prerequisites."""
    return phases_qs().prefetch_related(
        "children__prerequisites", "children__children__prerequisites", "children__children__objective"
    )


def objective_full_qs() -> QuerySet:
    """Objectives with what their "full" shape shows: tasks with their prerequisites."""
    return objectives_qs().prefetch_related("children__prerequisites", "children__objective")


def tree_qs(process_id) -> QuerySet:
    """Phases of a process with objectives and tasks (disabled ones included)."""
    return (
        phases_qs()
        .filter(coproductionprocess_id=process_id)
        .prefetch_related(
            Prefetch("children", queryset=objectives_qs().prefetch_related(Prefetch("children", queryset=tasks_qs())))
        )
    )


def objectives_of_phase(phase: models.Phase) -> QuerySet:
    return objectives_qs().filter(phase=phase)


def tasks_of_objective(objective: models.Objective) -> QuerySet:
    return tasks_qs().filter(objective=objective)


def disabled_item_ids(process_id=None) -> set:
    items = models.TreeItem.objects.filter(disabled_on__isnull=False)
    if process_id is not None:
        items = items.filter(
            Q(as_phase__coproductionprocess_id=process_id) | Q(as_objective__phase__coproductionprocess_id=process_id)
        )
    return set(items.values_list("pk", flat=True))
