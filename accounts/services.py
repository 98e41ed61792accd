"""Writes of the accounts domain, with upstream's rules."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from rest_framework import status

from accounts import tokens
from accounts.models import Item, User
from common.exceptions import APIError

SUPERUSER_SELF_DELETE = "Super users are not allowed to delete themselves"


def user_create(
    *,
    email: str,
    password: str,
    is_active: bool = True,
    is_superuser: bool = False,
    full_name: str | None = None,
    conflict_message: str = "The user with this email already exists in the system.",
) -> User:
    """A new user; a taken e-mail answers 400 ``conflict_message`` (upstream's wording).

    The look-up answers the serial case; the unique index answers the race (two requests
    with the same new e-mail at once), in a savepoint so the request's transaction goes on.
    """
    if User.objects.filter(email=email).exists():
        raise APIError(status.HTTP_400_BAD_REQUEST, conflict_message)
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email, password=password, is_active=is_active, is_superuser=is_superuser, full_name=full_name
            )
    except IntegrityError:
        raise APIError(status.HTTP_400_BAD_REQUEST, conflict_message) from None


def user_update(*, user: User, data: dict, conflict_message: str = "User with this email already exists") -> User:
    """Apply the given keys only; a new ``password`` is hashed; a taken e-mail answers 409."""
    if "email" in data and User.objects.filter(email=data["email"]).exclude(pk=user.pk).exists():
        raise APIError(status.HTTP_409_CONFLICT, conflict_message)
    for field, value in data.items():
        if field == "password":
            if value:
                user.set_password(value)
        else:
            setattr(user, field, value)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise APIError(status.HTTP_409_CONFLICT, conflict_message) from None
    return user


def user_reset_password(*, token: str, new_password: str) -> User:
    """Set the password named by a recovery token; the token is spent (upstream's messages)."""
    claims = tokens.read_password_reset_token(token)
    if claims is None:
        raise APIError(status.HTTP_400_BAD_REQUEST, "Invalid token")
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=claims["sub"]).first()
        if user is None:
            raise APIError(status.HTTP_404_NOT_FOUND, "The user with this email does not exist in the system.")
        if not user.is_active:
            raise APIError(status.HTTP_400_BAD_REQUEST, "Inactive user")
        if not tokens.use_password_reset_token(token, claims, password_hash=user.password):
            raise APIError(status.HTTP_400_BAD_REQUEST, "Invalid token")
        user.set_password(new_password)
        user.save(update_fields=["password", "updated_at"])
    return user


def user_delete(*, user: User, actor: User) -> None:
    if user.is_superuser and user.pk == actor.pk:
        raise APIError(status.HTTP_403_FORBIDDEN, SUPERUSER_SELF_DELETE)
    user.delete()


def user_set_password(*, user: User, new_password: str) -> User:
    user.set_password(new_password)
    user.save(update_fields=["password", "updated_at"])
    return user


def item_delete(*, item: Item) -> None:
    item.delete()


def item_create(*, owner_id: uuid.UUID, title: str, description: str | None = None) -> Item:
    return Item.objects.create(owner_id=owner_id, title=title, description=description)


def item_update(*, item: Item, data: dict) -> Item:
    for field, value in data.items():
        if field == "title" and value is None:
            continue
        setattr(item, field, value)
    item.save()
    return item
