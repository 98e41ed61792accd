"""Carries the authenticated user into PostgreSQL for every request (admin and API)."""

from django.db import DEFAULT_DB_ALIAS, transaction

from accounts import rls
from accounts.authentication import TokenError, user_for_bearer_token


class RowLevelSecurityMiddleware:
    """Runs an authenticated request in a transaction that carries its identity.

    The user comes from the session (admin, browsable API) or from the bearer token (the
    same lookup DRF's authentication then reuses). Anonymous requests set nothing, so the
    policies show them no protected rows. An error response (4xx or 5xx) rolls the
    transaction back, so a failed request writes nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = self._user(request)
        if user is None:
            return self.get_response(request)
        with rls.identity(user):
            response = self.get_response(request)
            if response.status_code >= 400:
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
        return response

    @staticmethod
    def _user(request):
        try:
            token_user = user_for_bearer_token(request)
        except TokenError:
            return None
        if token_user is not None:
            return token_user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None
