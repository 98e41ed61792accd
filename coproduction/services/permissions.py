"""Effective permissions on a tree item (spec §5.4)."""

from __future__ import annotations

from common.exceptions import APIError
from coproduction import announcements
from coproduction.models import (
    Permission,
    TreeItem,
    User,
)
from coproduction.selectors.processes import is_process_administrator
from coproduction.services.notifications import permission_notify


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


def permission_create(*, creator: User, data: dict) -> Permission:
    """Grant a team permissions on a process or a subtree; its members are notified."""
    permission = Permission.objects.create(creator=creator, **data)
    permission_notify(permission=permission, added=True)
    announcements.permission_created(permission, creator)
    return permission


def permission_delete(*, permission: Permission) -> None:
    permission_notify(permission=permission, added=False)
    announcements.permission_removed(permission)
    permission.delete()
