"""Stories, ratings, tags, keywords, notifications, participation requests, claims and
assignments (spec §4.7, §4.8). Upstream lets any authenticated user do everything here; the
rules applied instead are named in coproduction/api/permissions.py (docs/authorization.md)."""

from __future__ import annotations

import html

from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from common.exceptions import APIError
from common.paging import page_envelope
from coproduction import models as m
from coproduction import services
from coproduction.api import permissions as rules
from coproduction.api import serializers as s
from coproduction.api.base import CoproductionView, get_or_404, parse_uuid, path_params, valid
from coproduction.api.views.processes import paginate

# Tags and keywords -------------------------------------------------------------------------


def named_views(model, serializer, label: str):
    exists = f"{label} already exists"
    not_found = f"{label} not found"

    class ListView(CoproductionView):
        @extend_schema(operation_id=f"{label.lower()}s_list", responses=serializer(many=True))
        def get(self, request):
            self.current_user()
            return self.out(serializer, model.objects.order_by("name"), many=True)

        @extend_schema(operation_id=f"{label.lower()}s_create", request=serializer, responses=serializer)
        def post(self, request):
            self.current_user()
            body = valid(serializer, request.data)
            if model.objects.filter(name=body["name"]).exists():
                raise APIError(400, exists)
            return self.out(serializer, model.objects.create(**body))

    class CreateByNameView(CoproductionView):
        @extend_schema(operation_id=f"{label.lower()}s_createbyname", request=serializer, responses=serializer)
        def post(self, request):
            self.current_user()
            body = valid(serializer, request.data)
            obj, _ = model.objects.get_or_create(name=body["name"], defaults={"description": body.get("description")})
            return self.out(serializer, obj)

    class SearchView(CoproductionView):
        @extend_schema(
            operation_id=f"{label.lower()}s_search",
            parameters=[OpenApiParameter("name", str, required=True)],
            responses=serializer,
        )
        def get(self, request):
            self.current_user()
            obj = model.objects.filter(name=request.query_params.get("name", "")).first()
            if obj is None:
                raise APIError(404, not_found)
            return self.out(serializer, obj)

    @path_params("id")
    class DetailView(CoproductionView):
        permission_classes = [rules.SuperuserToDelete]

        @extend_schema(operation_id=f"{label.lower()}s_retrieve", responses=serializer)
        def get(self, request, id):
            self.current_user()
            return self.out(serializer, get_or_404(model.objects.all(), id, not_found))

        @extend_schema(operation_id=f"{label.lower()}s_destroy", responses=serializer)
        def delete(self, request, id):
            self.current_user()
            obj = get_or_404(model.objects.all(), id, not_found)
            data = serializer(obj).data
            obj.delete()
            return Response(data)

    for view in (ListView, CreateByNameView, SearchView, DetailView):
        view.__name__ = f"{label}{view.__name__}"
    return ListView, CreateByNameView, SearchView, DetailView


TagListView, TagCreateByNameView, TagSearchView, TagDetailView = named_views(m.Tag, s.TagSerializer, "Tag")
KeywordListView, KeywordCreateByNameView, KeywordSearchView, KeywordDetailView = named_views(
    m.Keyword, s.KeywordSerializer, "Keyword"
)


# Stories -----------------------------------------------------------------------------------

STORY_NOT_FOUND = "Story not found"


def stories_qs():
    return m.Story.objects.prefetch_related("keywords")


class StoryListView(CoproductionView):
    @extend_schema(
        parameters=[
            OpenApiParameter("rating", float),
            OpenApiParameter("search", str),
            OpenApiParameter("keyword", str),
            s.PageSerializer,
        ],
        responses=page_envelope("CoproductionStoryPage", s.StorySerializer(many=True)),
    )
    def get(self, request):
        """Stories, a page at a time, filtered by rating, title/description and keyword."""
        page = valid(s.PageSerializer, request.query_params)
        stories = stories_qs()
        if request.query_params.get("rating"):
            try:
                stories = stories.filter(rating__gte=float(request.query_params["rating"]))
            except ValueError:
                raise serializers.ValidationError({"rating": ["A valid number is required."]}) from None
        search = request.query_params.get("search")
        if search:
            stories = stories.filter(
                Q(data_story__title__icontains=search) | Q(data_story__description__icontains=search)
            )
        if request.query_params.get("keyword"):
            stories = stories.filter(data_story__keywords__icontains=request.query_params["keyword"])
        return paginate(self, stories, page, s.StorySerializer)

    @extend_schema(request=s.StorySerializer, responses=s.StorySerializer)
    def post(self, request):
        user = self.current_user()
        body = valid(s.StorySerializer, request.data)
        get_or_404(m.CoproductionProcess.objects.all(), body["coproductionprocess_id"], "CoproductionProcess not found")
        rules.require_process_administrator(self, body["coproductionprocess_id"])
        story = m.Story.objects.create(**{"user_id": user.pk, **body})
        return self.out(s.StorySerializer, stories_qs().get(pk=story.pk))


class StoryAllView(CoproductionView):
    @extend_schema(responses=s.StorySerializer(many=True))
    def get(self, request):
        self.current_user()
        return self.out(s.StorySerializer, stories_qs().order_by("created_at", "id"), many=True)


@path_params("process_id")
class ProcessStoriesView(CoproductionView):
    @extend_schema(operation_id="stories_of_process", responses=s.StorySerializer(many=True))
    def get(self, request, process_id):
        self.current_user()
        stories = stories_qs().filter(coproductionprocess_id=parse_uuid(process_id, "coproductionprocess_id"))
        return self.out(s.StorySerializer, stories.order_by("created_at", "id"), many=True)


@path_params("process_id")
class CreateStoryView(CoproductionView):
    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.StorySerializer)
    def post(self, request, process_id):
        """A story for the process with the free JSON body as ``data_story``."""
        user = self.current_user()
        process = get_or_404(m.CoproductionProcess.objects.all(), process_id, "CoproductionProcess not found")
        rules.require_process_administrator(self, process.pk)
        story = m.Story.objects.create(coproductionprocess=process, user=user, state=False, data_story=request.data)
        return self.out(s.StorySerializer, stories_qs().get(pk=story.pk))


@path_params("id")
class StoryDetailView(CoproductionView):
    @extend_schema(request=s.StorySerializer, responses=s.StorySerializer)
    def put(self, request, id):
        self.current_user()
        story = get_or_404(m.Story.objects.all(), id, STORY_NOT_FOUND)
        rules.require_process_administrator(self, story.coproductionprocess_id)
        body = valid(s.StorySerializer, request.data, partial=True)
        if body.get("coproductionprocess_id", story.coproductionprocess_id) != story.coproductionprocess_id:
            rules.require_process_administrator(self, body["coproductionprocess_id"])
        for field, value in body.items():
            setattr(story, field, value)
        story.save()
        return self.out(s.StorySerializer, stories_qs().get(pk=story.pk))

    @extend_schema(responses=s.StorySerializer)
    def delete(self, request, id):
        self.current_user()
        story = get_or_404(stories_qs(), id, STORY_NOT_FOUND)
        rules.require_process_administrator(self, story.coproductionprocess_id)
        data = s.StorySerializer(story).data
        story.delete()
        return Response(data)


@path_params("id")
class StoryGetView(CoproductionView):
    @extend_schema(responses=s.StorySerializer)
    def get(self, request, id):
        return self.out(s.StorySerializer, get_or_404(stories_qs(), id, STORY_NOT_FOUND))


@path_params("id")
class StoryAddKeywordView(CoproductionView):
    @extend_schema(request=s.KeywordSerializer, responses=s.StorySerializer)
    def post(self, request, id):
        self.current_user()
        story = get_or_404(m.Story.objects.all(), id, STORY_NOT_FOUND)
        rules.require_process_administrator(self, story.coproductionprocess_id)
        keyword_id = request.data.get("id") if isinstance(request.data, dict) else None
        story.keywords.add(get_or_404(m.Keyword.objects.all(), keyword_id, "Keyword not found"))
        return self.out(s.StorySerializer, stories_qs().get(pk=story.pk))


# Ratings -----------------------------------------------------------------------------------

RATING_NOT_FOUND = "Rating not found"


class RatingListView(CoproductionView):
    @extend_schema(
        operation_id="coproduction_api_v1_ratings_list",
        parameters=[OpenApiParameter("artefact_id", str), s.PageSerializer],
        responses=page_envelope("CoproductionRatingPage", s.RatingSerializer(many=True)),
    )
    def get(self, request):
        page = valid(s.PageSerializer, request.query_params)
        ratings = m.Rating.objects.all()
        if request.query_params.get("artefact_id"):
            ratings = ratings.filter(artefact_id=parse_uuid(request.query_params["artefact_id"], "artefact_id"))
        return paginate(self, ratings, page, s.RatingSerializer)

    @extend_schema(request=s.RatingSerializer, responses=s.RatingSerializer)
    def post(self, request):
        """Rate a story or public process; its average and count follow."""
        user = self.current_user()
        body = valid(s.RatingSerializer, request.data)
        rating = services.rating_save(rating=m.Rating(user_id=user.pk, **body))
        return self.out(s.RatingSerializer, rating)


@path_params("id")
class RatingDetailView(CoproductionView):
    @extend_schema(responses=s.RatingSerializer)
    def get(self, request, id):
        return self.out(s.RatingSerializer, get_or_404(m.Rating.objects.all(), id, RATING_NOT_FOUND))

    @extend_schema(request=s.RatingSerializer, responses=s.RatingSerializer)
    def put(self, request, id):
        self.current_user()
        rating = get_or_404(m.Rating.objects.all(), id, RATING_NOT_FOUND)
        rules.require_rating_author(self, rating)
        for field, value in valid(s.RatingSerializer, request.data, partial=True).items():
            setattr(rating, field, value)
        return self.out(s.RatingSerializer, services.rating_save(rating=rating))

    @extend_schema(responses=s.RatingSerializer)
    def delete(self, request, id):
        self.current_user()
        rating = get_or_404(m.Rating.objects.all(), id, RATING_NOT_FOUND)
        rules.require_rating_author(self, rating)
        data = s.RatingSerializer(rating).data
        services.rating_delete(rating=rating)
        return Response(data)


# Notification templates ----------------------------------------------------------------------

NOTIFICATION_NOT_FOUND = "Notification not found"


class NotificationListView(CoproductionView):
    permission_classes = [rules.SuperuserToWrite]

    @extend_schema(responses=s.NotificationSerializer(many=True))
    def get(self, request):
        self.current_user()
        return self.out(s.NotificationSerializer, m.Notification.objects.order_by("created_at", "id"), many=True)

    @extend_schema(request=s.NotificationSerializer, responses=s.NotificationSerializer)
    def post(self, request):
        self.current_user()
        notification = m.Notification.objects.create(**valid(s.NotificationSerializer, request.data))
        return self.out(s.NotificationSerializer, notification)


@path_params("event", "language")
class NotificationByEventView(CoproductionView):
    @extend_schema(responses=s.NotificationSerializer)
    def get(self, request, event, language):
        self.current_user()
        notification = m.Notification.objects.filter(event=event, language=language).order_by("created_at").first()
        if notification is None:
            raise APIError(404, NOTIFICATION_NOT_FOUND)
        return self.out(s.NotificationSerializer, notification)


@path_params("id")
class NotificationDetailView(CoproductionView):
    permission_classes = [rules.SuperuserToWrite]

    @extend_schema(responses=s.NotificationSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(s.NotificationSerializer, get_or_404(m.Notification.objects.all(), id, NOTIFICATION_NOT_FOUND))

    @extend_schema(request=s.NotificationSerializer, responses=s.NotificationSerializer)
    def put(self, request, id):
        self.current_user()
        notification = get_or_404(m.Notification.objects.all(), id, NOTIFICATION_NOT_FOUND)
        for field, value in valid(s.NotificationSerializer, request.data, partial=True).items():
            setattr(notification, field, value)
        notification.save()
        return self.out(s.NotificationSerializer, notification)

    @extend_schema(responses=s.NotificationSerializer)
    def delete(self, request, id):
        self.current_user()
        notification = get_or_404(m.Notification.objects.all(), id, NOTIFICATION_NOT_FOUND)
        data = s.NotificationSerializer(notification).data
        notification.delete()
        return Response(data)


# User notifications ------------------------------------------------------------------------

USER_NOTIFICATION_NOT_FOUND = "UserNotification not found"


def user_notifications_qs():
    return m.UserNotification.objects.select_related("notification").order_by("-created_at", "id")


def user_notifications_visible(view):
    return rules.own_or_administered(view, user_notifications_qs(), owner="user_id")


def un_list(view, queryset):
    return view.out(s.UserNotificationSerializer, queryset, many=True)


class UserNotificationListView(CoproductionView):
    @extend_schema(responses=s.UserNotificationSerializer(many=True))
    def get(self, request):
        """The caller's notifications."""
        return un_list(self, user_notifications_qs().filter(user=self.current_user()))

    @extend_schema(request=s.UserNotificationSerializer, responses=s.UserNotificationSerializer)
    def post(self, request):
        body = valid(s.UserNotificationSerializer, request.data)
        rules.require_owner_or_process_administrator(
            self, owner_id=body["user"].pk, process_id=body.get("coproductionprocess_id")
        )
        row = m.UserNotification.objects.create(**body)
        return self.out(s.UserNotificationSerializer, user_notifications_qs().get(pk=row.pk))


def _user_notification_list(name: str, key: str, **extra_filter):
    @path_params(key)
    class View(CoproductionView):
        @extend_schema(operation_id=f"usernotifications_{name}", responses=s.UserNotificationSerializer(many=True))
        def get(self, request, **kwargs):
            self.current_user()
            value = kwargs[key]
            field = "user_id" if key == "user_id" else "coproductionprocess_id"
            if field == "user_id":
                rules.require_self(self, value)
            else:
                value = parse_uuid(value, key)
            return un_list(self, user_notifications_visible(self).filter(**{field: value}, **extra_filter))

    View.__name__ = f"UserNotification{name}View"
    return View


UserNotificationsOfUserView = _user_notification_list("listUserNotifications", "user_id")
UnseenUserNotificationsView = _user_notification_list("listUnseenUserNotifications", "user_id", state=False)
UserNotificationsOfProcessView = _user_notification_list("listNotificationsbyCopro", "copro_id")
ApplicationsOfProcessView = _user_notification_list(
    "listUserAplicationsbyCoproId", "copro_id", notification__event="apply_submited", is_archived=False
)
ApplicationsHistoryOfProcessView = _user_notification_list(
    "listUserAplicationsHistorybyCoproId", "copro_id", notification__event="apply_submited"
)


class StateSerializer(serializers.Serializer):
    state = serializers.BooleanField()


class ArchiveSerializer(serializers.Serializer):
    is_archived = serializers.BooleanField()


@path_params("id")
class UserNotificationDetailView(CoproductionView):
    @extend_schema(responses=s.UserNotificationSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(
            s.UserNotificationSerializer, get_or_404(user_notifications_visible(self), id, USER_NOTIFICATION_NOT_FOUND)
        )

    @extend_schema(request=StateSerializer, responses=s.UserNotificationSerializer)
    def put(self, request, id):
        """Mark seen / unseen."""
        self.current_user()
        row = get_or_404(user_notifications_visible(self), id, USER_NOTIFICATION_NOT_FOUND)
        row.state = valid(StateSerializer, request.data)["state"]
        row.save(update_fields=["state"])
        return self.out(s.UserNotificationSerializer, row)

    @extend_schema(responses=s.UserNotificationSerializer)
    def delete(self, request, id):
        self.current_user()
        row = get_or_404(user_notifications_visible(self), id, USER_NOTIFICATION_NOT_FOUND)
        data = s.UserNotificationSerializer(row).data
        row.delete()
        return Response(data)


@path_params("id")
class UserNotificationArchiveView(CoproductionView):
    @extend_schema(request=ArchiveSerializer, responses=s.UserNotificationSerializer)
    def put(self, request, id):
        self.current_user()
        row = get_or_404(user_notifications_visible(self), id, USER_NOTIFICATION_NOT_FOUND)
        row.is_archived = valid(ArchiveSerializer, request.data)["is_archived"]
        row.save(update_fields=["is_archived"])
        return self.out(s.UserNotificationSerializer, row)


@path_params("id")
class UserNotificationTemplateView(CoproductionView):
    @extend_schema(responses=s.NotificationSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(user_notifications_visible(self), id, USER_NOTIFICATION_NOT_FOUND)
        return self.out(s.NotificationSerializer, row.notification)


# Process notifications ---------------------------------------------------------------------

PN_NOT_FOUND = "CoproductionProcessNotification not found"


def process_notifications_qs():
    return m.CoproductionProcessNotification.objects.select_related("notification").order_by("-created_at", "id")


def process_notifications_visible(view):
    return rules.own_or_administered(view, process_notifications_qs(), owner="user_id")


class ProcessNotificationListView(CoproductionView):
    @extend_schema(responses=s.ProcessNotificationSerializer(many=True))
    def get(self, request):
        self.current_user()
        return self.out(s.ProcessNotificationSerializer, process_notifications_visible(self), many=True)

    @extend_schema(request=s.ProcessNotificationSerializer, responses=s.ProcessNotificationSerializer)
    def post(self, request):
        self.current_user()
        body = valid(s.ProcessNotificationSerializer, request.data)
        rules.require_process_administrator(self, body["coproductionprocess"].pk)
        row = m.CoproductionProcessNotification.objects.create(**body)
        return self.out(s.ProcessNotificationSerializer, process_notifications_qs().get(pk=row.pk))


@path_params("coproductionprocess_id")
class ProcessNotificationsOfProcessView(CoproductionView):
    @extend_schema(responses=s.ProcessNotificationSerializer(many=True))
    def get(self, request, coproductionprocess_id):
        self.current_user()
        rows = process_notifications_visible(self).filter(
            coproductionprocess_id=parse_uuid(coproductionprocess_id, "coproductionprocess_id")
        )
        return self.out(s.ProcessNotificationSerializer, rows, many=True)


@path_params("coproductionprocess_id", "asset_id")
class ProcessNotificationsOfAssetView(CoproductionView):
    @extend_schema(
        operation_id="coproductionprocessnotifications_of_asset", responses=s.ProcessNotificationSerializer(many=True)
    )
    def get(self, request, coproductionprocess_id, asset_id):
        self.current_user()
        rows = process_notifications_visible(self).filter(
            coproductionprocess_id=parse_uuid(coproductionprocess_id, "coproductionprocess_id"), asset_id=asset_id
        )
        return self.out(s.ProcessNotificationSerializer, rows, many=True)


class CreateByEventSerializer(serializers.Serializer):
    coproductionprocess_id = serializers.UUIDField()
    notification_event = serializers.CharField()
    parameters = s.ParametersField(required=False, allow_null=True)
    claim_type = s.ClaimTypeField(required=False, allow_null=True)
    asset_id = serializers.CharField(required=False, allow_null=True)
    user_id = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    isTeam = serializers.BooleanField(required=False, default=False)


class CreateByEventView(CoproductionView):
    @extend_schema(request=CreateByEventSerializer, responses=OpenApiTypes.STR)
    def post(self, request):
        """Process notifications for users with access to the asset's task (spec §4.8)."""
        import json

        self.current_user()
        body = valid(CreateByEventSerializer, request.data)
        process = get_or_404(
            m.CoproductionProcess.objects.all(), body["coproductionprocess_id"], "CoproductionProcess not found"
        )
        rules.require_process_reader(self, process.pk)
        template = services._template(body["notification_event"], process.language)
        parameters = body.get("parameters") or {}
        if not isinstance(parameters, dict):
            raise serializers.ValidationError({"parameters": ["A JSON object is required."]})
        ids = [i.strip() for i in (body.get("user_id") or "").split(",") if i.strip()]
        if body.get("isTeam"):
            ids = list(
                m.TeamMember.objects.filter(team_id__in=[parse_uuid(i, "user_id") for i in ids]).values_list(
                    "user_id", flat=True
                )
            )
        task = None
        if body.get("asset_id"):
            asset = m.Asset.objects.filter(pk=parse_uuid(body["asset_id"], "asset_id")).first()
            task = m.Task.objects.get(pk=asset.task_id) if asset and asset.task_id else None
        inserted, excluded = False, []
        for user in m.User.objects.filter(pk__in=ids).order_by("pk"):
            if task is not None and not services.effective_permissions(user, task)[0]["access_assets_permission"]:
                excluded.append(user.email)
                continue
            if template is None:
                continue
            row = m.CoproductionProcessNotification(
                coproductionprocess=process,
                notification=template,
                parameters={**parameters, "userName": services.short_user_name(user.full_name)},
                claim_type=body.get("claim_type"),
                asset_id=body.get("asset_id"),
                user=user,
            )
            if parameters.get("claim_id"):
                row.id = parse_uuid(parameters["claim_id"], "claim_id")
            row.save(force_insert=True)
            inserted = True
        return Response(json.dumps({"inserted": inserted, "excluded": excluded}))


@path_params("asset_id")
class UpdateAssetNameParameterView(CoproductionView):
    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, required=True),
            OpenApiParameter("coproductionprocess_id", str, required=True),
        ],
        request=None,
        responses=s.ProcessNotificationSerializer(many=True),
    )
    def put(self, request, asset_id):
        """Freeze a deleted asset's name into the process's notifications."""
        self.current_user()
        name = request.query_params.get("name")
        if name is None:
            raise serializers.ValidationError({"name": ["This field is required."]})
        process_id = parse_uuid(request.query_params.get("coproductionprocess_id"), "coproductionprocess_id")
        rules.require_process_reader(self, process_id)
        changed = []
        placeholder = f"{{assetid:{asset_id}}}"
        for row in process_notifications_qs().filter(coproductionprocess_id=process_id):
            parameters = services.parse_parameters(row.parameters)
            if not isinstance(parameters, dict) or "assetName" not in parameters:
                continue
            if placeholder not in str(parameters.get("assetName")):
                continue
            parameters["assetName"] = str(parameters["assetName"]).replace(placeholder, html.escape(name))
            parameters.update(assetLink="", showIcon="hidden", showLink="")
            row.parameters = parameters
            row.save(update_fields=["parameters"])
            changed.append(row)
        return self.out(s.ProcessNotificationSerializer, changed, many=True)


@path_params("id")
class ProcessNotificationDetailView(CoproductionView):
    @extend_schema(request=s.ProcessNotificationSerializer, responses=s.ProcessNotificationSerializer)
    def put(self, request, id):
        self.current_user()
        row = get_or_404(process_notifications_visible(self), id, PN_NOT_FOUND)
        for field, value in valid(s.ProcessNotificationSerializer, request.data, partial=True).items():
            setattr(row, field, value)
        row.save()
        return self.out(s.ProcessNotificationSerializer, row)

    @extend_schema(responses=s.ProcessNotificationSerializer)
    def delete(self, request, id):
        self.current_user()
        row = get_or_404(process_notifications_visible(self), id, PN_NOT_FOUND)
        data = s.ProcessNotificationSerializer(row).data
        row.delete()
        return Response(data)


@path_params("id")
class ProcessNotificationGetView(CoproductionView):
    @extend_schema(responses=s.ProcessNotificationSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(process_notifications_visible(self), id, PN_NOT_FOUND)
        return self.out(s.ProcessNotificationSerializer, row)


@path_params("id")
class ProcessNotificationTemplateView(CoproductionView):
    @extend_schema(responses=s.NotificationSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(process_notifications_visible(self), id, PN_NOT_FOUND)
        return self.out(s.NotificationSerializer, row.notification)


# Participation requests --------------------------------------------------------------------

PR_NOT_FOUND = "ParticipationRequest not found"


def requests_qs():
    return (
        m.ParticipationRequest.objects.select_related("candidate")
        .prefetch_related("candidate__teams")
        .order_by("created_at", "id")
    )


def requests_visible(view):
    return rules.own_or_administered(view, requests_qs(), owner="candidate_id")


class ParticipationRequestListView(CoproductionView):
    @extend_schema(responses=s.ParticipationRequestSerializer(many=True))
    def get(self, request):
        self.current_user()
        return self.out(s.ParticipationRequestSerializer, requests_visible(self), many=True)

    @extend_schema(request=s.ParticipationRequestSerializer, responses=s.ParticipationRequestSerializer)
    def post(self, request):
        user = self.current_user()
        body = valid(s.ParticipationRequestSerializer, request.data)
        row = m.ParticipationRequest.objects.create(**{**body, "candidate_id": user.pk})
        return self.out(s.ParticipationRequestSerializer, requests_qs().get(pk=row.pk))


def _request_list(name: str, key: str, field: str, **extra):
    @path_params(key)
    class View(CoproductionView):
        @extend_schema(
            operation_id=f"participationrequests_{name}", responses=s.ParticipationRequestSerializer(many=True)
        )
        def get(self, request, **kwargs):
            self.current_user()
            value = kwargs[key] if field == "candidate_id" else parse_uuid(kwargs[key], key)
            return self.out(
                s.ParticipationRequestSerializer, requests_visible(self).filter(**{field: value}, **extra), many=True
            )

    View.__name__ = f"ParticipationRequest{name}View"
    return View


RequestsOfCandidateView = _request_list("listParticipationRequests", "candidate_id", "candidate_id")
RequestsOfProcessView = _request_list("listFullParticipationRequestsbyCoproId", "copro_id", "coproductionprocess_id")
PendingRequestsOfProcessView = _request_list(
    "listInprogressParticipationRequestsbyCoproId", "copro_id", "coproductionprocess_id", is_archived=False
)


@path_params("id")
class ParticipationRequestDetailView(CoproductionView):
    @extend_schema(responses=s.ParticipationRequestSerializer)
    def get(self, request, id):
        self.current_user()
        return self.out(s.ParticipationRequestSerializer, get_or_404(requests_visible(self), id, PR_NOT_FOUND))

    @extend_schema(responses=s.ParticipationRequestSerializer)
    def delete(self, request, id):
        self.current_user()
        row = get_or_404(requests_visible(self), id, PR_NOT_FOUND)
        data = s.ParticipationRequestSerializer(row).data
        row.delete()
        return Response(data)


@path_params("id")
class ParticipationRequestArchiveView(CoproductionView):
    @extend_schema(request=ArchiveSerializer, responses=s.ParticipationRequestSerializer)
    def put(self, request, id):
        self.current_user()
        row = get_or_404(requests_visible(self), id, PR_NOT_FOUND)
        rules.require_process_administrator(self, row.coproductionprocess_id)
        row.is_archived = valid(ArchiveSerializer, request.data)["is_archived"]
        row.save(update_fields=["is_archived"])
        return self.out(s.ParticipationRequestSerializer, row)


# Claims and assignments --------------------------------------------------------------------


class ClaimInSerializer(serializers.Serializer):
    user_id = serializers.CharField(required=False)
    asset_id = serializers.UUIDField()
    task_id = serializers.UUIDField(required=False, allow_null=True)
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)
    assignment_id = serializers.UUIDField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    state = serializers.BooleanField(required=False)
    claim_type = serializers.CharField(required=False, allow_null=True)


class AssignmentInSerializer(serializers.Serializer):
    user_id = serializers.CharField(required=False)
    asset_id = serializers.UUIDField()
    task_id = serializers.UUIDField(required=False, allow_null=True)
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    state = serializers.BooleanField(required=False)


def claims_qs():
    return (
        m.Claim.objects.select_related("user", "asset__as_internalasset", "asset__as_externalasset")
        .prefetch_related("user__teams")
        .order_by("-created_at", "id")
    )


def assignments_qs():
    return (
        m.Assignment.objects.select_related("user", "asset__as_internalasset", "asset__as_externalasset")
        .prefetch_related("user__teams", Prefetch("claims", queryset=claims_qs()))
        .order_by("-created_at", "id")
    )


def contribution_views(label: str, model, qs, out, body_serializer, extra_lists: dict, *, users_create_own: bool):
    """Claims (``users_create_own``: a member claims their own contribution; the claimant may
    withdraw it) and assignments (administrators only). Reading: the row's user and the
    process's administrators; approving: the process's administrators."""
    not_found = f"{label} not found"

    def visible(view):
        return rules.own_or_administered(view, qs(), owner="user_id")

    def create_one(view, body, user_id, *, for_others: bool):
        asset = m.Asset.objects.filter(pk=body["asset_id"]).first()
        if asset is None:
            raise APIError(404, "Asset not found")
        data = {
            **body,
            "user_id": user_id,
            "task_id": body.get("task_id") or asset.task_id,
            "coproductionprocess_id": body.get("coproductionprocess_id") or asset.coproductionprocess_id,
        }
        # every process named (the body's and the asset's); none at all: superusers only
        for process_id in ({data["coproductionprocess_id"], asset.coproductionprocess_id} - {None}) or {None}:
            if for_others or not users_create_own or str(user_id) != str(view.current_user().pk):
                rules.require_process_administrator(view, process_id)
            else:
                rules.require_process_reader(view, process_id)
        if not m.User.objects.filter(pk=user_id).exists():
            raise APIError(404, "User not found")
        return model.objects.create(**data)

    class ListView(CoproductionView):
        @extend_schema(operation_id=f"{label.lower()}s_list", responses=out(many=True))
        def get(self, request):
            self.current_user()
            return self.out(out, visible(self), many=True)

        @extend_schema(operation_id=f"{label.lower()}s_create", request=body_serializer, responses=out)
        def post(self, request):
            user = self.current_user()
            body = dict(valid(body_serializer, request.data))
            row = create_one(self, body, body.pop("user_id", None) or user.pk, for_others=False)
            return self.out(out, qs().get(pk=row.pk))

    class UserListCreateView(CoproductionView):
        @extend_schema(
            operation_id=f"{label.lower()}s_create_user_list", request=body_serializer, responses=out(many=True)
        )
        def post(self, request):
            self.current_user()
            users = request.data.get("users_id") if isinstance(request.data, dict) else None
            if not isinstance(users, list):
                raise serializers.ValidationError({"users_id": ["A list is required."]})
            body = {k: v for k, v in valid(body_serializer, request.data).items() if k != "user_id"}
            rows = [create_one(self, dict(body), str(user_id), for_others=True) for user_id in users]
            return self.out(out, qs().filter(pk__in=[r.pk for r in rows]), many=True)

    class TeamListCreateView(CoproductionView):
        @extend_schema(
            operation_id=f"{label.lower()}s_create_team_list", request=body_serializer, responses=out(many=True)
        )
        def post(self, request):
            self.current_user()
            teams = request.data.get("teams_id") if isinstance(request.data, dict) else None
            if not isinstance(teams, list):
                raise serializers.ValidationError({"teams_id": ["A list is required."]})
            team_ids = [parse_uuid(t, "teams_id") for t in teams]
            body = {k: v for k, v in valid(body_serializer, request.data).items() if k != "user_id"}
            members = sorted(set(m.TeamMember.objects.filter(team_id__in=team_ids).values_list("user_id", flat=True)))
            rows = [create_one(self, dict(body), user_id, for_others=True) for user_id in members]
            return self.out(out, qs().filter(pk__in=[r.pk for r in rows]), many=True)

    @path_params("id")
    class DetailView(CoproductionView):
        @extend_schema(operation_id=f"{label.lower()}s_retrieve", responses=out)
        def get(self, request, id):
            self.current_user()
            return self.out(out, get_or_404(visible(self), id, not_found))

        @extend_schema(operation_id=f"{label.lower()}s_destroy", responses=out)
        def delete(self, request, id):
            row = get_or_404(visible(self), id, not_found)
            if users_create_own:
                rules.require_owner_or_process_administrator(
                    self, owner_id=row.user_id, process_id=row.coproductionprocess_id
                )
            else:
                rules.require_process_administrator(self, row.coproductionprocess_id)
            data = out(row, context=self.context()).data
            if isinstance(row, m.Assignment):
                m.Claim.objects.filter(assignment=row).update(assignment=None)
            row.delete()
            return Response(data)

    @path_params("id")
    class ApproveView(CoproductionView):
        @extend_schema(operation_id=f"{label.lower()}s_approve", request=StateSerializer, responses=out)
        def put(self, request, id):
            row = get_or_404(visible(self), id, not_found)
            rules.require_process_administrator(self, row.coproductionprocess_id)
            row.state = valid(StateSerializer, request.data)["state"]
            row.save(update_fields=["state"])
            return self.out(out, row)

    lists = {}
    for name, (key, field, extra, mine) in extra_lists.items():

        def build(name=name, key=key, field=field, extra=extra, mine=mine):
            @path_params(key)
            class View(CoproductionView):
                @extend_schema(operation_id=f"{label.lower()}s_{name}", responses=out(many=True))
                def get(self, request, **kwargs):
                    user = self.current_user()
                    value = kwargs[key] if field == "user_id" else parse_uuid(kwargs[key], key)
                    rows = visible(self).filter(**{field: value}).filter(extra)
                    if mine:
                        rows = rows.filter(user=user)
                    return self.out(out, rows, many=True)

            View.__name__ = f"{label}{name}View"
            View.key = key
            return View

        lists[name] = build()
    return ListView, UserListCreateView, TeamListCreateView, DetailView, ApproveView, lists


_COMMON_LISTS = {
    "listClaims": ("user_id", "user_id", Q(), False),
    "listFullClaimsbyCoproId": ("copro_id", "coproductionprocess_id", Q(), False),
    "listFullClaimsbyTaskId": ("task_id", "task_id", Q(), False),
    "listFullClaimsbyAssetId": ("asset_id", "asset_id", Q(), False),
    "listPendingClaimsbyCoproId": ("copro_id", "coproductionprocess_id", ~Q(state=True), False),
}
CLAIM_VIEWS = contribution_views(
    "Claim", m.Claim, claims_qs, s.ClaimOutSerializer, ClaimInSerializer, _COMMON_LISTS, users_create_own=True
)
ASSIGNMENT_VIEWS = contribution_views(
    "Assignment",
    m.Assignment,
    assignments_qs,
    s.AssignmentOutSerializer,
    AssignmentInSerializer,
    {
        "listAssignments": ("user_id", "user_id", Q(), False),
        "listFullAssignmentsbyCoproId": ("copro_id", "coproductionprocess_id", Q(), False),
        "listFullAssignmentsbyTaskId": ("task_id", "task_id", Q(), False),
        "listFullAssignmentsbyAssetId": ("asset_id", "asset_id", Q(), False),
        "listPendingAssignmentsbyCoproId": ("copro_id", "coproductionprocess_id", ~Q(state=True), False),
        "listFullAssignmentsbyCoproIdUserId": ("copro_id", "coproductionprocess_id", Q(), True),
        "listPendingAssignmentsbyCoproIdUserId": ("copro_id", "coproductionprocess_id", ~Q(state=True), True),
    },
    users_create_own=False,
)


@path_params("assign_id")
class AssignmentViewView(CoproductionView):
    @extend_schema(responses=s.AssignmentOutSerializer)
    def get(self, request, assign_id):
        self.current_user()
        visible = rules.own_or_administered(self, assignments_qs(), owner="user_id")
        row = visible.filter(pk=parse_uuid(assign_id, "assign_id")).first()
        if row is None:
            raise APIError(400, "Assignment not found")
        return self.out(s.AssignmentOutSerializer, row)
