"""``/coproductionprocessnotifications``: a process's activity feed (spec §4.8). Read and
changed by their user and the process's administrators."""

from __future__ import annotations

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from common.ids import parse_uuid
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, path_params, valid
from coproduction.api.serializers.notifications import NotificationSerializer, ParametersField
from coproduction.api.serializers.process_notifications import ClaimTypeField, ProcessNotificationSerializer
from coproduction.models import CoproductionProcess

PROCESS_NOTIFICATION_NOT_FOUND = "CoproductionProcessNotification not found"


def visible_process_notifications(view):
    return rules.own_or_administered(view, selectors.process_notifications_qs(), owner="user_id")


class ProcessNotificationListView(CoproductionView):
    @extend_schema(responses=ProcessNotificationSerializer(many=True))
    def get(self, request):
        self.current_user()
        return self.out(ProcessNotificationSerializer, visible_process_notifications(self), many=True)

    @extend_schema(request=ProcessNotificationSerializer, responses=ProcessNotificationSerializer)
    def post(self, request):
        self.current_user()
        body = valid(ProcessNotificationSerializer, request.data)
        rules.require_process_administrator(self, body["coproductionprocess"].pk)
        row = services.process_notification_create(data=body)
        return self.out(ProcessNotificationSerializer, selectors.process_notifications_qs().get(pk=row.pk))


@path_params("coproductionprocess_id")
class ProcessNotificationsOfProcessView(CoproductionView):
    @extend_schema(responses=ProcessNotificationSerializer(many=True))
    def get(self, request, coproductionprocess_id):
        self.current_user()
        rows = visible_process_notifications(self).filter(
            coproductionprocess_id=parse_uuid(coproductionprocess_id, "coproductionprocess_id")
        )
        return self.out(ProcessNotificationSerializer, rows, many=True)


@path_params("coproductionprocess_id", "asset_id")
class ProcessNotificationsOfAssetView(CoproductionView):
    @extend_schema(
        operation_id="coproductionprocessnotifications_of_asset", responses=ProcessNotificationSerializer(many=True)
    )
    def get(self, request, coproductionprocess_id, asset_id):
        self.current_user()
        rows = visible_process_notifications(self).filter(
            coproductionprocess_id=parse_uuid(coproductionprocess_id, "coproductionprocess_id"), asset_id=asset_id
        )
        return self.out(ProcessNotificationSerializer, rows, many=True)


class CreateByEventSerializer(serializers.Serializer):
    coproductionprocess_id = serializers.UUIDField()
    notification_event = serializers.CharField()
    parameters = ParametersField(required=False, allow_null=True)
    claim_type = ClaimTypeField(required=False, allow_null=True)
    asset_id = serializers.CharField(required=False, allow_null=True)
    user_id = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    isTeam = serializers.BooleanField(required=False, default=False)


class CreateByEventView(CoproductionView):
    @extend_schema(request=CreateByEventSerializer, responses=OpenApiTypes.STR)
    def post(self, request):
        """Process notifications for users with access to the asset's task (spec §4.8).

        Upstream answers a JSON *string* holding ``{"inserted": …, "excluded": […]}``; kept."""
        self.current_user()
        body = valid(CreateByEventSerializer, request.data)
        process = get_or_404(CoproductionProcess, body["coproductionprocess_id"], "CoproductionProcess not found")
        rules.require_process_reader(self, process.pk)
        parameters = body.get("parameters") or {}
        if not isinstance(parameters, dict):
            raise serializers.ValidationError({"parameters": ["A JSON object is required."]})
        inserted, excluded = services.process_notifications_create_by_event(
            process=process,
            event=body["notification_event"],
            parameters=parameters,
            user_ids=[i.strip() for i in (body.get("user_id") or "").split(",") if i.strip()],
            is_team=bool(body.get("isTeam")),
            asset_id=body.get("asset_id"),
            claim_type=body.get("claim_type"),
        )
        return Response(json.dumps({"inserted": inserted, "excluded": excluded}))


@path_params("asset_id")
class UpdateAssetNameParameterView(CoproductionView):
    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, required=True),
            OpenApiParameter("coproductionprocess_id", str, required=True),
        ],
        request=None,
        responses=ProcessNotificationSerializer(many=True),
    )
    def put(self, request, asset_id):
        """Freeze a deleted asset's name into the process's notifications."""
        self.current_user()
        name = request.query_params.get("name")
        if name is None:
            raise serializers.ValidationError({"name": ["This field is required."]})
        process_id = parse_uuid(request.query_params.get("coproductionprocess_id"), "coproductionprocess_id")
        rules.require_process_reader(self, process_id)
        changed = services.process_notifications_freeze_asset_name(
            notifications=selectors.process_notifications_qs().filter(coproductionprocess_id=process_id),
            asset_id=asset_id,
            name=name,
        )
        return self.out(ProcessNotificationSerializer, changed, many=True)


@path_params("id")
class ProcessNotificationDetailView(CoproductionView):
    @extend_schema(request=ProcessNotificationSerializer, responses=ProcessNotificationSerializer)
    def put(self, request, id):
        self.current_user()
        row = get_or_404(visible_process_notifications(self), id, PROCESS_NOTIFICATION_NOT_FOUND)
        body = valid(ProcessNotificationSerializer, request.data, partial=True)
        row = services.process_notification_update(process_notification=row, data=body)
        return self.out(ProcessNotificationSerializer, row)

    @extend_schema(responses=ProcessNotificationSerializer)
    def delete(self, request, id):
        self.current_user()
        row = get_or_404(visible_process_notifications(self), id, PROCESS_NOTIFICATION_NOT_FOUND)
        data = ProcessNotificationSerializer(row).data
        services.process_notification_delete(process_notification=row)
        return Response(data)


@path_params("id")
class ProcessNotificationGetView(CoproductionView):
    @extend_schema(responses=ProcessNotificationSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(visible_process_notifications(self), id, PROCESS_NOTIFICATION_NOT_FOUND)
        return self.out(ProcessNotificationSerializer, row)


@path_params("id")
class ProcessNotificationTemplateView(CoproductionView):
    @extend_schema(responses=NotificationSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(visible_process_notifications(self), id, PROCESS_NOTIFICATION_NOT_FOUND)
        return self.out(NotificationSerializer, row.notification)
