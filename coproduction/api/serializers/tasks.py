"""``/tasks`` (spec §4.4)."""

from __future__ import annotations

from rest_framework import serializers

from common.input import integer_column_field
from coproduction import models
from coproduction.api.serializers.tree_items import (
    TREEITEM_FIELDS,
    ChainOrderedListSerializer,
    TreeItemInSerializer,
    TreeItemOutSerializer,
    TreeItemPermissionsMixin,
)


class TaskOutSerializer(TreeItemOutSerializer):
    phase_id = serializers.SerializerMethodField()

    class Meta:
        model = models.Task
        list_serializer_class = ChainOrderedListSerializer
        fields = [
            *TREEITEM_FIELDS,
            "objective_id",
            "phase_id",
            "problemprofiles",
            "management",
            "development",
            "exploitation",
        ]

    def get_phase_id(self, obj) -> str | None:
        return str(obj.objective.phase_id) if obj.objective_id else None


class TaskOutFullSerializer(TreeItemPermissionsMixin, TaskOutSerializer):
    class Meta(TaskOutSerializer.Meta):
        fields = [*TaskOutSerializer.Meta.fields, "permissions", "teams"]


class TaskInSerializer(TreeItemInSerializer):
    objective_id = serializers.UUIDField(required=False)
    problemprofiles = serializers.ListField(child=serializers.CharField(), required=False)
    status = serializers.ChoiceField(choices=models.Status.choices, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    management = integer_column_field(required=False)
    development = integer_column_field(required=False)
    exploitation = integer_column_field(required=False)
