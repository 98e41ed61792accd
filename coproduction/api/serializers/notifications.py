"""``/notifications``: notification templates (spec §4.8), and their parameters field."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coproduction import models
from coproduction.services import parameters_text


class NotificationSerializer(serializers.ModelSerializer):
    language = serializers.ChoiceField(choices=models.Languages.choices, default="en")

    class Meta:
        model = models.Notification
        fields = [
            "id",
            "created_at",
            "updated_at",
            "event",
            "title",
            "subtitle",
            "text",
            "html_template",
            "url_link",
            "icon",
            "language",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class ParametersField(serializers.Field):
    """Notification parameters: stored as a JSON object, shown as JSON text (spec §5.8)."""

    def to_representation(self, value):
        return parameters_text(value)

    def to_internal_value(self, data):
        from coproduction.services import parse_parameters

        try:
            return parse_parameters(data, strict=True)
        except ValueError:
            raise serializers.ValidationError("parameters must be JSON text") from None


extend_schema_field(OpenApiTypes.STR)(ParametersField)
