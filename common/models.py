"""Model pieces several apps share."""

from django.db import models


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
