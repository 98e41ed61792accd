"""Users, teams and their members (the ``users_count`` aggregate)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from common.exceptions import APIError
from common.translations import get_language
from coproduction import announcements
from coproduction.models import (
    Asset,
    CoproductionProcess,
    Languages,
    Organization,
    Permission,
    RoleTypes,
    Task,
    Team,
    TeamAdministrator,
    TeamApply,
    TeamCreationPermissions,
    TeamMember,
    User,
)
from coproduction.services.notifications import notify_user
from coproduction.services.permissions import effective_permissions
from coproduction.services.transactions import lock_row


def user_sync_from_account(account_user) -> User:
    """Create or refresh the coproduction ``user`` row of the caller (``GET /users/me``).

    ``account_user`` is an accounts user (id = its UUID as text, the rows made so far) or a
    subject of the OIDC provider without an accounts row (``interlink_auth.ProviderUser``): as
    upstream, its row is created on first sight from the token's claims with ``sub`` as id.
    """
    user, _ = User.objects.get_or_create(pk=str(account_user.pk))
    user.email = account_user.email
    user.full_name = account_user.full_name
    user.is_superuser = bool(account_user.is_superuser)
    picture = getattr(account_user, "claims", {}).get("picture")
    if isinstance(picture, str) and picture:
        user.picture = picture
    user.last_login = timezone.now()
    user.save()
    return user


def team_refresh_users_count(team_id) -> None:
    lock_row(Team, team_id)
    Team.objects.filter(pk=team_id).update(users_count=TeamMember.objects.filter(team_id=team_id).count())


def team_add_member(*, team: Team, user: User) -> None:
    TeamMember.objects.get_or_create(team=team, user=user)
    team_refresh_users_count(team.pk)


def team_remove_member(*, team: Team, user: User) -> None:
    TeamMember.objects.filter(team=team, user=user).delete()
    team_refresh_users_count(team.pk)


LAST_ADMINISTRATOR = "Can not delete the last administrator"


def user_set_terms_agreement(*, user: User, agree: bool) -> User:
    user.agree_terms_of_use = agree
    user.save(update_fields=["agree_terms_of_use"])
    return user


def team_create(*, creator: User, data: dict, member_ids: Iterable = ()) -> Team:
    """A team administered by its creator, with ``member_ids`` as members."""
    team = Team.objects.create(creator=creator, users_count=0, **data)
    TeamAdministrator.objects.create(team=team, user=creator)
    for member in User.objects.filter(pk__in=list(member_ids)):
        team_add_member(team=team, user=member)
    announcements.team_created(team, member_ids)
    return team


def team_update(*, team: Team, data: dict) -> Team:
    for field, value in data.items():
        setattr(team, field, value)
    team.save()
    announcements.team_updated(team)
    return team


def team_delete(*, team: Team) -> None:
    announcements.team_removed(team)
    team.delete()


def team_set_logotype(*, team: Team, logotype: str) -> Team:
    team.logotype = logotype
    team.save(update_fields=["logotype"])
    return team


def _notify_team_member(team: Team, user_id, event: str) -> None:
    notify_user(
        event=event,
        user_id=user_id,
        language=get_language(),
        parameters={
            "teamName": team.name,
            "team_id": str(team.pk),
            "org_id": str(team.organization_id) if team.organization_id else "",
            "organizationName": team.organization.name if team.organization_id else "",
            "userName": User.objects.filter(pk=user_id).values_list("full_name", flat=True).first() or "",
        },
    )


def team_member_add(*, team: Team, user: User) -> None:
    """A team administrator adds a member: their application is settled and they are notified."""
    team_add_member(team=team, user=user)
    TeamApply.objects.filter(team=team, user=user).delete()
    _notify_team_member(team, user.pk, "add_user_team")
    announcements.team_member_added(team, user)


def team_member_remove(*, team: Team, user: User) -> None:
    team_remove_member(team=team, user=user)
    _notify_team_member(team, user.pk, "remove_user_team")
    announcements.team_member_removed(team, user)


def team_administrator_add(*, team: Team, user: User) -> None:
    if TeamAdministrator.objects.get_or_create(team=team, user=user)[1]:
        announcements.team_administrator_added(team, user)


def team_administrator_remove(*, team: Team, user_id) -> None:
    """400 ``Can not delete the last administrator`` when ``user_id`` is the only one."""
    administrators = TeamAdministrator.objects.filter(team=team)
    if administrators.count() <= 1 and administrators.filter(user_id=user_id).exists():
        raise APIError(400, LAST_ADMINISTRATOR)
    if administrators.filter(user_id=user_id).delete()[0]:
        announcements.team_administrator_removed(team, user_id)


def team_apply(*, team: Team, user: User) -> None:
    if TeamApply.objects.get_or_create(team=team, user=user)[1]:
        announcements.team_applied(team, user)


def observers_team_join(*, process: CoproductionProcess, asset: Asset, user: User) -> Team:
    """Put ``user`` in the process's observers team (created on demand in the ``Interlink-Platform``
    organisation), with access to the asset's task's assets when they lack it."""
    organization = Organization.objects.filter(name_translations__en="Interlink-Platform").first()
    if organization is None:
        organization = Organization.objects.create(
            name_translations=dict.fromkeys(Languages.values, "Interlink-Platform"),
            description_translations=dict.fromkeys(Languages.values, "Interlink-Platform"),
            default_team_type=RoleTypes.PUBLIC_ADMINISTRATION,
            team_creation_permission=TeamCreationPermissions.ADMINISTRATORS,
            public=False,
            creator=process.creator,
        )
    name = "Observers_" + (process.name or "").replace(" ", "_")
    team = Team.objects.filter(organization=organization, name=name).first()
    if team is None:
        team = Team.objects.create(
            name=name,
            description="",
            type=RoleTypes.PUBLIC_ADMINISTRATION,
            organization=organization,
            creator=process.creator,
            users_count=0,
        )
    team_add_member(team=team, user=user)
    if asset.task_id:
        task = Task.objects.get(pk=asset.task_id)
        flags, _ = effective_permissions(user, task)
        if not flags["access_assets_permission"]:
            Permission.objects.create(
                creator=process.creator,
                team=team,
                coproductionprocess=process,
                treeitem=task.treeitem_ptr,
                access_assets_permission=True,
            )
    return team
