"""``/users``: the caller's co-production user, user search, terms of use (spec §4.6)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from common.exceptions import APIError
from coproduction import models, selectors, services
from coproduction.api.base import (
    ORGANIZATION_NOT_FOUND,
    CoproductionView,
    get_or_404,
)
from coproduction.api.serializers.users import UserOutSerializer


class UserMeView(CoproductionView):
    @extend_schema(responses=UserOutSerializer)
    def get(self, request):
        """The caller's coproduction user, created or refreshed from the accounts user."""
        if not getattr(request.user, "is_authenticated", False):
            raise APIError(403, "Not authenticated")
        user = services.user_sync_from_account(request.user)
        return self.out(UserOutSerializer, selectors.users_qs().get(pk=user.pk))


class UserSearchView(CoproductionView):
    @extend_schema(
        parameters=[OpenApiParameter("by", str, required=True), OpenApiParameter("organization_id", str)],
        responses=UserOutSerializer(many=True),
    )
    def get(self, request):
        """Users by exact e-mail, or by name/e-mail inside an organisation's teams."""
        self.current_user()
        by = request.query_params.get("by")
        if not by:
            raise serializers.ValidationError({"by": ["This field is required."]})
        organization_id = request.query_params.get("organization_id")
        if organization_id:
            get_or_404(models.Organization, organization_id, ORGANIZATION_NOT_FOUND, "organization_id")
        users = selectors.user_search(text=by, organization_id=organization_id)
        return self.out(UserOutSerializer, users, many=True)


class _TermsView(CoproductionView):
    value = True

    @extend_schema(request=None, responses=UserOutSerializer)
    def put(self, request):
        user = services.user_set_terms_agreement(user=self.current_user(), agree=self.value)
        return self.out(UserOutSerializer, selectors.users_qs().get(pk=user.pk))


class AgreeTermsView(_TermsView):
    value = True


class RefuseTermsView(_TermsView):
    value = False
