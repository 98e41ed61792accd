"""Matar's own bearer tokens (flask-jwt-extended style), separate from the accounts tokens.

HS256 with ``MATAR_JWT_SECRET``; claims ``fresh``, ``iat``, ``jti``, ``type`` (``access`` or
``refresh``), ``sub`` (the Matar user ``_id``), ``nbf``, ``exp``, and ``sid``: one id per login,
shared by its refresh token and every access token made from it. Logout revokes the access
token's ``jti`` and its ``sid`` (so the refresh token too), in the shared cache (``CACHES``),
until the tokens would have expired anyway; every worker and instance sees the revocation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from django.conf import settings
from django.core.cache import cache

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"
_REVOKED_KEY = "matar:revoked-jti:{}"
_REVOKED_SESSION_KEY = "matar:revoked-sid:{}"


@dataclass(frozen=True)
class TokenProblem(Exception):
    """Why a token was refused, in flask-jwt-extended's words."""

    description: str
    error: str


EXPIRED = TokenProblem("The token has expired.", "token_expired")
REVOKED = TokenProblem("The token has been revoked.", "token_revoked")
MISSING = TokenProblem("Request does not contain an access token.", "authorization_required")
INVALID = TokenProblem("Signature verification failed.", "invalid_token")


def _encode(user_id: str, token_type: str, lifetime: timedelta, *, fresh: bool, session: str | None) -> str:
    now = datetime.now(UTC)
    claims = {
        "sid": session or str(uuid.uuid4()),
        "fresh": fresh,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "type": token_type,
        "sub": str(user_id),
        "nbf": now,
        "exp": now + lifetime,
    }
    return jwt.encode(claims, settings.MATAR_JWT_SECRET, algorithm=ALGORITHM)


def new_session() -> str:
    return str(uuid.uuid4())


def create_access_token(user_id: str, *, fresh: bool = False, session: str | None = None) -> str:
    lifetime = timedelta(days=settings.MATAR_ACCESS_TOKEN_DAYS)
    return _encode(user_id, ACCESS, lifetime, fresh=fresh, session=session)


def create_refresh_token(user_id: str, *, session: str | None = None) -> str:
    lifetime = timedelta(days=settings.MATAR_REFRESH_TOKEN_DAYS)
    return _encode(user_id, REFRESH, lifetime, fresh=False, session=session)


def decode(token: str, token_type: str) -> dict:
    """The claims of a valid, unrevoked token of ``token_type``; raises ``TokenProblem``."""
    try:
        claims = jwt.decode(
            token,
            settings.MATAR_JWT_SECRET,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "jti", "sub", "type"]},
        )
    except jwt.ExpiredSignatureError:
        raise EXPIRED from None
    except jwt.PyJWTError:
        raise INVALID from None
    if claims.get("type") != token_type or not isinstance(claims.get("sub"), str):
        raise INVALID
    keys = [_REVOKED_KEY.format(claims["jti"])]
    if isinstance(claims.get("sid"), str):
        keys.append(_REVOKED_SESSION_KEY.format(claims["sid"]))
    if cache.get_many(keys):
        raise REVOKED
    return claims


def revoke(claims: dict) -> None:
    """Logout: this token, and every token of its login (``sid``), refresh token included."""
    now = datetime.now(UTC).timestamp()
    remaining = int(claims["exp"] - now)
    revoked = {}
    if remaining > 0:
        revoked[_REVOKED_KEY.format(claims["jti"])] = True
    if isinstance(claims.get("sid"), str):
        # The login's refresh token lives at most this long after the token in hand was made.
        revoked[_REVOKED_SESSION_KEY.format(claims["sid"])] = True
        remaining = max(remaining, int(claims.get("iat", now) + settings.MATAR_REFRESH_TOKEN_DAYS * 86400 - now))
    if revoked and remaining > 0:
        cache.set_many(revoked, timeout=remaining)
