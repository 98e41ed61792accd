"""Claims (a member claims a contribution to an asset) and assignments (an administrator
assigns one). Who may create, withdraw and approve is decided in coproduction/api/permissions.py."""

from __future__ import annotations

from common.exceptions import APIError
from coproduction import announcements
from coproduction.models import Asset, Assignment, Claim, CoproductionProcess, TeamMember, User
from coproduction.services.notifications import notify_user

Contribution = Claim | Assignment


def contribution_defaults(*, data: dict) -> tuple[Asset, dict]:
    """The asset named in ``data`` (404 ``Asset not found``) and ``data`` with the task and process
    taken from the asset where the body leaves them out."""
    asset = Asset.objects.filter(pk=data["asset_id"]).first()
    if asset is None:
        raise APIError(404, "Asset not found")
    return asset, {
        **data,
        "task_id": data.get("task_id") or asset.task_id,
        "coproductionprocess_id": data.get("coproductionprocess_id") or asset.coproductionprocess_id,
    }


def contribution_create(*, model: type[Contribution], data: dict) -> Contribution:
    """404 ``User not found`` when ``data["user_id"]`` names no user."""
    if not User.objects.filter(pk=data["user_id"]).exists():
        raise APIError(404, "User not found")
    return model.objects.create(**data)


def contribution_set_state(*, contribution: Contribution, state: bool) -> Contribution:
    contribution.state = state
    contribution.save(update_fields=["state"])
    return contribution


def contribution_delete(*, contribution: Contribution) -> None:
    """An assignment's claims stay, detached from it."""
    if isinstance(contribution, Assignment):
        Claim.objects.filter(assignment=contribution).update(assignment=None)
    contribution.delete()


def contribution_ask(
    *, process: CoproductionProcess, request: dict, team_ids=(), user_id: str | None = None
) -> list[User]:
    """``emailAskTeamContribution`` (every member of ``team_ids``) / ``emailAskUserContribution``
    (``user_id``): each user asked gets an ``assign_resource`` notification in the process
    language and, after commit, the ``ask_team_contribution`` e-mail with the caller's subject,
    instructions and icon. The link is the user's entry in upstream's ``assigmentDict`` (a link
    per user id), else the request's ``link``. Returns the users asked, in id order.
    """
    if user_id is not None:
        users = User.objects.filter(pk=user_id)
    else:
        users = User.objects.filter(pk__in=TeamMember.objects.filter(team_id__in=team_ids).values("user_id"))
    users = list(users.order_by("pk"))
    links_by_user = request.get("assigmentDict") or {}
    parameters = {
        "resourceName": request.get("asset_name", ""),
        "taskName": request.get("taskName", ""),
        "resourceId": str(request.get("resourceId", "")),
        "processName": process.name,
        "coproId": str(process.pk),
    }
    for user in users:
        notify_user(
            event="assign_resource", user_id=user.pk, language=process.language, process=process, parameters=parameters
        )
        announcements.contribution_asked(
            user=user,
            language=process.language,
            subject=request.get("subject", ""),
            link=links_by_user.get(str(user.pk)) or request.get("link", ""),
            icon=request.get("icon", ""),
            instructions=request.get("instructions", ""),
            asset_name=request.get("asset_name", ""),
        )
    return users
