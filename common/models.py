"""Model pieces several apps share."""

from django.db import models
from django.utils import timezone


class DbNow(models.Func):
    """The server expression ``now()``, exactly as upstream's defaults print it.

    Django's ``Now()`` renders ``statement_timestamp()``; upstream's columns default to
    ``now()`` (the transaction's start), so ``db_default=DbNow()`` keeps the DDL identical.
    """

    template = "now()"
    output_field = models.DateTimeField()


class TimestampedModel(models.Model):
    """``created_at`` / ``updated_at``, both NOT NULL with a server default of ``now()``.

    ``updated_at`` is also set by Django on every save.
    """

    created_at = models.DateTimeField(db_default=DbNow(), editable=False)
    updated_at = models.DateTimeField(db_default=DbNow(), auto_now=True)

    class Meta:
        abstract = True


class UpstreamTimestamps(models.Model):
    """``created_at`` (server default ``now()``) and ``updated_at`` (NULL until the first update).

    The INTERLINK services' convention: both columns are nullable upstream; ``updated_at`` is
    set by Django on every save of an existing row, as SQLAlchemy's ``onupdate`` did.
    """

    created_at = models.DateTimeField(null=True, db_default=DbNow(), editable=False)
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.updated_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)
