"""INTERLINK's /auth/ service: login, callback, logout and the users API (upstream's paths).

With the OIDC_* settings the login is the provider's code flow (Authlib); without them it
is a form checked against this project's accounts. Either way the answer sets the
``auth_token`` cookie and redirects to ``redirect_on_callback``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from authlib.integrations.base_client.errors import OAuthError
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import logout as auth_logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.tokens import create_access_token
from common.exceptions import APIError
from common.throttling import ScopedAddressThrottle
from interlink_auth import oidc
from interlink_auth.authentication import (
    COOKIE_NAME,
    INTERLINK_AUTHENTICATION_CLASSES,
    TokenError,
    allowed_origins,
    request_identity,
)
from interlink_auth.selectors import interlink_user_find, interlink_user_out
from interlink_auth.serializers import InterlinkUserOutSerializer, InterlinkUserUpdateSerializer
from interlink_auth.services import interlink_user_set_additional_emails, interlink_user_update_or_create

logger = logging.getLogger(__name__)
SESSION_REDIRECT = "interlink_auth_redirect"
SESSION_ID_TOKEN = "interlink_auth_id_token"
DEFAULT_REDIRECT = "/"


def _redirect_target(request) -> str | None:
    """``redirect_on_callback``: a path here, or a URL on an allowed origin; None if not allowed."""
    target = request.GET.get("redirect_on_callback") or DEFAULT_REDIRECT
    host = request.get_host()
    # The front-end's logout sends `protocol//hostname` (no port): this host on any port is the same site.
    hosts = {host, host.rsplit(":", 1)[0] if not host.endswith("]") else host}
    hosts.update(origin.split("://", 1)[-1] for origin in allowed_origins(request))
    if url_has_allowed_host_and_scheme(target, allowed_hosts=hosts, require_https=False):
        return target
    return None


def _bad_redirect():
    return HttpResponseBadRequest(
        "redirect_on_callback must be a path on this server or a URL on one of the allowed origins "
        "(CORS_ALLOWED_ORIGINS, CSRF_TRUSTED_ORIGINS)",
        content_type="text/plain",
    )


def _set_cookie(response, token: str, max_age: int | None):
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=max_age,
        httponly=True,
        samesite="Strict",
        secure=settings.AUTH_TOKEN_COOKIE_SECURE,
        domain=settings.AUTH_TOKEN_COOKIE_DOMAIN,
        path="/",
    )
    return response


def _clear_cookie(response):
    response.delete_cookie(COOKIE_NAME, path="/", domain=settings.AUTH_TOKEN_COOKIE_DOMAIN, samesite="Strict")
    return response


def _logged_in(request) -> bool:
    try:
        return request_identity(request) is not None
    except TokenError:
        return False


@never_cache
@require_http_methods(["GET", "POST"])
def login(request):
    """``GET /auth/login?redirect_on_callback=<path or URL>``."""
    target = _redirect_target(request)
    if target is None:
        return _bad_redirect()
    if request.method == "GET" and _logged_in(request):
        return HttpResponseRedirect(target)
    if oidc.configured():
        request.session[SESSION_REDIRECT] = target
        try:
            return oidc.client().authorize_redirect(
                request, request.build_absolute_uri(reverse("interlink_auth:callback"))
            )
        except (oidc.ProviderError, OAuthError, OSError) as error:
            logger.warning("OIDC provider unavailable: %s", error)
            return HttpResponse(
                "The identity provider is unavailable; try again later.", status=502, content_type="text/plain"
            )
    return _local_login(request, target)


class _LoginThrottleScope:
    """The form shares the API login's budget per client address (THROTTLE_LOGIN)."""

    throttle_scope = "login"


def _local_login(request, target: str):
    """Without a provider: this project's accounts (e-mail and password) are the identity."""
    context = {"redirect_on_callback": target, "email": "", "error": None}
    if request.method == "POST":
        throttle = ScopedAddressThrottle()
        if not throttle.allow_request(request, _LoginThrottleScope):
            wait = throttle.wait()
            response = HttpResponse("Too many login attempts; try again later.", status=429, content_type="text/plain")
            response["Retry-After"] = str(max(1, int(wait or 1)))
            return response
        email = request.POST.get("email", "").strip()
        password = request.POST.get("password", "")
        context["email"] = email
        user = authenticate(request, username=email, password=password) if email and password else None
        if user is None:
            context["error"] = "Incorrect email or password" if email and password else "Give your e-mail and password."
            return render(request, "interlink_auth/login.html", context, status=400)
        interlink_user_update_or_create(user=user, claims={"sub": str(user.pk)}, login=True)
        response = HttpResponseRedirect(target)
        return _set_cookie(response, create_access_token(str(user.pk)), settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60)
    return render(request, "interlink_auth/login.html", context)


@never_cache
@require_GET
def callback(request):
    """The provider's redirect back: exchange the code, keep the user, set the cookie."""
    if not oidc.configured():
        return HttpResponse(
            "No OpenID Connect provider is configured (OIDC_* settings).", status=404, content_type="text/plain"
        )
    try:
        token = oidc.client().authorize_access_token(request)
    except (OAuthError, oidc.ProviderError, OSError) as error:
        return HttpResponseBadRequest(f"The login could not be completed: {error}", content_type="text/plain")
    cookie_value = token.get(settings.OIDC_COOKIE_TOKEN)
    if not cookie_value:
        return HttpResponseBadRequest(
            f"The provider's answer has no {settings.OIDC_COOKIE_TOKEN} (OIDC_COOKIE_TOKEN)", content_type="text/plain"
        )
    from interlink_auth.authentication import identity_for_token

    try:
        identity = identity_for_token(cookie_value, "cookie")
    except TokenError:
        return HttpResponseBadRequest(
            "The provider's token is not accepted (RS256, audience = OIDC_CLIENT_ID, unexpired)",
            content_type="text/plain",
        )
    claims = {**(token.get("userinfo") or {}), **identity.claims}
    interlink_user_update_or_create(user=identity.user, claims=claims, login=True)
    request.session[SESSION_ID_TOKEN] = token.get("id_token")
    target = request.session.pop(SESSION_REDIRECT, DEFAULT_REDIRECT)
    expires_in = token.get("expires_in")
    return _set_cookie(HttpResponseRedirect(target), cookie_value, int(expires_in) if expires_in else None)


@never_cache
@require_GET
def logout(request):
    """``GET /auth/logout?redirect_on_callback=<URL>``: ends the provider's session too."""
    target = _redirect_target(request)
    if target is None:
        return _bad_redirect()
    id_token = request.session.pop(SESSION_ID_TOKEN, None)
    auth_logout(request)  # this server's session too (the browsable API, the admin)
    end_session = None
    if oidc.configured():
        try:
            end_session = oidc.metadata().get("end_session_endpoint")
        except oidc.ProviderError:
            end_session = None
    if end_session:
        request.session[SESSION_REDIRECT] = target
        query = {"post_logout_redirect_uri": request.build_absolute_uri(reverse("interlink_auth:logout_callback"))}
        if id_token:
            query["id_token_hint"] = id_token
        query["client_id"] = settings.OIDC_CLIENT_ID
        separator = "&" if "?" in end_session else "?"
        return _clear_cookie(HttpResponseRedirect(f"{end_session}{separator}{urlencode(query)}"))
    return _clear_cookie(HttpResponseRedirect(target))


@never_cache
@require_GET
def logout_callback(request):
    return _clear_cookie(HttpResponseRedirect(request.session.pop(SESSION_REDIRECT, DEFAULT_REDIRECT)))


class AuthView(APIView):
    authentication_classes = INTERLINK_AUTHENTICATION_CLASSES

    def identity(self):
        if not getattr(self.request.user, "is_authenticated", False):
            raise APIError(403, "Not authenticated")
        return self.request.auth


class UserMeView(AuthView):
    """``GET /auth/api/v1/users/me``: the caller's record, created on first sight."""

    @extend_schema(responses=InterlinkUserOutSerializer)
    def get(self, request):
        identity = self.identity()
        claims = identity.claims if identity is not None else {"sub": str(request.user.pk)}
        record = interlink_user_update_or_create(user=request.user, claims=claims)
        return Response(interlink_user_out(record, claims))


class UserDetailView(AuthView):
    """``GET|PUT /auth/api/v1/users/{id}`` (by ``sub`` or e-mail; PUT: ``additionalEmails``, self only)."""

    @extend_schema(responses=InterlinkUserOutSerializer)
    def get(self, request, user_id: str):
        self.identity()
        record = interlink_user_find(user_id)
        if record is None:
            raise APIError(404, f"User with id '{user_id}' not found")
        return Response(interlink_user_out(record))

    @extend_schema(request=InterlinkUserUpdateSerializer, responses=InterlinkUserOutSerializer)
    def put(self, request, user_id: str):
        self.identity()
        if user_id != str(request.user.pk):
            raise APIError(403, "You do not have permission")
        if not isinstance(request.data, dict):
            raise APIError(422, "A JSON object is required.")
        record = interlink_user_update_or_create(user=request.user, claims={"sub": user_id})
        if "additionalEmails" in request.data:
            try:
                record = interlink_user_set_additional_emails(record=record, emails=request.data["additionalEmails"])
            except ValidationError as error:
                return Response({"detail": error.message_dict}, status=422)
        return Response(interlink_user_out(record))
