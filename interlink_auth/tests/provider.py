"""The OpenID Connect provider the /auth/ tests log in through: this project's accounts
published by django-oauth-toolkit (OIDC on), as a platform's provider would publish its users.

Like INTERLINK's provider, its access tokens are RS256 JWTs (``aud`` = the client id,
``sub``, ``exp``, ``iss``, ``kid`` of the key in its JWKS), so the ``auth_token`` cookie is the
provider's access token as upstream sets it.
"""

from __future__ import annotations

import time

import jwt
from django.contrib.auth.views import LoginView
from jwcrypto import jwk
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.settings import oauth2_settings


def key_id(private_pem: str) -> str:
    """The ``kid`` django-oauth-toolkit publishes for a key (its JWK thumbprint)."""
    return jwk.JWK.from_pem(private_pem.encode()).thumbprint()


def jwt_access_token(request, refresh_token=False) -> str:
    """oauthlib token generator: an RS256 JWT access token for the authorising user."""
    private_pem = oauth2_settings.OIDC_RSA_PRIVATE_KEY
    now = int(time.time())
    claims = {
        "iss": oauth2_settings.OIDC_ISS_ENDPOINT,
        "sub": str(request.user.pk),
        "aud": request.client_id,
        "iat": now,
        "exp": now + oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS,
        "scope": " ".join(request.scopes or []),
        "email": request.user.email,
        "name": request.user.full_name,
    }
    return jwt.encode(claims, private_pem, algorithm="RS256", headers={"kid": key_id(private_pem)})


class AccountsValidator(OAuth2Validator):
    """Publishes the accounts user's e-mail and name as the ``email``/``profile`` claims."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email": "email", "name": "profile"}

    def get_additional_claims(self, request):
        return {"email": request.user.email, "name": request.user.full_name or ""}


class ProviderLoginView(LoginView):
    template_name = "interlink_auth/tests/provider_login.html"
