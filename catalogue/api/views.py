"""The catalogue API at ``/catalogue/api/v1/``: upstream's paths, filters, shapes and messages."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db.models import Count, ProtectedError
from django.http import HttpResponseRedirect
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue import files, selectors, services
from catalogue.api import serializers as api_serializers
from catalogue.api.permissions import (
    NOT_AUTHENTICATED,
    RatingAuthorOrSuperuser,
    ReadAnyoneWriteAuthenticated,
    ReadAnyoneWriteSuperuser,
)
from catalogue.cache import catalogue_reads
from catalogue.models import CoproductionSchema, Interlinker, ProblemProfile, Rating
from common.api import null_response
from common.exceptions import APIError
from common.ids import uuid_or_404
from common.pagination import PageEnvelopePagination, SkipLimitPagination
from common.paging import PageSizeSerializer, SkipLimitSerializer
from common.translations import get_language
from interlink_auth.authentication import INTERLINK_AUTHENTICATION_CLASSES


class CatalogueView(APIView):
    """Reads are anonymous; writes need a superuser (catalogue/api/permissions.py). Refusals
    answer 403 with upstream's ``Not authenticated`` or ``Not enough permissions``."""

    authentication_classes = INTERLINK_AUTHENTICATION_CLASSES
    permission_classes = [ReadAnyoneWriteSuperuser]

    def permission_denied(self, request, message=None, code=None):
        raise APIError(403, message or NOT_AUTHENTICATED)

    def valid(self, serializer_class, data, **kwargs) -> dict:
        serializer = serializer_class(data=data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def query(self, serializer_class) -> dict:
        """Validated query parameters; repeatable ones arrive as lists."""
        data = {}
        fields = serializer_class().fields
        for key in self.request.query_params:
            if key in fields:
                field = fields[key]
                values = self.request.query_params.getlist(key)
                data[key] = values if isinstance(field, serializers.ListField) else values[-1]
        return self.valid(serializer_class, data)

    def page(self, queryset, params: dict, render) -> Response:
        """Upstream's page envelope ``{items, total, page, size}``; the page's keys first
        (common/pagination.py says why)."""
        paginator = PageEnvelopePagination(keys_first=True)
        rows = paginator.paginate_queryset(queryset, self.request, self, params=params)
        return paginator.get_paginated_response(render(rows))

    @property
    def context(self) -> dict:
        return {"request": self.request}

    def cached(self, build) -> Response:
        """``build()``'s response, kept until the next catalogue write (catalogue/cache.py)."""
        return catalogue_reads.response(self, build, vary=(get_language(),))


def page_of(name: str, item) -> serializers.Serializer:
    """A named page-envelope serializer for the OpenAPI schema."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "items": item,
            "total": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "size": serializers.IntegerField(),
        },
    )


INTERLINKER_OUT = PolymorphicProxySerializer(
    component_name="InterlinkerOut",
    serializers={str(nature): serializer for nature, serializer in api_serializers.OUT_BY_NATURE.items()},
    resource_type_field_name="nature",
)
INTERLINKER_OUT_MANY = PolymorphicProxySerializer(
    component_name="InterlinkerOut",
    serializers={str(nature): serializer for nature, serializer in api_serializers.OUT_BY_NATURE.items()},
    resource_type_field_name="nature",
    many=True,
)
INTERLINKER_IN = PolymorphicProxySerializer(
    component_name="InterlinkerCreate",
    serializers={str(nature): serializer for nature, serializer in api_serializers.CREATE_BY_NATURE.items()},
    resource_type_field_name="nature",
)
InterlinkerPage = page_of("InterlinkerPage", INTERLINKER_OUT_MANY)
KnowledgeInterlinkerPage = page_of(
    "KnowledgeInterlinkerPage", api_serializers.KnowledgeInterlinkerOutSerializer(many=True)
)
SoftwareInterlinkerPage = page_of(
    "SoftwareInterlinkerPage", api_serializers.SoftwareInterlinkerOutSerializer(many=True)
)
CoproductionSchemaPage = page_of(
    "CoproductionSchemaPage", api_serializers.CoproductionSchemaOutFullSerializer(many=True)
)
RatingPage = page_of("RatingPage", api_serializers.RatingOutSerializer(many=True))
PAGE_PARAMS = [PageSizeSerializer]
LANGUAGE_PARAM = OpenApiParameter(
    "Accept-Language", str, OpenApiParameter.HEADER, description="Request language: en, es, lv or it"
)
NULL_RESPONSE = {200: None}


# --- interlinkers ----------------------------------------------------------------------------

INTERLINKER_NOT_FOUND = "Interlinker not found"


def _interlinkers_out(view: CatalogueView, rows) -> list[dict]:
    return api_serializers.interlinkers_data(selectors.interlinkers_for_output(rows), view.context)


def _interlinker_or_404(interlinker_id: str) -> Interlinker:
    interlinker = selectors.interlinker_get(pk=uuid_or_404(interlinker_id, INTERLINKER_NOT_FOUND))
    if interlinker is None:
        raise APIError(404, INTERLINKER_NOT_FOUND)
    return interlinker


class InterlinkerListView(CatalogueView):
    @extend_schema(
        operation_id="catalogue_interlinkers_list",
        parameters=[
            *PAGE_PARAMS,
            OpenApiParameter("search", str),
            OpenApiParameter("rating", int),
            OpenApiParameter("problemprofiles", str, many=True),
            OpenApiParameter("nature", str, many=True, enum=[n.value for n in api_serializers.models.Nature]),
            OpenApiParameter("creator", str, many=True, description="Accepted and ignored (as upstream)."),
            LANGUAGE_PARAM,
        ],
        responses=InterlinkerPage,
    )
    def get(self, request):
        """Interlinkers offered in the request language, filtered and searched."""
        params = self.query(api_serializers.InterlinkerQuerySerializer)
        queryset = selectors.interlinker_list(
            search=params.get("search"),
            problemprofiles=params.get("problemprofiles", []),
            natures=params.get("nature", []),
            rating=params.get("rating"),
        )
        return self.cached(lambda: self.page(queryset, params, lambda rows: _interlinkers_out(self, rows)))

    @extend_schema(request=INTERLINKER_IN, responses=INTERLINKER_OUT)
    def post(self, request):
        """Create an interlinker of the payload's ``nature``."""
        data = request.data if isinstance(request.data, dict) else {}
        nature = self.valid(api_serializers.NatureSerializer, {"nature": data.get("nature")})["nature"]
        validated = self.valid(api_serializers.CREATE_BY_NATURE[nature], data)
        interlinker = services.interlinker_create(nature=nature, data=validated)
        return Response(_interlinkers_out(self, [selectors.interlinker_get(pk=interlinker.pk)])[0])


class InterlinkerDetailView(CatalogueView):
    @extend_schema(responses=INTERLINKER_OUT, parameters=[LANGUAGE_PARAM])
    def get(self, request, interlinker_id):
        return Response(_interlinkers_out(self, [_interlinker_or_404(interlinker_id)])[0])

    @extend_schema(request=INTERLINKER_IN, responses=INTERLINKER_OUT)
    def put(self, request, interlinker_id):
        """Change the given fields; the payload schema is the stored row's subtype."""
        interlinker = _interlinker_or_404(interlinker_id).concrete
        data = dict(request.data) if isinstance(request.data, dict) else {}
        data.pop("nature", None)
        serializer_class = api_serializers.CREATE_BY_NATURE[interlinker.nature]
        validated = self.valid(serializer_class, data, partial=True)
        services.interlinker_update(interlinker=interlinker, data=validated)
        return Response(_interlinkers_out(self, [selectors.interlinker_get(pk=interlinker.pk)])[0])

    @extend_schema(responses=NULL_RESPONSE)
    def delete(self, request, interlinker_id):
        interlinker = _interlinker_or_404(interlinker_id)
        try:
            services.artefact_delete(artefact=interlinker.concrete)
        except ProtectedError:
            raise APIError(409, "Interlinker has child knowledge interlinkers") from None
        return null_response()


class InterlinkerByNameView(CatalogueView):
    @extend_schema(responses=INTERLINKER_OUT)
    def get(self, request, name):
        """The first interlinker whose English name is exactly ``name``."""
        interlinker = selectors.interlinker_get(name_translations__en=name)
        if interlinker is None:
            raise APIError(404, INTERLINKER_NOT_FOUND)
        return Response(_interlinkers_out(self, [interlinker])[0])


class InterlinkerRelatedView(CatalogueView):
    @extend_schema(parameters=PAGE_PARAMS, responses=InterlinkerPage)
    def get(self, request, interlinker_id):
        """Interlinkers sharing a problem profile with this one."""
        params = self.query(PageSizeSerializer)
        interlinker = _interlinker_or_404(interlinker_id)
        queryset = selectors.interlinker_related(interlinker)
        return self.cached(lambda: self.page(queryset, params, lambda rows: _interlinkers_out(self, rows)))


class KnowledgeInterlinkerListView(CatalogueView):
    @extend_schema(parameters=PAGE_PARAMS, responses=KnowledgeInterlinkerPage)
    def get(self, request):
        params = self.query(PageSizeSerializer)
        queryset = selectors.knowledgeinterlinker_list()
        return self.cached(lambda: self.page(queryset, params, lambda rows: _interlinkers_out(self, rows)))


class SoftwareInterlinkerListView(CatalogueView):
    @extend_schema(
        operation_id="catalogue_softwareinterlinkers_list", parameters=PAGE_PARAMS, responses=SoftwareInterlinkerPage
    )
    def get(self, request):
        params = self.query(PageSizeSerializer)
        queryset = selectors.softwareinterlinker_list()
        return self.cached(lambda: self.page(queryset, params, lambda rows: _interlinkers_out(self, rows)))


class SoftwareInterlinkerByServiceView(CatalogueView):
    @extend_schema(responses=api_serializers.SoftwareInterlinkerOutSerializer)
    def get(self, request, service_name):
        """The first software interlinker with this ``service_name``."""
        software = selectors.softwareinterlinker_by_service_name(service_name)
        if software is None:
            raise APIError(404, "Softwareinterlinker not found")
        return Response(_interlinkers_out(self, [selectors.interlinker_get(pk=software.pk)])[0])


# --- problem profiles ------------------------------------------------------------------------

PROBLEMPROFILE_NOT_FOUND = "ProblemProfile not found"


def _profile_or_404(profile_id: str) -> ProblemProfile:
    profile = ProblemProfile.objects.filter(pk=profile_id).first()
    if profile is None:
        raise APIError(404, PROBLEMPROFILE_NOT_FOUND)
    return profile


def _profile_out(profile: ProblemProfile) -> dict:
    return api_serializers.ProblemProfileOutSerializer(profile).data


class ProblemProfileListView(CatalogueView):
    @extend_schema(responses=api_serializers.ProblemProfileOutSerializer(many=True), parameters=[LANGUAGE_PARAM])
    def get(self, request):
        """Problem profiles ordered by creation (at most 100)."""
        return self.cached(
            lambda: Response(api_serializers.problemprofiles_data(selectors.problemprofile_list(), self.context))
        )

    @extend_schema(
        request=api_serializers.ProblemProfileCreateSerializer, responses=api_serializers.ProblemProfileOutSerializer
    )
    def post(self, request):
        data = self.valid(api_serializers.ProblemProfileCreateSerializer, request.data)
        return Response(_profile_out(services.problemprofile_create(data=data)))


class ProblemProfileIdsView(CatalogueView):
    @extend_schema(responses=serializers.ListSerializer(child=serializers.CharField()))
    def get(self, request):
        return Response(list(selectors.problemprofile_list().values_list("id", flat=True)))


class ProblemProfileDetailView(CatalogueView):
    @extend_schema(responses=api_serializers.ProblemProfileOutSerializer)
    def get(self, request, problemprofile_id):
        return Response(_profile_out(_profile_or_404(problemprofile_id)))

    @extend_schema(
        request=api_serializers.ProblemProfilePatchSerializer, responses=api_serializers.ProblemProfileOutSerializer
    )
    def put(self, request, problemprofile_id):
        profile = _profile_or_404(problemprofile_id)
        data = self.valid(api_serializers.ProblemProfilePatchSerializer, request.data, partial=True)
        return Response(_profile_out(services.problemprofile_update(profile=profile, data=data)))

    @extend_schema(responses=NULL_RESPONSE)
    def delete(self, request, problemprofile_id):
        services.problemprofile_delete(profile=_profile_or_404(problemprofile_id))
        return null_response()


class ProblemProfileByNameView(CatalogueView):
    @extend_schema(
        parameters=[OpenApiParameter("locale", str, required=True)],
        responses=api_serializers.ProblemProfileOutSerializer,
    )
    def get(self, request, name):
        """The problem profile whose name in ``locale`` is exactly ``name``."""
        locale = self.query(api_serializers.LocaleQuerySerializer)["locale"]
        profile = ProblemProfile.objects.filter(**{f"name_translations__{locale}": name}).order_by("created_at").first()
        if profile is None:
            raise APIError(404, PROBLEMPROFILE_NOT_FOUND)
        return Response(_profile_out(profile))


# --- co-production schemas -------------------------------------------------------------------

SCHEMA_NOT_FOUND = "CoproductionSchema not found"


def _schema_or_404(schema_id: str) -> CoproductionSchema:
    schema = CoproductionSchema.objects.filter(pk=uuid_or_404(schema_id, SCHEMA_NOT_FOUND)).first()
    if schema is None:
        raise APIError(404, SCHEMA_NOT_FOUND)
    return schema


def _schemas_full(view, rows) -> list[dict]:
    return api_serializers.schemas_full_data(selectors.coproductionschemas_for_output(rows), view.context)


def _schema_out(view, schema) -> dict:
    schema = CoproductionSchema.objects.prefetch_related("problemprofiles").get(pk=schema.pk)
    return api_serializers.CoproductionSchemaOutSerializer(schema, context=view.context).data


class CoproductionSchemaListView(CatalogueView):
    @extend_schema(
        operation_id="catalogue_coproductionschemas_list",
        parameters=[
            *PAGE_PARAMS,
            OpenApiParameter("search", str),
            OpenApiParameter("rating", int),
            OpenApiParameter("creator", str, many=True, description="Accepted and ignored (as upstream)."),
            LANGUAGE_PARAM,
        ],
        responses=CoproductionSchemaPage,
    )
    def get(self, request):
        """Schemas offered in the request language, with their phase/objective/task trees."""
        params = self.query(api_serializers.CoproductionSchemaQuerySerializer)
        queryset = selectors.coproductionschema_list(search=params.get("search"), rating=params.get("rating"))
        return self.cached(lambda: self.page(queryset, params, lambda rows: _schemas_full(self, rows)))

    @extend_schema(
        request=api_serializers.ArtefactCreateSerializer, responses=api_serializers.CoproductionSchemaOutSerializer
    )
    def post(self, request):
        data = self.valid(api_serializers.ArtefactCreateSerializer, request.data)
        return Response(_schema_out(self, services.coproductionschema_create(data=data)))


class CoproductionSchemaPublicView(CatalogueView):
    @extend_schema(
        parameters=[SkipLimitSerializer],
        responses=api_serializers.CoproductionSchemaOutFullSerializer(many=True),
    )
    def get(self, request):
        """Public schemas (no language filter)."""
        paginator = SkipLimitPagination(envelope=False)
        params = self.query(SkipLimitSerializer)
        queryset = CoproductionSchema.objects.filter(is_public=True).order_by("created_at", "id")

        def build():
            rows = paginator.paginate_queryset(queryset, request, self, params=params)
            return paginator.get_paginated_response(_schemas_full(self, rows))

        return self.cached(build)


class CoproductionSchemaDetailView(CatalogueView):
    @extend_schema(responses=api_serializers.CoproductionSchemaOutFullSerializer)
    def get(self, request, schema_id):
        return Response(_schemas_full(self, [_schema_or_404(schema_id)])[0])

    @extend_schema(
        request=api_serializers.ArtefactCreateSerializer, responses=api_serializers.CoproductionSchemaOutSerializer
    )
    def put(self, request, schema_id):
        schema = _schema_or_404(schema_id)
        data = self.valid(api_serializers.ArtefactCreateSerializer, request.data, partial=True)
        return Response(_schema_out(self, services.coproductionschema_update(schema=schema, data=data)))

    @extend_schema(responses=NULL_RESPONSE)
    def delete(self, request, schema_id):
        services.artefact_delete(artefact=_schema_or_404(schema_id))
        return null_response()


class CoproductionSchemaByNameView(CatalogueView):
    @extend_schema(
        parameters=[OpenApiParameter("locale", str, default="en")],
        responses=api_serializers.CoproductionSchemaOutSerializer,
    )
    def get(self, request, name):
        locale = (
            self.query(api_serializers.LocaleQuerySerializer)["locale"] if "locale" in request.query_params else "en"
        )
        schema = (
            CoproductionSchema.objects.filter(**{f"name_translations__{locale}": name}).order_by("created_at").first()
        )
        if schema is None:
            raise APIError(404, SCHEMA_NOT_FOUND)
        return Response(_schema_out(self, schema))


# --- ratings ---------------------------------------------------------------------------------

RATING_NOT_FOUND = "Rating not found"


def _rating_or_404(rating_id: str) -> Rating:
    rating = Rating.objects.filter(pk=uuid_or_404(rating_id, RATING_NOT_FOUND)).first()
    if rating is None:
        raise APIError(404, RATING_NOT_FOUND)
    return rating


def _ratings_out(view, rows) -> list[dict]:
    context = {**view.context, "users": selectors.rating_users(rows)}
    return api_serializers.RatingOutSerializer(rows, many=True, context=context).data


class RatingListView(CatalogueView):
    permission_classes = [ReadAnyoneWriteAuthenticated]

    @extend_schema(
        operation_id="catalogue_ratings_list",
        parameters=[*PAGE_PARAMS, OpenApiParameter("artefact_id", str)],
        responses=RatingPage,
    )
    def get(self, request):
        """Ratings of an artefact (all ratings without ``artefact_id``), newest first."""
        params = self.query(api_serializers.RatingQuerySerializer)
        queryset = selectors.rating_list(artefact_id=params.get("artefact_id"))
        return self.page(queryset, params, lambda rows: _ratings_out(self, rows))

    @extend_schema(request=api_serializers.RatingCreateSerializer, responses=api_serializers.RatingOutSerializer)
    def post(self, request):
        """Rate an artefact as the caller; its ``rating`` and ``ratings_count`` follow."""
        data = self.valid(api_serializers.RatingCreateSerializer, request.data)
        rating = services.rating_create(user_id=str(request.user.pk), data=data)
        return Response(_ratings_out(self, [rating])[0])


class RatingDetailView(CatalogueView):
    permission_classes = [ReadAnyoneWriteAuthenticated, RatingAuthorOrSuperuser]

    @extend_schema(responses=api_serializers.RatingOutSerializer)
    def get(self, request, rating_id):
        return Response(_ratings_out(self, [_rating_or_404(rating_id)])[0])

    @extend_schema(request=api_serializers.RatingCreateSerializer, responses=api_serializers.RatingOutSerializer)
    def put(self, request, rating_id):
        rating = _rating_or_404(rating_id)
        self.check_object_permissions(request, rating)
        data = self.valid(api_serializers.RatingCreateSerializer, request.data, partial=True)
        return Response(_ratings_out(self, [services.rating_update(rating=rating, data=data)])[0])

    @extend_schema(responses=NULL_RESPONSE)
    def delete(self, request, rating_id):
        rating = _rating_or_404(rating_id)
        self.check_object_permissions(request, rating)
        services.rating_delete(rating=rating)
        return null_response()


# --- service endpoints (mounted by catalogue/urls.py) ----------------------------------------


class StaticFileView(CatalogueView):
    """Upstream's ``<BASE_PATH>/static/<slug>/…`` (logotypes, snapshots): a redirect to the stored file."""

    @extend_schema(
        responses={302: OpenApiResponse(description="Redirect to the stored file"), 404: OpenApiResponse()},
    )
    def get(self, request, rest):
        name = files.stored_static_file(rest)
        if name is None:
            raise APIError(404, "File not found")
        return HttpResponseRedirect(default_storage.url(name))


class HealthcheckView(CatalogueView):
    @extend_schema(responses={200: bool})
    def get(self, request):
        return Response(True)


class KpisView(CatalogueView):
    @extend_schema(responses={200: dict})
    def get(self, request):
        """Counts of all interlinkers and per subtype."""
        counts = dict(
            Interlinker.objects.order_by().values_list("nature").annotate(n=Count("*")).values_list("nature", "n")
        )
        return Response(
            {
                "interlinkers": {
                    "count": sum(counts.values()),
                    "knowledge": counts.get("knowledgeinterlinker", 0),
                    "externalknowledge": counts.get("externalknowledgeinterlinker", 0),
                    "software": counts.get("softwareinterlinker", 0),
                    "externalsoftware": counts.get("externalsoftwareinterlinker", 0),
                }
            }
        )
