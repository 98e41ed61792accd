"""The configured OpenID Connect provider: its discovery document, its keys, its tokens.

Nothing here is hand-written OAuth: the code flow is Authlib's Django client, token
signatures are PyJWT's with ``PyJWKClient`` (keys cached; a token whose ``kid`` is not in the
cached set makes it fetch the set again, which is how a provider's key rotation is followed;
at most once per ``OIDC_JWKS_REFETCH_SECONDS``, so made-up ``kid`` values cannot turn our
requests into a flood of fetches at the provider).
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


class KeySetClient(jwt.PyJWKClient):
    """``PyJWKClient`` whose refetch for an unknown ``kid`` is rate-limited.

    The first unknown ``kid`` refetches at once (a rotated key works from its first token);
    another unknown ``kid`` within ``refetch_seconds`` of that refetch is refused from the
    cached set without asking the provider. ``fetches`` counts the requests to the provider.
    """

    def __init__(self, uri: str, *, refetch_seconds: float, **options):
        super().__init__(uri, **options)
        self.refetch_seconds = refetch_seconds
        self.fetches = 0
        self._last_refetch: float | None = None
        self._refetch_lock = threading.Lock()

    def fetch_data(self):
        self.fetches += 1
        return super().fetch_data()

    def get_signing_key(self, kid: str) -> jwt.PyJWK:
        key = self.match_kid(self.get_signing_keys(), kid)
        if key is None:
            with self._refetch_lock:
                now = time.monotonic()
                if self._last_refetch is not None and now - self._last_refetch < self.refetch_seconds:
                    raise jwt.PyJWKClientError(f"No signing key {kid!r} (the key set was refetched moments ago)")
                self._last_refetch = now
            key = self.match_kid(self.get_signing_keys(refresh=True), kid)
            if key is None:
                raise jwt.PyJWKClientError(f"No signing key {kid!r} in the provider's key set")
        return key


def _jwks_client() -> KeySetClient:
    state = _current()
    if "jwks" not in state:
        url = settings.OIDC_JWKS_URL or metadata()["jwks_uri"]
        # The key set is cached for OIDC_CACHE_SECONDS (and refetched on an unknown kid);
        # PyJWKClient's per-kid LRU (cache_keys) stays off: it would keep accepting a key the
        # provider has withdrawn until the process restarts.
        state["jwks"] = KeySetClient(
            url,
            refetch_seconds=settings.OIDC_JWKS_REFETCH_SECONDS,
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
