from rest_framework.permissions import BasePermission, IsAuthenticated


class IsSuperuser(IsAuthenticated):
    message = "The user doesn't have enough privileges"

    def has_permission(self, request, view):
        return super().has_permission(request, view) and request.user.is_superuser


class IsAdmin(IsSuperuser):
    """The wording of upstream's ``/items/admin/…`` endpoints."""

    message = "Admin privileges required"


__all__ = ["BasePermission", "IsAuthenticated", "IsAdmin", "IsSuperuser"]
