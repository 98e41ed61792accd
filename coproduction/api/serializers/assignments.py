"""``/assignments`` (spec §4.8)."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.assets import AssetOutSerializer
from coproduction.api.serializers.claims import CONTRIBUTION_FIELDS, ClaimInSerializer, ClaimOutSerializer
from coproduction.api.serializers.users import UserOutSerializer


class AssignmentOutSerializer(serializers.ModelSerializer):
    user = UserOutSerializer(read_only=True)
    asset = AssetOutSerializer(read_only=True, allow_null=True)
    claims = ClaimOutSerializer(many=True, read_only=True)
    link = serializers.SerializerMethodField()
    link_to_claim = serializers.SerializerMethodField()

    class Meta:
        model = models.Assignment
        fields = [
            *CONTRIBUTION_FIELDS,
            "title",
            "description",
            "state",
            "link",
            "link_to_claim",
            "user",
            "asset",
            "claims",
        ]

    def get_link(self, obj) -> str:
        """Upstream's front-end URL of the assignment."""
        return (
            f"http://{settings.COPRODUCTION_SERVER_NAME}/dashboard/coproductionprocesses/"
            f"{obj.coproductionprocess_id}/resources?tab=Assignments&assignment={obj.pk}"
        )

    def get_link_to_claim(self, obj) -> str:
        return f"http://{settings.COPRODUCTION_SERVER_NAME}/dashboard/assignments/registerclaim/{obj.pk}"


# An assignment's body is a claim's without the claim's own two fields. (A comment, not a
# docstring: drf-spectacular would show a docstring in the OpenAPI document.)
class AssignmentInSerializer(ClaimInSerializer):
    assignment_id = None
    claim_type = None
