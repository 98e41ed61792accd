"""Access and password-reset tokens: self-contained JWTs (HS256, ``SECRET_KEY``), as upstream.

Both must carry ``exp``: a token that never expires is refused. A password-reset token works
once: ours carry ``pwd``, a digest of the password hash they were issued against, so using
one (or any other password change) ends it; a token in upstream's shape (``sub``, ``exp``,
``nbf`` only) is accepted for its first use and recorded in the shared cache until it expires.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import jwt
from django.conf import settings
from django.core.cache import cache

ALGORITHM = "HS256"
_USED_RESET_TOKEN_KEY = "accounts:used-reset-token:{}"


def create_access_token(subject: str) -> str:
    expires = datetime.now(UTC) + timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return jwt.encode({"exp": expires, "sub": str(subject)}, settings.SECRET_KEY, algorithm=ALGORITHM)


def _claims(token: str) -> dict | None:
    try:
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        return None
    return payload if isinstance(payload.get("sub"), str) else None


def read_access_token(token: str) -> str | None:
    """The token's subject (a user id as text), or None when invalid, expired or without ``exp``."""
    claims = _claims(token)
    return None if claims is None else claims["sub"]


def password_fingerprint(password_hash: str) -> str:
    """A digest of a user's stored password hash: it changes whenever the password does."""
    return hmac.new(settings.SECRET_KEY.encode(), password_hash.encode(), hashlib.sha256).hexdigest()[:32]


def create_password_reset_token(email: str, *, password_hash: str) -> str:
    now = datetime.now(UTC)
    expires = now + timedelta(hours=settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS)
    claims = {"exp": expires, "nbf": now, "sub": email, "pwd": password_fingerprint(password_hash)}
    return jwt.encode(claims, settings.SECRET_KEY, algorithm=ALGORITHM)


def read_password_reset_token(token: str) -> dict | None:
    """The claims when the token is valid and in time (``sub`` is the e-mail), else None."""
    return _claims(token)


def use_password_reset_token(token: str, claims: dict, *, password_hash: str) -> bool:
    """Spend the token for the user whose current hash is ``password_hash``; False if spent.

    Call inside the transaction that changes the password.
    """
    if "pwd" in claims:
        return hmac.compare_digest(str(claims["pwd"]), password_fingerprint(password_hash))
    # Upstream's shape: first use only, remembered until the token would expire anyway.
    remaining = max(1, int(claims["exp"] - datetime.now(UTC).timestamp()))
    key = _USED_RESET_TOKEN_KEY.format(hashlib.sha256(token.encode()).hexdigest())
    return cache.add(key, True, timeout=remaining)
