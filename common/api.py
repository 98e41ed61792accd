"""What every app's API shares: the error conventions and small view helpers."""

from __future__ import annotations

import sys

from django.core.exceptions import ObjectDoesNotExist
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.urls import re_path
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from common.exceptions import APIError  # noqa: F401  (re-exported for views)

NOT_AUTHENTICATED = "Not authenticated"


def exception_handler(exc, context):
    """DRF's handler with upstream's conventions (FastAPI-style services).

    * Request validation errors answer 422 with DRF's field-error body (a view may set
      ``validation_error_status`` to keep another status, e.g. a Flask upstream's 400).
    * Missing credentials answer 401 ``{"detail": "Not authenticated"}`` with
      ``WWW-Authenticate: Bearer``.
    """
    view = context.get("view")
    if isinstance(exc, ObjectDoesNotExist):
        # A row gone between two reads of one request (deleted by a concurrent one): not found.
        exc = exceptions.NotFound()
    if isinstance(exc, exceptions.NotAuthenticated):
        exc = exceptions.NotAuthenticated(NOT_AUTHENTICATED)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, (exceptions.ValidationError, exceptions.ParseError)):
        response.status_code = getattr(view, "validation_error_status", status.HTTP_422_UNPROCESSABLE_ENTITY)
    if isinstance(exc, exceptions.NotAuthenticated):
        response.status_code = status.HTTP_401_UNAUTHORIZED
        response["WWW-Authenticate"] = "Bearer"
    return response


#: Seconds a client is asked to wait when the database cannot take the request.
DATABASE_RETRY_AFTER = 5


def server_error(request):
    """``handler500``: an error of the database connection itself (the server is down, out of
    connection slots, or cancelled the statement) is the service being unavailable for a
    moment, not a bug: 503 with ``Retry-After``. Anything else keeps Django's 500 page."""
    if isinstance(sys.exc_info()[1], OperationalError):
        response = JsonResponse({"detail": "The database is unavailable or busy; try again shortly."}, status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
    return defaults.server_error(request)


def null_response() -> HttpResponse:
    """Upstream's deletions answer 200 with the JSON body ``null`` (DRF would send an empty body)."""
    return HttpResponse(b"null", content_type="application/json")


def not_implemented(message: str):
    """A view answering 501 with a clear message, for what is not built yet."""

    def view(request, *args, **kwargs):
        return JsonResponse({"detail": message}, status=501)

    return view


def path_both(route: str, view, name: str | None = None):
    """Answer ``route`` with and without a final slash, without a redirect (as upstream)."""
    route = route.strip("/")
    return re_path(rf"^{route}/?$", view, name=name)
