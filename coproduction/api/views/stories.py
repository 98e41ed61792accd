"""``/stories``: a process's published stories (spec §4.7). Stories are written by the
process's administrators (coproduction/api/permissions.py)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from common.ids import parse_uuid
from common.paging import PageSizeSerializer, page_envelope
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, minimum_rating, path_params, valid
from coproduction.api.serializers.labels import KeywordSerializer
from coproduction.api.serializers.stories import StorySerializer
from coproduction.models import CoproductionProcess, Keyword, Story

STORY_NOT_FOUND = "Story not found"
PROCESS_NOT_FOUND = "CoproductionProcess not found"


class StoryListView(CoproductionView):
    @extend_schema(
        parameters=[
            OpenApiParameter("rating", float),
            OpenApiParameter("search", str),
            OpenApiParameter("keyword", str),
            PageSizeSerializer,
        ],
        responses=page_envelope("CoproductionStoryPage", StorySerializer(many=True)),
    )
    def get(self, request):
        """Stories, a page at a time, filtered by rating, title/description and keyword."""
        page = valid(PageSizeSerializer, request.query_params)
        stories = selectors.story_list(
            minimum_rating=minimum_rating(request.query_params),
            search=request.query_params.get("search"),
            keyword=request.query_params.get("keyword"),
        )
        return self.page_response(stories, page, StorySerializer)

    @extend_schema(request=StorySerializer, responses=StorySerializer)
    def post(self, request):
        user = self.current_user()
        body = valid(StorySerializer, request.data)
        get_or_404(CoproductionProcess, body["coproductionprocess_id"], PROCESS_NOT_FOUND)
        rules.require_process_administrator(self, body["coproductionprocess_id"])
        story = services.story_create(user=user, data=body)
        return self.out(StorySerializer, selectors.stories_qs().get(pk=story.pk))


class StoryAllView(CoproductionView):
    @extend_schema(responses=StorySerializer(many=True))
    def get(self, request):
        self.current_user()
        return self.out(StorySerializer, selectors.stories_qs().order_by("created_at", "id"), many=True)


@path_params("process_id")
class ProcessStoriesView(CoproductionView):
    @extend_schema(operation_id="stories_of_process", responses=StorySerializer(many=True))
    def get(self, request, process_id):
        self.current_user()
        stories = selectors.stories_of_process(parse_uuid(process_id, "coproductionprocess_id"))
        return self.out(StorySerializer, stories, many=True)


@path_params("process_id")
class CreateStoryView(CoproductionView):
    @extend_schema(request=OpenApiTypes.OBJECT, responses=StorySerializer)
    def post(self, request, process_id):
        """A story for the process with the free JSON body as ``data_story``."""
        user = self.current_user()
        process = get_or_404(CoproductionProcess, process_id, PROCESS_NOT_FOUND)
        rules.require_process_administrator(self, process.pk)
        story = services.story_create_for_process(process=process, user=user, data_story=request.data)
        return self.out(StorySerializer, selectors.stories_qs().get(pk=story.pk))


@path_params("id")
class StoryDetailView(CoproductionView):
    @extend_schema(request=StorySerializer, responses=StorySerializer)
    def put(self, request, id):
        self.current_user()
        story = get_or_404(Story, id, STORY_NOT_FOUND)
        rules.require_process_administrator(self, story.coproductionprocess_id)
        body = valid(StorySerializer, request.data, partial=True)
        if body.get("coproductionprocess_id", story.coproductionprocess_id) != story.coproductionprocess_id:
            rules.require_process_administrator(self, body["coproductionprocess_id"])
        services.story_update(story=story, data=body)
        return self.out(StorySerializer, selectors.stories_qs().get(pk=story.pk))

    @extend_schema(responses=StorySerializer)
    def delete(self, request, id):
        self.current_user()
        story = get_or_404(selectors.stories_qs(), id, STORY_NOT_FOUND)
        rules.require_process_administrator(self, story.coproductionprocess_id)
        data = StorySerializer(story).data
        services.story_delete(story=story)
        return Response(data)


@path_params("id")
class StoryGetView(CoproductionView):
    @extend_schema(responses=StorySerializer)
    def get(self, request, id):
        return self.out(StorySerializer, get_or_404(selectors.stories_qs(), id, STORY_NOT_FOUND))


@path_params("id")
class StoryAddKeywordView(CoproductionView):
    @extend_schema(request=KeywordSerializer, responses=StorySerializer)
    def post(self, request, id):
        self.current_user()
        story = get_or_404(Story, id, STORY_NOT_FOUND)
        rules.require_process_administrator(self, story.coproductionprocess_id)
        keyword_id = request.data.get("id") if isinstance(request.data, dict) else None
        keyword = get_or_404(Keyword, keyword_id, "Keyword not found")
        services.story_add_keyword(story=story, keyword=keyword)
        return self.out(StorySerializer, selectors.stories_qs().get(pk=story.pk))
