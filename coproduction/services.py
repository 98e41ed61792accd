"""Writes with rules: aggregates, the status/progress rule, soft delete, prerequisites,
``set_schema``, cloning, ratings and in-app notifications (spec §5).

Every function here runs in the caller's transaction; API views wrap each request in one
(``transaction.atomic(using="coproduction")``), so aggregates move with the change that moves them.
"""

from __future__ import annotations

import ast
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Avg, Count, Max, Min
from django.utils import timezone

from common.exceptions import APIError
from common.translations import get_language
from common.tree_order import prerequisite_order
from coproduction.models import (
    Asset,
    CoproductionProcess,
    CoproductionProcessAdministrator,
    CoproductionProcessNotification,
    ExternalAsset,
    InternalAsset,
    Notification,
    Objective,
    Permission,
    Phase,
    Rating,
    Status,
    Story,
    Task,
    Team,
    TeamMember,
    TreeItem,
    TreeItemPrerequisite,
    User,
    UserNotification,
)

DB = "coproduction"


def atomic():
    return transaction.atomic(using=DB)


# Users ---------------------------------------------------------------------------------


def user_sync_from_account(account_user) -> User:
    """Create or refresh the coproduction ``user`` row of the caller (``GET /users/me``).

    ``account_user`` is an accounts user (id = its UUID as text, the rows made so far) or a
    subject of the OIDC provider without an accounts row (``interlink_auth.ProviderUser``): as
    upstream, its row is created on first sight from the token's claims with ``sub`` as id.
    """
    user, _ = User.objects.get_or_create(pk=str(account_user.pk))
    user.email = account_user.email
    user.full_name = account_user.full_name
    user.is_superuser = bool(account_user.is_superuser)
    picture = getattr(account_user, "claims", {}).get("picture")
    if isinstance(picture, str) and picture:
        user.picture = picture
    user.last_login = timezone.now()
    user.save()
    return user


def short_user_name(full_name: str | None) -> str:
    """ "Ana María López" -> "A.M.López" (upstream's ``userName`` parameter)."""
    words = (full_name or "").split()
    if not words:
        return ""
    initials = "".join(f"{word[0].upper()}." for word in words[:-1])
    return initials + words[-1].title()


# Teams -----------------------------------------------------------------------------------


def _lock(model, pk) -> None:
    """Row lock so concurrent changes recompute an aggregate one after the other.

    Under READ COMMITTED the next statement sees what the transaction that held the lock
    committed, so the recomputation that runs last counts every change.
    """
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def team_refresh_users_count(team_id) -> None:
    _lock(Team, team_id)
    Team.objects.filter(pk=team_id).update(users_count=TeamMember.objects.filter(team_id=team_id).count())


def team_add_member(*, team: Team, user: User) -> None:
    TeamMember.objects.get_or_create(team=team, user=user)
    team_refresh_users_count(team.pk)


def team_remove_member(*, team: Team, user: User) -> None:
    TeamMember.objects.filter(team=team, user=user).delete()
    team_refresh_users_count(team.pk)


# Tree: status/progress, dates, soft delete, prerequisites --------------------------------


def _active_children(parent: Phase | Objective):
    return parent.children.filter(disabled_on__isnull=True)


def refresh_status_and_progress(parent: Phase | Objective) -> None:
    """Upstream's ``update_status_and_progress`` on one objective or phase (spec §5.4)."""
    _lock(TreeItem, parent.pk)
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


def _creates_cycle(item_id, prerequisite_id) -> bool:
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
    if _creates_cycle(item.pk, uuid.UUID(str(prerequisite_id))):
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


# Effective permissions ---------------------------------------------------------------------


def is_process_administrator(user: User | None, process_id) -> bool:
    if user is None:
        return False
    return CoproductionProcessAdministrator.objects.filter(coproductionprocess_id=process_id, user=user).exists()


def effective_permissions(user: User, item: TreeItem) -> tuple[dict[str, bool], list[str]]:
    """Upstream's algorithm (spec §5.3): administrators get all; deepest level wins; at equal depth True wins."""
    from coproduction.models import PERMISSION_FLAGS

    process_id = item.process_id
    path = item.path_ids
    administrator = is_process_administrator(user, process_id)
    if administrator:
        flags = dict.fromkeys(PERMISSION_FLAGS, True)
    else:
        flags = dict.fromkeys(PERMISSION_FLAGS, False)
    depths = dict.fromkeys(PERMISSION_FLAGS, 0)
    roles: list[str] = []
    permissions = Permission.objects.filter(
        coproductionprocess_id=process_id,
        team__users=user,
    ).select_related("team")
    for permission in permissions:
        if permission.treeitem_id is None:
            depth = 0
        elif permission.treeitem_id in path:
            depth = path.index(permission.treeitem_id)
        else:
            continue
        if permission.team.type not in roles:
            roles.append(permission.team.type)
        if administrator:
            continue
        for flag in PERMISSION_FLAGS:
            value = bool(getattr(permission, flag))
            if depth > depths[flag]:
                flags[flag], depths[flag] = value, depth
            elif depth == depths[flag] and not flags[flag] and value:
                flags[flag] = True
    if administrator:
        roles.append("administrator")
    return flags, roles


def require_flag(user: User, item: TreeItem, flag: str) -> None:
    flags, _ = effective_permissions(user, item)
    if not flags[flag]:
        raise APIError(403, "Not enough permissions")


# Processes ---------------------------------------------------------------------------------


def process_create(*, data: dict, creator: User) -> CoproductionProcess:
    tags = data.pop("tags", None)
    process = CoproductionProcess.objects.create(creator=creator, **data)
    CoproductionProcessAdministrator.objects.create(coproductionprocess=process, user=creator)
    if tags is not None:
        process.tags.set(tags)
    return process


def process_delete(*, process: CoproductionProcess) -> None:
    """Spec §5.5: the publication story of a clone and the process's user notifications go too."""
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
    Asset.objects.filter(task__objective__phase__coproductionprocess=process).delete()
    TreeItem.objects.filter(pk__in=_tree_ids(process)).delete()
    process.schema_used = None
    process.save(update_fields=["schema_used"])
    refresh_dates(process)
    return process


def administrator_add(*, process: CoproductionProcess, user: User) -> None:
    CoproductionProcessAdministrator.objects.get_or_create(coproductionprocess=process, user=user)


def administrator_remove(*, process: CoproductionProcess, user_id: str) -> None:
    admins = CoproductionProcessAdministrator.objects.filter(coproductionprocess=process)
    if admins.count() <= 1 and admins.filter(user_id=user_id).exists():
        raise APIError(400, "Can not delete the last administrator")
    admins.filter(user_id=user_id).delete()


# set_schema ------------------------------------------------------------------------------


def _ids(values) -> list[str]:
    return [str(value.get("id") if isinstance(value, dict) else value) for value in values or []]


def _schema_uuid(value, what: str):
    if value is None:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise APIError(422, f"{what} must be a UUID: {value!r}") from None


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
    return process


# Cloning -----------------------------------------------------------------------------------


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


def publish_story(
    *, process: CoproductionProcess, user: User, data_story, label_name: str = "", from_view: str = ""
) -> Story:
    clone = process_copy(process=process, user=user, label_name=label_name, from_view=from_view)
    clone.is_part_of_publication = True
    clone.save(update_fields=["is_part_of_publication"])
    return Story.objects.create(
        coproductionprocess=process,
        coproductionprocess_cloneforpub=clone,
        user=user,
        state=True,
        logotype=process.logotype,
        data_story=data_story,
        rating=0,
        ratings_count=0,
        published_date=timezone.now().date(),
    )


# Assets ------------------------------------------------------------------------------------


def asset_create(*, model, data: dict, task: Task, creator: User | None, notify: bool = True) -> Asset:
    asset = model.objects.create(task=task, creator=creator, **data)
    if task.status == Status.AWAITING:
        task.status = Status.IN_PROGRESS
        task.save(update_fields=["status"])
        refresh_ancestors(task)
    if notify:
        _notify_asset("add_asset_copro", asset, creator)
    return asset


def asset_clone(*, asset: Asset, task: Task | None = None, creator: User | None, notify: bool = True) -> Asset:
    task = task or asset.task
    if asset.type == "internalasset":
        source = asset if isinstance(asset, InternalAsset) else asset.as_internalasset
        data = {
            "external_asset_id": source.external_asset_id,
            "softwareinterlinker_id": source.softwareinterlinker_id,
            "knowledgeinterlinker_id": source.knowledgeinterlinker_id,
        }
        return asset_create(model=InternalAsset, data=data, task=task, creator=creator, notify=notify)
    source = asset if isinstance(asset, ExternalAsset) else asset.as_externalasset
    data = {
        "name": source.name,
        "uri": source.uri,
        "icon_path": source.icon_path,
        "externalinterlinker_id": source.externalinterlinker_id,
    }
    return asset_create(model=ExternalAsset, data=data, task=task, creator=creator, notify=notify)


def asset_delete(*, asset: Asset, user: User | None) -> None:
    _notify_asset("remove_asset_copro", asset, user)
    task = Task.objects.get(pk=asset.task_id) if asset.task_id else None
    asset.delete()
    if task is not None:
        refresh_ancestors(task)


def _notify_asset(event: str, asset: Asset, user: User | None) -> None:
    if asset.task_id is None:
        return
    task = asset.task
    process = CoproductionProcess.objects.get(pk=asset.coproductionprocess_id or task.process_id)
    internal = asset.type == "internalasset"
    external = None if internal else (asset if isinstance(asset, ExternalAsset) else asset.as_externalasset)
    parameters = {
        "showLink": "" if internal else "hidden",
        "showIcon": "",
        "treeitem_id": str(task.pk),
        "treeItemName": task.name,
        "assetId": str(asset.pk),
        "assetName": f"{{assetid:{asset.pk}}}" if internal else external.name,
        "assetIcon": "" if internal else (external.icon_path or ""),
        "assetLink": "" if internal else (external.uri or ""),
        "interlinkerName": "",
        "processName": process.name,
        "userName": short_user_name(user.full_name) if user else "",
    }
    notify_process(event=event, process=process, parameters=parameters, asset_id=str(asset.pk), user=user)


# Ratings -----------------------------------------------------------------------------------

RATED_MODELS = {"story": Story, "publiccoproduction": CoproductionProcess}


def refresh_rating(artefact_type: str | None, artefact_id) -> None:
    """Average (1 decimal) and count of the ratings of a story or public process (spec §5.9)."""
    model = RATED_MODELS.get(artefact_type or "")
    if model is None or artefact_id is None:
        return
    _lock(model, artefact_id)
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


# Notifications -----------------------------------------------------------------------------


def parse_parameters(value, *, strict: bool = False):
    """Tolerant reader of notification parameters (spec §5.8).

    JSON text; else a Python literal (``ast.literal_eval``); else ``'`` replaced by ``"``
    and JSON again. Objects pass through. Unparseable: ValueError when ``strict`` (input),
    else the value unchanged (stored legacy data).
    """
    if value is None or isinstance(value, (dict, list)):
        return value
    text = str(value)
    for parse in (json.loads, ast.literal_eval, lambda t: json.loads(t.replace("'", '"'))):
        try:
            parsed = parse(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        if isinstance(parsed, str) and parsed != text:
            return parse_parameters(parsed, strict=strict)
        return parsed
    if strict:
        raise ValueError("parameters is not JSON text")
    return value


def parameters_text(value) -> str | None:
    """What the API shows: a JSON text string (double quotes)."""
    if value is None:
        return None
    parsed = parse_parameters(value)
    if isinstance(parsed, str):
        return parsed
    return json.dumps(parsed)


def _template(event: str, language: str | None) -> Notification | None:
    return Notification.objects.filter(event=event, language=language or "en").order_by("created_at").first()


def notify_process(
    *,
    event: str,
    process: CoproductionProcess,
    parameters: dict,
    asset_id: str | None = None,
    user: User | None = None,
    claim_type: str | None = None,
) -> CoproductionProcessNotification | None:
    """A process-notification row, when a template exists for (event, process language)."""
    template = _template(event, process.language)
    if template is None:
        return None
    return CoproductionProcessNotification.objects.create(
        coproductionprocess=process,
        notification=template,
        parameters={**parameters, "copro_id": str(process.pk)},
        asset_id=asset_id,
        user=user,
        claim_type=claim_type,
    )


def notify_user(
    *, event: str, user_id: str, parameters: dict, language: str | None, process: CoproductionProcess | None = None
) -> UserNotification | None:
    template = _template(event, language)
    if template is None:
        return None
    return UserNotification.objects.create(
        user_id=user_id,
        notification=template,
        channel="in_app",
        coproductionprocess=process,
        parameters=parameters,
    )


def permission_notify(*, permission: Permission, added: bool) -> None:
    """``add_/remove_team_copro`` (process-wide) and ``add_/remove_team_treeitem`` (subtree)."""
    if permission.team_id is None or permission.coproductionprocess_id is None:
        return
    process = permission.coproductionprocess
    team = permission.team
    verb = "add" if added else "remove"
    if permission.treeitem_id is None:
        notify_process(
            event=f"{verb}_team_copro",
            process=process,
            parameters={"teamName": team.name, "processName": process.name, "team_id": str(team.pk)},
        )
        for member_id in TeamMember.objects.filter(team=team).values_list("user_id", flat=True):
            notify_user(
                event=f"{verb}_team_copro",
                user_id=member_id,
                language=get_language(),
                process=process,
                parameters={
                    "teamName": team.name,
                    "processName": process.name,
                    "copro_id": str(process.pk),
                    "org_id": str(team.organization_id) if team.organization_id else "",
                },
            )
    else:
        notify_process(
            event=f"{verb}_team_treeitem",
            process=process,
            parameters={
                "teamName": team.name,
                "processName": process.name,
                "team_id": str(team.pk),
                "treeItemName": permission.treeitem.name,
                "treeitem_id": str(permission.treeitem_id),
            },
        )
