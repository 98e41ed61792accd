"""``/tags``: tags (spec §4.7); the shared behaviour is in ``labels.py``."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from coproduction.api.base import path_params
from coproduction.api.serializers.tags import TagSerializer
from coproduction.api.views.labels import LabelCreateByNameView, LabelDetailView, LabelListView, LabelSearchView
from coproduction.models import Tag


@extend_schema_view(
    get=extend_schema(operation_id="tags_list", responses=TagSerializer(many=True)),
    post=extend_schema(operation_id="tags_create", request=TagSerializer, responses=TagSerializer),
)
class TagListView(LabelListView):
    model = Tag
    serializer_class = TagSerializer


@extend_schema_view(
    post=extend_schema(operation_id="tags_createbyname", request=TagSerializer, responses=TagSerializer),
)
class TagCreateByNameView(LabelCreateByNameView):
    model = Tag
    serializer_class = TagSerializer


@extend_schema_view(
    get=extend_schema(
        operation_id="tags_search",
        parameters=[OpenApiParameter("name", str, required=True)],
        responses=TagSerializer,
    ),
)
class TagSearchView(LabelSearchView):
    model = Tag
    serializer_class = TagSerializer


@path_params("id")
@extend_schema_view(
    get=extend_schema(operation_id="tags_retrieve", responses=TagSerializer),
    delete=extend_schema(operation_id="tags_destroy", responses=TagSerializer),
)
class TagDetailView(LabelDetailView):
    model = Tag
    serializer_class = TagSerializer
