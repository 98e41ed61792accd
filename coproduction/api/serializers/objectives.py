"""``/objectives`` (spec §4.4)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.tasks import TaskOutFullSerializer
from coproduction.api.serializers.tree_items import (
    TREEITEM_FIELDS,
    ChainOrderedListSerializer,
    TreeItemInSerializer,
    TreeItemOutSerializer,
    TreeItemPermissionsMixin,
)


class ObjectiveOutSerializer(TreeItemOutSerializer):
    class Meta:
        model = models.Objective
        list_serializer_class = ChainOrderedListSerializer
        fields = [*TREEITEM_FIELDS, "phase_id"]


class ObjectiveOutFullSerializer(TreeItemPermissionsMixin, ObjectiveOutSerializer):
    children = TaskOutFullSerializer(many=True, read_only=True)

    class Meta(ObjectiveOutSerializer.Meta):
        fields = [*ObjectiveOutSerializer.Meta.fields, "permissions", "teams", "children"]


class ObjectiveInSerializer(TreeItemInSerializer):
    phase_id = serializers.UUIDField(required=False)
