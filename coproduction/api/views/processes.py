"""``/coproductionprocesses`` (spec §4.3)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from common.api import null_response
from common.exceptions import APIError
from common.input import GuardedFormParser, GuardedMultiPartParser
from common.pagination import PageEnvelopePagination, SkipLimitPagination
from common.paging import PageSizeSerializer, SkipLimitSerializer, page_envelope, skip_limit
from common.uploads import logotype_store
from coproduction import catalogue, models, selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import (
    LOGOTYPE_UPLOAD,
    NOT_ENOUGH_PERMISSIONS,
    CoproductionView,
    get_or_404,
    minimum_rating,
    path_params,
    user_or_404,
    valid,
)
from coproduction.api.serializers import lean
from coproduction.api.serializers.assets import AssetOutSerializer
from coproduction.api.serializers.labels import TagSerializer
from coproduction.api.serializers.lean import RenderedPermissions
from coproduction.api.serializers.phases import PhaseOutFullSerializer
from coproduction.api.serializers.processes import (
    ProcessInSerializer,
    ProcessOutFullSerializer,
    ProcessOutSerializer,
    ProcessPublicOutFullSerializer,
    SchemaBodySerializer,
)
from coproduction.api.serializers.stories import StorySerializer
from coproduction.api.serializers.users import UserIdSerializer

PROCESS_NOT_FOUND = "CoproductionProcess not found"


def process_for_read(
    view: CoproductionView, process_id, *, check: bool = True, light: bool = False
) -> models.CoproductionProcess:
    """The process (404) if the caller may read it (403); ``light`` skips the prefetches of its full shape."""
    queryset = models.CoproductionProcess if light else selectors.processes_qs()
    process = get_or_404(queryset, process_id, PROCESS_NOT_FOUND)
    if check and not selectors.can_read_process(view.current_user(), process.pk):
        raise APIError(403, NOT_ENOUGH_PERMISSIONS)
    return process


def process_for_admin(
    view: CoproductionView, process_id, message: str = NOT_ENOUGH_PERMISSIONS, status: int = 403
) -> models.CoproductionProcess:
    process = get_or_404(models.CoproductionProcess, process_id, PROCESS_NOT_FOUND)
    rules.require_process_administrator(view, process.pk, message, status)
    return process


def processes_data(view: CoproductionView, rows: list, *, full: bool) -> list[dict]:
    """Process rows (``selectors.as_rows``) as ``ProcessOutFullSerializer`` (``full``) or
    ``ProcessOutSerializer`` show them (``lean.processes_data``)."""
    related = selectors.process_related_rows([row.id for row in rows], lean.related_columns(), full=full)
    return lean.processes_data(rows, related, view.context(), full=full)


def full(view: CoproductionView, process_id) -> Response:
    return view.out(ProcessOutFullSerializer, selectors.processes_qs().get(pk=process_id))


class ProcessListView(CoproductionView):
    @extend_schema(
        parameters=[OpenApiParameter("search", str), SkipLimitSerializer],
        responses=ProcessOutFullSerializer(many=True),
    )
    def get(self, request):
        """Processes the caller administers or holds a permission on, by creation."""
        processes = selectors.process_list(self.current_user(), search=request.query_params.get("search"))
        paging = skip_limit(request.query_params)
        rows = SkipLimitPagination(envelope=False).paginate_queryset(
            selectors.as_rows(processes, lean.process_columns(full=True)), request, self, params=paging
        )
        return Response(processes_data(self, rows, full=True))

    @extend_schema(request=ProcessInSerializer, responses=ProcessOutFullSerializer)
    def post(self, request):
        """Create a process; the creator becomes its administrator."""
        body = dict(valid(ProcessInSerializer, request.data))
        process = services.process_create(data=body, creator=self.current_user())
        return full(self, process.pk)


class PublicProcessListView(CoproductionView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="coproduction_api_v1_coproductionprocesses_public_list",
        parameters=[
            OpenApiParameter("rating", float),
            OpenApiParameter("search", str),
            OpenApiParameter("tag", str, many=True),
            PageSizeSerializer,
        ],
        responses=page_envelope("PublicProcessPage", ProcessOutSerializer(many=True)),
    )
    def get(self, request):
        """Public processes, a page at a time (``{items, total, page, size}``)."""
        page = valid(PageSizeSerializer, request.query_params)
        processes = selectors.public_process_list(
            minimum_rating=minimum_rating(request.query_params),
            search=request.query_params.get("search"),
            tags=request.query_params.getlist("tag"),
        )
        paginator = PageEnvelopePagination()
        rows = paginator.paginate_queryset(
            selectors.as_rows(processes.order_by("created_at", "id"), lean.process_columns(full=False)),
            request,
            self,
            params=page,
        )
        return paginator.get_paginated_response(processes_data(self, rows, full=False))


@path_params("id")
class PublicProcessDetailView(CoproductionView):
    permission_classes = [AllowAny]

    @extend_schema(responses=ProcessPublicOutFullSerializer)
    def get(self, request, id):
        """A public process, without authentication."""
        process = get_or_404(selectors.public_processes_qs().filter(is_public=True), id, PROCESS_NOT_FOUND)
        return self.out(ProcessPublicOutFullSerializer, process)


@path_params("id")
class ProcessDetailView(CoproductionView):
    @extend_schema(responses=ProcessOutFullSerializer)
    def get(self, request, id):
        """A process (administrators and permitted members)."""
        return self.out(ProcessOutFullSerializer, process_for_read(self, id))

    @extend_schema(request=ProcessInSerializer, responses=ProcessOutFullSerializer)
    def put(self, request, id):
        """Update a process (administrators)."""
        process = process_for_admin(self, id)
        body = dict(valid(ProcessInSerializer, request.data, partial=True))
        tags = body.pop("tags", None)
        services.process_update(process=process, data=body, tags=tags)
        return full(self, process.pk)

    @extend_schema(responses={200: None})
    def delete(self, request, id):
        """Delete a process with its tree, stories and notifications (administrators)."""
        services.process_delete(process=process_for_admin(self, id))
        return null_response()


@path_params("id")
class ProcessCatalogueView(CoproductionView):
    @extend_schema(responses=ProcessOutFullSerializer)
    def get(self, request, id):
        """A process without the read check."""
        self.current_user()
        return self.out(ProcessOutFullSerializer, process_for_read(self, id, check=False))


@path_params("id")
class ProcessLogotypeView(CoproductionView):
    parser_classes = [GuardedMultiPartParser, GuardedFormParser]

    @extend_schema(
        request=LOGOTYPE_UPLOAD,
        responses=ProcessOutFullSerializer,
    )
    def post(self, request, id):
        """Upload the process logotype (stored through Django's storage)."""
        process = process_for_admin(self, id, "You are not allowed to update this coproductionprocess")
        logotype = logotype_store(request.FILES.get("file"), f"coproductionprocesses/{process.pk}")
        services.process_set_logotype(process=process, logotype=logotype)
        return full(self, process.pk)


@path_params("id")
class SetSchemaView(CoproductionView):
    @extend_schema(request=SchemaBodySerializer, responses=ProcessOutFullSerializer)
    def post(self, request, id):
        """Build the tree from a catalogue schema: upstream's JSON body, or a catalogue schema id."""
        process = process_for_admin(
            self, id, "You do not have permissions to update the coproductionprocess", status=404
        )
        body = request.data
        if not isinstance(body, dict):
            raise serializers.ValidationError({"body": ["A JSON object is required."]})
        valid(SchemaBodySerializer, body)
        if body.get("children") is None:
            schema_id = body.get("id") or body.get("coproductionschema_id")
            if not schema_id:
                raise serializers.ValidationError({"id": ["This field is required."]})
            body = catalogue.schema_tree(schema_id, process.language or "en")
        services.set_schema(process=process, schema=body, creator=self.current_user())
        return full(self, process.pk)


@path_params("id")
class ClearSchemaView(CoproductionView):
    @extend_schema(request=None, responses=ProcessOutFullSerializer)
    def post(self, request, id):
        """Hard-delete the whole tree."""
        process = process_for_admin(self, id)
        services.process_clear_schema(process=process)
        return full(self, process.pk)


def tree_response(view: CoproductionView, process_id) -> Response:
    """``PhaseOutFullSerializer(many=True)`` of the process's phases (``lean.tree_data``)."""
    context = view.context()
    permissions = RenderedPermissions.of_rows(
        selectors.process_permission_rows(process_id, lean.related_columns()), context
    )
    return Response(lean.tree_data(selectors.tree_rows(process_id, lean.tree_columns()), permissions, context))


@path_params("id")
class ProcessTreeView(CoproductionView):
    @extend_schema(responses=PhaseOutFullSerializer(many=True))
    def get(self, request, id):
        """Phases with objectives and tasks (disabled ones included)."""
        return tree_response(self, process_for_read(self, id, light=True).pk)


@path_params("id")
class ProcessTreeCatalogueView(CoproductionView):
    @extend_schema(responses=PhaseOutFullSerializer(many=True))
    def get(self, request, id):
        """The tree without the read check."""
        self.current_user()
        return tree_response(self, process_for_read(self, id, check=False, light=True).pk)


@path_params("id")
class ProcessAssetsView(CoproductionView):
    @extend_schema(responses=AssetOutSerializer(many=True))
    def get(self, request, id):
        """Assets of the process visible to the caller, newest first, with ``internalData``."""
        from coproduction.api.views.assets import assets_response

        user = self.current_user()
        process = process_for_read(self, id, light=True)
        return assets_response(self, selectors.process_assets_visible_to(user, process), internal_data=True)


@path_params("id")
class AdministratorsView(CoproductionView):
    @extend_schema(request=UserIdSerializer, responses=ProcessOutFullSerializer)
    def post(self, request, id):
        """Add an administrator."""
        process = process_for_admin(self, id)
        body = valid(UserIdSerializer, request.data)
        user = user_or_404(body["user_id"])
        services.administrator_add(process=process, user=user)
        return full(self, process.pk)


@path_params("id", "user_id")
class AdministratorDetailView(CoproductionView):
    @extend_schema(responses=ProcessOutFullSerializer)
    def delete(self, request, id, user_id):
        """Remove an administrator (not the last one)."""
        process = process_for_admin(self, id)
        services.administrator_remove(process=process, user_id=user_id)
        return full(self, process.pk)


COPY_PARAMS = [
    OpenApiParameter("label_name", str, default="Copy of "),
    OpenApiParameter("from_view", str, enum=["", "story", "for_publication"]),
]


@path_params("id")
class CopyView(CoproductionView):
    @extend_schema(parameters=COPY_PARAMS, request=None, responses=OpenApiTypes.STR)
    def post(self, request, id):
        """Clone the process; answers the new id. Administrators copy their process; anyone copies
        a published story's public copy (``from_view=story``)."""
        from_view = request.query_params.get("from_view", "")
        user = self.current_user()
        process = get_or_404(models.CoproductionProcess, id, PROCESS_NOT_FOUND)
        if not (from_view == "story" and (process.is_part_of_publication or process.is_public)):
            rules.require_process_administrator(self, process.pk)
        clone = services.process_copy(
            process=process,
            user=user,
            label_name=request.query_params.get("label_name", "Copy of "),
            from_view=from_view,
        )
        return Response(str(clone.pk))


@path_params("id")
class PublishStoryView(CoproductionView):
    @extend_schema(parameters=COPY_PARAMS, request=OpenApiTypes.OBJECT, responses=StorySerializer)
    def post(self, request, id):
        """Copy the process for publication and create its story from the body."""
        user = self.current_user()
        process = get_or_404(models.CoproductionProcess, id, PROCESS_NOT_FOUND)
        rules.require_process_administrator(self, process.pk)
        story = services.publish_story(
            process=process,
            user=user,
            data_story=request.data,
            label_name=request.query_params.get("label_name", ""),
            from_view=request.query_params.get("from_view", ""),
        )
        return self.out(StorySerializer, story)


@path_params("id")
class AddTagView(CoproductionView):
    @extend_schema(request=TagSerializer, responses=ProcessOutFullSerializer)
    def post(self, request, id):
        """Link a tag to the process."""
        process = process_for_admin(self, id)
        tag_id = request.data.get("id") if isinstance(request.data, dict) else None
        tag = get_or_404(models.Tag, tag_id, "Tag not found")
        services.process_add_tag(process=process, tag=tag)
        return full(self, process.pk)


class ApplyToBeContributorSerializer(serializers.Serializer):
    processId = serializers.UUIDField()
    razon = serializers.CharField(allow_blank=True)
    adminEmails = serializers.ListField(child=serializers.CharField(), required=False)
    coproductionName = serializers.CharField(required=False, allow_blank=True)


class ApplyToBeContributorView(CoproductionView):
    @extend_schema(request=ApplyToBeContributorSerializer, responses=OpenApiTypes.STR)
    def post(self, request):
        """Apply to contribute: a participation request and ``apply_submited`` notifications (no e-mail)."""
        user = self.current_user()
        body = valid(ApplyToBeContributorSerializer, request.data)
        process = get_or_404(models.CoproductionProcess, body["processId"], PROCESS_NOT_FOUND)
        services.participation_request_apply(candidate=user, process=process, reason=body["razon"])
        return Response("Done")
