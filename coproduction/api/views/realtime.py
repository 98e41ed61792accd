"""ZIP export/import, the activity log, ``utils/test-email`` and ``utils/test-celery`` (issue 15).

The WebSockets themselves are served by Channels (coproduction/consumers.py); a plain HTTP
request to a ``…/ws`` path answers 426 Upgrade Required.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.exceptions import APIError
from common.pagination import PageEnvelopePagination
from common.uploads import check_size
from coproduction import archive, emails, selectors
from coproduction.api.base import CoproductionView, path_params, valid
from coproduction.api.serializers.processes import ProcessOutFullSerializer
from coproduction.api.views.processes import full, process_for_read
from coproduction.tasks import test_celery

NOT_SUPERUSER = "Not superuser"


def websocket_only(request, *args, **kwargs):
    response = JsonResponse({"detail": "This is a WebSocket endpoint: open it with a WebSocket client."}, status=426)
    response["Upgrade"] = "websocket"
    response["Connection"] = "Upgrade"
    return response


@path_params("id")
class ProcessDownloadView(CoproductionView):
    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request, id):
        """Export the process as a ZIP in upstream's layout (kept for ``last_created_zip``)."""
        process = process_for_read(self, id, light=True)
        name = archive.export_store(process)
        return FileResponse(
            default_storage.open(name, "rb"),
            content_type="application/zip",
            as_attachment=True,
            filename=name.rsplit("/", 1)[-1],
        )


NO_FILE_FOUND = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}


@path_params("id")
class LastCreatedZipView(CoproductionView):
    # Upstream answers ``{"error": "No file found"}`` before any export; other 404s are ``{"detail"}``.
    openapi_error_bodies = {"404": {"oneOf": [{"$ref": "#/components/schemas/ErrorDetail"}, NO_FILE_FOUND]}}

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, id):
        """The newest ZIP exported of the process, with its time in ``X-File-Creation-Datetime``."""
        process = process_for_read(self, id, light=True)
        exports = archive.stored_exports(process.pk)
        if not exports:
            return JsonResponse({"error": "No file found"}, status=404)
        response = FileResponse(default_storage.open(exports[0], "rb"), content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="{archive.download_name(process)}"'
        response["X-File-Creation-Datetime"] = archive.export_stamp(exports[0])
        response["Access-Control-Expose-Headers"] = "X-File-Creation-Datetime"
        return response


class ProcessImportView(CoproductionView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        responses=ProcessOutFullSerializer,
    )
    def post(self, request):
        """Create a process from a ZIP exported here or by upstream; the caller administers it.

        The whole archive is checked first: a wrong part answers 422 naming it and nothing is written."""
        user = self.current_user()
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": ["No file was submitted."]})
        try:
            check_size(upload, settings.COPRODUCTION_IMPORT_MAX_BYTES, "archive")
        except DjangoValidationError as error:
            raise APIError(413 if error.code == "file_too_large" else 422, f"file: {error.messages[0]}") from None
        try:
            plan = archive.read_archive(upload)
        except archive.ArchiveError as error:
            raise APIError(422, str(error)) from None
        process = archive.process_import(plan=plan, creator=user)
        return full(self, process.pk)


class ActivityPageSerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, default=1)
    size = serializers.IntegerField(min_value=1, max_value=100, default=20)


@path_params("id")
class ProcessActivityView(CoproductionView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int), OpenApiParameter("size", int)],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, id):
        """The process's activity log, newest first: ``{items, total, page, size}`` (20 per page, as upstream)."""
        process = process_for_read(self, id, light=True)
        page = valid(ActivityPageSerializer, request.query_params)
        paginator = PageEnvelopePagination()
        records = paginator.paginate_queryset(selectors.activity_of_process(process.pk), request, self, params=page)
        return paginator.get_paginated_response(
            [{**record.data, "id": str(record.pk), "timestamp": record.timestamp.isoformat()} for record in records]
        )


class CoproductionMessageSerializer(serializers.Serializer):
    msg = serializers.CharField(max_length=1000)


class EmailToSerializer(serializers.Serializer):
    email_to = serializers.EmailField()


class _SuperuserView(CoproductionView):
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        account = request.user
        if not getattr(account, "is_authenticated", False):
            raise APIError(401, "Not authenticated")
        if not account.is_superuser:
            raise APIError(403, NOT_SUPERUSER)


class TestCeleryView(_SuperuserView):
    @extend_schema(request=CoproductionMessageSerializer, responses={201: CoproductionMessageSerializer})
    def post(self, request):
        """Queue upstream's ``test_celery`` task (superusers only)."""
        word = valid(CoproductionMessageSerializer, request.data)["msg"]
        test_celery.delay(word)
        return Response({"msg": "Word received"}, status=201)


class TestEmailView(_SuperuserView):
    @extend_schema(
        parameters=[OpenApiParameter("email_to", str, required=True)],
        request=None,
        responses={201: CoproductionMessageSerializer},
    )
    def post(self, request):
        """Send a test e-mail through the worker (superusers only)."""
        email_to = valid(EmailToSerializer, request.query_params)["email_to"]
        emails.queue(email_to, "test", {})
        return Response({"msg": "Test email sent"}, status=201)
