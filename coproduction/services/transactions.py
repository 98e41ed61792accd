"""The coproduction database's transaction and row locks, shared by every service."""

from __future__ import annotations

from django.db import transaction

DB = "coproduction"


def atomic():
    return transaction.atomic(using=DB)


def lock_row(model, pk) -> None:
    """Row lock so concurrent changes recompute an aggregate one after the other.

    Under READ COMMITTED the next statement sees what the transaction that held the lock
    committed, so the recomputation that runs last counts every change.
    """
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))
