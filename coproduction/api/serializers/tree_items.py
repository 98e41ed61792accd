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


class RenderedPermissions:
    """A process's permissions, each rendered once for a request: every tree item's "full" shape
    shows those on its path, and a tree repeats the same few permissions and teams on each of its
    items (rendering them per item was most of a tree's time). Built by the view from
    ``selectors.process_permissions`` and passed as ``process_permissions``."""

    def __init__(self, permissions: list, context: dict):
        self.permissions = permissions
        rendered = PermissionOutFullSerializer(permissions, many=True, context=context).data
        self.permission_data = {permission.pk: data for permission, data in zip(permissions, rendered, strict=True)}
        teams = list({p.team.pk: p.team for p in permissions if p.team is not None}.values())
        rendered_teams = TeamOutSerializer(teams, many=True, context=context).data
        self.team_data = {team.pk: data for team, data in zip(teams, rendered_teams, strict=True)}

    def on_path(self, obj) -> list:
        """Process-wide permissions and those on ``obj`` or any item above it, for all teams."""
        path = set(ancestor_ids(obj)) | {obj.pk}
        return [p for p in self.permissions if p.treeitem_id is None or p.treeitem_id in path]


# ``permissions`` and ``teams`` of a tree item's "full" shape; it needs ``process_permissions`` (a
# ``RenderedPermissions``) in the context. (A comment, not a docstring: drf-spectacular would show
# a docstring as the description of every full shape in the OpenAPI document.)
class TreeItemPermissionsMixin(serializers.Serializer):
    permissions = serializers.SerializerMethodField()
    teams = serializers.SerializerMethodField()

    @extend_schema_field(PermissionOutFullSerializer(many=True))
    def get_permissions(self, obj):
        rendered = self.context["process_permissions"]
        return [rendered.permission_data[permission.pk] for permission in rendered.on_path(obj)]

    @extend_schema_field(TeamOutSerializer(many=True))
    def get_teams(self, obj):
        rendered = self.context["process_permissions"]
        team_ids = dict.fromkeys(p.team.pk for p in rendered.on_path(obj) if p.team is not None)
        return [rendered.team_data[team_id] for team_id in team_ids]


class TreeItemInSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    from_schema = serializers.UUIDField(required=False, allow_null=True)
    from_item = serializers.UUIDField(required=False, allow_null=True)
    disabler_id = serializers.CharField(required=False, allow_null=True)
    disabled_on = serializers.DateTimeField(required=False, allow_null=True)
    prerequisites_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
    postrequisites_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
