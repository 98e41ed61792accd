"""Teams, their members and administrators (``/teams``)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from coproduction import models
from coproduction.selectors.users import users_qs


def teams_qs() -> QuerySet:
    return models.Team.objects.prefetch_related(
        Prefetch("users", queryset=users_qs()),
        Prefetch("administrators", queryset=users_qs()),
        "applies",
    )


def team_exists(team_id) -> bool:
    return models.Team.objects.filter(pk=team_id).exists()


def is_team_administrator(team: models.Team, user: models.User) -> bool:
    return team.administrators.filter(pk=user.pk).exists()


def team_member_ids(team_ids) -> list[str]:
    """The ids of every member of the teams, each once, sorted."""
    return sorted(set(models.TeamMember.objects.filter(team_id__in=team_ids).values_list("user_id", flat=True)))


def can_create_team(user: models.User, organization: models.Organization | None) -> bool:
    """The organisation's ``team_creation_permission``: anyone, its members (of any of its
    teams) and administrators, or its administrators only. No organisation: anyone."""
    if organization is None:
        return True
    rule = organization.team_creation_permission
    is_admin = organization.administrators.filter(pk=user.pk).exists()
    if rule == models.TeamCreationPermissions.ANYONE:
        return True
    if rule == models.TeamCreationPermissions.MEMBERS:
        return is_admin or models.TeamMember.objects.filter(team__organization=organization, user=user).exists()
    return is_admin


def applicants_of_team(team: models.Team) -> QuerySet:
    return users_qs().filter(applied_teams=team)
