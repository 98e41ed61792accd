"""The input rules every API shares, enforced once at the boundary (issue #12).

* No string anywhere in a request may contain NUL (PostgreSQL cannot store it): path,
  query string, JSON (keys and values), form and multipart fields.
* JSON bodies are parsed with a size limit (``API_JSON_MAX_BYTES``) and a nesting limit
  (``API_JSON_MAX_DEPTH``), never by recursion the interpreter cannot finish; integers
  outside PostgreSQL's ``bigint`` are refused, as is any string longer than
  ``API_TEXT_MAX_LENGTH`` (columns upstream leaves unbounded get this API-side limit).
* Paging parameters are bounded (``common.paging``).

Each violation is raised as a DRF ``ParseError`` or ``ValidationError`` inside the view, so
every app answers it in its own error shape and status (422, or 400 where the upstream is
Flask or answers 400). Views that are not DRF views (admin, 501 placeholders) get the
same checks on path and query string from ``NulMiddleware``.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import JsonResponse
from rest_framework import exceptions, parsers, serializers
from rest_framework.negotiation import DefaultContentNegotiation

NUL = "\x00"
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def _limits() -> tuple[int, int, int]:
    return settings.API_JSON_MAX_BYTES, settings.API_JSON_MAX_DEPTH, settings.API_TEXT_MAX_LENGTH


def check_value(data, where: str = "body") -> None:
    """Raise ``ParseError`` naming the first place where ``data`` breaks a rule.

    Iterative (an explicit stack), so a deep document cannot exhaust the interpreter's stack.
    """
    _, max_depth, max_text = _limits()
    stack = [(data, where, 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > max_depth:
            raise exceptions.ParseError(f"{where}: nested deeper than {max_depth} levels")
        if isinstance(value, str):
            _check_text(value, path, max_text)
        elif isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        elif isinstance(value, int):
            if not BIGINT_MIN <= value <= BIGINT_MAX:
                raise exceptions.ParseError(f"{path}: integer out of range")
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_text(str(key), f"{path}.{key}" if NUL not in str(key) else path, max_text)
                stack.append((item, f"{path}.{key}", depth + 1))
        elif isinstance(value, list | tuple):
            stack.extend((item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value))


def _check_text(value: str, path: str, max_text: int) -> None:
    if NUL in value:
        raise exceptions.ParseError(f"{path}: NUL characters are not allowed")
    if len(value) > max_text:
        raise exceptions.ParseError(f"{path}: longer than {max_text} characters")


class GuardedJSONParser(parsers.JSONParser):
    """DRF's JSON parser with the size, depth, NUL, integer and text-length limits."""

    def parse(self, stream, media_type=None, parser_context=None):
        max_bytes = _limits()[0]
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read(max_bytes + 1) if stream is not None else b""
        if len(raw) > max_bytes:
            raise exceptions.ParseError(f"JSON body larger than {max_bytes} bytes")
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_reject_constant)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - nested too deeply") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None
        check_value(data)
        return data


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _check_querydict(data, where: str) -> None:
    for key, values in data.lists():
        check_value(key, where)
        for value in values:
            if isinstance(value, str):
                check_value(value, f"{where}.{key}")


class GuardedFormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_querydict(data, "form")
        return data


class GuardedMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _check_querydict(result.data, "form")
        for name, upload in result.files.items():
            if NUL in name or NUL in (upload.name or ""):
                raise exceptions.ParseError("form: NUL characters are not allowed in file names")
        return result


class InputGuard(DefaultContentNegotiation):
    """Checks the path and query string of every DRF request before authentication.

    DRF runs content negotiation first in every view (``APIView.initial``) and inside the
    view's own error handling, so a refusal raised here is answered in the app's error shape
    and status; it is the one default hook no view of this project replaces. The check runs
    once per request (an error answer negotiates again).
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        selected = super().select_renderer(request, renderers, format_suffix)
        if not getattr(request, "_input_checked", False):
            request._input_checked = True
            if NUL in request.path:
                raise exceptions.ParseError("path: NUL characters are not allowed")
            for name, value in (getattr(request, "parser_context", None) or {}).get("kwargs", {}).items():
                if isinstance(value, str):
                    check_value(value, f"path.{name}")
            _check_querydict(request.query_params, "query")
        return selected


class NulMiddleware:
    """Path and query-string NUL check for views outside DRF (admin, 501 placeholders)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if hasattr(view_func, "cls"):
            return None  # DRF views: InputGuard, inside the view's own error handling
        if NUL in request.path or any(NUL in k or any(NUL in v for v in vs) for k, vs in request.GET.lists()):
            return JsonResponse({"detail": "NUL characters are not allowed in the URL"}, status=400)
        return None


def integer_column_field(**kwargs) -> serializers.IntegerField:
    """A serializer integer for a PostgreSQL ``integer`` column: out of its range is a
    validation error naming the field, not ``integer out of range`` from the database."""
    return serializers.IntegerField(min_value=INT_MIN, max_value=INT_MAX, **kwargs)
