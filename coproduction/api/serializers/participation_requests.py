"""``/participationrequests`` (spec §4.8)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.users import UserOutSerializer


class ParticipationRequestSerializer(serializers.ModelSerializer):
    user = UserOutSerializer(source="candidate", read_only=True, allow_null=True)
    candidate_id = serializers.CharField(required=False, allow_null=True)
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)

    class Meta:
        model = models.ParticipationRequest
        fields = [
            "id",
            "created_at",
            "updated_at",
            "candidate_id",
            "coproductionprocess_id",
            "razon",
            "is_archived",
            "user",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
