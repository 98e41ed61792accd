"""Pieces every coproduction model shares: upstream's timestamps, enumerations, odd column types."""

from __future__ import annotations

import json
import uuid

from django.db import models

from common.models import UpstreamTimestamps


def link(to, **kwargs) -> models.ForeignKey:
    """A link column upstream left without a foreign key: navigable in Django, no constraint,
    no index, no reverse accessor (README §5)."""
    return models.ForeignKey(
        to, models.DO_NOTHING, null=True, blank=True, db_constraint=False, db_index=False, related_name="+", **kwargs
    )


def new_uuid() -> uuid.UUID:
    return uuid.uuid4()


class UUIDModel(UpstreamTimestamps):
    """Application-generated ``uuid`` primary key (no server default), as upstream."""

    id = models.UUIDField(primary_key=True, default=new_uuid, editable=False)

    class Meta:
        abstract = True


class Status(models.TextChoices):
    AWAITING = "awaiting"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class RoleTypes(models.TextChoices):
    CITIZEN = "citizen"
    PUBLIC_ADMINISTRATION = "public_administration"
    NONPROFIT_ORGANIZATION = "nonprofit_organization"
    FORPROFIT_ORGANIZATION = "forprofit_organization"


class TeamCreationPermissions(models.TextChoices):
    ADMINISTRATORS = "administrators"
    MEMBERS = "members"
    ANYONE = "anyone"


class ChannelTypes(models.TextChoices):
    IN_APP = "in_app"
    EMAIL = "email"
    CHAT = "chat"


class ClaimTypes(models.TextChoices):
    """Stored lower-case; the API reads and writes the capitalised labels."""

    MANAGEMENT = "management", "Management"
    DEVELOPMENT = "development", "Development"
    EXPLOITATION = "exploitation", "Exploitation"


class Languages(models.TextChoices):
    EN = "en"
    ES = "es"
    LV = "lv"
    IT = "it"


class UnboundedDecimalField(models.DecimalField):
    """PostgreSQL ``numeric`` without precision or scale (upstream's ``progress`` columns)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", None)
        kwargs.setdefault("decimal_places", None)
        super().__init__(*args, **kwargs)

    def _check_decimal_places(self):
        return []

    def _check_max_digits(self):
        return []

    def _check_decimal_places_and_max_digits(self, **kwargs):
        return []

    def db_type(self, connection):
        return "numeric"

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def to_python(self, value):
        if value is None:
            return None
        from decimal import Decimal, InvalidOperation

        try:
            return Decimal(str(value))
        except InvalidOperation:
            return super().to_python(value)

    @property
    def validators(self):
        return []


class PlainJSONField(models.JSONField):
    """A ``json`` (not ``jsonb``) column, as upstream's notification ``parameters``.

    psycopg2 decodes ``json`` values itself, so a value read back may already be a Python
    object; legacy rows written by upstream hold a JSON *string* (see
    ``coproduction.notification_parameters``), which is returned as that string.
    """

    def db_type(self, connection):
        return "json"

    def from_db_value(self, value, expression, connection):
        if value is None or not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            return value
