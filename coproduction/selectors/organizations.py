"""Organisations (``/organizations``)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from common.translations import translated
from coproduction import models
from coproduction.selectors.teams import teams_qs
from coproduction.selectors.users import users_qs


def organizations_qs() -> QuerySet:
    return models.Organization.objects.prefetch_related(
        Prefetch("administrators", queryset=users_qs()),
        Prefetch("teams", queryset=teams_qs()),
    )


def organizations_visible_to(user: models.User, *, search: str | None = None) -> QuerySet:
    """Public organisations, those the user administers, and those holding one of the user's
    teams; ``search``: the name (in the request's language) holds it. Oldest first."""
    organizations = models.Organization.objects.filter(Q(public=True) | Q(administrators=user) | Q(teams__users=user))
    if search:
        organizations = organizations.alias(tname=translated("name")).filter(tname__icontains=search)
    return organizations_qs().filter(pk__in=organizations.values("pk")).order_by("created_at", "id")


def is_organization_administrator(organization: models.Organization, user: models.User) -> bool:
    return organization.administrators.filter(pk=user.pk).exists()


def teams_of_organization(organization: models.Organization) -> QuerySet:
    return teams_qs().filter(organization=organization).order_by("created_at", "id")
