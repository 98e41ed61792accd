"""``/coproductionprocesses`` (spec §4.3): the process in its short, public and full shapes, its
input body and ``set_schema``'s body."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.labels import TagSerializer
from coproduction.api.serializers.links import AdministeredMixin
from coproduction.api.serializers.permissions import PermissionOutFullSerializer
from coproduction.api.serializers.teams import TeamOutSerializer
from coproduction.api.serializers.users import UserOutSerializer

PROCESS_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "schema_used",
    "language",
    "name",
    "description",
    "logotype",
    "logotype_link",
    "aim",
    "idea",
    "organization_desc",
    "organization_id",
    "challenges",
    "requirements",
    "status",
    "incentive_and_rewards_state",
    "leaderboard",
    "hasAddAnOrganization",
    "skipResourcesStep",
    "hideguidechecklist",
    "intergovernmental_model",
    "cloned_from_id",
    "is_part_of_publication",
    "is_public",
    "game_id",
    "rating",
    "ratings_count",
    "creator_id",
    "start_date",
    "end_date",
    "administrators_ids",
    "current_user_participation",
    "tags",
]


# What a client may not write: the output's fields the server sets.
SET_BY_THE_SERVER = {
    "id",
    "created_at",
    "updated_at",
    "logotype_link",
    "cloned_from_id",
    "rating",
    "ratings_count",
    "creator_id",
    "start_date",
    "end_date",
    "administrators_ids",
    "current_user_participation",
}


class ProcessOutSerializer(AdministeredMixin, serializers.ModelSerializer):
    logotype_link = serializers.SerializerMethodField()
    hasAddAnOrganization = serializers.BooleanField(source="has_add_an_organization", allow_null=True)
    skipResourcesStep = serializers.BooleanField(source="skip_resources_step", allow_null=True)
    rating = serializers.FloatField(allow_null=True)
    administrators_ids = serializers.SerializerMethodField()
    current_user_participation = serializers.SerializerMethodField()
    tags = TagSerializer(many=True, read_only=True)

    class Meta:
        model = models.CoproductionProcess
        fields = PROCESS_FIELDS

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_current_user_participation(self, obj):
        return ["administrator"] if self.caller_in(obj.administrators.all()) else ["collaborator"]


class ProcessPublicOutFullSerializer(ProcessOutSerializer):
    administrators = UserOutSerializer(many=True, read_only=True)

    class Meta(ProcessOutSerializer.Meta):
        fields = [*PROCESS_FIELDS, "administrators"]


class ProcessOutFullSerializer(ProcessPublicOutFullSerializer):
    enabled_teams = serializers.SerializerMethodField()
    enabled_permissions = serializers.SerializerMethodField()

    class Meta(ProcessOutSerializer.Meta):
        fields = [*PROCESS_FIELDS, "administrators", "enabled_teams", "enabled_permissions"]

    @staticmethod
    def _enabled(obj):
        """Permissions whose tree item is not disabled (an item or one of its ancestors)."""
        return [p for p in obj.permissions.all() if p.treeitem_id is None or not getattr(p, "treeitem_disabled", False)]

    @extend_schema_field(TeamOutSerializer(many=True))
    def get_enabled_teams(self, obj):
        teams = {}
        for permission in self._enabled(obj):
            if permission.team is not None:
                teams.setdefault(permission.team.pk, permission.team)
        return TeamOutSerializer(list(teams.values()), many=True, context=self.context).data

    @extend_schema_field(PermissionOutFullSerializer(many=True))
    def get_enabled_permissions(self, obj):
        return PermissionOutFullSerializer(self._enabled(obj), many=True, context=self.context).data


class ProcessInSerializer(serializers.ModelSerializer):
    hasAddAnOrganization = serializers.BooleanField(source="has_add_an_organization", required=False, allow_null=True)
    skipResourcesStep = serializers.BooleanField(source="skip_resources_step", required=False, allow_null=True)
    organization_id = serializers.PrimaryKeyRelatedField(
        source="organization", queryset=models.Organization.objects.all(), required=False, allow_null=True
    )
    tags = serializers.PrimaryKeyRelatedField(queryset=models.Tag.objects.all(), many=True, required=False)
    language = serializers.ChoiceField(choices=models.Languages.choices)

    class Meta:
        model = models.CoproductionProcess
        fields = [field for field in PROCESS_FIELDS if field not in SET_BY_THE_SERVER]
        extra_kwargs = {"name": {"required": True, "allow_null": False}}


class SchemaBodySerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False)
    coproductionschema_id = serializers.UUIDField(required=False)
    children = serializers.ListField(child=serializers.DictField(), required=False)
