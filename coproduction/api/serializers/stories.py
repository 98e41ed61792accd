"""``/stories`` (spec §4.9)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.labels import KeywordSerializer


class StorySerializer(serializers.ModelSerializer):
    keywords = KeywordSerializer(many=True, read_only=True)
    rating = serializers.FloatField(read_only=True, allow_null=True)
    coproductionprocess_id = serializers.UUIDField()
    coproductionprocess_cloneforpub_id = serializers.UUIDField(required=False, allow_null=True)
    user_id = serializers.CharField(required=False, allow_null=True)

    class Meta:
        model = models.Story
        fields = [
            "id",
            "created_at",
            "updated_at",
            "coproductionprocess_id",
            "coproductionprocess_cloneforpub_id",
            "user_id",
            "state",
            "logotype",
            "data_story",
            "rating",
            "ratings_count",
            "published_date",
            "keywords",
        ]
        read_only_fields = ["id", "created_at", "updated_at", "ratings_count"]
