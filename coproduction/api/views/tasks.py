"""``/tasks``: tasks of a process's tree (spec §4.4); the shared behaviour is in ``tree_items.py``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from common.exceptions import APIError
from common.ids import uuid_or_none
from common.paging import SkipLimitSerializer
from coproduction import selectors
from coproduction.api.base import CoproductionView, path_params, row_or_none
from coproduction.api.serializers.assets import AssetOutSerializer
from coproduction.api.serializers.claims import ClaimOutSerializer
from coproduction.api.serializers.tasks import TaskInSerializer, TaskOutFullSerializer, TaskOutSerializer
from coproduction.api.views.assets import catalogue_context
from coproduction.api.views.tree_items import TreeItemDetailView, TreeItemListView, TreeItemView
from coproduction.models import Objective, Task


class TaskView(TreeItemView):
    model = Task
    out_serializer = TaskOutSerializer
    full_serializer = TaskOutFullSerializer
    in_serializer = TaskInSerializer
    not_found = "Task not found"
    parent_field = "objective_id"
    parent_model = Objective
    parent_missing = "Objective not found"
    queryset = staticmethod(selectors.tasks_qs)
    full_queryset = staticmethod(selectors.tasks_qs)


@extend_schema_view(
    get=extend_schema(
        operation_id="tasks_list",
        parameters=[SkipLimitSerializer],
        responses=TaskOutSerializer(many=True),
    ),
    post=extend_schema(operation_id="tasks_create", request=TaskInSerializer, responses=TaskOutFullSerializer),
)
class TaskListView(TaskView, TreeItemListView):
    pass


@path_params("id")
@extend_schema_view(
    get=extend_schema(operation_id="tasks_retrieve", responses=TaskOutFullSerializer),
    put=extend_schema(operation_id="tasks_update", request=TaskInSerializer, responses=TaskOutFullSerializer),
    delete=extend_schema(operation_id="tasks_destroy", responses={200: None}),
)
class TaskDetailView(TaskView, TreeItemDetailView):
    pass


@path_params("id")
class TaskAssetsContributionsView(CoproductionView):
    @extend_schema(responses=TaskOutSerializer)
    def get(self, request, id):
        """The task and its assets, each with ``contributors`` (its claims)."""
        self.current_user()
        task = row_or_none(selectors.tasks_qs(), uuid_or_none(id))
        if task is None:
            raise APIError(404, f"Task {id} not found")
        data = TaskOutSerializer(task, context=self.context(disabled_ancestors=selectors.disabled_item_ids())).data
        assets = list(selectors.assets_of_task(task))
        claims = selectors.contributors_of_assets(assets)
        by_asset: dict = {}
        for claim in claims:
            by_asset.setdefault(claim.asset_id, []).append(claim)
        context = self.context(**catalogue_context(assets))
        data["assetsWithContribution"] = [
            {
                **AssetOutSerializer(asset, context=context).data,
                "contributors": ClaimOutSerializer(by_asset.get(asset.pk, []), many=True, context=context).data,
            }
            for asset in assets
        ]
        return Response(data)
