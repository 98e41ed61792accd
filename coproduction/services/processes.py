"""Processes: create, delete, administrators, ``set_schema`` and cloning."""

from __future__ import annotations

import uuid
from collections import defaultdict

from common.exceptions import APIError
from common.ids import uuid_or_none
from common.tree_order import prerequisite_order
from coproduction import announcements
from coproduction.models import (
    Asset,
    CoproductionProcess,
    CoproductionProcessAdministrator,
    Objective,
    Permission,
    Phase,
    Story,
    Tag,
    Task,
    TreeItem,
    TreeItemPrerequisite,
    User,
    UserNotification,
)
from coproduction.services.assets import asset_clone
from coproduction.services.tree import (
    refresh_dates,
    refresh_status_and_progress,
    treeitem_insert_in_chain,
    treeitem_set_prerequisite,
)


def process_create(*, data: dict, creator: User) -> CoproductionProcess:
    tags = data.pop("tags", None)
    process = CoproductionProcess.objects.create(creator=creator, **data)
    CoproductionProcessAdministrator.objects.create(coproductionprocess=process, user=creator)
    if tags is not None:
        process.tags.set(tags)
    announcements.process_created(process)
    return process


def process_delete(*, process: CoproductionProcess) -> None:
    """Spec §5.5: the publication story of a clone and the process's user notifications go too."""
    announcements.process_removed(process)
    Story.objects.filter(coproductionprocess_cloneforpub=process).delete()
    UserNotification.objects.filter(coproductionprocess=process).delete()
    TreeItem.objects.filter(pk__in=_tree_ids(process)).delete()
    process.delete()


def _tree_ids(process: CoproductionProcess) -> list:
    phases = list(Phase.objects.filter(coproductionprocess=process).values_list("pk", flat=True))
    objectives = list(Objective.objects.filter(phase_id__in=phases).values_list("pk", flat=True))
    tasks = list(Task.objects.filter(objective_id__in=objectives).values_list("pk", flat=True))
    return phases + objectives + tasks


def process_clear_schema(*, process: CoproductionProcess) -> CoproductionProcess:
    """Hard delete of the whole tree (the ``treeitem`` root rows too, not only the children)."""
    announcements.schema_cleared(process, schema_id=process.schema_used)
    Asset.objects.filter(task__objective__phase__coproductionprocess=process).delete()
    TreeItem.objects.filter(pk__in=_tree_ids(process)).delete()
    process.schema_used = None
    process.save(update_fields=["schema_used"])
    refresh_dates(process)
    return process


def process_update(*, process: CoproductionProcess, data: dict, tags: list | None = None) -> CoproductionProcess:
    """Change a process's fields; ``tags`` (when given) replace its tags."""
    for field, value in data.items():
        setattr(process, field, value)
    process.save()
    if tags is not None:
        process.tags.set(tags)
    announcements.process_updated(process)
    return process


def process_set_logotype(*, process: CoproductionProcess, logotype: str) -> CoproductionProcess:
    process.logotype = logotype
    process.save(update_fields=["logotype"])
    return process


def process_add_tag(*, process: CoproductionProcess, tag: Tag) -> None:
    """Link the tag to the process (no change when it is linked already)."""
    process.tags.add(tag)


def administrator_add(*, process: CoproductionProcess, user: User) -> None:
    _, created = CoproductionProcessAdministrator.objects.get_or_create(coproductionprocess=process, user=user)
    if created:
        announcements.process_administrator_added(process, user)


def administrator_remove(*, process: CoproductionProcess, user_id: str) -> None:
    admins = CoproductionProcessAdministrator.objects.filter(coproductionprocess=process)
    if admins.count() <= 1 and admins.filter(user_id=user_id).exists():
        raise APIError(400, "Can not delete the last administrator")
    if admins.filter(user_id=user_id).delete()[0]:
        announcements.process_administrator_removed(process, user_id)


def _ids(values) -> list[str]:
    return [str(value.get("id") if isinstance(value, dict) else value) for value in values or []]


def _schema_uuid(value, what: str):
    if value is None:
        return None
    parsed = uuid_or_none(value)
    if parsed is None:
        raise APIError(422, f"{what} must be a UUID: {value!r}")
    return parsed


def set_schema(*, process: CoproductionProcess, schema: dict, creator: User | None) -> CoproductionProcess:
    """Build phases/objectives/tasks and their prerequisites from a catalogue schema tree (spec §5.7).

    ``schema`` is upstream's body (``CoproductionSchemaOutFull``: id and nested ``children``),
    either as sent or as read from the catalogue database by ``coproduction.catalogue``.
    """
    schema_id = _schema_uuid(schema.get("id"), "id")
    new_ids: dict[str, uuid.UUID] = {}
    links: list[tuple[uuid.UUID, list[str]]] = []

    def common(node) -> dict:
        return {
            "name": node.get("name"),
            "description": node.get("description"),
            "from_schema": schema_id,
            "from_item": _schema_uuid(node.get("id"), "id"),
            "creator": creator,
        }

    def remember(node, item):
        if node.get("id"):
            new_ids[str(node["id"])] = item.pk
        links.append((item.pk, _ids(node.get("prerequisites_ids") or node.get("prerequisites"))))

    for phase_node in schema.get("children") or []:
        phase = Phase.objects.create(
            coproductionprocess=process,
            is_part_of_codelivery=bool(phase_node.get("is_part_of_codelivery")),
            **common(phase_node),
        )
        remember(phase_node, phase)
        for objective_node in phase_node.get("children") or []:
            objective = Objective.objects.create(phase=phase, **common(objective_node))
            remember(objective_node, objective)
            for task_node in objective_node.get("children") or []:
                task = Task.objects.create(
                    objective=objective,
                    problemprofiles=_ids(task_node.get("problemprofiles")),
                    management=task_node.get("management") or 0,
                    development=task_node.get("development") or 0,
                    exploitation=task_node.get("exploitation") or 0,
                    **common(task_node),
                )
                remember(task_node, task)
            refresh_status_and_progress(objective)
        refresh_status_and_progress(phase)
    for item_id, prerequisite_ids in links:
        targets = [new_ids[p] for p in prerequisite_ids if p in new_ids]
        for target in targets[:1]:
            treeitem_set_prerequisite(item=TreeItem(pk=item_id), prerequisite_id=target)
    process.schema_used = schema_id
    process.save(update_fields=["schema_used"])
    announcements.schema_set(process)
    return process


def _ordered_by_prerequisites(items: list) -> list:
    """Items as upstream presents them (``common.tree_order``): after their prerequisites, else by creation."""
    prerequisites = defaultdict(list)
    for a_id, b_id in TreeItemPrerequisite.objects.filter(treeitem_a_id__in=[i.pk for i in items]).values_list(
        "treeitem_a_id", "treeitem_b_id"
    ):
        prerequisites[a_id].append(b_id)
    return prerequisite_order(items, lambda item: prerequisites[item.pk])


def process_copy(
    *, process: CoproductionProcess, user: User, label_name: str = "Copy of ", from_view: str = ""
) -> CoproductionProcess:
    """Clone a process with its tree, prerequisites, assets and (unless for a story) permissions."""
    clone = CoproductionProcess.objects.create(
        name=f"{label_name}{process.name or ''}",
        schema_used=process.schema_used,
        language=process.language,
        description=process.description,
        logotype=process.logotype,
        aim=process.aim,
        idea=process.idea,
        challenges=process.challenges,
        status=process.status,
        cloned_from=process,
        creator=user,
    )
    administrators = {user.pk}
    if from_view != "story":
        administrators |= set(process.administrators.values_list("pk", flat=True))
    for admin_id in administrators:
        CoproductionProcessAdministrator.objects.create(coproductionprocess=clone, user_id=admin_id)
    mapping: dict = {}
    phases = _ordered_by_prerequisites(list(Phase.objects.filter(coproductionprocess=process)))
    for phase in phases:
        new_phase = _copy_item(
            phase, mapping, coproductionprocess=clone, is_part_of_codelivery=phase.is_part_of_codelivery
        )
        for objective in _ordered_by_prerequisites(list(phase.children.all())):
            new_objective = _copy_item(objective, mapping, phase=new_phase)
            for task in _ordered_by_prerequisites(list(objective.children.all())):
                new_task = _copy_task(task, mapping, objective=new_objective)
                for asset in Asset.objects.filter(task=task).select_related("as_internalasset", "as_externalasset"):
                    asset_clone(asset=asset, task=new_task, creator=user, notify=False)
            new_objective.progress = objective.progress
            new_objective.save(update_fields=["progress"])
            refresh_dates(new_objective)
        new_phase.progress = phase.progress
        new_phase.save(update_fields=["progress"])
        refresh_dates(new_phase)
    for a_id, b_id in TreeItemPrerequisite.objects.filter(treeitem_a_id__in=mapping).values_list(
        "treeitem_a_id", "treeitem_b_id"
    ):
        if b_id in mapping:
            TreeItemPrerequisite.objects.create(treeitem_a_id=mapping[a_id], treeitem_b_id=mapping[b_id])
    if from_view != "story":
        for permission in Permission.objects.filter(coproductionprocess=process):
            if permission.treeitem_id and permission.treeitem_id not in mapping:
                continue
            Permission.objects.create(
                creator=permission.creator,
                user=permission.user,
                team=permission.team,
                coproductionprocess=clone,
                treeitem_id=mapping.get(permission.treeitem_id),
                access_assets_permission=permission.access_assets_permission,
                create_assets_permission=permission.create_assets_permission,
                delete_assets_permission=permission.delete_assets_permission,
            )
    refresh_dates(clone)
    announcements.process_cloned(clone, from_view=from_view)
    return clone


def phase_copy(*, phase: Phase, process: CoproductionProcess, data: dict, creator: User | None) -> Phase:
    """``POST /phases/{id}/copy``: the phase with its objectives, tasks and inner prerequisites."""
    mapping: dict = {}
    new_phase = _copy_item(
        phase, mapping, coproductionprocess=process, is_part_of_codelivery=phase.is_part_of_codelivery
    )
    for field in ("name", "description", "is_part_of_codelivery"):
        if data.get(field) is not None:
            setattr(new_phase, field, data[field])
    new_phase.creator = creator
    new_phase.save()
    for objective in phase.children.all():
        new_objective = _copy_item(objective, mapping, phase=new_phase)
        for task in objective.children.all():
            _copy_task(task, mapping, objective=new_objective)
        refresh_status_and_progress(new_objective)
        refresh_dates(new_objective)
    for a_id, b_id in TreeItemPrerequisite.objects.filter(treeitem_a_id__in=mapping).values_list(
        "treeitem_a_id", "treeitem_b_id"
    ):
        if b_id in mapping and a_id != phase.pk:
            TreeItemPrerequisite.objects.create(treeitem_a_id=mapping[a_id], treeitem_b_id=mapping[b_id])
    treeitem_insert_in_chain(
        item=new_phase,
        prerequisites_ids=data.get("prerequisites_ids") or [],
        postrequisites_ids=data.get("postrequisites_ids") or [],
    )
    refresh_status_and_progress(new_phase)
    refresh_dates(new_phase)
    refresh_dates(process)
    return new_phase


def _copy_item(item, mapping, **fields):
    clone = type(item).objects.create(
        name=item.name,
        description=item.description,
        status=item.status,
        creator=item.creator,
        from_item=item.from_item,
        from_schema=item.from_schema,
        disabled_on=item.disabled_on,
        disabler=item.disabler,
        **fields,
    )
    mapping[item.pk] = clone.pk
    return clone


def _copy_task(task, mapping, *, objective):
    return _copy_item(
        task,
        mapping,
        objective=objective,
        problemprofiles=task.problemprofiles,
        start_date=task.start_date,
        end_date=task.end_date,
        management=task.management,
        development=task.development,
        exploitation=task.exploitation,
    )
