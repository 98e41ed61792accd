"""In-app notifications: parameters, templates, per-process and per-user notifications (spec §5.8)."""

from __future__ import annotations

import ast
import html
import json
from collections.abc import Iterable

from common.ids import parse_uuid
from common.translations import get_language
from coproduction.models import (
    Asset,
    CoproductionProcess,
    CoproductionProcessNotification,
    Notification,
    Permission,
    Task,
    TeamMember,
    User,
    UserNotification,
)


def short_user_name(full_name: str | None) -> str:
    """ "Ana María López" -> "A.M.López" (upstream's ``userName`` parameter)."""
    words = (full_name or "").split()
    if not words:
        return ""
    initials = "".join(f"{word[0].upper()}." for word in words[:-1])
    return initials + words[-1].title()


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


def notification_template(event: str, language: str | None) -> Notification | None:
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
    template = notification_template(event, process.language)
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
    template = notification_template(event, language)
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


# Notification templates, user notifications, process notifications ---------------------------


def notification_create(*, data: dict) -> Notification:
    return Notification.objects.create(**data)


def notification_update(*, notification: Notification, data: dict) -> Notification:
    for field, value in data.items():
        setattr(notification, field, value)
    notification.save()
    return notification


def notification_delete(*, notification: Notification) -> None:
    notification.delete()


def user_notification_create(*, data: dict) -> UserNotification:
    return UserNotification.objects.create(**data)


def user_notification_set_state(*, user_notification: UserNotification, state: bool) -> UserNotification:
    """Seen (``True``) or unseen."""
    user_notification.state = state
    user_notification.save(update_fields=["state"])
    return user_notification


def user_notification_set_archived(*, user_notification: UserNotification, is_archived: bool) -> UserNotification:
    user_notification.is_archived = is_archived
    user_notification.save(update_fields=["is_archived"])
    return user_notification


def user_notification_delete(*, user_notification: UserNotification) -> None:
    user_notification.delete()


def process_notification_create(*, data: dict) -> CoproductionProcessNotification:
    return CoproductionProcessNotification.objects.create(**data)


def process_notification_update(
    *, process_notification: CoproductionProcessNotification, data: dict
) -> CoproductionProcessNotification:
    for field, value in data.items():
        setattr(process_notification, field, value)
    process_notification.save()
    return process_notification


def process_notification_delete(*, process_notification: CoproductionProcessNotification) -> None:
    process_notification.delete()


def process_notifications_create_by_event(
    *,
    process: CoproductionProcess,
    event: str,
    parameters: dict,
    user_ids: list,
    is_team: bool,
    asset_id: str | None,
    claim_type: str | None,
) -> tuple[bool, list[str]]:
    """One process notification per named user (or member of the named teams) who may access the
    asset's task's assets; answers (whether any row was inserted, the e-mails left out). A
    ``claim_id`` parameter becomes the row's id (upstream's quirk, kept)."""
    from coproduction.services.permissions import effective_permissions  # permissions notify: import here

    template = notification_template(event, process.language)
    if is_team:
        user_ids = list(
            TeamMember.objects.filter(team_id__in=[parse_uuid(i, "user_id") for i in user_ids]).values_list(
                "user_id", flat=True
            )
        )
    task = None
    if asset_id:
        asset = Asset.objects.filter(pk=parse_uuid(asset_id, "asset_id")).first()
        task = Task.objects.get(pk=asset.task_id) if asset and asset.task_id else None
    inserted, excluded = False, []
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        if task is not None and not effective_permissions(user, task)[0]["access_assets_permission"]:
            excluded.append(user.email)
            continue
        if template is None:
            continue
        row = CoproductionProcessNotification(
            coproductionprocess=process,
            notification=template,
            parameters={**parameters, "userName": short_user_name(user.full_name)},
            claim_type=claim_type,
            asset_id=asset_id,
            user=user,
        )
        if parameters.get("claim_id"):
            row.id = parse_uuid(parameters["claim_id"], "claim_id")
        row.save(force_insert=True)
        inserted = True
    return inserted, excluded


def process_notifications_freeze_asset_name(
    *, notifications: Iterable[CoproductionProcessNotification], asset_id: str, name: str
) -> list[CoproductionProcessNotification]:
    """A deleted asset's name written into the notifications that pointed at it (``{assetid:…}``)."""
    changed = []
    placeholder = f"{{assetid:{asset_id}}}"
    for row in notifications:
        parameters = parse_parameters(row.parameters)
        if not isinstance(parameters, dict) or "assetName" not in parameters:
            continue
        if placeholder not in str(parameters.get("assetName")):
            continue
        parameters["assetName"] = str(parameters["assetName"]).replace(placeholder, html.escape(name))
        parameters.update(assetLink="", showIcon="hidden", showLink="")
        row.parameters = parameters
        row.save(update_fields=["parameters"])
        changed.append(row)
    return changed
