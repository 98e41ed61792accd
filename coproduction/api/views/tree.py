"""``/phases``, ``/objectives``, ``/tasks`` (spec §4.4): administrators change, anyone reads."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from common.exceptions import APIError
from common.paging import SkipLimitSerializer, skip_limit
from coproduction import models as m
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api import serializers as s
from coproduction.api.base import (
    CoproductionView,
    get_or_404,
    null_response,
    path_params,
    valid,
)

KINDS = {
    "phases": {
        "model": m.Phase,
        "qs": selectors.phases_qs,
        "out": s.PhaseOutSerializer,
        "full": s.PhaseOutFullSerializer,
        "in": s.PhaseInSerializer,
        "not_found": "Phase not found",
        "parent": ("coproductionprocess_id", m.CoproductionProcess, "Coproductionprocess not found"),
    },
    "objectives": {
        "model": m.Objective,
        "qs": selectors.objectives_qs,
        "out": s.ObjectiveOutSerializer,
        "full": s.ObjectiveOutFullSerializer,
        "in": s.ObjectiveInSerializer,
        "not_found": "Objective not found",
        "parent": ("phase_id", m.Phase, "Phase not found"),
    },
    "tasks": {
        "model": m.Task,
        "qs": selectors.tasks_qs,
        "out": s.TaskOutSerializer,
        "full": s.TaskOutFullSerializer,
        "in": s.TaskInSerializer,
        "not_found": "Task not found",
        "parent": ("objective_id", m.Objective, "Objective not found"),
    },
}

FULL_PREFETCH = {
    "phases": lambda: selectors.phases_qs().prefetch_related(
        "children__prerequisites", "children__children__prerequisites", "children__children__objective"
    ),
    "objectives": lambda: selectors.objectives_qs().prefetch_related("children__prerequisites", "children__objective"),
    "tasks": selectors.tasks_qs,
}


def process_id_of(parent) -> object:
    if isinstance(parent, m.CoproductionProcess):
        return parent.pk
    return parent.process_id


def require_admin(view: CoproductionView, process_id) -> m.User:
    rules.require_process_administrator(view, process_id)
    return view.current_user()


def full_response(view: CoproductionView, kind: str, pk) -> Response:
    item = FULL_PREFETCH[kind]().get(pk=pk)
    process_id = item.process_id
    return view.out(
        KINDS[kind]["full"],
        item,
        process_permissions=selectors.process_permissions(process_id),
        disabled_ancestors=selectors.disabled_item_ids(process_id),
    )


def make_views(kind: str):
    spec = KINDS[kind]
    parent_field, parent_model, parent_missing = spec["parent"]

    class ListView(CoproductionView):
        @extend_schema(
            operation_id=f"{kind}_list",
            parameters=[SkipLimitSerializer],
            responses=spec["out"](many=True),
        )
        def get(self, request):
            self.current_user()
            paging = skip_limit(request.query_params)
            skip, limit = paging["skip"], paging["limit"]
            items = spec["qs"]().order_by("created_at", "id")[skip : skip + limit]
            return self.out(spec["out"], items, many=True, disabled_ancestors=selectors.disabled_item_ids())

        @extend_schema(operation_id=f"{kind}_create", request=spec["in"], responses=spec["full"])
        def post(self, request):
            body = dict(valid(spec["in"], request.data))
            parent_id = body.pop(parent_field, None)
            parent = parent_model.objects.filter(pk=parent_id).first() if parent_id else None
            if parent is None:
                raise APIError(400, parent_missing)
            user = require_admin(self, process_id_of(parent))
            body.pop("disabler_id", None)
            body.pop("disabled_on", None)
            body[parent_field.removesuffix("_id")] = parent
            item = services.treeitem_create(model=spec["model"], data=body, creator=user)
            return full_response(self, kind, item.pk)

    ListView.__name__ = f"{spec['model'].__name__}ListView"

    @path_params("id")
    class DetailView(CoproductionView):
        @extend_schema(operation_id=f"{kind}_retrieve", responses=spec["full"])
        def get(self, request, id):
            self.current_user()
            item = get_or_404(spec["model"].objects.all(), id, spec["not_found"])
            return full_response(self, kind, item.pk)

        @extend_schema(operation_id=f"{kind}_update", request=spec["in"], responses=spec["full"])
        def put(self, request, id):
            item = get_or_404(spec["model"].objects.all(), id, spec["not_found"])
            require_admin(self, item.process_id)
            body = dict(valid(spec["in"], request.data, partial=True))
            body.pop(parent_field, None)
            prerequisites = body.pop("prerequisites_ids", None)
            postrequisites = body.pop("postrequisites_ids", None)
            disabled_before = item.disabled_on
            for field, value in body.items():
                setattr(item, field, value)
            item.save()
            if prerequisites is not None:
                services.treeitem_set_prerequisite(
                    item=item, prerequisite_id=prerequisites[0] if prerequisites else None
                )
            for postrequisite in postrequisites or []:
                services.treeitem_set_prerequisite(item=m.TreeItem(pk=postrequisite), prerequisite_id=item.pk)
            if isinstance(item, (m.Task, m.Objective)) or item.disabled_on != disabled_before:
                services.refresh_ancestors(item)
            return full_response(self, kind, item.pk)

        @extend_schema(operation_id=f"{kind}_destroy", responses={200: None})
        def delete(self, request, id):
            item = get_or_404(spec["model"].objects.all(), id, spec["not_found"])
            user = require_admin(self, item.process_id)
            services.treeitem_disable(item=item, user=user)
            return null_response()

    DetailView.__name__ = f"{spec['model'].__name__}DetailView"
    return ListView, DetailView


PhaseListView, PhaseDetailView = make_views("phases")
ObjectiveListView, ObjectiveDetailView = make_views("objectives")
TaskListView, TaskDetailView = make_views("tasks")


@path_params("id")
class PhaseObjectivesView(CoproductionView):
    @extend_schema(responses=s.ObjectiveOutSerializer(many=True))
    def get(self, request, id):
        """Objectives of a phase."""
        self.current_user()
        phase = m.Phase.objects.filter(pk=_uuid_or_none(id)).first()
        if phase is None:
            raise APIError(400, "Phase not found")
        objectives = selectors.objectives_qs().filter(phase=phase)
        return self.out(
            s.ObjectiveOutSerializer, objectives, many=True, disabled_ancestors=selectors.disabled_item_ids()
        )


@path_params("id")
class ObjectiveTasksView(CoproductionView):
    @extend_schema(responses=s.TaskOutSerializer(many=True))
    def get(self, request, id):
        """Tasks of an objective."""
        self.current_user()
        objective = m.Objective.objects.filter(pk=_uuid_or_none(id)).first()
        if objective is None:
            raise APIError(400, "Objective not found")
        tasks = selectors.tasks_qs().filter(objective=objective)
        return self.out(s.TaskOutSerializer, tasks, many=True, disabled_ancestors=selectors.disabled_item_ids())


def _uuid_or_none(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@path_params("id")
class PhaseCopyView(CoproductionView):
    @extend_schema(request=s.PhaseInSerializer, responses=s.PhaseOutFullSerializer)
    def post(self, request, id):
        """Copy a phase with its subtree into the process of the body (administrators of both)."""
        phase = get_or_404(m.Phase.objects.all(), id, "Phase not found")
        body = dict(valid(s.PhaseInSerializer, request.data))
        process = m.CoproductionProcess.objects.filter(pk=body.get("coproductionprocess_id")).first()
        if process is None:
            raise APIError(400, "Coproductionprocess not found")
        user = require_admin(self, phase.process_id)
        require_admin(self, process.pk)
        new_phase = services.phase_copy(phase=phase, process=process, data=body, creator=user)
        return full_response(self, "phases", new_phase.pk)


@path_params("id")
class TaskAssetsContributionsView(CoproductionView):
    @extend_schema(responses=s.TaskOutSerializer)
    def get(self, request, id):
        """The task and its assets, each with ``contributors`` (its claims)."""
        from coproduction.api.views.assets import catalogue_context

        self.current_user()
        task = selectors.tasks_qs().filter(pk=_uuid_or_none(id)).first()
        if task is None:
            raise APIError(404, f"Task {id} not found")
        data = s.TaskOutSerializer(task, context=self.context(disabled_ancestors=selectors.disabled_item_ids())).data
        assets = list(selectors.assets_qs().filter(task=task).order_by("created_at", "id"))
        claims = m.Claim.objects.filter(asset__in=assets).select_related("user").prefetch_related("user__teams")
        by_asset: dict = {}
        for claim in claims:
            by_asset.setdefault(claim.asset_id, []).append(claim)
        context = self.context(**catalogue_context(assets))
        data["assetsWithContribution"] = [
            {
                **s.AssetOutSerializer(asset, context=context).data,
                "contributors": s.ClaimOutSerializer(by_asset.get(asset.pk, []), many=True, context=context).data,
            }
            for asset in assets
        ]
        return Response(data)
