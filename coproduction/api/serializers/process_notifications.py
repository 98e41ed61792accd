"""``/coproductionprocessnotifications`` (spec §4.8)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.notifications import NotificationSerializer, ParametersField


class ClaimTypeField(serializers.ChoiceField):
    """Stored ``management``; read and written as ``Management`` (upstream's enum names)."""

    def __init__(self, **kwargs):
        super().__init__(choices=[label for _, label in models.ClaimTypes.choices], **kwargs)

    def to_representation(self, value):
        return dict(models.ClaimTypes.choices).get(value, value) if value else None

    def to_internal_value(self, data):
        return super().to_internal_value(data).lower()


class ProcessNotificationSerializer(serializers.ModelSerializer):
    parameters = ParametersField(required=False, allow_null=True)
    claim_type = ClaimTypeField(required=False, allow_null=True)
    notification = NotificationSerializer(read_only=True)
    notification_id = serializers.PrimaryKeyRelatedField(
        source="notification", queryset=models.Notification.objects.all()
    )
    coproductionprocess_id = serializers.PrimaryKeyRelatedField(
        source="coproductionprocess", queryset=models.CoproductionProcess.objects.all()
    )
    user_id = serializers.CharField(required=False, allow_null=True)

    class Meta:
        model = models.CoproductionProcessNotification
        fields = [
            "id",
            "created_at",
            "updated_at",
            "coproductionprocess_id",
            "notification_id",
            "parameters",
            "claim_type",
            "asset_id",
            "user_id",
            "notification",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
