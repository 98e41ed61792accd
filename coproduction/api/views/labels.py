"""``/tags`` and ``/keywords``: named labels, unique by name (spec §4.7). Anyone mirrored reads
and adds; a superuser deletes.

Both resources have the same four endpoints, served by the classes below; ``api/urls.py``
names the resource for each (``LabelListView.as_view(**TAGS)``): its model, its serializer and
the prefix of upstream's operation ids (``tags_list``, ``keywords_search``, ...).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from common.exceptions import APIError
from common.openapi import AutoSchema
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, path_params, valid
from coproduction.api.serializers.labels import KeywordSerializer, TagSerializer
from coproduction.models import Keyword, Tag

TAGS = {"model": Tag, "serializer_class": TagSerializer, "operation_prefix": "tags"}
KEYWORDS = {"model": Keyword, "serializer_class": KeywordSerializer, "operation_prefix": "keywords"}


class LabelSchema(AutoSchema):
    """The OpenAPI operation of a label endpoint: upstream's id ``<operation_prefix>_<operation>``
    (the class's ``operations``: method -> name), the resource's serializer as the body and the
    answer (a list for ``list``)."""

    def _operation(self) -> str:
        return self.view.operations[self.method.lower()]

    def get_operation_id(self) -> str:
        return f"{self.view.operation_prefix}_{self._operation()}"

    def get_request_serializer(self):
        return self.view.serializer_class

    def get_response_serializers(self):
        if self._operation() == "list":
            return self.view.serializer_class(many=True)
        return self.view.serializer_class

    def get_override_parameters(self):
        if self._operation() == "search":
            return [OpenApiParameter("name", str, required=True)]
        return super().get_override_parameters()


class LabelView(CoproductionView):
    model = None
    serializer_class = None
    operation_prefix = ""
    operations: dict[str, str] = {}
    schema = LabelSchema()

    @property
    def not_found(self) -> str:
        return f"{self.model.__name__} not found"


class LabelListView(LabelView):
    operations = {"get": "list", "post": "create"}

    def get(self, request):
        self.current_user()
        return self.out(self.serializer_class, selectors.label_list(model=self.model), many=True)

    def post(self, request):
        self.current_user()
        body = valid(self.serializer_class, request.data)
        return self.out(self.serializer_class, services.label_create(model=self.model, data=body))


class LabelCreateByNameView(LabelView):
    operations = {"post": "createbyname"}

    def post(self, request):
        self.current_user()
        body = valid(self.serializer_class, request.data)
        label = services.label_get_or_create_by_name(
            model=self.model, name=body["name"], description=body.get("description")
        )
        return self.out(self.serializer_class, label)


class LabelSearchView(LabelView):
    operations = {"get": "search"}

    def get(self, request):
        self.current_user()
        label = selectors.label_by_name(model=self.model, name=request.query_params.get("name", ""))
        if label is None:
            raise APIError(404, self.not_found)
        return self.out(self.serializer_class, label)


@path_params("id")
class LabelDetailView(LabelView):
    operations = {"get": "retrieve", "delete": "destroy"}
    permission_classes = [rules.SuperuserToDelete]

    def get(self, request, id):
        self.current_user()
        return self.out(self.serializer_class, get_or_404(self.model, id, self.not_found))

    def delete(self, request, id):
        self.current_user()
        label = get_or_404(self.model, id, self.not_found)
        data = self.serializer_class(label).data
        services.label_delete(label=label)
        return Response(data)
