"""``/notifications``: notification templates, one per (event, language) (spec §4.8).
Shared platform data: anyone mirrored reads, a superuser writes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from common.exceptions import APIError
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, path_params, valid
from coproduction.api.serializers import lean
from coproduction.api.serializers.notifications import NotificationSerializer
from coproduction.models import Notification

NOTIFICATION_NOT_FOUND = "Notification not found"


class NotificationListView(CoproductionView):
    permission_classes = [rules.SuperuserToWrite]

    @extend_schema(responses=NotificationSerializer(many=True))
    def get(self, request):
        self.current_user()
        rows = selectors.as_rows(selectors.notification_template_list(), lean.notification_columns())
        return Response(lean.notifications_data(rows, self.context()))

    @extend_schema(request=NotificationSerializer, responses=NotificationSerializer)
    def post(self, request):
        self.current_user()
        notification = services.notification_create(data=valid(NotificationSerializer, request.data))
        return self.out(NotificationSerializer, notification)


@path_params("event", "language")
class NotificationByEventView(CoproductionView):
    @extend_schema(responses=NotificationSerializer)
    def get(self, request, event, language):
        self.current_user()
        notification = selectors.notification_template_for(event=event, language=language)
        if notification is None:
            raise APIError(404, NOTIFICATION_NOT_FOUND)
        return self.out(NotificationSerializer, notification)


@path_params("id")
class NotificationDetailView(CoproductionView):
    permission_classes = [rules.SuperuserToWrite]

    @extend_schema(responses=NotificationSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(NotificationSerializer, get_or_404(Notification, id, NOTIFICATION_NOT_FOUND))

    @extend_schema(request=NotificationSerializer, responses=NotificationSerializer)
    def put(self, request, id):
        self.current_user()
        notification = get_or_404(Notification, id, NOTIFICATION_NOT_FOUND)
        body = valid(NotificationSerializer, request.data, partial=True)
        return self.out(NotificationSerializer, services.notification_update(notification=notification, data=body))

    @extend_schema(responses=NotificationSerializer)
    def delete(self, request, id):
        self.current_user()
        notification = get_or_404(Notification, id, NOTIFICATION_NOT_FOUND)
        data = NotificationSerializer(notification).data
        services.notification_delete(notification=notification)
        return Response(data)
