"""DRF authentication for the Matar API only: Matar users with Matar's own bearer tokens.

The rest of the project keeps the global accounts authentication; these classes are set on
the Matar views alone, so ``request.user`` there is a ``matar.User`` and ``request.auth`` the
token's claims.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from matar import tokens
from matar.errors import TokenError
from matar.models import User


class MatarAccessTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <access token>`` from ``POST /matar/api/v1/login``."""

    token_type = tokens.ACCESS

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        if len(parts) != 2:
            raise TokenError(tokens.INVALID)
        try:
            claims = tokens.decode(parts[1].decode("latin-1"), self.token_type)
        except tokens.TokenProblem as problem:
            raise TokenError(problem) from None
        user = User.objects.filter(pk=claims["sub"]).first()
        if user is None:
            raise TokenError(tokens.TokenProblem("Error loading the user.", "user_not_found"))
        return user, claims

    def authenticate_header(self, request):
        return "Bearer"


class MatarRefreshTokenAuthentication(MatarAccessTokenAuthentication):
    """``Authorization: Bearer <refresh token>``, for ``POST /matar/api/v1/refresh`` only."""

    token_type = tokens.REFRESH


class MatarTokenScheme(OpenApiAuthenticationExtension):
    target_class = MatarAccessTokenAuthentication
    name = "matarBearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


class MatarRefreshTokenScheme(OpenApiAuthenticationExtension):
    target_class = MatarRefreshTokenAuthentication
    name = "matarRefreshBearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT (refresh token)"}
