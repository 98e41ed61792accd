"""Reads of the auth service's user store."""

from __future__ import annotations

from django.db.models import Q

from interlink_auth.models import InterlinkUser


def interlink_user_find(identifier: str) -> InterlinkUser | None:
    """By ``sub`` or e-mail, as upstream's ``crud.get`` (``_id``, ``email`` or ``sub``)."""
    return InterlinkUser.objects.filter(Q(pk=identifier) | Q(email__iexact=identifier)).order_by("pk").first()


def interlink_user_out(record: InterlinkUser, claims: dict | None = None) -> dict:
    """Upstream's ``UserOutSchema``: the token's claims overlaid with the stored record."""
    out = {key: value for key, value in (claims or {}).items() if key not in ("exp", "iat", "nbf", "aud", "iss", "jti")}
    out.update(
        {
            "_id": record.sub,
            "sub": record.sub,
            "email": record.email,
            "full_name": record.full_name,
            "given_name": record.given_name,
            "family_name": record.family_name,
            "picture": record.picture,
            "locale": record.locale,
            "zoneinfo": record.zoneinfo,
            "last_login": record.last_login.isoformat() if record.last_login else None,
            "additionalEmails": list(record.additional_emails or []),
        }
    )
    return out
