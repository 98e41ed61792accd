"""``/tags`` (spec §4.7)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.Tag
        fields = ["id", "name", "description"]
        extra_kwargs = {"name": {"validators": []}}
