"""How catalogue, co-production and /auth/ know the caller: INTERLINK's token rules.

The token comes from ``Authorization: Bearer`` or, failing that, from the ``auth_token``
cookie that /auth/ sets (upstream reads both). It is either one of our access tokens (HS256,
``SECRET_KEY``: an accounts user) or, when the OIDC_* settings are given, a token of the
provider (RS256, checked against its JWKS with the client id as audience).

A provider token's subject acts as the accounts user whose id it is (the provider publishes
this project's accounts, or /auth/'s own login issued it); any other subject is a
``ProviderUser``: authenticated, never a superuser, with no accounts row, so row-level
security in ``default`` shows it no protected row.

Writes authenticated by the cookie must come from this server's origin or one of
``CORS_ALLOWED_ORIGINS`` / ``CSRF_TRUSTED_ORIGINS`` (``Origin``, else ``Referer``); the
cookie is also SameSite=Strict. A bearer header is not sent by browsers on their own, so it
needs no such check.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework import status
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header

from accounts.authentication import TokenError, user_for_access_token
from common.exceptions import APIError
from interlink_auth import oidc

COOKIE_NAME = "auth_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
_CACHE_ATTR = "_interlink_identity"


@dataclass(eq=False)
class ProviderUser:
    """A subject of the OIDC provider without an accounts row (duck-types Django's user)."""

    sub: str
    claims: dict = field(default_factory=dict)
    is_superuser: bool = False
    is_staff: bool = False
    is_active: bool = True
    is_authenticated: bool = True
    is_anonymous: bool = False

    @property
    def pk(self) -> str:
        return self.sub

    id = pk

    @property
    def email(self) -> str | None:
        return self.claims.get("email")

    @property
    def full_name(self) -> str | None:
        return full_name_from_claims(self.claims)

    def __str__(self):
        return self.email or self.sub


def full_name_from_claims(claims: dict) -> str | None:
    if claims.get("name"):
        return claims["name"]
    parts = [claims.get("given_name"), claims.get("family_name")]
    return " ".join(part for part in parts if part) or None


@dataclass
class Identity:
    user: object  # an accounts user or a ProviderUser
    claims: dict
    source: str  # "header" or "cookie"
    token: str


def request_token(request) -> tuple[str, str] | None:
    """``(token, source)`` from the bearer header, else the cookie; None when neither."""
    parts = get_authorization_header(request).split()
    if parts and parts[0].lower() == b"bearer":
        return (parts[1].decode("latin-1") if len(parts) == 2 else "", "header")
    cookie = request.COOKIES.get(COOKIE_NAME)
    if cookie:
        return (cookie, "cookie")
    return None


def identity_for_token(token: str, source: str = "header") -> Identity:
    """Who a token names; raises ``TokenError`` (403 ``Could not validate credentials``, …)."""
    ours = user_for_access_token(token)
    if not isinstance(ours, TokenError):
        return Identity(ours[0], {"sub": str(ours[0].pk)}, source, token)
    if ours.status_code != status.HTTP_403_FORBIDDEN:
        raise ours  # a valid token of ours naming an unknown or inactive user
    claims = oidc.verify_token(token)
    if claims is None:
        raise ours
    return Identity(_user_for_subject(claims), claims, source, token)


def _user_for_subject(claims: dict):
    sub = claims["sub"]
    try:
        account_id = uuid.UUID(sub)
    except ValueError:
        account_id = None
    if account_id is not None:
        account = get_user_model().objects.filter(pk=account_id, is_active=True).first()
        if account is not None:
            return account
    return ProviderUser(sub=sub, claims=claims)


def request_identity(request) -> Identity | None:
    """The caller's identity (memoised on the Django request); raises ``TokenError``."""
    django_request = getattr(request, "_request", request)
    cached = getattr(django_request, _CACHE_ATTR, None)
    if cached is None:
        found = request_token(django_request)
        if found is None:
            cached = (None,)
        else:
            try:
                cached = (identity_for_token(*found),)
            except TokenError as error:
                cached = error
        setattr(django_request, _CACHE_ATTR, cached)
    if isinstance(cached, TokenError):
        raise cached
    return cached[0]


def allowed_origins(request) -> set[str]:
    own = f"{request.scheme}://{request.get_host()}"
    configured = [*settings.CORS_ALLOWED_ORIGINS, *settings.CSRF_TRUSTED_ORIGINS]
    return {own, *(origin.rstrip("/") for origin in configured)}


def request_origin(request) -> str | None:
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin != "null":
        return origin.rstrip("/")
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    return None


def check_same_site(request) -> None:
    """403 unless a cookie-authenticated write comes from an allowed origin."""
    origin = request_origin(request)
    if origin is None:
        raise APIError(
            403, "Cross-site request refused: a write with the auth_token cookie needs an Origin or Referer header"
        )
    if origin not in allowed_origins(request):
        raise APIError(
            403, f"Cross-site request refused: origin {origin} is not allowed to write with the auth_token cookie"
        )


class InterlinkTokenAuthentication(BaseAuthentication):
    """Bearer header or ``auth_token`` cookie; our HS256 tokens or the provider's RS256 ones."""

    def authenticate(self, request):
        try:
            identity = request_identity(request)
        except TokenError as error:
            raise APIError(error.status_code, error.detail) from None
        if identity is None:
            return None
        if identity.source == "cookie" and request.method not in SAFE_METHODS:
            check_same_site(request)
        return (identity.user, identity)

    def authenticate_header(self, request):
        return "Bearer"


#: What catalogue, co-production and /auth/ authenticate with (their base views use it).
INTERLINK_AUTHENTICATION_CLASSES = [InterlinkTokenAuthentication, SessionAuthentication]
