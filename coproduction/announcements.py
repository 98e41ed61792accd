"""What a co-production write announces, as upstream: live events, e-mails, the activity log.

Each service calls one function here after its change, in its transaction: the activity-log
row is written in that transaction, the WebSocket events (coproduction/events.py) and the
e-mails (coproduction/emails.py, sent by a Celery task) leave when it commits. The event
names, recipients, e-mail kinds and log records are upstream's (``app/general/utils/CRUDBase.py``
and the crud modules); where upstream differs per model, the function says so.
"""

from __future__ import annotations

from coproduction import activitylog, emails, events
from coproduction.models import (
    CoproductionProcess,
    Organization,
    Permission,
    Team,
    TeamAdministrator,
    TeamMember,
    User,
)

DEFAULT_ASK_SUBJECT = "Interlink: Your contribution is requested"

# Processes ---------------------------------------------------------------------------------


def process_created(process: CoproductionProcess) -> None:
    events.model_event("coproductionprocess", "created", process_id=process.pk)
    activitylog.log("CREATE", "COPRODUCTIONPROCESS", process.pk, **activitylog.process_ids(process))


def process_updated(process: CoproductionProcess) -> None:
    events.model_event("coproductionprocess", "updated", process_id=process.pk)
    activitylog.log("UPDATE", "COPRODUCTIONPROCESS", process.pk, **activitylog.process_ids(process))


def process_removed(process: CoproductionProcess) -> None:
    events.model_event("coproductionprocess", "removed", process_id=process.pk)
    activitylog.log("DELETE", "COPRODUCTIONPROCESS", process.pk, **activitylog.process_ids(process))


def process_cloned(clone: CoproductionProcess, *, from_view: str = "") -> None:
    activitylog.log(
        "CLONE",
        "COPRODUCTIONPROCESS",
        clone.pk,
        cloned_from_id=clone.cloned_from_id,
        from_view=from_view,
        **activitylog.process_ids(clone),
    )


def schema_set(process: CoproductionProcess) -> None:
    events.schema_set(process.pk)
    activitylog.log(
        "SET_SCHEMA",
        "COPRODUCTIONPROCESS",
        process.pk,
        coproductionschema_id=process.schema_used,
        **activitylog.process_ids(process),
    )


def schema_cleared(process: CoproductionProcess, *, schema_id) -> None:
    events.schema_cleared(process.pk)
    activitylog.log(
        "CLEAR_SCHEMA",
        "COPRODUCTIONPROCESS",
        process.pk,
        coproductionschema_id=schema_id,
        **activitylog.process_ids(process),
    )


def process_administrator_added(process: CoproductionProcess, user: User) -> None:
    """Upstream: the process's socket, the user's own, and the ``add_admin_coprod`` e-mail."""
    events.administrator_changed("coproductionprocess", True, user_id=user.pk, process_id=process.pk)
    emails.queue(
        user.email, "add_admin_coprod", {"coprod_id": process.pk, "coprod_name": process.name}, process.language
    )
    ids = activitylog.process_ids(process)
    activitylog.log("ADD_ADMINISTRATOR", "COPRODUCTIONPROCESS", process.pk, added_user_id=user.pk, **ids)


def process_administrator_removed(process: CoproductionProcess, user_id) -> None:
    events.administrator_changed("coproductionprocess", False, user_id=user_id, process_id=process.pk)
    activitylog.log(
        "REMOVE_ADMINISTRATOR",
        "COPRODUCTIONPROCESS",
        process.pk,
        removed_user_id=user_id,
        **activitylog.process_ids(process),
    )


# Tree and assets ---------------------------------------------------------------------------


def treeitem_created(item) -> None:
    """A phase, objective or task (concrete): ``<type>_created`` on the process's socket."""
    ids = activitylog.treeitem_ids(item)
    events.model_event(item.type, "created", process_id=ids["coproductionprocess_id"])
    activitylog.log("CREATE", item.type.upper(), item.pk, **ids)


def treeitem_disabled(item) -> None:
    """Upstream's soft delete: ``treeitem_removed`` with the item's name, logged as DISABLE."""
    ids = activitylog.treeitem_ids(item)
    events.treeitem_removed(process_id=ids["coproductionprocess_id"], name=item.name)
    activitylog.log("DISABLE", item.type.upper(), item.pk, **ids)


def treeitem_updated(item) -> None:
    ids = activitylog.treeitem_ids(item)
    events.model_event(item.type, "updated", process_id=ids["coproductionprocess_id"])
    activitylog.log("UPDATE", item.type.upper(), item.pk, **ids)


def asset_created(asset) -> None:
    events.asset_created(process_id=asset.coproductionprocess_id, task_id=asset.task_id)
    activitylog.log("CREATE", "ASSET", asset.pk, **activitylog.asset_ids(asset))


def asset_removed(asset) -> None:
    events.asset_removed(process_id=asset.coproductionprocess_id, task_id=asset.task_id)
    activitylog.log("DELETE", "ASSET", asset.pk, **activitylog.asset_ids(asset))


def contribution_created(*, process_id, task_id, asset_id=None, notification_id=None) -> None:
    """Upstream broadcasts ``contribution_created`` to every socket and logs a CLAIM."""
    events.contribution_created(task_id)
    activitylog.log(
        "CREATE", "CLAIM", notification_id, asset_id=asset_id, task_id=task_id, coproductionprocess_id=process_id
    )


def contribution_asked(
    *, user: User, subject: str, link: str, icon: str, instructions: str, asset_name: str, language: str | None
) -> None:
    """``ask_team_contribution``: upstream's caller chooses subject, link and instructions
    (a blank subject gets ``DEFAULT_ASK_SUBJECT``)."""
    context = {
        "subject": subject or DEFAULT_ASK_SUBJECT,
        "link": link,
        "icon_link": icon,
        "instructions": instructions,
        "asset_name": asset_name,
    }
    emails.queue(user.email, "ask_team_contribution", context, language)


# Teams and organisations -------------------------------------------------------------------


def _member_emails(team: Team) -> list[str]:
    return list(TeamMember.objects.filter(team=team).values_list("user__email", flat=True))


def team_created(team: Team, member_ids=()) -> None:
    """Every member hears ``team_created`` on their own socket and gets ``add_member_team``."""
    member_ids = [str(pk) for pk in member_ids]
    events.to_users(member_ids, "team_created")
    context = {"team_id": team.pk, "team_name": team.name, "org_id": team.organization_id}
    emails.queue_many(
        User.objects.filter(pk__in=member_ids).values_list("email", flat=True), "add_member_team", context
    )
    activitylog.log("CREATE", "TEAM", team.pk, **activitylog.team_ids(team))


def team_updated(team: Team) -> None:
    events.to_everyone("team_updated")
    activitylog.log("UPDATE", "TEAM", team.pk, **activitylog.team_ids(team))


def team_removed(team: Team) -> None:
    events.to_everyone("team_removed")
    activitylog.log("DELETE", "TEAM", team.pk, **activitylog.team_ids(team))


def team_member_added(team: Team, user: User) -> None:
    events.to_user(user.pk, "team_created")  # upstream's name for it
    context = {"team_id": team.pk, "team_name": team.name, "org_id": team.organization_id}
    emails.queue(user.email, "add_member_team", context)
    activitylog.log("ADD_USER", "TEAM", team.pk, added_user_id=user.pk, **activitylog.team_ids(team))


def team_member_removed(team: Team, user: User) -> None:
    events.to_user(user.pk, "team_created")  # upstream sends the same event on removal
    activitylog.log("REMOVE_USER", "TEAM", team.pk, removed_user_id=user.pk, **activitylog.team_ids(team))


def team_administrator_added(team: Team, user: User) -> None:
    events.administrator_changed("team", True, user_id=user.pk)
    activitylog.log("ADD_ADMINISTRATOR", "TEAM", team.pk, added_user_id=user.pk, **activitylog.team_ids(team))


def team_administrator_removed(team: Team, user_id) -> None:
    events.administrator_changed("team", False, user_id=user_id)
    activitylog.log("REMOVE_ADMINISTRATOR", "TEAM", team.pk, removed_user_id=user_id, **activitylog.team_ids(team))


def team_applied(team: Team, user: User) -> None:
    """``user_apply_team`` to each of the team's administrators (upstream logs it as CREATE TEAM)."""
    admins = TeamAdministrator.objects.filter(team=team).values_list("user__email", flat=True)
    context = {
        "org_id": team.organization_id,
        "team_id": team.pk,
        "team_name": team.name,
        "user_email": user.email,
        "user_name": user.full_name,
    }
    emails.queue_many(admins, "user_apply_team", context)
    activitylog.log("CREATE", "TEAM", team.pk, applicant_id=user.pk, **activitylog.team_ids(team))


def organization_changed(organization: Organization, action: str) -> None:
    """``organization_created|_updated|_removed`` to everyone, as upstream."""
    events.to_everyone(f"organization_{action}")
    log_action = {"created": "CREATE", "updated": "UPDATE", "removed": "DELETE"}[action]
    activitylog.log(log_action, "ORGANIZATION", organization.pk, organization_id=organization.pk)


def organization_administrator_changed(organization: Organization, user_id, added: bool) -> None:
    events.administrator_changed("organization", added, user_id=user_id)
    key = "added_user_id" if added else "removed_user_id"
    action = "ADD_ADMINISTRATOR" if added else "REMOVE_ADMINISTRATOR"
    activitylog.log(action, "ORGANIZATION", organization.pk, organization_id=organization.pk, **{key: user_id})


# Permissions -------------------------------------------------------------------------------


def permission_created(permission: Permission, creator: User | None) -> None:
    """The process's socket, the team's members and the creator hear ``permission_created``;
    the team's members get ``add_team_treeitem`` (on a tree item) or ``add_team_coprod``."""
    team = permission.team
    process = permission.coproductionprocess
    members = list(TeamMember.objects.filter(team=team).values_list("user_id", flat=True)) if team else []
    events.permission_changed(
        process_id=permission.coproductionprocess_id,
        team_user_ids=members,
        creator_id=creator.pk if creator else None,
    )
    if team is not None and process is not None:
        context = {
            "coprod_id": process.pk,
            "coprod_name": process.name,
            "team_name": team.name,
            "team_id": team.pk,
            "org_id": team.organization_id,
        }
        if permission.treeitem_id:
            context |= {"treeitem_id": permission.treeitem_id, "treeitem_name": permission.treeitem.name}
            emails.queue_many(_member_emails(team), "add_team_treeitem", context, process.language)
        else:
            emails.queue_many(_member_emails(team), "add_team_coprod", context, process.language)
    activitylog.log("CREATE", "PERMISSION", permission.pk, **activitylog.permission_ids(permission))


def permission_removed(permission: Permission) -> None:
    team_id = permission.team_id
    members = list(TeamMember.objects.filter(team_id=team_id).values_list("user_id", flat=True)) if team_id else []
    events.permission_changed(process_id=permission.coproductionprocess_id, team_user_ids=members, added=False)
    activitylog.log("DELETE", "PERMISSION", permission.pk, **activitylog.permission_ids(permission))


# Participation, stories --------------------------------------------------------------------


def participation_requested(process: CoproductionProcess, candidate: User, reason: str) -> None:
    """``apply_to_be_contributor`` to the process's administrators (upstream mails the addresses
    the client lists in ``adminEmails``; here the administrators' own addresses, so the
    endpoint cannot mail arbitrary people)."""
    admins = process.administrators.values_list("email", flat=True)
    context = {
        "coprod_id": process.pk,
        "user_name": candidate.full_name,
        "user_email": candidate.email,
        "coproductionprocess_name": process.name,
        "razon": reason,
    }
    emails.queue_many(admins, "apply_to_be_contributor", context, process.language)
    activitylog.log(
        "CREATE", "PARTICIPATIONREQUEST", None, candidate_id=candidate.pk, **activitylog.process_ids(process)
    )


def story_created(story) -> None:
    events.to_everyone("story_created")
    activitylog.log("CREATE", "STORY", story.pk, coproductionprocess_id=story.coproductionprocess_id)
