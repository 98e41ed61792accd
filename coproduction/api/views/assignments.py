"""``/assignments``: the process's administrators assign a contribution to an asset
(spec §4.8). The shared behaviour is in ``contributions.py``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from common.exceptions import APIError
from common.ids import parse_uuid
from coproduction import selectors
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, path_params
from coproduction.api.serializers.assignments import AssignmentInSerializer, AssignmentOutSerializer
from coproduction.api.serializers.user_notifications import StateSerializer
from coproduction.api.views.contributions import (
    ContributionApproveView,
    ContributionDetailView,
    ContributionListView,
    ContributionsByView,
    ContributionTeamsCreateView,
    ContributionUsersCreateView,
    ContributionView,
)
from coproduction.models import Assignment


class AssignmentView(ContributionView):
    model = Assignment
    out_serializer = AssignmentOutSerializer
    body_serializer = AssignmentInSerializer
    users_create_own = False
    queryset = staticmethod(selectors.assignments_qs)


@extend_schema_view(
    get=extend_schema(operation_id="assignments_list", responses=AssignmentOutSerializer(many=True)),
    post=extend_schema(
        operation_id="assignments_create", request=AssignmentInSerializer, responses=AssignmentOutSerializer
    ),
)
class AssignmentListView(AssignmentView, ContributionListView):
    pass


@extend_schema_view(
    post=extend_schema(
        operation_id="assignments_create_user_list",
        request=AssignmentInSerializer,
        responses=AssignmentOutSerializer(many=True),
    ),
)
class AssignmentUsersCreateView(AssignmentView, ContributionUsersCreateView):
    pass


@extend_schema_view(
    post=extend_schema(
        operation_id="assignments_create_team_list",
        request=AssignmentInSerializer,
        responses=AssignmentOutSerializer(many=True),
    ),
)
class AssignmentTeamsCreateView(AssignmentView, ContributionTeamsCreateView):
    pass


@path_params("id")
@extend_schema_view(
    get=extend_schema(operation_id="assignments_retrieve", responses=AssignmentOutSerializer),
    delete=extend_schema(operation_id="assignments_destroy", responses=AssignmentOutSerializer),
)
class AssignmentDetailView(AssignmentView, ContributionDetailView):
    pass


@path_params("id")
@extend_schema_view(
    put=extend_schema(operation_id="assignments_approve", request=StateSerializer, responses=AssignmentOutSerializer),
)
class AssignmentApproveView(AssignmentView, ContributionApproveView):
    pass


@path_params("user_id")
@extend_schema_view(
    get=extend_schema(operation_id="assignments_listAssignments", responses=AssignmentOutSerializer(many=True))
)
class AssignmentsOfUserView(AssignmentView, ContributionsByView):
    """``/assignments/{user_id}/listAssignments``: a user's assignments."""

    key = "user_id"
    field = "user_id"


@path_params("copro_id")
@extend_schema_view(
    get=extend_schema(
        operation_id="assignments_listFullAssignmentsbyCoproId", responses=AssignmentOutSerializer(many=True)
    )
)
class AssignmentsOfProcessView(AssignmentView, ContributionsByView):
    """``/assignments/{copro_id}/listFullAssignmentsbyCoproId``: a process's assignments."""

    key = "copro_id"
    field = "coproductionprocess_id"


@path_params("task_id")
@extend_schema_view(
    get=extend_schema(
        operation_id="assignments_listFullAssignmentsbyTaskId", responses=AssignmentOutSerializer(many=True)
    )
)
class AssignmentsOfTaskView(AssignmentView, ContributionsByView):
    """``/assignments/{task_id}/listFullAssignmentsbyTaskId``: a task's assignments."""

    key = "task_id"
    field = "task_id"


@path_params("asset_id")
@extend_schema_view(
    get=extend_schema(
        operation_id="assignments_listFullAssignmentsbyAssetId", responses=AssignmentOutSerializer(many=True)
    )
)
class AssignmentsOfAssetView(AssignmentView, ContributionsByView):
    """``/assignments/{asset_id}/listFullAssignmentsbyAssetId``: an asset's assignments."""

    key = "asset_id"
    field = "asset_id"


@path_params("copro_id")
@extend_schema_view(
    get=extend_schema(
        operation_id="assignments_listPendingAssignmentsbyCoproId", responses=AssignmentOutSerializer(many=True)
    )
)
class PendingAssignmentsOfProcessView(AssignmentView, ContributionsByView):
    """``/assignments/{copro_id}/listPendingAssignmentsbyCoproId``: a process's assignments not approved yet."""

    key = "copro_id"
    field = "coproductionprocess_id"
    pending_only = True


@path_params("copro_id")
@extend_schema_view(
    get=extend_schema(
        operation_id="assignments_listFullAssignmentsbyCoproIdUserId", responses=AssignmentOutSerializer(many=True)
    )
)
class CallersAssignmentsOfProcessView(AssignmentView, ContributionsByView):
    """``/assignments/{copro_id}/listFullAssignmentsbyCoproIdUserId``: the caller's assignments in a process."""

    key = "copro_id"
    field = "coproductionprocess_id"
    callers_only = True


@path_params("copro_id")
@extend_schema_view(
    get=extend_schema(
        operation_id="assignments_listPendingAssignmentsbyCoproIdUserId", responses=AssignmentOutSerializer(many=True)
    )
)
class CallersPendingAssignmentsOfProcessView(AssignmentView, ContributionsByView):
    """``/assignments/{copro_id}/listPendingAssignmentsbyCoproIdUserId``: the caller's pending
    assignments in a process."""

    key = "copro_id"
    field = "coproductionprocess_id"
    pending_only = True
    callers_only = True


@path_params("assign_id")
class AssignmentGetView(CoproductionView):
    """``/assignments/{assign_id}/view``: one assignment the caller may read; 400 (upstream's) when not."""

    @extend_schema(responses=AssignmentOutSerializer)
    def get(self, request, assign_id):
        self.current_user()
        visible = rules.own_or_administered(self, selectors.assignments_qs(), owner="user_id")
        row = visible.filter(pk=parse_uuid(assign_id, "assign_id")).first()
        if row is None:
            raise APIError(400, "Assignment not found")
        return self.out(AssignmentOutSerializer, row)
