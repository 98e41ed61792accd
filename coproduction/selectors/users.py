"""Co-production users (``/users``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coproduction import models


def users_qs() -> QuerySet:
    return models.User.objects.prefetch_related("teams")


def user_search(*, text: str, organization_id=None) -> QuerySet:
    """Users whose e-mail is ``text``; with ``organization_id``, also the members of that
    organisation's teams whose name or e-mail holds ``text``. By name, then id."""
    users = users_qs()
    if organization_id:
        users = users.filter(
            Q(teams__organization_id=organization_id) & (Q(full_name__icontains=text) | Q(email__icontains=text))
            | Q(email=text)
        ).distinct()
    else:
        users = users.filter(email=text)
    return users.order_by("full_name", "id")


def user_exists(user_id) -> bool:
    return models.User.objects.filter(pk=user_id).exists()
