"""``/claims`` (spec §4.8)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.assets import AssetOutSerializer
from coproduction.api.serializers.users import UserOutSerializer

# What a claim and an assignment show first, in this order.
CONTRIBUTION_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "user_id",
    "asset_id",
    "task_id",
    "coproductionprocess_id",
]


class ClaimOutSerializer(serializers.ModelSerializer):
    user = UserOutSerializer(read_only=True)
    asset = AssetOutSerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.Claim
        fields = [
            *CONTRIBUTION_FIELDS,
            "assignment_id",
            "title",
            "description",
            "state",
            "claim_type",
            "user",
            "asset",
        ]


class ClaimInSerializer(serializers.Serializer):
    user_id = serializers.CharField(required=False)
    asset_id = serializers.UUIDField()
    task_id = serializers.UUIDField(required=False, allow_null=True)
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)
    assignment_id = serializers.UUIDField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    state = serializers.BooleanField(required=False)
    claim_type = serializers.CharField(required=False, allow_null=True)
