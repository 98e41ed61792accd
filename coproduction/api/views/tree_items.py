"""What phases, objectives and tasks share (spec §4.4): administrators change, anyone reads.
``phases.py``, ``objectives.py`` and ``tasks.py`` hold the endpoints, each naming its model,
serializers, parent and operation ids."""

from __future__ import annotations

from rest_framework.response import Response

from common.api import null_response
from common.exceptions import APIError
from common.pagination import SkipLimitPagination
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, row_or_none, valid
from coproduction.api.serializers.lean import RenderedPermissions, related_columns
from coproduction.models import CoproductionProcess, User


def process_id_of(parent) -> object:
    if isinstance(parent, CoproductionProcess):
        return parent.pk
    return parent.process_id


def require_admin(view: CoproductionView, process_id) -> User:
    rules.require_process_administrator(view, process_id)
    return view.current_user()


class TreeItemView(CoproductionView):
    model = None
    out_serializer = None
    full_serializer = None
    in_serializer = None
    not_found = ""
    parent_field = ""  # the body's key naming the parent
    parent_model = None
    parent_missing = ""

    @staticmethod
    def queryset():
        raise NotImplementedError

    @staticmethod
    def full_queryset():
        """With what the full serializer shows prefetched."""
        raise NotImplementedError

    def full_response(self, pk) -> Response:
        item = self.full_queryset().get(pk=pk)
        process_id = item.process_id
        return self.out(
            self.full_serializer,
            item,
            process_permissions=RenderedPermissions.of_rows(
                selectors.process_permission_rows(process_id, related_columns()), self.context()
            ),
            disabled_ancestors=selectors.disabled_item_ids(process_id),
        )


class TreeItemListView(TreeItemView):
    def get(self, request):
        self.current_user()
        paginator = SkipLimitPagination(envelope=False)
        items = paginator.paginate_queryset(self.queryset().order_by("created_at", "id"), request, self)
        return self.out(self.out_serializer, items, many=True, disabled_ancestors=selectors.disabled_item_ids())

    def post(self, request):
        body = dict(valid(self.in_serializer, request.data))
        parent_id = body.pop(self.parent_field, None)
        parent = row_or_none(self.parent_model, parent_id) if parent_id else None
        if parent is None:
            raise APIError(400, self.parent_missing)
        user = require_admin(self, process_id_of(parent))
        body.pop("disabler_id", None)
        body.pop("disabled_on", None)
        body[self.parent_field.removesuffix("_id")] = parent
        item = services.treeitem_create(model=self.model, data=body, creator=user)
        return self.full_response(item.pk)


class TreeItemDetailView(TreeItemView):
    def get(self, request, id):
        self.current_user()
        item = get_or_404(self.model, id, self.not_found)
        return self.full_response(item.pk)

    def put(self, request, id):
        item = get_or_404(self.model, id, self.not_found)
        require_admin(self, item.process_id)
        body = dict(valid(self.in_serializer, request.data, partial=True))
        body.pop(self.parent_field, None)
        prerequisites_ids = body.pop("prerequisites_ids", None)
        postrequisites_ids = body.pop("postrequisites_ids", None)
        services.treeitem_update(
            item=item, data=body, prerequisites_ids=prerequisites_ids, postrequisites_ids=postrequisites_ids
        )
        return self.full_response(item.pk)

    def delete(self, request, id):
        item = get_or_404(self.model, id, self.not_found)
        user = require_admin(self, item.process_id)
        services.treeitem_disable(item=item, user=user)
        return null_response()
