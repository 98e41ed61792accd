"""``/usernotifications`` (spec §4.8)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.notifications import NotificationSerializer, ParametersField


class UserNotificationSerializer(serializers.ModelSerializer):
    parameters = ParametersField(required=False, allow_null=True)
    notification = NotificationSerializer(read_only=True)
    notification_id = serializers.PrimaryKeyRelatedField(
        source="notification", queryset=models.Notification.objects.all(), write_only=False
    )
    user_id = serializers.PrimaryKeyRelatedField(source="user", queryset=models.User.objects.all())
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)

    class Meta:
        model = models.UserNotification
        fields = [
            "id",
            "created_at",
            "updated_at",
            "user_id",
            "notification_id",
            "channel",
            "state",
            "is_archived",
            "coproductionprocess_id",
            "parameters",
            "notification",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


# Marks a notification seen or unseen, approves a claim or an assignment.
class StateSerializer(serializers.Serializer):
    state = serializers.BooleanField()
