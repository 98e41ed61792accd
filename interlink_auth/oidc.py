"""The configured OpenID Connect provider: its discovery document, its keys, its tokens.

Nothing here is hand-written OAuth: the code flow is Authlib's Django client, token
signatures are PyJWT's with ``PyJWKClient`` (keys cached; a token whose ``kid`` is not in the
cached set makes it fetch the set again once, which is how a provider's key rotation is
followed).
"""

from __future__ import annotations

import threading
import time

import jwt
import requests
from authlib.integrations.django_client import OAuth
from django.conf import settings

_lock = threading.Lock()
_state: dict = {}


class ProviderError(Exception):
    """The provider could not be reached or answered something unusable."""


def configured() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID and settings.OIDC_CLIENT_SECRET)


def _config_key() -> tuple:
    return (
        settings.OIDC_DISCOVERY_URL,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_JWKS_URL,
        settings.OIDC_SCOPE,
    )


def _current() -> dict:
    """Per-configuration state (settings can change in tests): the client, metadata, keys."""
    key = _config_key()
    with _lock:
        if _state.get("key") != key:
            _state.clear()
            _state["key"] = key
        return _state


def metadata() -> dict:
    state = _current()
    cached = state.get("metadata")
    if cached and cached[0] > time.monotonic():
        return cached[1]
    try:
        response = requests.get(settings.OIDC_DISCOVERY_URL, timeout=settings.OIDC_HTTP_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderError(f"The OpenID Connect discovery document could not be read: {error}") from None
    if not isinstance(document, dict) or not (settings.OIDC_JWKS_URL or document.get("jwks_uri")):
        raise ProviderError("The OpenID Connect discovery document names no jwks_uri")
    state["metadata"] = (time.monotonic() + settings.OIDC_CACHE_SECONDS, document)
    return document


def client():
    """Authlib's Django OAuth client for the provider (PKCE S256, scope from OIDC_SCOPE)."""
    state = _current()
    if "client" not in state:
        oauth = OAuth()
        oauth.register(
            name="interlink",
            client_id=settings.OIDC_CLIENT_ID,
            client_secret=settings.OIDC_CLIENT_SECRET,
            server_metadata_url=settings.OIDC_DISCOVERY_URL,
            client_kwargs={"scope": settings.OIDC_SCOPE, "code_challenge_method": "S256"},
        )
        state["client"] = oauth.create_client("interlink")
    return state["client"]


def _jwks_client() -> jwt.PyJWKClient:
    state = _current()
    if "jwks" not in state:
        url = settings.OIDC_JWKS_URL or metadata()["jwks_uri"]
        # The key set is cached for OIDC_CACHE_SECONDS (and refetched on an unknown kid);
        # PyJWKClient's per-kid LRU (cache_keys) stays off: it would keep accepting a key the
        # provider has withdrawn until the process restarts.
        state["jwks"] = jwt.PyJWKClient(
            url,
            cache_jwk_set=True,
            cache_keys=False,
            lifespan=settings.OIDC_CACHE_SECONDS,
            timeout=settings.OIDC_HTTP_TIMEOUT,
        )
    return state["jwks"]


def verify_token(token: str) -> dict | None:
    """The claims of a provider token (RS256, audience = client id, unexpired), else None.

    ``iss`` must be the discovery document's ``issuer`` when the document names one.
    """
    if not configured():
        return None
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        return None
    if header.get("alg") != "RS256":
        return None
    try:
        issuer = metadata().get("issuer")
        key = _jwks_client().get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],
            audience=settings.OIDC_CLIENT_ID,
            issuer=issuer or None,
            options={"require": ["exp", "sub", "aud"]},
        )
    except (jwt.PyJWTError, ProviderError):
        return None
    sub = claims.get("sub")
    return claims if isinstance(sub, str) and sub else None
