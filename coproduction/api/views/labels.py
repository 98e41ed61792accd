"""What tags and keywords share: named labels, unique by name (spec §4.7).

``tags.py`` and ``keywords.py`` hold the endpoints; each names its model, serializer and
operation ids. Anyone mirrored reads and adds; a superuser deletes.
"""

from __future__ import annotations

from rest_framework.response import Response

from common.exceptions import APIError
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, valid


class LabelView(CoproductionView):
    model = None
    serializer_class = None

    @property
    def not_found(self) -> str:
        return f"{self.model.__name__} not found"


class LabelListView(LabelView):
    def get(self, request):
        self.current_user()
        return self.out(self.serializer_class, selectors.label_list(model=self.model), many=True)

    def post(self, request):
        self.current_user()
        body = valid(self.serializer_class, request.data)
        return self.out(self.serializer_class, services.label_create(model=self.model, data=body))


class LabelCreateByNameView(LabelView):
    def post(self, request):
        self.current_user()
        body = valid(self.serializer_class, request.data)
        label = services.label_get_or_create_by_name(
            model=self.model, name=body["name"], description=body.get("description")
        )
        return self.out(self.serializer_class, label)


class LabelSearchView(LabelView):
    def get(self, request):
        self.current_user()
        label = selectors.label_by_name(model=self.model, name=request.query_params.get("name", ""))
        if label is None:
            raise APIError(404, self.not_found)
        return self.out(self.serializer_class, label)


class LabelDetailView(LabelView):
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
