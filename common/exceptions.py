"""Errors the APIs raise (kept free of view imports: authentication classes use them)."""

from rest_framework import exceptions


class APIError(exceptions.APIException):
    """An error with an explicit status and upstream's exact ``detail`` message."""

    def __init__(self, status_code: int, detail: str):
        self.status_code = status_code
        super().__init__(detail=detail)
