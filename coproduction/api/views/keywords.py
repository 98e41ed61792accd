"""``/keywords``: keywords (spec §4.7); the shared behaviour is in ``labels.py``."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from coproduction.api.base import path_params
from coproduction.api.serializers.keywords import KeywordSerializer
from coproduction.api.views.labels import LabelCreateByNameView, LabelDetailView, LabelListView, LabelSearchView
from coproduction.models import Keyword


@extend_schema_view(
    get=extend_schema(operation_id="keywords_list", responses=KeywordSerializer(many=True)),
    post=extend_schema(operation_id="keywords_create", request=KeywordSerializer, responses=KeywordSerializer),
)
class KeywordListView(LabelListView):
    model = Keyword
    serializer_class = KeywordSerializer


@extend_schema_view(
    post=extend_schema(operation_id="keywords_createbyname", request=KeywordSerializer, responses=KeywordSerializer),
)
class KeywordCreateByNameView(LabelCreateByNameView):
    model = Keyword
    serializer_class = KeywordSerializer


@extend_schema_view(
    get=extend_schema(
        operation_id="keywords_search",
        parameters=[OpenApiParameter("name", str, required=True)],
        responses=KeywordSerializer,
    ),
)
class KeywordSearchView(LabelSearchView):
    model = Keyword
    serializer_class = KeywordSerializer


@path_params("id")
@extend_schema_view(
    get=extend_schema(operation_id="keywords_retrieve", responses=KeywordSerializer),
    delete=extend_schema(operation_id="keywords_destroy", responses=KeywordSerializer),
)
class KeywordDetailView(LabelDetailView):
    model = Keyword
    serializer_class = KeywordSerializer
