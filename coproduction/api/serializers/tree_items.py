"""What phases, objectives and tasks share (spec §4.4): their common fields, upstream's order of
siblings, and the ``permissions``/``teams`` of the "full" shapes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.tree_order import prefetched_prerequisite_ids, prerequisite_order
from coproduction import models
from coproduction.api.serializers.links import related_ids
from coproduction.api.serializers.permissions import PermissionOutFullSerializer
from coproduction.api.serializers.teams import TeamOutSerializer

TREEITEM_FIELDS = [
    "id",
    "type",
    "created_at",
    "updated_at",
    "name",
    "description",
    "from_schema",
    "from_item",
    "prerequisites_ids",
    "start_date",
    "end_date",
    "status",
    "progress",
    "creator_id",
    "disabler_id",
    "disabled_on",
    "is_disabled",
]


def chain_order(items) -> list:
    """Tree items as upstream presents them (``common.tree_order``); uses the prefetched ``prerequisites``."""
    return prerequisite_order(items, prefetched_prerequisite_ids)


class ChainOrderedListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        items = data.all() if hasattr(data, "all") else data
        return super().to_representation(chain_order(items))


class TreeItemOutSerializer(serializers.ModelSerializer):
    prerequisites_ids = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    is_disabled = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_prerequisites_ids(self, obj):
        return related_ids(obj.prerequisites)

    def get_progress(self, obj) -> int:
        progress = getattr(obj, "progress", None)
        if progress is None:
            return 100 if obj.status == models.Status.FINISHED else 0
        return int(progress)

    def get_is_disabled(self, obj) -> bool:
        disabled = self.context.get("disabled_ancestors", set())
        return obj.disabled_on is not None or bool(disabled & set(ancestor_ids(obj)))


def ancestor_ids(obj) -> list:
    if isinstance(obj, models.Task):
        return [obj.objective_id, obj.objective.phase_id] if obj.objective_id else []
    if isinstance(obj, models.Objective):
        return [obj.phase_id]
    return []


# ``permissions`` and ``teams`` of a tree item's "full" shape; it needs ``process_permissions`` (a
# ``lean.RenderedPermissions``) in the context. (A comment, not a docstring: drf-spectacular would show
# a docstring as the description of every full shape in the OpenAPI document.)
class TreeItemPermissionsMixin(serializers.Serializer):
    permissions = serializers.SerializerMethodField()
    teams = serializers.SerializerMethodField()

    @extend_schema_field(PermissionOutFullSerializer(many=True))
    def get_permissions(self, obj):
        return self.context["process_permissions"].permissions_on({obj.pk, *ancestor_ids(obj)})

    @extend_schema_field(TeamOutSerializer(many=True))
    def get_teams(self, obj):
        return self.context["process_permissions"].teams_on({obj.pk, *ancestor_ids(obj)})


class TreeItemInSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    from_schema = serializers.UUIDField(required=False, allow_null=True)
    from_item = serializers.UUIDField(required=False, allow_null=True)
    disabler_id = serializers.CharField(required=False, allow_null=True)
    disabled_on = serializers.DateTimeField(required=False, allow_null=True)
    prerequisites_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
    postrequisites_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
