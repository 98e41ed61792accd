"""In-app notifications: parameters, templates, per-process and per-user notifications (spec §5.8)."""

from __future__ import annotations

import ast
import json

from common.translations import get_language
from coproduction.models import (
    CoproductionProcess,
    CoproductionProcessNotification,
    Notification,
    Permission,
    TeamMember,
    User,
    UserNotification,
)


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
