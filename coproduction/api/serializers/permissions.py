"""``/permissions``: a team's or user's asset permissions on a process or tree item (spec §4.6)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.teams import TeamOutSerializer

PERMISSION_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "creator_id",
    "user_id",
    "team_id",
    "treeitem_id",
    "coproductionprocess_id",
    "access_assets_permission",
    "create_assets_permission",
    "delete_assets_permission",
]


class PermissionOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.Permission
        fields = PERMISSION_FIELDS


class PermissionOutFullSerializer(serializers.ModelSerializer):
    team = TeamOutSerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.Permission
        fields = [*PERMISSION_FIELDS, "team"]


class PermissionInSerializer(serializers.Serializer):
    team_id = serializers.UUIDField(required=False, allow_null=True)
    user_id = serializers.CharField(required=False, allow_null=True)
    treeitem_id = serializers.UUIDField(required=False, allow_null=True)
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)
    access_assets_permission = serializers.BooleanField(required=False, default=False)
    create_assets_permission = serializers.BooleanField(required=False, default=False)
    delete_assets_permission = serializers.BooleanField(required=False, default=False)
