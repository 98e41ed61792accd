"""``/permissions``: teams' permissions on a process or a subtree, and the caller's
effective permissions on a tree item (spec §4.3, §5.3)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from common.exceptions import APIError
from coproduction import models, selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import (
    PERMISSION_NOT_FOUND,
    TEAM_NOT_FOUND,
    CoproductionView,
    get_or_404,
    path_params,
    row_or_none,
    valid,
)
from coproduction.api.serializers.permissions import (
    PermissionInSerializer,
    PermissionOutFullSerializer,
    PermissionOutSerializer,
)


class PermissionListView(CoproductionView):
    @extend_schema(responses=PermissionOutFullSerializer(many=True))
    def get(self, request):
        self.current_user()
        permissions = rules.readable_permissions(self, selectors.permissions_qs())
        return self.out(PermissionOutFullSerializer, permissions.order_by("created_at", "id"), many=True)

    @extend_schema(request=PermissionInSerializer, responses=PermissionOutSerializer)
    def post(self, request):
        """Grant a team permissions on a process or a subtree (process administrators)."""
        user = self.current_user()
        body = dict(valid(PermissionInSerializer, request.data))
        treeitem = None
        if body.get("treeitem_id"):
            treeitem = row_or_none(models.TreeItem, body["treeitem_id"])
            if treeitem is None:
                raise APIError(404, "Tree Item not found")
            treeitem = services.as_concrete(treeitem)
            body["coproductionprocess_id"] = treeitem.process_id
        process = row_or_none(models.CoproductionProcess, body.get("coproductionprocess_id"))
        if process is None:
            raise APIError(404, "Coproduction process not found")
        rules.require_process_administrator(self, process.pk, "You are not allowed to update this coproductionprocess")
        if body.get("team_id") and not selectors.team_exists(body["team_id"]):
            raise APIError(404, TEAM_NOT_FOUND)
        if body.get("user_id") and not selectors.user_exists(body["user_id"]):
            raise APIError(404, "User not found")
        permission = services.permission_create(creator=user, data=body)
        return self.out(PermissionOutSerializer, permission)


def readable_permission(view, id) -> models.Permission:
    return get_or_404(rules.readable_permissions(view, selectors.permissions_qs()), id, PERMISSION_NOT_FOUND)


@path_params("id")
class PermissionDetailView(CoproductionView):
    @extend_schema(responses=PermissionOutFullSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(PermissionOutFullSerializer, readable_permission(self, id))

    @extend_schema(request=None, responses=PermissionOutFullSerializer)
    def put(self, request, id):
        """Upstream's update body has no fields: the permission is returned unchanged (administrators)."""
        permission = readable_permission(self, id)
        rules.require_process_administrator(self, permission.coproductionprocess_id)
        return self.out(PermissionOutFullSerializer, permission)

    @extend_schema(responses=PermissionOutFullSerializer)
    def delete(self, request, id):
        permission = readable_permission(self, id)
        rules.require_process_administrator(self, permission.coproductionprocess_id)
        data = PermissionOutFullSerializer(permission, context=self.context()).data
        services.permission_delete(permission=permission)
        return Response(data)


@path_params("treeitem_id")
class PermissionsForTreeItemView(CoproductionView):
    @extend_schema(
        responses=inline_serializer(
            "YourPermissions",
            {
                "your_permissions": serializers.DictField(child=serializers.BooleanField()),
                "your_roles": serializers.ListField(child=serializers.CharField()),
            },
        )
    )
    def get(self, request, treeitem_id):
        """The caller's effective permissions on a tree item (spec §5.3)."""
        user = self.current_user()
        item = get_or_404(models.TreeItem, treeitem_id, "TreeItem not found", "treeitem_id")
        flags, roles = services.effective_permissions(user, services.as_concrete(item))
        return Response({"your_permissions": flags, "your_roles": roles})
