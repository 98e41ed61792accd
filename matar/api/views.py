"""The Matar API at ``/matar/api/v1/``: upstream's (Flask) paths, shapes, status codes and messages.

Authentication is Matar's own: a Matar user (table ``user`` of the ``matar`` database) logs
in by phone OTP and sends ``Authorization: Bearer <access token>``; the accounts tokens and
sessions used by the rest of the project do not apply here.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.openapi import FLASK_ERROR_BODIES
from matar import permissions as rules
from matar import selectors, services, tokens
from matar.api import serializers
from matar.authentication import MatarAccessTokenAuthentication, MatarRefreshTokenAuthentication
from matar.errors import MatarError, bad_request, exception_handler, not_found
from matar.models import ActivityType
from matar.throttling import OTPSendAddressThrottle, OTPSendPhoneThrottle

ORGANIZATION_PARAM = OpenApiParameter("organization_id", str, required=True)
OFFSET_PARAM = OpenApiParameter("offset", int, default=0)
PHONE_DIGITS = range(10, 16)
CHATGPT_NOT_ENABLED = "chatgpt not enabled for this post"
CHATGPT_NOT_AVAILABLE = "ChatGPT answers are not available in this project."
TRANSCRIPTION_NOT_AVAILABLE = "Transcription is not available in this project: posts are stored without a transcript."


class MatarView(APIView):
    """Matar's conventions: its bearer tokens, ``{"message": …}`` errors, 400 for bad input (Flask)."""

    authentication_classes = [MatarAccessTokenAuthentication]
    permission_classes = [IsAuthenticated]
    validation_error_status = status.HTTP_400_BAD_REQUEST
    openapi_error_bodies = FLASK_ERROR_BODIES

    def get_exception_handler(self):
        return exception_handler

    @staticmethod
    def valid(serializer_class, data) -> dict:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def organization_from_query(self):
        """The community of ``organization_id`` (404), if the caller is a member of it (403)."""
        query = self.valid(serializers.OrganizationQuerySerializer, self.request.query_params)
        organization = selectors.organization_get(query["organization_id"])
        if organization is None:
            raise not_found()
        rules.require_member(self.request.user, organization)
        return organization


def _phone_number(raw: str) -> str:
    digits = raw.strip().removeprefix("+").replace(" ", "")
    if not digits.isascii() or not digits.isdigit() or len(digits) not in PHONE_DIGITS:
        raise bad_request("Invalid phone number")
    return digits


# Login and profile --------------------------------------------------------------------


class LoginView(MatarView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [OTPSendPhoneThrottle, OTPSendAddressThrottle]

    @extend_schema(
        request=serializers.LoginSerializer,
        responses={200: OpenApiResponse(description='{"message": "sent otp"} or {"access_token", "refresh_token"}')},
    )
    def post(self, request):
        """Phone-OTP login: ``action`` ``send_otp`` sends a code, ``submit_otp`` exchanges it for tokens."""
        body = self.valid(serializers.LoginSerializer, request.data)
        phone_number = _phone_number(body["phone_number"])
        if body["action"] == "send_otp":
            services.otp_send(phone_number=phone_number, name=body.get("name") or None)
            return Response({"message": "sent otp"})
        if body["action"] == "submit_otp":
            if not body.get("otp"):
                raise bad_request("Invalid OTP")
            return Response(services.otp_submit(phone_number=phone_number, otp=body["otp"]))
        raise bad_request("Invalid action")


class RefreshView(MatarView):
    authentication_classes = [MatarRefreshTokenAuthentication]

    @extend_schema(request=None, responses=serializers.AccessTokenSerializer)
    def post(self, request):
        """A new access token for a refresh token."""
        return Response({"access_token": tokens.create_access_token(request.user.pk, session=request.auth.get("sid"))})


class LogoutView(MatarView):
    @extend_schema(request=None, responses=serializers.MessageSerializer)
    def post(self, request):
        """Revoke the access token used for this request, and the refresh token of its login."""
        tokens.revoke(request.auth)
        return Response({"message": "Successfully logged out"})


class CurrentUserView(MatarView):
    @extend_schema(responses=serializers.UserSerializer)
    def get(self, request):
        """The logged-in Matar user."""
        return Response(serializers.UserSerializer(request.user).data)


class EditUserView(MatarView):
    @extend_schema(request=serializers.EditUserSerializer, responses=serializers.UserSerializer)
    def post(self, request):
        """Update name, language, avatar; the organisation becomes the user's membership."""
        body = self.valid(serializers.EditUserSerializer, request.data)
        user = services.user_edit(user=request.user, **body)
        return Response(serializers.UserSerializer(user).data)


# Reference data -----------------------------------------------------------------------


class OrganizationsView(MatarView):
    @extend_schema(responses=serializers.OrganizationsSerializer)
    def get(self, request):
        """Every organisation not deactivated, by ``sort_order`` (NULLs last), then ``_id``."""
        organizations = selectors.organization_list()
        return Response({"organizations": serializers.OrganizationSerializer(organizations, many=True).data})


class LanguagesView(MatarView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses=serializers.LanguagesSerializer)
    def get(self, request):
        """The languages (code → label)."""
        return Response({"languages": serializers.LANGUAGES})


class CategoriesView(MatarView):
    @extend_schema(parameters=[ORGANIZATION_PARAM], responses=serializers.CategoriesSerializer)
    def get(self, request):
        """The organisation's categories, by ``sort_order`` then ``_id``."""
        organization = self.organization_from_query()
        categories = selectors.category_list(organization=organization)
        return Response({"categories": serializers.CategorySerializer(categories, many=True).data})


class ActivityTypesView(MatarView):
    @extend_schema(responses=serializers.ActivityTypesSerializer)
    def get(self, request):
        """The activity types."""
        return Response(
            {"activity_types": serializers.ActivityTypeSerializer(selectors.activity_type_list(), many=True).data}
        )


# Posts --------------------------------------------------------------------------------


class NewPostView(MatarView):
    @extend_schema(
        parameters=[ORGANIZATION_PARAM],
        request={"multipart/form-data": serializers.NewPostFormSerializer},
        responses=serializers.NewPostResponseSerializer,
    )
    def post(self, request):
        """A question, or an answer with ``parent_post_id``: an audio file (FLAC mono or M4A, ≤ 120 s)."""
        organization = self.organization_from_query()
        form = self.valid(serializers.NewPostFormSerializer, request.data)
        category = rules.category_in(organization, form["category_id"])
        if category is None:
            raise not_found()
        parent = None
        if form.get("parent_post_id"):
            parent = rules.post_in(organization, form["parent_post_id"])
            if parent is None:
                raise not_found()
        post = services.post_create(
            user=request.user,
            organization=organization,
            category=category,
            parent=parent,
            audio_file=form["file"],
            absolute_url=request.build_absolute_uri,
        )
        return Response({"message": "Post received", "post": serializers.PostSerializer(post).data})


class DeletePostView(MatarView):
    @extend_schema(
        parameters=[ORGANIZATION_PARAM],
        request=serializers.DeletePostSerializer,
        responses=serializers.MessageSerializer,
    )
    def post(self, request):
        """Soft-delete one's own post."""
        organization = self.organization_from_query()
        body = self.valid(serializers.DeletePostSerializer, request.data)
        post = rules.post_in(organization, body["post_id"])
        if post is None:
            raise not_found()
        services.post_delete(user=request.user, post=post)
        return Response({"message": "Post deleted"})


class PostActivityView(MatarView):
    @extend_schema(
        parameters=[ORGANIZATION_PARAM],
        request=serializers.PostActivityInputSerializer,
        responses=serializers.PostActivityResponseSerializer,
    )
    def post(self, request):
        """Record an activity (like, view, share…) and increment the post's counter of its type."""
        organization = self.organization_from_query()
        body = self.valid(serializers.PostActivityInputSerializer, request.data)
        activity_type = ActivityType.objects.filter(pk=body["post_activity_type"]).first()
        if activity_type is None:
            raise not_found()
        activity, _post = services.post_activity_create(
            user=request.user,
            post_id=body["post_id"],
            activity_type=activity_type,
            organization_id=organization.pk,
            data=body.get("data"),
        )
        return Response(
            {"message": "New user activity on post", "post_activity": serializers.PostActivitySerializer(activity).data}
        )


class UserPostActivitiesView(MatarView):
    @extend_schema(
        parameters=[ORGANIZATION_PARAM, OpenApiParameter("post_activity_type", str), OFFSET_PARAM],
        responses=serializers.ActivityPostsPageSerializer,
    )
    def get(self, request):
        """The organisation's posts the caller acted on (of one type), newest activity first, 10 a page."""
        query = self.valid(serializers.UserActivitiesQuerySerializer, request.query_params)
        organization = self.organization_from_query()
        activity_type = query.get("post_activity_type")
        if activity_type is not None and not ActivityType.objects.filter(pk=activity_type).exists():
            raise not_found()
        page = selectors.user_activity_posts(
            organization=organization, viewer=request.user, activity_type=activity_type, offset=query["offset"]
        )
        return Response({"page_details": page.details(), "posts": serializers.feed_posts_data(page.items)})


class PostFeedView(MatarView):
    @extend_schema(
        parameters=[
            OpenApiParameter("organization_id", str, description="the feed of this organisation"),
            OpenApiParameter("category_id", str),
            OpenApiParameter("post_id", str, description="one question (not wrapped) instead of the feed"),
            OFFSET_PARAM,
        ],
        responses={200: serializers.FeedPageSerializer},
    )
    def get(self, request):
        """The feed (active questions, newest first, 10 a page, each with its first answers), or one question."""
        query = self.valid(serializers.FeedQuerySerializer, request.query_params)
        if query.get("post_id"):
            post = selectors.question_detail(
                post_id=query["post_id"],
                viewer=request.user,
                offset=query["offset"],
                organization_ids=rules.readable_organization_ids(request.user),
            )
            if post is None:
                raise not_found()
            return Response(serializers.question_data(post))
        organization = self.organization_from_query()
        category_id = query.get("category_id")
        if category_id is not None and rules.category_in(organization, category_id) is None:
            raise not_found()
        page = selectors.feed(
            organization=organization, viewer=request.user, category_id=category_id, offset=query["offset"]
        )
        return Response({"page_details": page.details(), "posts": serializers.questions_data(page.items)})


class GptAnswerView(MatarView):
    @extend_schema(
        parameters=[OpenApiParameter("post_id", str, required=True), ORGANIZATION_PARAM],
        responses={
            501: serializers.MessageSerializer,
            400: serializers.MessageSerializer,
            404: serializers.MessageSerializer,
        },
    )
    def get(self, request):
        """ChatGPT answers are not built: 501 after upstream's checks."""
        query = self.valid(serializers.GptAnswerQuerySerializer, request.query_params)
        organization = self.organization_from_query()
        post = rules.post_in(organization, query["post_id"])
        if post is None:
            raise not_found()
        enabled = post.is_chatgpt_enabled if post.is_chatgpt_enabled is not None else organization.is_chatgpt_enabled
        if enabled is False:
            raise bad_request(CHATGPT_NOT_ENABLED)
        raise MatarError(status.HTTP_501_NOT_IMPLEMENTED, {"message": CHATGPT_NOT_AVAILABLE})


class TranscribeView(MatarView):
    @extend_schema(request=None, responses={501: serializers.MessageSerializer})
    def post(self, request):
        """Speech-to-text is not built (posts are stored without a transcript): 501."""
        raise MatarError(status.HTTP_501_NOT_IMPLEMENTED, {"message": TRANSCRIPTION_NOT_AVAILABLE})
