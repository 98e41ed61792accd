"""Shapes of the Matar API: upstream's JSON (keys in upstream's alphabetical order)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from common.lean import Shape
from matar.models import ActivityType, Category, Language, Organization, Post, PostActivity, User

INDIA = ZoneInfo("Asia/Kolkata")
CREATED_AT_FORMAT = "%d/%m/%Y , %I:%M %p"
INVITE_LINK = "https://matar.app.link/{}"


def format_created_at(ms: int | None) -> str | None:
    """Epoch milliseconds as upstream prints them: ``"25/08/2023 , 06:05 AM"`` (India time)."""
    if ms is None:
        return None
    return datetime.fromtimestamp(ms / 1000, INDIA).strftime(CREATED_AT_FORMAT)


class OrganizationSerializer(serializers.ModelSerializer):
    _id = serializers.CharField(source="id")
    code = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
            "_id",
            "code",
            "description",
            "is_active",
            "is_chatgpt_enabled",
            "language",
            "max_post_duration",
            "org_type",
            "title",
        ]

    def get_code(self, organization: Organization) -> str | None:
        return INVITE_LINK.format(organization.code) if organization.code is not None else None


class CategorySerializer(serializers.ModelSerializer):
    _id = serializers.CharField(source="id")

    class Meta:
        model = Category
        fields = ["_id", "is_active", "parent_category_id", "sort_order", "title"]


class ActivityTypeSerializer(serializers.ModelSerializer):
    _id = serializers.CharField(source="id")

    class Meta:
        model = ActivityType
        fields = ["_id", "is_active", "title"]


class UserSerializer(serializers.ModelSerializer):
    _id = serializers.CharField(source="id")

    class Meta:
        model = User
        fields = ["_id", "image_url", "language", "name", "phone_number", "roles"]


class UserBriefSerializer(serializers.ModelSerializer):
    _id = serializers.CharField(source="id")

    class Meta:
        model = User
        fields = ["_id", "image_url", "name"]


POST_FIELDS = [
    "_id",
    "audio_data",
    "audio_text",
    "audio_translation",
    "audio_url",
    "category_ids",
    "chatgpt_query_id",
    "created_at",
    "data",
    "is_active",
    "is_chatgpt_enabled",
    "organization_id",
    "parent_post_id",
    "sort_order",
    "text",
    "user_id",
    "whisper_id",
]


class PostSerializer(serializers.ModelSerializer):
    _id = serializers.CharField(source="id")
    created_at = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = POST_FIELDS

    def get_created_at(self, post: Post) -> str | None:
        return format_created_at(post.created_at)


class FeedPostSerializer(PostSerializer):
    """A post with its author and the viewer's activities (``{<type>: true}``)."""

    user = UserBriefSerializer(allow_null=True)
    user_post_activities = serializers.SerializerMethodField()

    class Meta(PostSerializer.Meta):
        fields = [*POST_FIELDS, "user", "user_post_activities"]

    @extend_schema_field(serializers.DictField(child=serializers.BooleanField()))
    def get_user_post_activities(self, post: Post) -> dict:
        return _viewer_activities(post)


class ChildPostsDetailsSerializer(serializers.Serializer):
    current_start = serializers.IntegerField()
    cursor = serializers.IntegerField()
    next_offset = serializers.IntegerField()
    total = serializers.IntegerField()


class QuestionSerializer(FeedPostSerializer):
    """A question in the feed: with one page of its answers and that page's details."""

    child_posts = serializers.SerializerMethodField()
    child_posts_details = serializers.SerializerMethodField()

    class Meta(FeedPostSerializer.Meta):
        fields = [*FeedPostSerializer.Meta.fields, "child_posts", "child_posts_details"]

    @extend_schema_field(FeedPostSerializer(many=True))
    def get_child_posts(self, post: Post) -> list:
        return FeedPostSerializer(post.answer_page.items, many=True).data

    @extend_schema_field(ChildPostsDetailsSerializer)
    def get_child_posts_details(self, post: Post) -> dict:
        return _answer_page_details(post)


def _viewer_activities(post: Post) -> dict:
    return {activity_type: True for activity_type in sorted(getattr(post, "viewer_activity_types", ()))}


def _answer_page_details(post: Post) -> dict:
    page = post.answer_page
    return {"current_start": page.current_start, "cursor": page.current_start, **page.details()}


@functools.cache
def post_shapes() -> dict[str, Shape]:
    """``common.lean.Shape`` of ``FeedPostSerializer`` (``"post"``) and ``QuestionSerializer``
    (``"question"``): the same bytes (matar/tests/test_lean_output.py) without DRF's per-field
    bookkeeping, which was half the CPU of a feed page (10 questions, up to 100 answers)."""
    user = Shape(UserBriefSerializer)
    post_fields = {
        "created_at": lambda post, _: format_created_at(post.created_at),
        "user": lambda post, context: None if post.user is None else user(post.user, context),
        "user_post_activities": lambda post, _: _viewer_activities(post),
    }
    post = Shape(FeedPostSerializer, computed=post_fields)
    question = Shape(
        QuestionSerializer,
        computed={
            **post_fields,
            "child_posts": lambda question, context: post.many(question.answer_page.items, context),
            "child_posts_details": lambda question, _: _answer_page_details(question),
        },
    )
    return {"post": post, "question": question}


def feed_posts_data(posts: Iterable[Post]) -> list[dict]:
    """Posts as ``FeedPostSerializer(many=True)`` shows them."""
    return post_shapes()["post"].many(posts, {})


def questions_data(questions: Iterable[Post]) -> list[dict]:
    """Questions as ``QuestionSerializer(many=True)`` shows them."""
    return post_shapes()["question"].many(questions, {})


def question_data(question: Post) -> dict:
    """One question as ``QuestionSerializer`` shows it."""
    return post_shapes()["question"](question, {})


class PostActivitySerializer(serializers.ModelSerializer):
    _id = serializers.CharField(source="id")
    post_activity_type = serializers.CharField(source="post_activity_type_id", allow_null=True)

    class Meta:
        model = PostActivity
        fields = ["_id", "data", "is_active", "organization_id", "post_activity_type", "post_id", "user_id"]


class PageDetailsSerializer(serializers.Serializer):
    current_start = serializers.IntegerField()
    next_offset = serializers.IntegerField()
    total = serializers.IntegerField()


# Envelopes (documentation of the responses) --------------------------------------------


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class TokensSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()


class AccessTokenSerializer(serializers.Serializer):
    access_token = serializers.CharField()


class OrganizationsSerializer(serializers.Serializer):
    organizations = OrganizationSerializer(many=True)


class LanguagesSerializer(serializers.Serializer):
    languages = serializers.DictField(child=serializers.CharField())


class CategoriesSerializer(serializers.Serializer):
    categories = CategorySerializer(many=True)


class ActivityTypesSerializer(serializers.Serializer):
    activity_types = ActivityTypeSerializer(many=True)


class NewPostResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    post = PostSerializer()


class PostActivityResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    post_activity = PostActivitySerializer()


class FeedPageSerializer(serializers.Serializer):
    page_details = PageDetailsSerializer()
    posts = QuestionSerializer(many=True)


class ActivityPostsPageSerializer(serializers.Serializer):
    page_details = PageDetailsSerializer()
    posts = FeedPostSerializer(many=True)


# Input --------------------------------------------------------------------------------


class LoginSerializer(serializers.Serializer):
    phone_number = serializers.CharField()
    name = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    action = serializers.CharField()
    otp = serializers.CharField(required=False, allow_blank=True)


class EditUserSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_null=True)
    language = serializers.CharField(required=False, allow_null=True)
    organization_id = serializers.CharField(required=False, allow_null=True)
    image_url = serializers.CharField(required=False, allow_null=True, allow_blank=True)


class OrganizationQuerySerializer(serializers.Serializer):
    organization_id = serializers.CharField()


class OffsetQuerySerializer(serializers.Serializer):
    offset = serializers.IntegerField(required=False, default=0, min_value=0, max_value=2_147_483_647)


class FeedQuerySerializer(OffsetQuerySerializer):
    organization_id = serializers.CharField(required=False)
    category_id = serializers.CharField(required=False)
    post_id = serializers.CharField(required=False)

    def validate(self, attrs):
        if not attrs.get("post_id") and not attrs.get("organization_id"):
            raise serializers.ValidationError({"organization_id": ["This field is required (or give post_id)."]})
        return attrs


class UserActivitiesQuerySerializer(OffsetQuerySerializer):
    organization_id = serializers.CharField()
    post_activity_type = serializers.CharField(required=False)


class GptAnswerQuerySerializer(serializers.Serializer):
    post_id = serializers.CharField()
    organization_id = serializers.CharField()


class NewPostFormSerializer(serializers.Serializer):
    file = serializers.FileField()
    category_id = serializers.CharField()
    parent_post_id = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class DeletePostSerializer(serializers.Serializer):
    post_id = serializers.CharField()


class PostActivityInputSerializer(serializers.Serializer):
    post_activity_type = serializers.CharField()
    post_id = serializers.CharField()
    data = serializers.JSONField(required=False, allow_null=True)

    def validate_data(self, value):
        """PostgreSQL's ``jsonb`` cannot hold the character U+0000: refuse it here, not with a 500."""
        if "\\u0000" in json.dumps(value):
            raise serializers.ValidationError("Null characters are not allowed.")
        return value


LANGUAGES = {code: label for code, label in Language.choices}


def _prefix_component_names() -> None:
    """OpenAPI component names ``Matar<Name>``: other apps have users, organisations, messages too."""
    for name, obj in list(globals().items()):
        if isinstance(obj, type) and issubclass(obj, serializers.BaseSerializer) and obj.__module__ == __name__:
            extend_schema_serializer(component_name="Matar" + name.removesuffix("Serializer"))(obj)


_prefix_component_names()
