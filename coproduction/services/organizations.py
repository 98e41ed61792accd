"""Organisations and their administrators."""

from __future__ import annotations

from common.exceptions import APIError
from coproduction.models import Organization, OrganizationAdministrator, User
from coproduction.services.teams import LAST_ADMINISTRATOR


def organization_create(*, creator: User, data: dict) -> Organization:
    """An organisation administered by its creator."""
    organization = Organization.objects.create(creator=creator, **data)
    OrganizationAdministrator.objects.create(organization=organization, user=creator)
    return organization


def organization_update(*, organization: Organization, data: dict) -> Organization:
    for field, value in data.items():
        setattr(organization, field, value)
    organization.save()
    return organization


def organization_delete(*, organization: Organization) -> None:
    organization.delete()


def organization_set_logotype(*, organization: Organization, logotype: str) -> Organization:
    organization.logotype = logotype
    organization.save(update_fields=["logotype"])
    return organization


def organization_administrator_add(*, organization: Organization, user: User) -> None:
    OrganizationAdministrator.objects.get_or_create(organization=organization, user=user)


def organization_administrator_remove(*, organization: Organization, user_id) -> None:
    """400 ``Can not delete the last administrator`` when ``user_id`` is the only one."""
    administrators = OrganizationAdministrator.objects.filter(organization=organization)
    if administrators.count() <= 1 and administrators.filter(user_id=user_id).exists():
        raise APIError(400, LAST_ADMINISTRATOR)
    administrators.filter(user_id=user_id).delete()
