"""Claims (a member claims a contribution to an asset) and assignments (an administrator
assigns one). Who may create, withdraw and approve is decided in coproduction/api/permissions.py."""

from __future__ import annotations

from common.exceptions import APIError
from coproduction.models import Asset, Assignment, Claim, User

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
