"""The user store of INTERLINK's auth service: one row per OpenID Connect subject.

Upstream keeps these records in MongoDB (a ``users`` collection, ``_id`` = ``sub``), so there
is no upstream table to match: the table is ours, in the ``default`` database beside the
accounts it links to.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from common.models import TimestampedModel


class InterlinkUser(TimestampedModel):
    """Upstream's ``UserSchema`` fields per ``sub`` (plus ``given_name``/``family_name`` it returns)."""

    sub = models.CharField(primary_key=True, max_length=255)
    email = models.CharField(max_length=255, null=True, blank=True)
    full_name = models.CharField(max_length=255, null=True, blank=True)
    given_name = models.CharField(max_length=255, null=True, blank=True)
    family_name = models.CharField(max_length=255, null=True, blank=True)
    picture = models.CharField(max_length=1024, null=True, blank=True)
    locale = models.CharField(max_length=35, null=True, blank=True)
    zoneinfo = models.CharField(max_length=64, null=True, blank=True)
    last_login = models.DateTimeField(null=True, blank=True)
    additional_emails = ArrayField(
        models.CharField(max_length=255), db_column="additionalEmails", default=list, blank=True
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interlink_user",
        help_text="The accounts user this subject is, when there is one (its id is the subject).",
    )

    class Meta:
        db_table = "interlink_user"
        ordering = ["sub"]
        verbose_name = "INTERLINK user"

    def __str__(self):
        return self.full_name or self.email or self.sub
