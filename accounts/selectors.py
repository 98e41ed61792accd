"""Reads of the accounts domain. Row-level security decides which items a caller sees."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from accounts.models import Item, User


def user_page(*, skip: int, limit: int) -> tuple[list[User], int]:
    users = User.objects.order_by("created_at", "id")
    return list(users[skip : skip + limit]), users.count()


def item_page(*, skip: int, limit: int) -> tuple[list[Item], int]:
    """The caller's visible items (own ones, or all for a superuser) and their total."""
    items = visible_items()
    return list(items[skip : skip + limit]), items.count()


def visible_items() -> QuerySet[Item]:
    return Item.objects.order_by("created_at", "id")


def item_get(item_id: uuid.UUID) -> Item | None:
    return visible_items().filter(pk=item_id).first()
