"""What every coproduction view shares: one transaction per request, the caller's
coproduction user (spec §5.1), id parsing and upstream's error messages."""

from __future__ import annotations

from django.db import IntegrityError, connections, transaction
from django.db.models import QuerySet
from django.http import JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from common.exceptions import APIError
from common.ids import parse_uuid
from common.pagination import PageEnvelopePagination
from coproduction import activitylog, models
from coproduction.services import DB
from interlink_auth.authentication import INTERLINK_AUTHENTICATION_CLASSES

NOT_AUTHENTICATED = "Not authenticated"
NOT_ENOUGH_PERMISSIONS = "Not enough permissions"
TEAM_NOT_FOUND = "Team not found"
ORGANIZATION_NOT_FOUND = "Organization not found"
PERMISSION_NOT_FOUND = "Permission not found"
LOGOTYPE_UPLOAD = {
    "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
}


def path_params(*names: str, **types):
    """Class decorator documenting path parameters (strings unless typed)."""
    return extend_schema(
        parameters=[OpenApiParameter(name, types.get(name, OpenApiTypes.STR), OpenApiParameter.PATH) for name in names]
    )


def valid(serializer_class, data, **kwargs) -> dict:
    if data is None or (not isinstance(data, dict) and not hasattr(data, "getlist")):
        raise serializers.ValidationError({"body": ["A JSON object is required."]})
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _rows(model_or_queryset) -> QuerySet:
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset
    return model_or_queryset._default_manager.all()


def get_or_404(model_or_queryset, pk, message: str, field: str = "id"):
    """The row whose id is ``pk`` (a model's plain rows, or a selector's queryset); 422 when
    ``pk`` is not an id, 404 ``message`` when there is no such row."""
    obj = _rows(model_or_queryset).filter(pk=parse_uuid(pk, field)).first()
    if obj is None:
        raise APIError(404, message)
    return obj


def row_or_none(model_or_queryset, pk):
    """The row whose id is ``pk``, or None: for the endpoints that answer upstream's own status
    for a missing row (400, 404) rather than 422 for a malformed id."""
    return _rows(model_or_queryset).filter(pk=pk).first()


def minimum_rating(query_params) -> float | None:
    """The ``rating`` query parameter (the lowest rating a list shows) as a number, None when
    absent; 422 naming it when it is not a number."""
    if not query_params.get("rating"):
        return None
    try:
        return float(query_params["rating"])
    except ValueError:
        raise serializers.ValidationError({"rating": ["A valid number is required."]}) from None


def user_or_404(user_id) -> models.User:
    """A co-production user by its (string) id, or 404 ``User not found``."""
    user = row_or_none(models.User, user_id)
    if user is None:
        raise APIError(404, "User not found")
    return user


class CoproductionView(APIView):
    """Each request runs in one transaction on the coproduction database; errors roll it back."""

    authentication_classes = INTERLINK_AUTHENTICATION_CLASSES
    # Handlers calling this refuse anonymous callers (403); the OpenAPI document says so.
    login_marker = "self.current_user()"

    def dispatch(self, request, *args, **kwargs):
        """Foreign keys are DEFERRABLE (Django); checking them before the block ends turns a
        dangling id in a body into a 422 instead of an error at commit."""
        try:
            with activitylog.request_scope(), transaction.atomic(using=DB):
                response = super().dispatch(request, *args, **kwargs)
                if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400:
                    with connections[DB].cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                return response
        except IntegrityError:
            response = JsonResponse(
                {"detail": "The request refers to a row that does not exist, or conflicts with one that does."},
                status=422,
            )
            return response

    def handle_exception(self, exc):
        transaction.set_rollback(True, using=DB)
        return super().handle_exception(exc)

    def permission_denied(self, request, message=None, code=None):
        """Refusals of the permission classes (coproduction/api/permissions.py) in upstream's shape."""
        raise APIError(403, message or NOT_AUTHENTICATED)

    def current_user(self) -> models.User:
        """The caller's mirrored ``user`` row; 403 ``Not authenticated`` when anonymous or not mirrored yet."""
        account = self.request.user
        if not getattr(account, "is_authenticated", False):
            raise APIError(403, NOT_AUTHENTICATED)
        if not hasattr(self, "_coproduction_user"):
            self._coproduction_user = models.User.objects.filter(pk=str(account.pk)).first()
        if self._coproduction_user is None:
            raise APIError(403, NOT_AUTHENTICATED)
        activitylog.set_acting_user(self._coproduction_user.pk)
        return self._coproduction_user

    def optional_user(self) -> models.User | None:
        try:
            return self.current_user()
        except APIError:
            return None

    def context(self, **extra) -> dict:
        return {"request": self.request, "user": self.optional_user(), **extra}

    def page_response(self, queryset, params: dict, serializer_class) -> Response:
        """Upstream's page envelope ``{items, total, page, size}`` (oldest first) of ``queryset``;
        ``params``: ``page`` and ``size`` validated by ``common.paging.PageSizeSerializer``."""
        paginator = PageEnvelopePagination()
        rows = paginator.paginate_queryset(queryset.order_by("created_at", "id"), self.request, self, params=params)
        return paginator.get_paginated_response(serializer_class(rows, many=True, context=self.context()).data)

    def out(self, serializer_class, data, many: bool = False, **context) -> Response:
        return Response(serializer_class(data, many=many, context=self.context(**context)).data)
