"""Who may write to the catalogue (docs/authorization.md).

Upstream lets any logged-in user create, change and delete everything (its CRUD classes'
``can_*`` all answer ``True``). Here the shared catalogue is curated: interlinkers, problem
profiles and co-production schemas are written by superusers only; a rating belongs to its
author.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

NOT_AUTHENTICATED = "Not authenticated"
NOT_ENOUGH_PERMISSIONS = "Not enough permissions"


def _authenticated(request) -> bool:
    return bool(request.user and request.user.is_authenticated)


class ReadAnyoneWriteAuthenticated(BasePermission):
    """Reads are anonymous; writes need a user (ratings: anyone may rate)."""

    message = NOT_AUTHENTICATED

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or _authenticated(request)


class ReadAnyoneWriteSuperuser(BasePermission):
    """Shared catalogue content: reads are anonymous, writes need a superuser."""

    message = NOT_ENOUGH_PERMISSIONS

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not _authenticated(request):
            self.message = NOT_AUTHENTICATED
            return False
        return bool(request.user.is_superuser)


class RatingAuthorOrSuperuser(BasePermission):
    """A rating is changed or deleted by its author (``user_id``) or a superuser."""

    message = NOT_ENOUGH_PERMISSIONS

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user.is_superuser) or str(obj.user_id) == str(request.user.pk)
