"""``/organizations``: organisations with translated names and their teams (spec §4.6)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.links import AdministeredMixin, related_ids
from coproduction.api.serializers.teams import TeamOutSerializer
from coproduction.api.serializers.users import UserOutSerializer


class OrganizationOutSerializer(AdministeredMixin, serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    icon_link = serializers.SerializerMethodField()
    logotype_link = serializers.SerializerMethodField()
    administrators_ids = serializers.SerializerMethodField()
    teams_ids = serializers.SerializerMethodField()
    current_user_participation = serializers.SerializerMethodField()
    people_involved = serializers.SerializerMethodField()

    class Meta:
        model = models.Organization
        fields = [
            "id",
            "created_at",
            "updated_at",
            "name_translations",
            "description_translations",
            "name",
            "description",
            "icon",
            "logotype",
            "default_team_type",
            "team_creation_permission",
            "public",
            "creator_id",
            "icon_link",
            "logotype_link",
            "administrators_ids",
            "teams_ids",
            "current_user_participation",
            "people_involved",
        ]

    def get_name(self, obj) -> str | None:
        return obj.name

    def get_description(self, obj) -> str | None:
        return obj.description

    def get_icon_link(self, obj) -> str:
        return self._link(obj.icon)

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_teams_ids(self, obj):
        return related_ids(obj.teams)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_current_user_participation(self, obj):
        return self.participation(obj, [member for team in obj.teams.all() for member in team.users.all()])

    def get_people_involved(self, obj) -> int:
        return len({u.pk for team in obj.teams.all() for u in team.users.all()})


class OrganizationOutFullSerializer(OrganizationOutSerializer):
    administrators = UserOutSerializer(many=True, read_only=True)
    teams = TeamOutSerializer(many=True, read_only=True)

    class Meta(OrganizationOutSerializer.Meta):
        fields = [*OrganizationOutSerializer.Meta.fields, "administrators", "teams"]


class OrganizationInSerializer(serializers.Serializer):
    name_translations = serializers.DictField(child=serializers.CharField(allow_blank=True))
    description_translations = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, allow_null=True
    )
    icon = serializers.CharField(required=False, allow_null=True)
    logotype = serializers.CharField(required=False, allow_null=True)
    default_team_type = serializers.ChoiceField(choices=models.RoleTypes.choices)
    team_creation_permission = serializers.ChoiceField(choices=models.TeamCreationPermissions.choices, required=False)
    public = serializers.BooleanField(required=False)
