"""What claims and assignments share (spec §4.8); ``claims.py`` and ``assignments.py`` hold
the endpoints, each naming its model, serializers and operation ids.

Claims: a member claims their own contribution (``users_create_own``) and may withdraw it;
assignments: the process's administrators only. Reading: the row's user and the process's
administrators; approving: the process's administrators.
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from common.ids import parse_uuid
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, valid
from coproduction.api.serializers.user_notifications import StateSerializer


class ContributionView(CoproductionView):
    model = None
    out_serializer = None
    body_serializer = None
    users_create_own = False

    @staticmethod
    def queryset():
        raise NotImplementedError

    @property
    def not_found(self) -> str:
        return f"{self.model.__name__} not found"

    def visible(self):
        return rules.own_or_administered(self, self.queryset(), owner="user_id")

    def create_one(self, body: dict, user_id, *, for_others: bool):
        asset, data = services.contribution_defaults(data={**body, "user_id": user_id})
        # every process named (the body's and the asset's); none at all: superusers only
        for process_id in ({data["coproductionprocess_id"], asset.coproductionprocess_id} - {None}) or {None}:
            if for_others or not self.users_create_own or str(user_id) != str(self.current_user().pk):
                rules.require_process_administrator(self, process_id)
            else:
                rules.require_process_reader(self, process_id)
        return services.contribution_create(model=self.model, data=data)

    def created(self, rows, many: bool):
        if many:
            return self.out(self.out_serializer, self.queryset().filter(pk__in=[row.pk for row in rows]), many=True)
        return self.out(self.out_serializer, self.queryset().get(pk=rows.pk))


class ContributionListView(ContributionView):
    def get(self, request):
        self.current_user()
        return self.out(self.out_serializer, self.visible(), many=True)

    def post(self, request):
        user = self.current_user()
        body = dict(valid(self.body_serializer, request.data))
        user_id = body.pop("user_id", None) or user.pk
        return self.created(self.create_one(body, user_id, for_others=False), many=False)


class ContributionUsersCreateView(ContributionView):
    """One row per user in ``users_id`` (administrators)."""

    def post(self, request):
        self.current_user()
        users = request.data.get("users_id") if isinstance(request.data, dict) else None
        if not isinstance(users, list):
            raise serializers.ValidationError({"users_id": ["A list is required."]})
        body = {k: v for k, v in valid(self.body_serializer, request.data).items() if k != "user_id"}
        rows = [self.create_one(dict(body), str(user_id), for_others=True) for user_id in users]
        return self.created(rows, many=True)


class ContributionTeamsCreateView(ContributionView):
    """One row per member of the teams in ``teams_id`` (administrators)."""

    def post(self, request):
        self.current_user()
        teams = request.data.get("teams_id") if isinstance(request.data, dict) else None
        if not isinstance(teams, list):
            raise serializers.ValidationError({"teams_id": ["A list is required."]})
        team_ids = [parse_uuid(team, "teams_id") for team in teams]
        body = {k: v for k, v in valid(self.body_serializer, request.data).items() if k != "user_id"}
        members = selectors.team_member_ids(team_ids)
        rows = [self.create_one(dict(body), user_id, for_others=True) for user_id in members]
        return self.created(rows, many=True)


class ContributionDetailView(ContributionView):
    def get(self, request, id):
        self.current_user()
        return self.out(self.out_serializer, get_or_404(self.visible(), id, self.not_found))

    def delete(self, request, id):
        row = get_or_404(self.visible(), id, self.not_found)
        if self.users_create_own:
            rules.require_owner_or_process_administrator(
                self, owner_id=row.user_id, process_id=row.coproductionprocess_id
            )
        else:
            rules.require_process_administrator(self, row.coproductionprocess_id)
        data = self.out_serializer(row, context=self.context()).data
        services.contribution_delete(contribution=row)
        return Response(data)


class ContributionApproveView(ContributionView):
    def put(self, request, id):
        row = get_or_404(self.visible(), id, self.not_found)
        rules.require_process_administrator(self, row.coproductionprocess_id)
        state = valid(StateSerializer, request.data)["state"]
        return self.out(self.out_serializer, services.contribution_set_state(contribution=row, state=state))


class ContributionsByView(ContributionView):
    """Rows whose ``field`` equals the path's ``key`` (a user id as given; other ids as UUIDs);
    ``pending_only``: not approved yet; ``callers_only``: the caller's own rows."""

    key = ""
    field = ""
    pending_only = False
    callers_only = False

    def get(self, request, **kwargs):
        user = self.current_user()
        value = kwargs[self.key] if self.field == "user_id" else parse_uuid(kwargs[self.key], self.key)
        rows = self.visible().filter(**{self.field: value})
        if self.pending_only:
            rows = rows.exclude(state=True)
        if self.callers_only:
            rows = rows.filter(user=user)
        return self.out(self.out_serializer, rows, many=True)
