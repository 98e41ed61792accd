"""The tree of phases, objectives and tasks: status/progress, dates, soft delete, prerequisites."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Max, Min
from django.utils import timezone

from common.exceptions import APIError
from coproduction.models import (
    CoproductionProcess,
    Objective,
    Phase,
    Status,
    Task,
    TreeItem,
    TreeItemPrerequisite,
    User,
)
from coproduction.services.notifications import notify_process
from coproduction.services.transactions import lock_row


def _active_children(parent: Phase | Objective):
    return parent.children.filter(disabled_on__isnull=True)


def refresh_status_and_progress(parent: Phase | Objective) -> None:
    """Upstream's ``update_status_and_progress`` on one objective or phase (spec §5.4)."""
    lock_row(TreeItem, parent.pk)
    statuses = list(_active_children(parent).values_list("status", flat=True))
    counted = len(statuses)
    if all(status == Status.FINISHED for status in statuses):
        status = Status.FINISHED
    elif all(status == Status.AWAITING for status in statuses):
        status = Status.AWAITING
    else:
        status = Status.IN_PROGRESS
    if counted:
        in_progress = statuses.count(Status.IN_PROGRESS)
        finished = statuses.count(Status.FINISHED)
        progress = int((in_progress / 2 + finished) * 100 / counted)
    else:
        progress = 0
    parent.status = status
    parent.progress = Decimal(progress)
    parent.save(update_fields=["status", "progress"])


def refresh_dates(parent: Objective | Phase | CoproductionProcess) -> None:
    """min(start_date) / max(end_date) of all children, disabled ones included (as upstream)."""
    values = parent.children.aggregate(start=Min("start_date"), end=Max("end_date"))
    parent.start_date, parent.end_date = values["start"], values["end"]
    parent.save(update_fields=["start_date", "end_date"])


def refresh_ancestors(item: TreeItem) -> None:
    """Recompute status/progress and dates of the objective and phase above ``item`` (decision 25)."""
    if isinstance(item, Task):
        objective = Objective.objects.get(pk=item.objective_id)
        refresh_status_and_progress(objective)
        refresh_dates(objective)
        item = objective
    if isinstance(item, Objective):
        phase = Phase.objects.get(pk=item.phase_id)
        refresh_status_and_progress(phase)
        refresh_dates(phase)
        item = phase
    if isinstance(item, Phase):
        refresh_dates(CoproductionProcess.objects.get(pk=item.coproductionprocess_id))


def as_concrete(item: TreeItem) -> Phase | Objective | Task:
    model = {"phase": Phase, "objective": Objective, "task": Task}[item.type]
    if isinstance(item, model):
        return item
    return model.objects.get(pk=item.pk)


def treeitem_disable(*, item: Phase | Objective | Task, user: User | None) -> None:
    """Soft delete: ``disabled_on`` = now, ``disabler`` = caller, then the rule above it."""
    item.disabled_on = timezone.now()
    item.disabler = user
    item.save(update_fields=["disabled_on", "disabler"])
    refresh_ancestors(item)
    event = f"remove_{item.type}_copro"
    process = _process_of(item)
    params = {f"{item.type}Name": item.name, "processName": process.name, "treeitem_id": str(item.id)}
    if isinstance(item, Objective):
        params.update(phase_treeitem_id=str(item.phase_id), phaseName=item.phase.name)
    notify_process(event=event, process=process, parameters=params)


def _process_of(item: TreeItem) -> CoproductionProcess:
    return CoproductionProcess.objects.get(pk=item.process_id)


def task_update(*, task: Task, data: dict) -> Task:
    for field, value in data.items():
        setattr(task, field, value)
    task.save()
    refresh_ancestors(task)
    return task


def creates_prerequisite_cycle(item_id, prerequisite_id) -> bool:
    """Would "``item`` depends on ``prerequisite``" close a loop? Follows the prerequisite chain."""
    seen = set()
    current = {prerequisite_id}
    while current:
        if item_id in current:
            return True
        seen |= current
        current = (
            set(TreeItemPrerequisite.objects.filter(treeitem_a_id__in=current).values_list("treeitem_b_id", flat=True))
            - seen
        )
    return False


def treeitem_set_prerequisite(*, item: TreeItem, prerequisite_id) -> None:
    """Each item keeps at most one prerequisite: the new one replaces the old (spec §5.6)."""
    if prerequisite_id is None:
        TreeItemPrerequisite.objects.filter(treeitem_a=item).delete()
        return
    if str(prerequisite_id) == str(item.pk):
        raise APIError(400, "A tree item can not be its own prerequisite")
    if not TreeItem.objects.filter(pk=prerequisite_id).exists():
        raise APIError(400, "Prerequisite not found")
    if creates_prerequisite_cycle(item.pk, uuid.UUID(str(prerequisite_id))):
        raise APIError(400, "Prerequisites can not form a cycle")
    TreeItemPrerequisite.objects.filter(treeitem_a=item).delete()
    TreeItemPrerequisite.objects.create(treeitem_a=item, treeitem_b_id=prerequisite_id)


def treeitem_insert_in_chain(*, item: TreeItem, prerequisites_ids: Iterable = (), postrequisites_ids: Iterable = ()):
    """Creation: depend on P and take P's place for the items that depended on P; each Q now depends on item."""
    for prerequisite_id in list(prerequisites_ids or [])[:1]:
        followers = list(
            TreeItemPrerequisite.objects.filter(treeitem_b_id=prerequisite_id).values_list("treeitem_a_id", flat=True)
        )
        treeitem_set_prerequisite(item=item, prerequisite_id=prerequisite_id)
        for follower_id in followers:
            if follower_id != item.pk:
                treeitem_set_prerequisite(item=TreeItem(pk=follower_id), prerequisite_id=item.pk)
    for postrequisite_id in postrequisites_ids or []:
        treeitem_set_prerequisite(item=TreeItem(pk=postrequisite_id), prerequisite_id=item.pk)


def treeitem_create(*, model, data: dict, creator: User | None, notify: bool = True):
    """Create a phase, objective or task with its chain links, then the rules above it."""
    prerequisites_ids = data.pop("prerequisites_ids", None) or []
    postrequisites_ids = data.pop("postrequisites_ids", None) or []
    item = model.objects.create(creator=creator, **data)
    treeitem_insert_in_chain(item=item, prerequisites_ids=prerequisites_ids, postrequisites_ids=postrequisites_ids)
    if isinstance(item, (Objective, Task)):
        refresh_ancestors(item)
    else:
        refresh_dates(CoproductionProcess.objects.get(pk=item.coproductionprocess_id))
    if notify:
        process = _process_of(item)
        notify_process(
            event=f"add_{item.type}_copro",
            process=process,
            parameters={f"{item.type}Name": item.name, "processName": process.name, "treeitem_id": str(item.id)},
        )
    return item


def treeitem_update(
    *, item: Phase | Objective | Task, data: dict, prerequisites_ids: list | None, postrequisites_ids: list | None
) -> Phase | Objective | Task:
    """Change a phase, objective or task; ``prerequisites_ids`` (its first element) replaces its
    prerequisite, each of ``postrequisites_ids`` gets it as prerequisite. Status, progress and
    dates of the ancestors follow (for a phase only when it was disabled or enabled)."""
    disabled_before = item.disabled_on
    for field, value in data.items():
        setattr(item, field, value)
    item.save()
    if prerequisites_ids is not None:
        treeitem_set_prerequisite(item=item, prerequisite_id=prerequisites_ids[0] if prerequisites_ids else None)
    for postrequisite in postrequisites_ids or []:
        treeitem_set_prerequisite(item=TreeItem(pk=postrequisite), prerequisite_id=item.pk)
    if isinstance(item, (Task, Objective)) or item.disabled_on != disabled_before:
        refresh_ancestors(item)
    return item
