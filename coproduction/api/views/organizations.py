"""``/organizations``: organisations, their teams and administrators (spec §4.6)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from common.exceptions import APIError
from common.input import GuardedFormParser, GuardedMultiPartParser
from common.pagination import SkipLimitPagination
from common.paging import SkipLimitSerializer, skip_limit
from common.uploads import logotype_store
from coproduction import models, selectors, services
from coproduction.api.base import (
    LOGOTYPE_UPLOAD,
    ORGANIZATION_NOT_FOUND,
    CoproductionView,
    get_or_404,
    path_params,
    user_or_404,
    valid,
)
from coproduction.api.serializers.organizations import OrganizationInSerializer, OrganizationOutFullSerializer
from coproduction.api.serializers.teams import TeamOutFullSerializer
from coproduction.api.serializers.users import UserIdSerializer


def organization_full(view, pk) -> Response:
    return view.out(OrganizationOutFullSerializer, selectors.organizations_qs().get(pk=pk))


def organization_for_admin(view, pk) -> models.Organization:
    organization = get_or_404(models.Organization, pk, ORGANIZATION_NOT_FOUND)
    if not selectors.is_organization_administrator(organization, view.current_user()):
        raise APIError(403, "Not enough permissions")
    return organization


class OrganizationListView(CoproductionView):
    @extend_schema(
        parameters=[OpenApiParameter("search", str), SkipLimitSerializer],
        responses=OrganizationOutFullSerializer(many=True),
    )
    def get(self, request):
        """Organisations the caller may see: public, administered, or holding one of the caller's teams."""
        user = self.current_user()
        paging = skip_limit(request.query_params)
        rows = selectors.organizations_visible_to(user, search=request.query_params.get("search"))
        rows = SkipLimitPagination(envelope=False).paginate_queryset(rows, request, self, params=paging)
        return self.out(OrganizationOutFullSerializer, rows, many=True)

    @extend_schema(request=OrganizationInSerializer, responses=OrganizationOutFullSerializer)
    def post(self, request):
        """Create an organisation; the creator administers it."""
        user = self.current_user()
        body = dict(valid(OrganizationInSerializer, request.data))
        organization = services.organization_create(creator=user, data=body)
        return organization_full(self, organization.pk)


@path_params("id")
class OrganizationDetailView(CoproductionView):
    @extend_schema(responses=OrganizationOutFullSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(
            OrganizationOutFullSerializer,
            get_or_404(selectors.organizations_qs(), id, ORGANIZATION_NOT_FOUND),
        )

    @extend_schema(request=OrganizationInSerializer, responses=OrganizationOutFullSerializer)
    def put(self, request, id):
        organization = organization_for_admin(self, id)
        body = dict(valid(OrganizationInSerializer, request.data, partial=True))
        services.organization_update(organization=organization, data=body)
        return organization_full(self, organization.pk)

    @extend_schema(responses=OrganizationOutFullSerializer)
    def delete(self, request, id):
        organization = organization_for_admin(self, id)
        data = OrganizationOutFullSerializer(
            selectors.organizations_qs().get(pk=organization.pk), context=self.context()
        ).data
        services.organization_delete(organization=organization)
        return Response(data)


@path_params("id")
class OrganizationTeamsView(CoproductionView):
    @extend_schema(responses=TeamOutFullSerializer(many=True))
    def get(self, request, id):
        self.current_user()
        organization = get_or_404(models.Organization, id, ORGANIZATION_NOT_FOUND)
        return self.out(TeamOutFullSerializer, selectors.teams_of_organization(organization), many=True)


@path_params("id")
class OrganizationLogotypeView(CoproductionView):
    parser_classes = [GuardedMultiPartParser, GuardedFormParser]

    @extend_schema(request=LOGOTYPE_UPLOAD, responses=OrganizationOutFullSerializer)
    def post(self, request, id):
        organization = organization_for_admin(self, id)
        services.organization_set_logotype(
            organization=organization,
            logotype=logotype_store(request.FILES.get("file"), f"organizations/{organization.pk}"),
        )
        return organization_full(self, organization.pk)


@path_params("id")
class OrganizationAdministratorsView(CoproductionView):
    @extend_schema(request=UserIdSerializer, responses=OrganizationOutFullSerializer)
    def post(self, request, id):
        organization = organization_for_admin(self, id)
        body = valid(UserIdSerializer, request.data)
        user = user_or_404(body["user_id"])
        services.organization_administrator_add(organization=organization, user=user)
        return organization_full(self, organization.pk)


@path_params("id", "user_id")
class OrganizationAdministratorDetailView(CoproductionView):
    @extend_schema(responses=OrganizationOutFullSerializer)
    def delete(self, request, id, user_id):
        organization = organization_for_admin(self, id)
        services.organization_administrator_remove(organization=organization, user_id=user_id)
        return organization_full(self, organization.pk)
