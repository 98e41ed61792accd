"""Users, teams and their members (the ``users_count`` aggregate)."""

from __future__ import annotations

from django.utils import timezone

from coproduction.models import (
    Team,
    TeamMember,
    User,
)
from coproduction.services.transactions import lock_row


def user_sync_from_account(account_user) -> User:
    """Create or refresh the coproduction ``user`` row of an accounts user (``GET /users/me``)."""
    user, _ = User.objects.get_or_create(pk=str(account_user.pk))
    user.email = account_user.email
    user.full_name = account_user.full_name
    user.is_superuser = bool(account_user.is_superuser)
    user.last_login = timezone.now()
    user.save()
    return user


def short_user_name(full_name: str | None) -> str:
    """ "Ana María López" -> "A.M.López" (upstream's ``userName`` parameter)."""
    words = (full_name or "").split()
    if not words:
        return ""
    initials = "".join(f"{word[0].upper()}." for word in words[:-1])
    return initials + words[-1].title()


def team_refresh_users_count(team_id) -> None:
    lock_row(Team, team_id)
    Team.objects.filter(pk=team_id).update(users_count=TeamMember.objects.filter(team_id=team_id).count())


def team_add_member(*, team: Team, user: User) -> None:
    TeamMember.objects.get_or_create(team=team, user=user)
    team_refresh_users_count(team.pk)


def team_remove_member(*, team: Team, user: User) -> None:
    TeamMember.objects.filter(team=team, user=user).delete()
    team_refresh_users_count(team.pk)
