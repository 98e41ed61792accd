"""``/objectives``: objectives of a process's tree (spec §4.4); the shared behaviour is in ``tree_items.py``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from common.exceptions import APIError
from common.ids import uuid_or_none
from common.paging import SkipLimitSerializer
from coproduction import selectors
from coproduction.api.base import CoproductionView, path_params, row_or_none
from coproduction.api.serializers.objectives import (
    ObjectiveInSerializer,
    ObjectiveOutFullSerializer,
    ObjectiveOutSerializer,
)
from coproduction.api.serializers.tasks import TaskOutSerializer
from coproduction.api.views.tree_items import TreeItemDetailView, TreeItemListView, TreeItemView
from coproduction.models import Objective, Phase


class ObjectiveView(TreeItemView):
    model = Objective
    out_serializer = ObjectiveOutSerializer
    full_serializer = ObjectiveOutFullSerializer
    in_serializer = ObjectiveInSerializer
    not_found = "Objective not found"
    parent_field = "phase_id"
    parent_model = Phase
    parent_missing = "Phase not found"
    queryset = staticmethod(selectors.objectives_qs)
    full_queryset = staticmethod(selectors.objective_full_qs)


@extend_schema_view(
    get=extend_schema(
        operation_id="objectives_list",
        parameters=[SkipLimitSerializer],
        responses=ObjectiveOutSerializer(many=True),
    ),
    post=extend_schema(
        operation_id="objectives_create", request=ObjectiveInSerializer, responses=ObjectiveOutFullSerializer
    ),
)
class ObjectiveListView(ObjectiveView, TreeItemListView):
    pass


@path_params("id")
@extend_schema_view(
    get=extend_schema(operation_id="objectives_retrieve", responses=ObjectiveOutFullSerializer),
    put=extend_schema(
        operation_id="objectives_update", request=ObjectiveInSerializer, responses=ObjectiveOutFullSerializer
    ),
    delete=extend_schema(operation_id="objectives_destroy", responses={200: None}),
)
class ObjectiveDetailView(ObjectiveView, TreeItemDetailView):
    pass


@path_params("id")
class ObjectiveTasksView(CoproductionView):
    @extend_schema(responses=TaskOutSerializer(many=True))
    def get(self, request, id):
        """Tasks of an objective."""
        self.current_user()
        objective = row_or_none(Objective, uuid_or_none(id))
        if objective is None:
            raise APIError(400, "Objective not found")
        tasks = selectors.tasks_of_objective(objective)
        return self.out(TaskOutSerializer, tasks, many=True, disabled_ancestors=selectors.disabled_item_ids())
