"""Writes of the auth service's user store."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from interlink_auth.authentication import ProviderUser, full_name_from_claims
from interlink_auth.models import InterlinkUser

_CLAIM_FIELDS = ("email", "given_name", "family_name", "picture", "locale", "zoneinfo")


def interlink_user_update_or_create(*, user, claims: dict, login: bool = False) -> InterlinkUser:
    """The record of the caller's ``sub``, created on first sight (upstream's update_or_create).

    Claims fill the record when it is created; an accounts user's e-mail and full name are
    kept in step on every call. ``login`` (the login callback) sets ``last_login``.
    """
    sub = str(user.pk)
    account = None if isinstance(user, ProviderUser) else user
    with transaction.atomic():
        record, created = InterlinkUser.objects.select_for_update().get_or_create(pk=sub)
        changed = created
        if created:
            for name in _CLAIM_FIELDS:
                if isinstance(claims.get(name), str):
                    setattr(record, name, claims[name][:255] if name != "picture" else claims[name][:1024])
            record.full_name = full_name_from_claims(claims)
        if account is not None:
            for name, value in (("email", account.email), ("full_name", account.full_name), ("account", account)):
                if getattr(record, name) != value:
                    setattr(record, name, value)
                    changed = True
        if login or record.last_login is None:
            record.last_login = timezone.now()
            changed = True
        if changed:
            record.save()
    return record


def interlink_user_set_additional_emails(*, record: InterlinkUser, emails) -> InterlinkUser:
    """``PUT /users/{id}``: ``additionalEmails`` is the only field a user may change (as upstream)."""
    if not isinstance(emails, list) or not all(isinstance(email, str) for email in emails):
        raise ValidationError({"additionalEmails": ["Must be a list of e-mail addresses."]})
    cleaned = []
    for email in emails:
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"additionalEmails": [f"{email!r} is not a valid e-mail address."]}) from None
        if email not in cleaned:
            cleaned.append(email)
    record.additional_emails = cleaned
    record.save(update_fields=["additional_emails", "updated_at"])
    return record
