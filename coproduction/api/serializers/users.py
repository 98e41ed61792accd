"""``/users``: a co-production user (spec §4.6)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.links import related_ids


class UserOutSerializer(serializers.ModelSerializer):
    additionalEmails = serializers.ListField(source="additional_emails", child=serializers.CharField(), allow_null=True)
    agreeTermsOfUse = serializers.BooleanField(source="agree_terms_of_use", allow_null=True)
    teams_ids = serializers.SerializerMethodField()

    class Meta:
        model = models.User
        fields = [
            "id",
            "picture",
            "full_name",
            "last_login",
            "email",
            "additionalEmails",
            "agreeTermsOfUse",
            "teams_ids",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_teams_ids(self, obj):
        return related_ids(obj.teams)


class UserIdSerializer(serializers.Serializer):
    user_id = serializers.CharField()
