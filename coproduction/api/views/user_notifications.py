"""``/usernotifications``: a user's in-app notifications (spec §4.8). Read and changed by
their user and the process's administrators."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from common.ids import parse_uuid
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, path_params, valid
from coproduction.api.serializers.notifications import NotificationSerializer
from coproduction.api.serializers.user_notifications import StateSerializer, UserNotificationSerializer

USER_NOTIFICATION_NOT_FOUND = "UserNotification not found"
APPLICATION_EVENT = "apply_submited"


class ArchiveSerializer(serializers.Serializer):
    is_archived = serializers.BooleanField()


def visible_user_notifications(view):
    return rules.own_or_administered(view, selectors.user_notifications_qs(), owner="user_id")


def user_notifications_of_user(view, user_id, **filters):
    """A user's notifications: that user (or a superuser) only."""
    view.current_user()
    rules.require_self(view, user_id)
    rows = visible_user_notifications(view).filter(user_id=user_id, **filters)
    return view.out(UserNotificationSerializer, rows, many=True)


def user_notifications_of_process(view, copro_id, **filters):
    view.current_user()
    rows = visible_user_notifications(view).filter(coproductionprocess_id=parse_uuid(copro_id, "copro_id"), **filters)
    return view.out(UserNotificationSerializer, rows, many=True)


class UserNotificationListView(CoproductionView):
    @extend_schema(responses=UserNotificationSerializer(many=True))
    def get(self, request):
        """The caller's notifications."""
        rows = selectors.user_notifications_qs().filter(user=self.current_user())
        return self.out(UserNotificationSerializer, rows, many=True)

    @extend_schema(request=UserNotificationSerializer, responses=UserNotificationSerializer)
    def post(self, request):
        body = valid(UserNotificationSerializer, request.data)
        rules.require_owner_or_process_administrator(
            self, owner_id=body["user"].pk, process_id=body.get("coproductionprocess_id")
        )
        row = services.user_notification_create(data=body)
        return self.out(UserNotificationSerializer, selectors.user_notifications_qs().get(pk=row.pk))


@path_params("user_id")
class UserNotificationsOfUserView(CoproductionView):
    @extend_schema(
        operation_id="usernotifications_listUserNotifications", responses=UserNotificationSerializer(many=True)
    )
    def get(self, request, user_id):
        return user_notifications_of_user(self, user_id)


@path_params("user_id")
class UnseenUserNotificationsView(CoproductionView):
    @extend_schema(
        operation_id="usernotifications_listUnseenUserNotifications", responses=UserNotificationSerializer(many=True)
    )
    def get(self, request, user_id):
        return user_notifications_of_user(self, user_id, state=False)


@path_params("copro_id")
class UserNotificationsOfProcessView(CoproductionView):
    @extend_schema(
        operation_id="usernotifications_listNotificationsbyCopro", responses=UserNotificationSerializer(many=True)
    )
    def get(self, request, copro_id):
        return user_notifications_of_process(self, copro_id)


@path_params("copro_id")
class ApplicationsOfProcessView(CoproductionView):
    @extend_schema(
        operation_id="usernotifications_listUserAplicationsbyCoproId", responses=UserNotificationSerializer(many=True)
    )
    def get(self, request, copro_id):
        """Pending applications to join the process (not archived)."""
        return user_notifications_of_process(self, copro_id, notification__event=APPLICATION_EVENT, is_archived=False)


@path_params("copro_id")
class ApplicationsHistoryOfProcessView(CoproductionView):
    @extend_schema(
        operation_id="usernotifications_listUserAplicationsHistorybyCoproId",
        responses=UserNotificationSerializer(many=True),
    )
    def get(self, request, copro_id):
        """Every application to join the process."""
        return user_notifications_of_process(self, copro_id, notification__event=APPLICATION_EVENT)


@path_params("id")
class UserNotificationDetailView(CoproductionView):
    @extend_schema(responses=UserNotificationSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(visible_user_notifications(self), id, USER_NOTIFICATION_NOT_FOUND)
        return self.out(UserNotificationSerializer, row)

    @extend_schema(request=StateSerializer, responses=UserNotificationSerializer)
    def put(self, request, id):
        """Mark seen / unseen."""
        self.current_user()
        row = get_or_404(visible_user_notifications(self), id, USER_NOTIFICATION_NOT_FOUND)
        state = valid(StateSerializer, request.data)["state"]
        return self.out(
            UserNotificationSerializer, services.user_notification_set_state(user_notification=row, state=state)
        )

    @extend_schema(responses=UserNotificationSerializer)
    def delete(self, request, id):
        self.current_user()
        row = get_or_404(visible_user_notifications(self), id, USER_NOTIFICATION_NOT_FOUND)
        data = UserNotificationSerializer(row).data
        services.user_notification_delete(user_notification=row)
        return Response(data)


@path_params("id")
class UserNotificationArchiveView(CoproductionView):
    @extend_schema(request=ArchiveSerializer, responses=UserNotificationSerializer)
    def put(self, request, id):
        self.current_user()
        row = get_or_404(visible_user_notifications(self), id, USER_NOTIFICATION_NOT_FOUND)
        is_archived = valid(ArchiveSerializer, request.data)["is_archived"]
        row = services.user_notification_set_archived(user_notification=row, is_archived=is_archived)
        return self.out(UserNotificationSerializer, row)


@path_params("id")
class UserNotificationTemplateView(CoproductionView):
    @extend_schema(responses=NotificationSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(visible_user_notifications(self), id, USER_NOTIFICATION_NOT_FOUND)
        return self.out(NotificationSerializer, row.notification)
