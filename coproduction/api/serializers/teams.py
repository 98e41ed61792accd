"""``/teams``: teams with their members, administrators and applicants (spec §4.6)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.links import AdministeredMixin, related_ids
from coproduction.api.serializers.users import UserOutSerializer


class TeamOutSerializer(AdministeredMixin, serializers.ModelSerializer):
    logotype_link = serializers.SerializerMethodField()
    users = UserOutSerializer(many=True, read_only=True)
    administrators_ids = serializers.SerializerMethodField()
    appliers_ids = serializers.SerializerMethodField()
    current_user_participation = serializers.SerializerMethodField()

    class Meta:
        model = models.Team
        fields = [
            "id",
            "created_at",
            "updated_at",
            "name",
            "description",
            "organization_id",
            "type",
            "logotype",
            "creator_id",
            "logotype_link",
            "users",
            "administrators_ids",
            "users_count",
            "current_user_participation",
            "appliers_ids",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_appliers_ids(self, obj):
        return related_ids(obj.applies)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_current_user_participation(self, obj):
        return self.participation(obj, obj.users.all())


class TeamOutFullSerializer(TeamOutSerializer):
    administrators = UserOutSerializer(many=True, read_only=True)

    class Meta(TeamOutSerializer.Meta):
        fields = [*TeamOutSerializer.Meta.fields, "administrators"]


class TeamInSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    organization_id = serializers.UUIDField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=models.RoleTypes.choices)
    logotype = serializers.CharField(required=False, allow_null=True)
    user_ids = serializers.ListField(child=serializers.CharField(), required=False)
