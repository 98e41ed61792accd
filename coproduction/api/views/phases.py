"""``/phases``: phases of a process's tree (spec §4.4); the shared behaviour is in ``tree_items.py``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from common.exceptions import APIError
from common.ids import uuid_or_none
from common.paging import SkipLimitSerializer
from coproduction import selectors, services
from coproduction.api.base import CoproductionView, get_or_404, path_params, row_or_none, valid
from coproduction.api.serializers.objectives import ObjectiveOutSerializer
from coproduction.api.serializers.phases import PhaseInSerializer, PhaseOutFullSerializer, PhaseOutSerializer
from coproduction.api.views.tree_items import TreeItemDetailView, TreeItemListView, TreeItemView, require_admin
from coproduction.models import CoproductionProcess, Phase


class PhaseView(TreeItemView):
    model = Phase
    out_serializer = PhaseOutSerializer
    full_serializer = PhaseOutFullSerializer
    in_serializer = PhaseInSerializer
    not_found = "Phase not found"
    parent_field = "coproductionprocess_id"
    parent_model = CoproductionProcess
    parent_missing = "Coproductionprocess not found"
    queryset = staticmethod(selectors.phases_qs)
    full_queryset = staticmethod(selectors.phase_full_qs)


@extend_schema_view(
    get=extend_schema(
        operation_id="phases_list",
        parameters=[SkipLimitSerializer],
        responses=PhaseOutSerializer(many=True),
    ),
    post=extend_schema(operation_id="phases_create", request=PhaseInSerializer, responses=PhaseOutFullSerializer),
)
class PhaseListView(PhaseView, TreeItemListView):
    pass


@path_params("id")
@extend_schema_view(
    get=extend_schema(operation_id="phases_retrieve", responses=PhaseOutFullSerializer),
    put=extend_schema(operation_id="phases_update", request=PhaseInSerializer, responses=PhaseOutFullSerializer),
    delete=extend_schema(operation_id="phases_destroy", responses={200: None}),
)
class PhaseDetailView(PhaseView, TreeItemDetailView):
    pass


@path_params("id")
class PhaseObjectivesView(CoproductionView):
    @extend_schema(responses=ObjectiveOutSerializer(many=True))
    def get(self, request, id):
        """Objectives of a phase."""
        self.current_user()
        phase = row_or_none(Phase, uuid_or_none(id))
        if phase is None:
            raise APIError(400, "Phase not found")
        objectives = selectors.objectives_of_phase(phase)
        return self.out(ObjectiveOutSerializer, objectives, many=True, disabled_ancestors=selectors.disabled_item_ids())


@path_params("id")
class PhaseCopyView(PhaseView):
    @extend_schema(request=PhaseInSerializer, responses=PhaseOutFullSerializer)
    def post(self, request, id):
        """Copy a phase with its subtree into the process of the body (administrators of both)."""
        phase = get_or_404(Phase, id, "Phase not found")
        body = dict(valid(PhaseInSerializer, request.data))
        process = row_or_none(CoproductionProcess, body.get("coproductionprocess_id"))
        if process is None:
            raise APIError(400, "Coproductionprocess not found")
        user = require_admin(self, phase.process_id)
        require_admin(self, process.pk)
        new_phase = services.phase_copy(phase=phase, process=process, data=body, creator=user)
        return self.full_response(new_phase.pk)
