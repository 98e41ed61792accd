"""Bearer-token authentication with upstream's status codes and messages."""

from __future__ import annotations

import uuid

from django.contrib.auth import get_user_model
from rest_framework import status
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from accounts.tokens import read_access_token
from common.exceptions import APIError

_CACHE_ATTR = "_bearer_token_result"


class TokenError(Exception):
    def __init__(self, status_code: int, detail: str):
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail


def _bearer_token(request) -> str | None:
    parts = get_authorization_header(request).split()
    if not parts or parts[0].lower() != b"bearer":
        return None
    if len(parts) != 2:
        return ""
    return parts[1].decode("latin-1")


def user_for_bearer_token(request):
    """The active user named by the request's bearer token, None without a token.

    Raises ``TokenError`` (upstream's status and message) for a bad token, an unknown user
    or an inactive user. The result is memoised on the Django request, so the RLS
    middleware and DRF share one lookup.
    """
    django_request = getattr(request, "_request", request)
    cached = getattr(django_request, _CACHE_ATTR, None)
    if cached is None:
        cached = _resolve(django_request)
        setattr(django_request, _CACHE_ATTR, cached)
    if isinstance(cached, TokenError):
        raise cached
    return cached[0]


def _resolve(request):
    token = _bearer_token(request)
    if token is None:
        return (None,)
    return user_for_access_token(token)


def user_for_access_token(token: str):
    """``(user,)`` for one of our access tokens, else a ``TokenError`` (upstream's status and message)."""
    subject = read_access_token(token) if token else None
    try:
        user_id = uuid.UUID(subject) if subject else None
    except ValueError:
        user_id = None
    if user_id is None:
        return TokenError(status.HTTP_403_FORBIDDEN, "Could not validate credentials")
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return TokenError(status.HTTP_404_NOT_FOUND, "User not found")
    if not user.is_active:
        return TokenError(status.HTTP_400_BAD_REQUEST, "Inactive user")
    return (user,)


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <JWT>`` as issued by ``/api/v1/login/access-token``."""

    def authenticate(self, request):
        try:
            user = user_for_bearer_token(request)
        except TokenError as error:
            raise APIError(error.status_code, error.detail) from None
        return None if user is None else (user, None)

    def authenticate_header(self, request):
        return "Bearer"
