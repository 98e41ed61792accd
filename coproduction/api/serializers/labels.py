"""``/tags`` and ``/keywords``: named labels, unique by name (spec §4.7)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models


class LabelSerializer(serializers.ModelSerializer):
    class Meta:
        fields = ["id", "name", "description"]
        # The name's uniqueness is the service's check (upstream's 400 "<Tag> already exists").
        extra_kwargs = {"name": {"validators": []}}


class TagSerializer(LabelSerializer):
    class Meta(LabelSerializer.Meta):
        model = models.Tag


class KeywordSerializer(LabelSerializer):
    class Meta(LabelSerializer.Meta):
        model = models.Keyword
