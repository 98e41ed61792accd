"""``/claims``: a member claims their own contribution to an asset; the claimant may withdraw it
(spec §4.8). The shared behaviour is in ``contributions.py``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from coproduction import selectors
from coproduction.api.base import path_params
from coproduction.api.serializers.claims import ClaimInSerializer, ClaimOutSerializer
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
from coproduction.models import Claim


class ClaimView(ContributionView):
    model = Claim
    out_serializer = ClaimOutSerializer
    body_serializer = ClaimInSerializer
    users_create_own = True
    queryset = staticmethod(selectors.claims_qs)


@extend_schema_view(
    get=extend_schema(operation_id="claims_list", responses=ClaimOutSerializer(many=True)),
    post=extend_schema(operation_id="claims_create", request=ClaimInSerializer, responses=ClaimOutSerializer),
)
class ClaimListView(ClaimView, ContributionListView):
    pass


@extend_schema_view(
    post=extend_schema(
        operation_id="claims_create_user_list", request=ClaimInSerializer, responses=ClaimOutSerializer(many=True)
    ),
)
class ClaimUsersCreateView(ClaimView, ContributionUsersCreateView):
    pass


@extend_schema_view(
    post=extend_schema(
        operation_id="claims_create_team_list", request=ClaimInSerializer, responses=ClaimOutSerializer(many=True)
    ),
)
class ClaimTeamsCreateView(ClaimView, ContributionTeamsCreateView):
    pass


@path_params("id")
@extend_schema_view(
    get=extend_schema(operation_id="claims_retrieve", responses=ClaimOutSerializer),
    delete=extend_schema(operation_id="claims_destroy", responses=ClaimOutSerializer),
)
class ClaimDetailView(ClaimView, ContributionDetailView):
    pass


@path_params("id")
@extend_schema_view(
    put=extend_schema(operation_id="claims_approve", request=StateSerializer, responses=ClaimOutSerializer),
)
class ClaimApproveView(ClaimView, ContributionApproveView):
    pass


@path_params("user_id")
@extend_schema_view(get=extend_schema(operation_id="claims_listClaims", responses=ClaimOutSerializer(many=True)))
class ClaimsOfUserView(ClaimView, ContributionsByView):
    """``/claims/{user_id}/listClaims``: a user's claims."""

    key = "user_id"
    field = "user_id"


@path_params("copro_id")
@extend_schema_view(
    get=extend_schema(operation_id="claims_listFullClaimsbyCoproId", responses=ClaimOutSerializer(many=True))
)
class ClaimsOfProcessView(ClaimView, ContributionsByView):
    """``/claims/{copro_id}/listFullClaimsbyCoproId``: a process's claims."""

    key = "copro_id"
    field = "coproductionprocess_id"


@path_params("task_id")
@extend_schema_view(
    get=extend_schema(operation_id="claims_listFullClaimsbyTaskId", responses=ClaimOutSerializer(many=True))
)
class ClaimsOfTaskView(ClaimView, ContributionsByView):
    """``/claims/{task_id}/listFullClaimsbyTaskId``: a task's claims."""

    key = "task_id"
    field = "task_id"


@path_params("asset_id")
@extend_schema_view(
    get=extend_schema(operation_id="claims_listFullClaimsbyAssetId", responses=ClaimOutSerializer(many=True))
)
class ClaimsOfAssetView(ClaimView, ContributionsByView):
    """``/claims/{asset_id}/listFullClaimsbyAssetId``: an asset's claims."""

    key = "asset_id"
    field = "asset_id"


@path_params("copro_id")
@extend_schema_view(
    get=extend_schema(operation_id="claims_listPendingClaimsbyCoproId", responses=ClaimOutSerializer(many=True))
)
class PendingClaimsOfProcessView(ClaimView, ContributionsByView):
    """``/claims/{copro_id}/listPendingClaimsbyCoproId``: a process's claims not approved yet."""

    key = "copro_id"
    field = "coproductionprocess_id"
    pending_only = True
