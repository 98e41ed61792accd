"""``/teams``: teams, their members, administrators and applications, observers (spec §4.6)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from common.exceptions import APIError
from common.ids import uuid_or_none
from common.input import GuardedFormParser, GuardedMultiPartParser
from common.uploads import logotype_store
from coproduction import models, selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import (
    LOGOTYPE_UPLOAD,
    ORGANIZATION_NOT_FOUND,
    TEAM_NOT_FOUND,
    CoproductionView,
    get_or_404,
    path_params,
    row_or_none,
    user_or_404,
    valid,
)
from coproduction.api.serializers.teams import TeamInSerializer, TeamOutFullSerializer
from coproduction.api.serializers.users import UserIdSerializer, UserOutSerializer


def team_full(view, team_id) -> Response:
    return view.out(TeamOutFullSerializer, selectors.teams_qs().get(pk=team_id))


def team_for_admin(view, team_id, message="You are not allowed to update this team") -> models.Team:
    team = get_or_404(models.Team, team_id, TEAM_NOT_FOUND)
    if not selectors.is_team_administrator(team, view.current_user()):
        raise APIError(403, message)
    return team


class TeamListView(CoproductionView):
    @extend_schema(
        parameters=[OpenApiParameter("organization_id", str)],
        responses=TeamOutFullSerializer(many=True),
    )
    def get(self, request):
        """Teams (of one organisation when given)."""
        self.current_user()
        teams = selectors.teams_qs()
        if request.query_params.get("organization_id"):
            organization = get_or_404(
                models.Organization,
                request.query_params["organization_id"],
                ORGANIZATION_NOT_FOUND,
                "organization_id",
            )
            teams = teams.filter(organization=organization)
        return self.out(TeamOutFullSerializer, teams.order_by("created_at", "id"), many=True)

    @extend_schema(request=TeamInSerializer, responses=TeamOutFullSerializer)
    def post(self, request):
        """Create a team; the creator administers it and ``user_ids`` become members."""
        user = self.current_user()
        body = dict(valid(TeamInSerializer, request.data))
        organization = None
        if body.get("organization_id"):
            organization = get_or_404(models.Organization, body["organization_id"], ORGANIZATION_NOT_FOUND)
        if not selectors.can_create_team(user, organization):
            raise APIError(403, "You can not create a team for this organization")
        member_ids = body.pop("user_ids", []) or []
        team = services.team_create(creator=user, data=body, member_ids=member_ids)
        return team_full(self, team.pk)


@path_params("id")
class TeamDetailView(CoproductionView):
    @extend_schema(responses=TeamOutFullSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(TeamOutFullSerializer, get_or_404(selectors.teams_qs(), id, TEAM_NOT_FOUND))

    @extend_schema(request=TeamInSerializer, responses=TeamOutFullSerializer)
    def put(self, request, id):
        team = team_for_admin(self, id)
        body = dict(valid(TeamInSerializer, request.data, partial=True))
        body.pop("user_ids", None)
        services.team_update(team=team, data=body)
        return team_full(self, team.pk)

    @extend_schema(responses=TeamOutFullSerializer)
    def delete(self, request, id):
        team = team_for_admin(self, id)
        data = TeamOutFullSerializer(selectors.teams_qs().get(pk=team.pk), context=self.context()).data
        services.team_delete(team=team)
        return Response(data)


@path_params("id")
class TeamLogotypeView(CoproductionView):
    parser_classes = [GuardedMultiPartParser, GuardedFormParser]

    @extend_schema(request=LOGOTYPE_UPLOAD, responses=TeamOutFullSerializer)
    def post(self, request, id):
        team = team_for_admin(self, id)
        services.team_set_logotype(team=team, logotype=logotype_store(request.FILES.get("file"), f"teams/{team.pk}"))
        return team_full(self, team.pk)


@path_params("id")
class TeamUsersView(CoproductionView):
    @extend_schema(request=UserIdSerializer, responses=TeamOutFullSerializer)
    def post(self, request, id):
        """Add a member (team administrators)."""
        team = team_for_admin(self, id, "You do not have permission")
        body = valid(UserIdSerializer, request.data)
        user = user_or_404(body["user_id"])
        services.team_member_add(team=team, user=user)
        return team_full(self, team.pk)


@path_params("id", "user_id")
class TeamUserDetailView(CoproductionView):
    @extend_schema(responses=TeamOutFullSerializer)
    def delete(self, request, id, user_id):
        """Remove a member (team administrators)."""
        team = team_for_admin(self, id, "You do not have permission")
        user = user_or_404(user_id)
        services.team_member_remove(team=team, user=user)
        return team_full(self, team.pk)


@path_params("id")
class TeamAdministratorsView(CoproductionView):
    @extend_schema(request=UserIdSerializer, responses=TeamOutFullSerializer)
    def post(self, request, id):
        team = team_for_admin(self, id)
        body = valid(UserIdSerializer, request.data)
        user = user_or_404(body["user_id"])
        services.team_administrator_add(team=team, user=user)
        return team_full(self, team.pk)


@path_params("id", "user_id")
class TeamAdministratorDetailView(CoproductionView):
    @extend_schema(responses=TeamOutFullSerializer)
    def delete(self, request, id, user_id):
        team = team_for_admin(self, id)
        services.team_administrator_remove(team=team, user_id=user_id)
        return team_full(self, team.pk)


@path_params("id")
class TeamApplyView(CoproductionView):
    @extend_schema(request=None, responses=UserOutSerializer(many=True))
    def post(self, request, id):
        """Apply to join the team; answers the applicants (no e-mail is sent)."""
        user = self.current_user()
        team = row_or_none(models.Team, uuid_or_none(id))
        if team is None:
            raise APIError(404, "User not found")
        services.team_apply(team=team, user=user)
        return self.out(UserOutSerializer, selectors.applicants_of_team(team), many=True)


class AddToObserversSerializer(serializers.Serializer):
    users_ids = serializers.ListField(child=serializers.CharField(), required=False)
    coproduction_process_id = serializers.UUIDField()
    asset_id = serializers.UUIDField()


class AddToObserversView(CoproductionView):
    @extend_schema(request=AddToObserversSerializer, responses=TeamOutFullSerializer)
    def post(self, request):
        """Join the process's observers team (created on demand in the ``Interlink-Platform`` organisation)."""
        user = self.current_user()
        body = valid(AddToObserversSerializer, request.data)
        process = get_or_404(
            models.CoproductionProcess, body["coproduction_process_id"], "CoproductionProcess not found"
        )
        asset = get_or_404(selectors.assets_of_process(process), body["asset_id"], "Asset not found")
        if not process.is_public:
            rules.require_process_administrator(self, process.pk)
        team = services.observers_team_join(process=process, asset=asset, user=user)
        return team_full(self, team.pk)
