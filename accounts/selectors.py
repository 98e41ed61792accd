"""Reads of the accounts domain. Row-level security decides which items a caller sees."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from accounts.models import Item, User


def user_list() -> QuerySet[User]:
    return User.objects.order_by("created_at", "id")


def item_list(*, user: User) -> QuerySet[Item]:
    """The caller's visible items (own ones, or all for a superuser).

    Row-level security decides what is visible. For a regular user the owner filter is
    repeated in the query only so PostgreSQL can use the ``owner_id`` index: the policy's
    ``owner_id = … OR role = 'admin'`` cannot, and scans the whole table (measured by the
    benchmark's RLS-overhead run).
    """
    items = visible_items()
    if not user.is_superuser:
        items = items.filter(owner_id=user.pk)
    return items


def visible_items() -> QuerySet[Item]:
    return Item.objects.order_by("created_at", "id")


def item_get(item_id: uuid.UUID) -> Item | None:
    return visible_items().filter(pk=item_id).first()
