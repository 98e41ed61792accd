"""``/users``, ``/teams``, ``/organizations``, ``/permissions`` (spec §4.6)."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from common.exceptions import APIError
from common.input import GuardedFormParser, GuardedMultiPartParser
from common.paging import SkipLimitSerializer, skip_limit
from common.translations import get_language, translated
from coproduction import models as m
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api import serializers as s
from coproduction.api.base import CoproductionView, get_or_404, path_params, user_or_404, valid
from coproduction.api.views.processes import store_upload

TEAM_NOT_FOUND = "Team not found"
ORGANIZATION_NOT_FOUND = "Organization not found"
PERMISSION_NOT_FOUND = "Permission not found"
LAST_ADMIN = "Can not delete the last administrator"
UPLOAD = {"multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}


# Users -------------------------------------------------------------------------------------


class UserMeView(CoproductionView):
    @extend_schema(responses=s.UserOutSerializer)
    def get(self, request):
        """The caller's coproduction user, created or refreshed from the accounts user."""
        if not getattr(request.user, "is_authenticated", False):
            raise APIError(403, "Not authenticated")
        user = services.user_sync_from_account(request.user)
        return self.out(s.UserOutSerializer, selectors.users_qs().get(pk=user.pk))


class UserSearchView(CoproductionView):
    @extend_schema(
        parameters=[OpenApiParameter("by", str, required=True), OpenApiParameter("organization_id", str)],
        responses=s.UserOutSerializer(many=True),
    )
    def get(self, request):
        """Users by exact e-mail, or by name/e-mail inside an organisation's teams."""
        self.current_user()
        by = request.query_params.get("by")
        if not by:
            raise serializers.ValidationError({"by": ["This field is required."]})
        users = selectors.users_qs()
        organization_id = request.query_params.get("organization_id")
        if organization_id:
            get_or_404(m.Organization.objects.all(), organization_id, ORGANIZATION_NOT_FOUND, "organization_id")
            users = users.filter(
                Q(teams__organization_id=organization_id) & (Q(full_name__icontains=by) | Q(email__icontains=by))
                | Q(email=by)
            ).distinct()
        else:
            users = users.filter(email=by)
        return self.out(s.UserOutSerializer, users.order_by("full_name", "id"), many=True)


class _TermsView(CoproductionView):
    value = True

    @extend_schema(request=None, responses=s.UserOutSerializer)
    def put(self, request):
        user = self.current_user()
        user.agree_terms_of_use = self.value
        user.save(update_fields=["agree_terms_of_use"])
        return self.out(s.UserOutSerializer, selectors.users_qs().get(pk=user.pk))


class AgreeTermsView(_TermsView):
    value = True


class RefuseTermsView(_TermsView):
    value = False


# Teams -------------------------------------------------------------------------------------


def team_full(view, team_id) -> Response:
    return view.out(s.TeamOutFullSerializer, selectors.teams_qs().get(pk=team_id))


def can_create_team(user: m.User, organization: m.Organization | None) -> bool:
    if organization is None:
        return True
    rule = organization.team_creation_permission
    is_admin = organization.administrators.filter(pk=user.pk).exists()
    if rule == m.TeamCreationPermissions.ANYONE:
        return True
    if rule == m.TeamCreationPermissions.MEMBERS:
        return is_admin or m.TeamMember.objects.filter(team__organization=organization, user=user).exists()
    return is_admin


def team_for_admin(view, team_id, message="You are not allowed to update this team") -> m.Team:
    team = get_or_404(m.Team.objects.all(), team_id, TEAM_NOT_FOUND)
    if not team.administrators.filter(pk=view.current_user().pk).exists():
        raise APIError(403, message)
    return team


class TeamListView(CoproductionView):
    @extend_schema(parameters=[OpenApiParameter("organization_id", str)], responses=s.TeamOutFullSerializer(many=True))
    def get(self, request):
        """Teams (of one organisation when given)."""
        self.current_user()
        teams = selectors.teams_qs()
        if request.query_params.get("organization_id"):
            organization = get_or_404(
                m.Organization.objects.all(),
                request.query_params["organization_id"],
                ORGANIZATION_NOT_FOUND,
                "organization_id",
            )
            teams = teams.filter(organization=organization)
        return self.out(s.TeamOutFullSerializer, teams.order_by("created_at", "id"), many=True)

    @extend_schema(request=s.TeamInSerializer, responses=s.TeamOutFullSerializer)
    def post(self, request):
        """Create a team; the creator administers it and ``user_ids`` become members."""
        user = self.current_user()
        body = dict(valid(s.TeamInSerializer, request.data))
        organization = None
        if body.get("organization_id"):
            organization = get_or_404(m.Organization.objects.all(), body["organization_id"], ORGANIZATION_NOT_FOUND)
        if not can_create_team(user, organization):
            raise APIError(403, "You can not create a team for this organization")
        user_ids = body.pop("user_ids", []) or []
        team = m.Team.objects.create(creator=user, users_count=0, **body)
        m.TeamAdministrator.objects.create(team=team, user=user)
        for member in m.User.objects.filter(pk__in=user_ids):
            services.team_add_member(team=team, user=member)
        return team_full(self, team.pk)


@path_params("id")
class TeamDetailView(CoproductionView):
    @extend_schema(responses=s.TeamOutFullSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(s.TeamOutFullSerializer, get_or_404(selectors.teams_qs(), id, TEAM_NOT_FOUND))

    @extend_schema(request=s.TeamInSerializer, responses=s.TeamOutFullSerializer)
    def put(self, request, id):
        team = team_for_admin(self, id)
        body = dict(valid(s.TeamInSerializer, request.data, partial=True))
        body.pop("user_ids", None)
        for field, value in body.items():
            setattr(team, field, value)
        team.save()
        return team_full(self, team.pk)

    @extend_schema(responses=s.TeamOutFullSerializer)
    def delete(self, request, id):
        team = team_for_admin(self, id)
        data = s.TeamOutFullSerializer(selectors.teams_qs().get(pk=team.pk), context=self.context()).data
        team.delete()
        return Response(data)


@path_params("id")
class TeamLogotypeView(CoproductionView):
    parser_classes = [GuardedMultiPartParser, GuardedFormParser]

    @extend_schema(request=UPLOAD, responses=s.TeamOutFullSerializer)
    def post(self, request, id):
        team = team_for_admin(self, id)
        team.logotype = store_upload(request, f"teams/{team.pk}")
        team.save(update_fields=["logotype"])
        return team_full(self, team.pk)


def _team_event(team: m.Team, user_id: str, event: str) -> None:
    services.notify_user(
        event=event,
        user_id=user_id,
        language=get_language(),
        parameters={
            "teamName": team.name,
            "team_id": str(team.pk),
            "org_id": str(team.organization_id) if team.organization_id else "",
            "organizationName": team.organization.name if team.organization_id else "",
            "userName": m.User.objects.filter(pk=user_id).values_list("full_name", flat=True).first() or "",
        },
    )


@path_params("id")
class TeamUsersView(CoproductionView):
    @extend_schema(request=s.UserIdSerializer, responses=s.TeamOutFullSerializer)
    def post(self, request, id):
        """Add a member (team administrators)."""
        team = team_for_admin(self, id, "You do not have permission")
        body = valid(s.UserIdSerializer, request.data)
        user = user_or_404(body["user_id"])
        services.team_add_member(team=team, user=user)
        m.TeamApply.objects.filter(team=team, user=user).delete()
        _team_event(team, user.pk, "add_user_team")
        return team_full(self, team.pk)


@path_params("id", "user_id")
class TeamUserDetailView(CoproductionView):
    @extend_schema(responses=s.TeamOutFullSerializer)
    def delete(self, request, id, user_id):
        """Remove a member (team administrators)."""
        team = team_for_admin(self, id, "You do not have permission")
        user = user_or_404(user_id)
        services.team_remove_member(team=team, user=user)
        _team_event(team, user.pk, "remove_user_team")
        return team_full(self, team.pk)


@path_params("id")
class TeamAdministratorsView(CoproductionView):
    @extend_schema(request=s.UserIdSerializer, responses=s.TeamOutFullSerializer)
    def post(self, request, id):
        team = team_for_admin(self, id)
        body = valid(s.UserIdSerializer, request.data)
        user = user_or_404(body["user_id"])
        m.TeamAdministrator.objects.get_or_create(team=team, user=user)
        return team_full(self, team.pk)


@path_params("id", "user_id")
class TeamAdministratorDetailView(CoproductionView):
    @extend_schema(responses=s.TeamOutFullSerializer)
    def delete(self, request, id, user_id):
        team = team_for_admin(self, id)
        admins = m.TeamAdministrator.objects.filter(team=team)
        if admins.count() <= 1 and admins.filter(user_id=user_id).exists():
            raise APIError(400, LAST_ADMIN)
        admins.filter(user_id=user_id).delete()
        return team_full(self, team.pk)


@path_params("id")
class TeamApplyView(CoproductionView):
    @extend_schema(request=None, responses=s.UserOutSerializer(many=True))
    def post(self, request, id):
        """Apply to join the team; answers the applicants (no e-mail is sent)."""
        user = self.current_user()
        team = m.Team.objects.filter(pk=_uuid_or_none(id)).first()
        if team is None:
            raise APIError(404, "User not found")
        m.TeamApply.objects.get_or_create(team=team, user=user)
        return self.out(s.UserOutSerializer, selectors.users_qs().filter(applied_teams=team), many=True)


def _uuid_or_none(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class AddToObserversSerializer(serializers.Serializer):
    users_ids = serializers.ListField(child=serializers.CharField(), required=False)
    coproduction_process_id = serializers.UUIDField()
    asset_id = serializers.UUIDField()


class AddToObserversView(CoproductionView):
    @extend_schema(request=AddToObserversSerializer, responses=s.TeamOutFullSerializer)
    def post(self, request):
        """Join the process's observers team (created on demand in the ``Interlink-Platform`` organisation)."""
        user = self.current_user()
        body = valid(AddToObserversSerializer, request.data)
        process = get_or_404(
            m.CoproductionProcess.objects.all(), body["coproduction_process_id"], "CoproductionProcess not found"
        )
        asset = get_or_404(m.Asset.objects.filter(coproductionprocess=process), body["asset_id"], "Asset not found")
        if not process.is_public:
            rules.require_process_administrator(self, process.pk)
        organization = m.Organization.objects.filter(name_translations__en="Interlink-Platform").first()
        if organization is None:
            organization = m.Organization.objects.create(
                name_translations=dict.fromkeys(m.Languages.values, "Interlink-Platform"),
                description_translations=dict.fromkeys(m.Languages.values, "Interlink-Platform"),
                default_team_type=m.RoleTypes.PUBLIC_ADMINISTRATION,
                team_creation_permission=m.TeamCreationPermissions.ADMINISTRATORS,
                public=False,
                creator=process.creator,
            )
        name = "Observers_" + (process.name or "").replace(" ", "_")
        team = m.Team.objects.filter(organization=organization, name=name).first()
        if team is None:
            team = m.Team.objects.create(
                name=name,
                description="",
                type=m.RoleTypes.PUBLIC_ADMINISTRATION,
                organization=organization,
                creator=process.creator,
                users_count=0,
            )
        services.team_add_member(team=team, user=user)
        if asset.task_id:
            task = m.Task.objects.get(pk=asset.task_id)
            flags, _ = services.effective_permissions(user, task)
            if not flags["access_assets_permission"]:
                m.Permission.objects.create(
                    creator=process.creator,
                    team=team,
                    coproductionprocess=process,
                    treeitem=task.treeitem_ptr,
                    access_assets_permission=True,
                )
        return team_full(self, team.pk)


# Organisations -----------------------------------------------------------------------------


def organization_full(view, pk) -> Response:
    return view.out(s.OrganizationOutFullSerializer, selectors.organizations_qs().get(pk=pk))


def organization_for_admin(view, pk) -> m.Organization:
    organization = get_or_404(m.Organization.objects.all(), pk, ORGANIZATION_NOT_FOUND)
    if not organization.administrators.filter(pk=view.current_user().pk).exists():
        raise APIError(403, "Not enough permissions")
    return organization


class OrganizationListView(CoproductionView):
    @extend_schema(
        parameters=[OpenApiParameter("search", str), SkipLimitSerializer],
        responses=s.OrganizationOutFullSerializer(many=True),
    )
    def get(self, request):
        """Organisations the caller may see: public, administered, or holding one of the caller's teams."""
        user = self.current_user()
        organizations = selectors.organizations_qs().filter(
            Q(public=True) | Q(administrators=user) | Q(teams__users=user)
        )
        search = request.query_params.get("search")
        if search:
            organizations = organizations.alias(tname=translated("name")).filter(tname__icontains=search)
        ids = organizations.values("pk")
        paging = skip_limit(request.query_params)
        rows = selectors.organizations_qs().filter(pk__in=ids).order_by("created_at", "id")
        rows = rows[paging["skip"] : paging["skip"] + paging["limit"]]
        return self.out(s.OrganizationOutFullSerializer, rows, many=True)

    @extend_schema(request=s.OrganizationInSerializer, responses=s.OrganizationOutFullSerializer)
    def post(self, request):
        """Create an organisation; the creator administers it."""
        user = self.current_user()
        body = dict(valid(s.OrganizationInSerializer, request.data))
        organization = m.Organization.objects.create(creator=user, **body)
        m.OrganizationAdministrator.objects.create(organization=organization, user=user)
        return organization_full(self, organization.pk)


@path_params("id")
class OrganizationDetailView(CoproductionView):
    @extend_schema(responses=s.OrganizationOutFullSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(
            s.OrganizationOutFullSerializer, get_or_404(selectors.organizations_qs(), id, ORGANIZATION_NOT_FOUND)
        )

    @extend_schema(request=s.OrganizationInSerializer, responses=s.OrganizationOutFullSerializer)
    def put(self, request, id):
        organization = organization_for_admin(self, id)
        body = dict(valid(s.OrganizationInSerializer, request.data, partial=True))
        for field, value in body.items():
            setattr(organization, field, value)
        organization.save()
        return organization_full(self, organization.pk)

    @extend_schema(responses=s.OrganizationOutFullSerializer)
    def delete(self, request, id):
        organization = organization_for_admin(self, id)
        data = s.OrganizationOutFullSerializer(
            selectors.organizations_qs().get(pk=organization.pk), context=self.context()
        ).data
        organization.delete()
        return Response(data)


@path_params("id")
class OrganizationTeamsView(CoproductionView):
    @extend_schema(responses=s.TeamOutFullSerializer(many=True))
    def get(self, request, id):
        self.current_user()
        organization = get_or_404(m.Organization.objects.all(), id, ORGANIZATION_NOT_FOUND)
        teams = selectors.teams_qs().filter(organization=organization).order_by("created_at", "id")
        return self.out(s.TeamOutFullSerializer, teams, many=True)


@path_params("id")
class OrganizationLogotypeView(CoproductionView):
    parser_classes = [GuardedMultiPartParser, GuardedFormParser]

    @extend_schema(request=UPLOAD, responses=s.OrganizationOutFullSerializer)
    def post(self, request, id):
        organization = organization_for_admin(self, id)
        organization.logotype = store_upload(request, f"organizations/{organization.pk}")
        organization.save(update_fields=["logotype"])
        return organization_full(self, organization.pk)


@path_params("id")
class OrganizationAdministratorsView(CoproductionView):
    @extend_schema(request=s.UserIdSerializer, responses=s.OrganizationOutFullSerializer)
    def post(self, request, id):
        organization = organization_for_admin(self, id)
        body = valid(s.UserIdSerializer, request.data)
        user = user_or_404(body["user_id"])
        m.OrganizationAdministrator.objects.get_or_create(organization=organization, user=user)
        return organization_full(self, organization.pk)


@path_params("id", "user_id")
class OrganizationAdministratorDetailView(CoproductionView):
    @extend_schema(responses=s.OrganizationOutFullSerializer)
    def delete(self, request, id, user_id):
        organization = organization_for_admin(self, id)
        admins = m.OrganizationAdministrator.objects.filter(organization=organization)
        if admins.count() <= 1 and admins.filter(user_id=user_id).exists():
            raise APIError(400, LAST_ADMIN)
        admins.filter(user_id=user_id).delete()
        return organization_full(self, organization.pk)


# Permissions -------------------------------------------------------------------------------


class PermissionListView(CoproductionView):
    @extend_schema(responses=s.PermissionOutFullSerializer(many=True))
    def get(self, request):
        self.current_user()
        permissions = rules.readable_permissions(self, selectors.permissions_qs())
        return self.out(s.PermissionOutFullSerializer, permissions.order_by("created_at", "id"), many=True)

    @extend_schema(request=s.PermissionInSerializer, responses=s.PermissionOutSerializer)
    def post(self, request):
        """Grant a team permissions on a process or a subtree (process administrators)."""
        user = self.current_user()
        body = dict(valid(s.PermissionInSerializer, request.data))
        treeitem = None
        if body.get("treeitem_id"):
            treeitem = m.TreeItem.objects.filter(pk=body["treeitem_id"]).first()
            if treeitem is None:
                raise APIError(404, "Tree Item not found")
            treeitem = services.as_concrete(treeitem)
            body["coproductionprocess_id"] = treeitem.process_id
        process = m.CoproductionProcess.objects.filter(pk=body.get("coproductionprocess_id")).first()
        if process is None:
            raise APIError(404, "Coproduction process not found")
        rules.require_process_administrator(self, process.pk, "You are not allowed to update this coproductionprocess")
        if body.get("team_id") and not m.Team.objects.filter(pk=body["team_id"]).exists():
            raise APIError(404, TEAM_NOT_FOUND)
        if body.get("user_id") and not m.User.objects.filter(pk=body["user_id"]).exists():
            raise APIError(404, "User not found")
        permission = m.Permission.objects.create(creator=user, **body)
        services.permission_notify(permission=permission, added=True)
        return self.out(s.PermissionOutSerializer, permission)


def readable_permission(view, id) -> m.Permission:
    return get_or_404(rules.readable_permissions(view, selectors.permissions_qs()), id, PERMISSION_NOT_FOUND)


@path_params("id")
class PermissionDetailView(CoproductionView):
    @extend_schema(responses=s.PermissionOutFullSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(s.PermissionOutFullSerializer, readable_permission(self, id))

    @extend_schema(request=None, responses=s.PermissionOutFullSerializer)
    def put(self, request, id):
        """Upstream's update body has no fields: the permission is returned unchanged (administrators)."""
        permission = readable_permission(self, id)
        rules.require_process_administrator(self, permission.coproductionprocess_id)
        return self.out(s.PermissionOutFullSerializer, permission)

    @extend_schema(responses=s.PermissionOutFullSerializer)
    def delete(self, request, id):
        permission = readable_permission(self, id)
        rules.require_process_administrator(self, permission.coproductionprocess_id)
        data = s.PermissionOutFullSerializer(permission, context=self.context()).data
        services.permission_notify(permission=permission, added=False)
        permission.delete()
        return Response(data)


@path_params("treeitem_id")
class PermissionsForTreeItemView(CoproductionView):
    @extend_schema(
        responses=inline_serializer(
            "YourPermissions",
            {
                "your_permissions": serializers.DictField(child=serializers.BooleanField()),
                "your_roles": serializers.ListField(child=serializers.CharField()),
            },
        )
    )
    def get(self, request, treeitem_id):
        """The caller's effective permissions on a tree item (spec §5.3)."""
        user = self.current_user()
        item = get_or_404(m.TreeItem.objects.all(), treeitem_id, "TreeItem not found", "treeitem_id")
        flags, roles = services.effective_permissions(user, services.as_concrete(item))
        return Response({"your_permissions": flags, "your_roles": roles})
