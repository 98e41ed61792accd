"""``/phases`` (spec §4.4)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.objectives import ObjectiveOutFullSerializer
from coproduction.api.serializers.tree_items import (
    TREEITEM_FIELDS,
    ChainOrderedListSerializer,
    TreeItemInSerializer,
    TreeItemOutSerializer,
    TreeItemPermissionsMixin,
)


class PhaseOutSerializer(TreeItemOutSerializer):
    class Meta:
        model = models.Phase
        list_serializer_class = ChainOrderedListSerializer
        fields = [*TREEITEM_FIELDS, "coproductionprocess_id", "is_part_of_codelivery"]


class PhaseOutFullSerializer(TreeItemPermissionsMixin, PhaseOutSerializer):
    children = ObjectiveOutFullSerializer(many=True, read_only=True)

    class Meta(PhaseOutSerializer.Meta):
        fields = [*PhaseOutSerializer.Meta.fields, "permissions", "teams", "children"]


class PhaseInSerializer(TreeItemInSerializer):
    coproductionprocess_id = serializers.UUIDField(required=False)
    is_part_of_codelivery = serializers.BooleanField(required=False, allow_null=True)
