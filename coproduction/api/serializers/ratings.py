"""``/ratings`` (spec §4.9)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models


class RatingSerializer(serializers.ModelSerializer):
    value = serializers.IntegerField(min_value=0, max_value=5)
    artefact_id = serializers.UUIDField()
    artefact_type = serializers.CharField()

    class Meta:
        model = models.Rating
        fields = ["id", "created_at", "updated_at", "user_id", "artefact_id", "artefact_type", "title", "text", "value"]
        read_only_fields = ["id", "created_at", "updated_at", "user_id"]
