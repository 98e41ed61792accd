"""Who may read and write what in co-production (docs/authorization.md): one named rule each.

Upstream checks little beyond "logged in": claims, permissions, notifications, participation
requests, notification templates and stories are read, changed and deleted by any user. Here:

- a process's administrators (and platform superusers) run the process: its permissions,
  stories, assignments, approvals, and everything addressed to its users;
- a user's own rows (notifications, claims, participation requests) are theirs too;
- shared platform data (notification templates, deleting tags and keywords) needs a superuser.

Rows another user may not read are answered 404 (their existence is not disclosed); writes
on rows the caller can read but not change answer 403 ``Not enough permissions``.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from rest_framework.permissions import SAFE_METHODS, BasePermission

from common.exceptions import APIError
from coproduction import models, selectors, services

NOT_ENOUGH_PERMISSIONS = "Not enough permissions"


def is_superuser(view) -> bool:
    """The accounts superuser flag of the caller (the platform's administrators)."""
    return bool(getattr(view.request.user, "is_superuser", False))


class SuperuserToWrite(BasePermission):
    """Shared platform data: any co-production user reads (the view checks that), only a
    superuser writes. Used by notification templates."""

    message = NOT_ENOUGH_PERMISSIONS

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        view.current_user()  # anonymous and not mirrored: 403 Not authenticated first
        return is_superuser(view)


class SuperuserToDelete(SuperuserToWrite):
    """Shared vocabulary (tags, keywords): any co-production user reads and adds, a superuser deletes."""

    def has_permission(self, request, view):
        if request.method != "DELETE":
            return True
        return super().has_permission(request, view)


def may_administer_process(view, process_id) -> bool:
    """A superuser or one of the process's administrators."""
    if is_superuser(view):
        return True
    return process_id is not None and services.is_process_administrator(view.current_user(), process_id)


def require_process_administrator(view, process_id, message: str = NOT_ENOUGH_PERMISSIONS, status: int = 403) -> None:
    """The process's administrators (or a superuser) run it: its tree, settings, team
    permissions, stories, assignments and approvals."""
    if not may_administer_process(view, process_id):
        raise APIError(status, message)


def require_process_reader(view, process_id) -> None:
    """Administrators, team members holding a permission on the process, or a superuser."""
    if is_superuser(view):
        return
    if process_id is None or not selectors.can_read_process(view.current_user(), process_id):
        raise APIError(403, NOT_ENOUGH_PERMISSIONS)


def own_or_administered(view, queryset: QuerySet, *, owner: str, process: str = "coproductionprocess_id") -> QuerySet:
    """Rows the caller owns (``owner`` field) or that belong to a process the caller administers."""
    if is_superuser(view):
        return queryset
    user = view.current_user()
    return queryset.filter(Q(**{owner: user.pk}) | Q(**{f"{process}__in": selectors.administered_process_ids(user)}))


def require_owner_or_process_administrator(view, *, owner_id, process_id) -> None:
    """Writes on a user's own row (notification, claim, request) or by the process's administrators."""
    if owner_id is not None and str(owner_id) == str(view.current_user().pk):
        return
    require_process_administrator(view, process_id)


def require_self(view, user_id) -> None:
    """Lists addressed by a user id: that user (or a superuser) only."""
    if not is_superuser(view) and str(user_id) != str(view.current_user().pk):
        raise APIError(403, NOT_ENOUGH_PERMISSIONS)


def require_rating_author(view, rating: models.Rating) -> None:
    """A rating is changed or deleted by its author or a superuser."""
    if not is_superuser(view) and str(rating.user_id) != str(view.current_user().pk):
        raise APIError(403, NOT_ENOUGH_PERMISSIONS)


def readable_permissions(view, queryset: QuerySet) -> QuerySet:
    """Team permissions of processes the caller can read (administrators and permitted members)."""
    if is_superuser(view):
        return queryset
    visible = selectors.processes_visible_to(view.current_user()).values("pk")
    return queryset.filter(coproductionprocess_id__in=visible)
