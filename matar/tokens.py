"""Matar's own bearer tokens (flask-jwt-extended style), separate from the accounts tokens.

HS256 with ``MATAR_JWT_SECRET``; claims ``fresh``, ``iat``, ``jti``, ``type`` (``access`` or
``refresh``), ``sub`` (the Matar user ``_id``), ``nbf``, ``exp``. Revoked token ids (logout)
are kept in Django's cache until the token would have expired anyway.
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


@dataclass(frozen=True)
class TokenProblem(Exception):
    """Why a token was refused, in flask-jwt-extended's words."""

    description: str
    error: str


EXPIRED = TokenProblem("The token has expired.", "token_expired")
REVOKED = TokenProblem("The token has been revoked.", "token_revoked")
MISSING = TokenProblem("Request does not contain an access token.", "authorization_required")
INVALID = TokenProblem("Signature verification failed.", "invalid_token")


def _encode(user_id: str, token_type: str, lifetime: timedelta, *, fresh: bool) -> str:
    now = datetime.now(UTC)
    claims = {
        "fresh": fresh,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "type": token_type,
        "sub": str(user_id),
        "nbf": now,
        "exp": now + lifetime,
    }
    return jwt.encode(claims, settings.MATAR_JWT_SECRET, algorithm=ALGORITHM)


def create_access_token(user_id: str, *, fresh: bool = False) -> str:
    return _encode(user_id, ACCESS, timedelta(days=settings.MATAR_ACCESS_TOKEN_DAYS), fresh=fresh)


def create_refresh_token(user_id: str) -> str:
    return _encode(user_id, REFRESH, timedelta(days=settings.MATAR_REFRESH_TOKEN_DAYS), fresh=False)


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
    if cache.get(_REVOKED_KEY.format(claims["jti"])):
        raise REVOKED
    return claims


def revoke(claims: dict) -> None:
    remaining = int(claims["exp"] - datetime.now(UTC).timestamp())
    if remaining > 0:
        cache.set(_REVOKED_KEY.format(claims["jti"]), True, timeout=remaining)
