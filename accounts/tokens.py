"""Access and password-reset tokens: self-contained JWTs (HS256, ``SECRET_KEY``), as upstream."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
from django.conf import settings

ALGORITHM = "HS256"


def create_access_token(subject: str) -> str:
    expires = datetime.now(UTC) + timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return jwt.encode({"exp": expires, "sub": str(subject)}, settings.SECRET_KEY, algorithm=ALGORITHM)


def read_access_token(token: str) -> str | None:
    """The token's subject (a user id as text), or None when invalid or expired."""
    try:
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        return None
    subject = payload.get("sub")
    return subject if isinstance(subject, str) else None


def create_password_reset_token(email: str) -> str:
    now = datetime.now(UTC)
    expires = now + timedelta(hours=settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS)
    return jwt.encode({"exp": expires, "nbf": now, "sub": email}, settings.SECRET_KEY, algorithm=ALGORITHM)


def read_password_reset_token(token: str) -> str | None:
    """The e-mail the token was issued for, or None when invalid, expired or not yet valid."""
    try:
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        return None
    subject = payload.get("sub")
    return subject if isinstance(subject, str) else None
