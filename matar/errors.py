"""Errors of the Matar API with upstream's bodies (Flask: ``{"message": …}``, 400 for bad input)."""

from __future__ import annotations

from rest_framework import exceptions, status
from rest_framework.response import Response

from common.api import exception_handler as common_exception_handler
from matar.tokens import MISSING, TokenProblem

NOT_FOUND = "Ain't no cake like that."


class MatarError(exceptions.APIException):
    """An error answered with ``body`` exactly (JSON), at ``status_code``."""

    def __init__(self, status_code: int, body: dict):
        self.status_code = status_code
        self.body = body
        super().__init__(detail=str(body.get("message", "")))


class TokenError(exceptions.AuthenticationFailed):
    """401 ``{"description": …, "error": …}`` as flask-jwt-extended answers."""

    def __init__(self, problem: TokenProblem):
        self.problem = problem
        super().__init__(detail=problem.description)


def not_found() -> MatarError:
    return MatarError(status.HTTP_404_NOT_FOUND, {"message": NOT_FOUND})


def bad_request(message: str, **extra) -> MatarError:
    return MatarError(status.HTTP_400_BAD_REQUEST, {"message": message, **extra})


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for field, value in detail.items():
            return f"{field}: {_first_message(value)}" if field != "non_field_errors" else _first_message(value)
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def exception_handler(exc, context):
    """Matar's bodies; everything else as the project's shared handler answers it."""
    if isinstance(exc, MatarError):
        return Response(exc.body, status=exc.status_code)
    if isinstance(exc, TokenError):
        body = {"description": exc.problem.description, "error": exc.problem.error}
        return Response(body, status=status.HTTP_401_UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    if isinstance(exc, exceptions.NotAuthenticated):
        body = {"description": MISSING.description, "error": MISSING.error}
        return Response(body, status=status.HTTP_401_UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return Response({"message": _first_message(detail), "errors": detail}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.Throttled):
        headers = {"Retry-After": str(int(exc.wait))} if exc.wait else {}
        return Response({"message": str(exc.detail)}, status=status.HTTP_429_TOO_MANY_REQUESTS, headers=headers)
    if isinstance(exc, exceptions.ParseError):
        return Response({"message": str(exc.detail)}, status=status.HTTP_400_BAD_REQUEST)
    return common_exception_handler(exc, context)
