"""The template's API at ``/api/v1/``: upstream paths, shapes, status codes and messages."""

from __future__ import annotations

import uuid

from django.contrib.auth import authenticate
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import emails, selectors, services
from accounts.api import serializers
from accounts.api.permissions import IsAdmin, IsSuperuser
from accounts.models import User
from accounts.tokens import create_access_token, create_password_reset_token
from common.exceptions import APIError
from common.ids import parse_uuid
from common.openapi import ERROR_DETAIL
from common.pagination import SkipLimitPagination
from common.paging import SkipLimitSerializer
from common.throttling import ScopedAddressThrottle

USER_NOT_FOUND = "User not found"
ITEM_NOT_FOUND = "Item not found"
NOT_ENOUGH_PRIVILEGES = "The user doesn't have enough privileges"
NO_SUCH_EMAIL = "The user with this email does not exist in the system."
PAGE_PARAMS = [SkipLimitSerializer]


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _message(text: str, status_code: int = status.HTTP_200_OK) -> Response:
    return Response({"message": text}, status=status_code)


def _user_data(user: User) -> dict:
    return serializers.UserPublicSerializer(user).data


# Login ---------------------------------------------------------------------------------


class AccessTokenView(APIView):
    throttle_classes = [ScopedAddressThrottle]
    throttle_scope = "login"
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request={"application/x-www-form-urlencoded": serializers.LoginFormSerializer},
        responses=serializers.TokenSerializer,
    )
    def post(self, request):
        """OAuth2 compatible token login: an access token for future requests."""
        form = _valid(serializers.LoginFormSerializer, request.data)
        user = authenticate(request, email=form["username"], password=form["password"])
        if user is None:
            inactive = User.objects.filter(email=form["username"], is_active=False).first()
            if inactive is not None and inactive.check_password(form["password"]):
                raise APIError(status.HTTP_400_BAD_REQUEST, "Inactive user")
            raise APIError(status.HTTP_400_BAD_REQUEST, "Incorrect email or password")
        return Response({"access_token": create_access_token(user.pk), "token_type": "bearer"})


class TestTokenView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=serializers.UserPublicSerializer)
    def post(self, request):
        """Test access token."""
        return Response(_user_data(request.user))


class PasswordRecoveryView(APIView):
    throttle_classes = [ScopedAddressThrottle]
    throttle_scope = "password_recovery"
    permission_classes = [AllowAny]

    @extend_schema(request=None, responses=serializers.MessageSerializer)
    def post(self, request, email: str):
        """Send a password-recovery e-mail."""
        user = User.objects.filter(email=email).first()
        if user is None:
            raise APIError(status.HTTP_404_NOT_FOUND, NO_SUCH_EMAIL)
        token = create_password_reset_token(email, password_hash=user.password)
        emails.send_email(
            email_to=user.email, data=emails.reset_password_email(email_to=user.email, email=email, token=token)
        )
        return _message("Password recovery email sent")


class ResetPasswordView(APIView):
    throttle_classes = [ScopedAddressThrottle]
    throttle_scope = "password_recovery"
    permission_classes = [AllowAny]

    @extend_schema(request=serializers.NewPasswordSerializer, responses=serializers.MessageSerializer)
    def post(self, request):
        """Reset the password with the token from the recovery e-mail."""
        body = _valid(serializers.NewPasswordSerializer, request.data)
        services.user_reset_password(token=body["token"], new_password=body["new_password"])
        return _message("Password updated successfully")


class PasswordRecoveryHtmlView(APIView):
    permission_classes = [IsSuperuser]

    @extend_schema(request=None, responses={(200, "text/html"): str})
    def post(self, request, email: str):
        """The HTML of the password-recovery e-mail, its subject in the ``subject`` header.

        Upstream names the header ``subject:``; a colon cannot be part of a header name (the
        server refused the response: 500), so the name is ``subject``."""
        user = User.objects.filter(email=email).first()
        if user is None:
            raise APIError(status.HTTP_404_NOT_FOUND, "The user with this username does not exist in the system.")
        token = create_password_reset_token(email, password_hash=user.password)
        data = emails.reset_password_email(email_to=user.email, email=email, token=token)
        response = HttpResponse(data.html_content, content_type="text/html; charset=utf-8")
        response["subject"] = data.subject
        return response


# Users ---------------------------------------------------------------------------------


class UserListView(APIView):
    permission_classes = [IsSuperuser]

    @extend_schema(operation_id="users_list", parameters=PAGE_PARAMS, responses=serializers.UsersPublicSerializer)
    def get(self, request):
        """All users (superusers only)."""
        paginator = SkipLimitPagination()
        users = paginator.paginate_queryset(selectors.user_list(), request, self)
        return paginator.get_paginated_response(serializers.UserPublicSerializer(users, many=True).data)

    @extend_schema(request=serializers.UserCreateSerializer, responses=serializers.UserPublicSerializer)
    def post(self, request):
        """Create a user (superusers only); a welcome e-mail is sent."""
        body = _valid(serializers.UserCreateSerializer, request.data)
        user = services.user_create(**body)
        emails.send_email(
            email_to=user.email,
            data=emails.new_account_email(email_to=user.email, username=user.email, password=body["password"]),
        )
        return Response(_user_data(user))


class UserMeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.UserPublicSerializer)
    def get(self, request):
        """The current user."""
        return Response(_user_data(request.user))

    @extend_schema(
        request=serializers.UserUpdateMeSerializer, responses={200: serializers.UserPublicSerializer, 409: ERROR_DETAIL}
    )
    def patch(self, request):
        """Update the current user's name or e-mail."""
        body = _valid(serializers.UserUpdateMeSerializer, request.data)
        return Response(_user_data(services.user_update(user=request.user, data=body)))

    @extend_schema(responses=serializers.MessageSerializer)
    def delete(self, request):
        """Delete the current user and their items."""
        services.user_delete(user=request.user, actor=request.user)
        return _message("User deleted successfully")


class UserMePasswordView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=serializers.UpdatePasswordSerializer, responses=serializers.MessageSerializer)
    def patch(self, request):
        """Change the current user's password."""
        body = _valid(serializers.UpdatePasswordSerializer, request.data)
        user = request.user
        if not user.check_password(body["current_password"]):
            raise APIError(status.HTTP_400_BAD_REQUEST, "Incorrect password")
        if body["current_password"] == body["new_password"]:
            raise APIError(status.HTTP_400_BAD_REQUEST, "New password cannot be the same as the current one")
        services.user_set_password(user=user, new_password=body["new_password"])
        return _message("Password updated successfully")


class UserSignupView(APIView):
    throttle_classes = [ScopedAddressThrottle]
    throttle_scope = "signup"
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=serializers.UserRegisterSerializer, responses=serializers.UserPublicSerializer)
    def post(self, request):
        """Create a new user without logging in."""
        body = _valid(serializers.UserRegisterSerializer, request.data)
        user = services.user_create(**body, conflict_message="The user with this email already exists in the system")
        return Response(_user_data(user))


class UserDetailView(APIView):
    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "GET" else [IsSuperuser()]

    @extend_schema(responses=serializers.UserPublicSerializer)
    def get(self, request, user_id: str):
        """A user by id: oneself, or anyone for a superuser."""
        pk = parse_uuid(user_id, "user_id")
        if pk == request.user.pk:
            return Response(_user_data(request.user))
        if not request.user.is_superuser:
            raise APIError(status.HTTP_403_FORBIDDEN, NOT_ENOUGH_PRIVILEGES)
        user = User.objects.filter(pk=pk).first()
        if user is None:
            raise APIError(status.HTTP_404_NOT_FOUND, USER_NOT_FOUND)
        return Response(_user_data(user))

    @extend_schema(
        request=serializers.UserUpdateSerializer, responses={200: serializers.UserPublicSerializer, 409: ERROR_DETAIL}
    )
    def patch(self, request, user_id: str):
        """Update a user (superusers only)."""
        pk = parse_uuid(user_id, "user_id")
        body = _valid(serializers.UserUpdateSerializer, request.data)
        user = User.objects.filter(pk=pk).first()
        if user is None:
            raise APIError(status.HTTP_404_NOT_FOUND, "The user with this id does not exist in the system")
        return Response(_user_data(services.user_update(user=user, data=body)))

    @extend_schema(responses=serializers.MessageSerializer)
    def delete(self, request, user_id: str):
        """Delete a user and their items (superusers only)."""
        user = User.objects.filter(pk=parse_uuid(user_id, "user_id")).first()
        if user is None:
            raise APIError(status.HTTP_404_NOT_FOUND, USER_NOT_FOUND)
        services.user_delete(user=user, actor=request.user)
        return _message("User deleted successfully")


# Items ---------------------------------------------------------------------------------


def _item_or_404(item_id: str):
    item = selectors.item_get(parse_uuid(item_id, "id"))
    if item is None:
        raise APIError(status.HTTP_404_NOT_FOUND, ITEM_NOT_FOUND)
    return item


def _items_response(request) -> Response:
    paginator = SkipLimitPagination()
    items = paginator.paginate_queryset(selectors.item_list(user=request.user), request)
    return paginator.get_paginated_response(serializers.ItemPublicSerializer(items, many=True).data)


class ItemListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="items_list", parameters=PAGE_PARAMS, responses=serializers.ItemsPublicSerializer)
    def get(self, request):
        """The caller's items (all items for a superuser); ``count`` is the visible total."""
        return _items_response(request)

    @extend_schema(request=serializers.ItemCreateSerializer, responses=serializers.ItemPublicSerializer)
    def post(self, request):
        """Create an item owned by the caller."""
        body = _valid(serializers.ItemCreateSerializer, request.data)
        item = services.item_create(owner_id=request.user.pk, **body)
        return Response(serializers.ItemPublicSerializer(item).data)


class ItemDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.ItemPublicSerializer)
    def get(self, request, item_id: str):
        """An item the caller may see."""
        return Response(serializers.ItemPublicSerializer(_item_or_404(item_id)).data)

    @extend_schema(request=serializers.ItemUpdateSerializer, responses=serializers.ItemPublicSerializer)
    def put(self, request, item_id: str):
        """Update an item (only the given keys change)."""
        item = _item_or_404(item_id)
        body = _valid(serializers.ItemUpdateSerializer, request.data)
        return Response(serializers.ItemPublicSerializer(services.item_update(item=item, data=body)).data)

    @extend_schema(responses=serializers.MessageSerializer)
    def delete(self, request, item_id: str):
        """Delete an item."""
        services.item_delete(item=_item_or_404(item_id))
        return _message("Item deleted successfully")


class AdminItemListView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(parameters=PAGE_PARAMS, responses=serializers.ItemsPublicSerializer)
    def get(self, request):
        """Every item (superusers only); ``count`` is the total."""
        return _items_response(request)


class AdminItemCreateView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        parameters=[OpenApiParameter("owner_id", uuid.UUID, required=True)],
        request=serializers.ItemCreateSerializer,
        responses=serializers.ItemPublicSerializer,
    )
    def post(self, request):
        """Create an item for any user (superusers only)."""
        owner = _valid(serializers.OwnerParamSerializer, request.query_params)
        body = _valid(serializers.ItemCreateSerializer, request.data)
        item = services.item_create(owner_id=owner["owner_id"], **body)
        return Response(serializers.ItemPublicSerializer(item).data)


class AdminItemDetailView(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(request=serializers.ItemUpdateSerializer, responses=serializers.ItemPublicSerializer)
    def put(self, request, item_id: str):
        """Update any item (superusers only)."""
        item = _item_or_404(item_id)
        body = _valid(serializers.ItemUpdateSerializer, request.data)
        return Response(serializers.ItemPublicSerializer(services.item_update(item=item, data=body)).data)

    @extend_schema(responses=serializers.MessageSerializer)
    def delete(self, request, item_id: str):
        """Delete any item (superusers only)."""
        services.item_delete(item=_item_or_404(item_id))
        return _message("Item deleted successfully")


# Utils ---------------------------------------------------------------------------------


class TestEmailView(APIView):
    permission_classes = [IsSuperuser]

    @extend_schema(
        parameters=[OpenApiParameter("email_to", str, required=True)],
        request=None,
        responses={201: serializers.MessageSerializer},
    )
    def post(self, request):
        """Send a test e-mail (superusers only)."""
        email_to = _valid(serializers.EmailParamSerializer, request.query_params)["email_to"]
        emails.send_email(email_to=email_to, data=emails.test_email(email_to=email_to))
        return _message("Test email sent", status.HTTP_201_CREATED)


class HealthCheckView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses=bool)
    def get(self, request):
        """Always ``true`` while the service answers."""
        return Response(True)
