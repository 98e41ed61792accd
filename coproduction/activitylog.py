"""Writing the activity log (coproduction/models/activitylog.py) as upstream logs.

``log(...)`` takes upstream's record (``action``, ``model``, ``object_id`` and the ids its
``enrich_log_data`` adds per model) and stores it in the caller's transaction, so a change
that is rolled back leaves no record. The acting user is the caller of the API request
(``CoproductionView.current_user``) or the account signed in to the admin (its id is the
co-production user id the API would log), else ``"anonymous"``, as upstream's ``log``.
"""

from __future__ import annotations

import contextlib
import uuid
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

from coproduction.models import ActivityLog

_acting_user_id: ContextVar[str | None] = ContextVar("coproduction_acting_user_id", default=None)


@contextlib.contextmanager
def request_scope(user_id=None):
    """One request (acting as ``user_id`` if given): the acting user is forgotten afterwards
    (threads are reused)."""
    token = _acting_user_id.set(None if user_id is None else str(user_id))
    try:
        yield
    finally:
        _acting_user_id.reset(token)


def set_acting_user(user_id) -> None:
    _acting_user_id.set(None if user_id is None else str(user_id))


def _plain(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    return value


def log(action: str, model: str, object_id=None, *, user_id=None, **extra) -> ActivityLog:
    """Store one record: ``log("CREATE", "TEAM", team.id, team_id=team.id, type=team.type)``."""
    user = str(user_id) if user_id is not None else (_acting_user_id.get() or "anonymous")
    record = _plain(
        {"action": action, "model": model, "object_id": object_id, "user_id": user, "service": "coproduction", **extra}
    )
    process_id = record.get("coproductionprocess_id")
    try:
        process_uuid = uuid.UUID(str(process_id)) if process_id else None
    except ValueError:
        process_uuid = None
    return ActivityLog.objects.using("coproduction").create(
        action=action,
        model=model,
        object_id=None if object_id is None else str(object_id),
        user_id=user,
        coproductionprocess_id=process_uuid,
        data=record,
    )


# upstream's enrich_log_data, per model ---------------------------------------------------


def process_ids(process) -> dict:
    return {"coproductionprocess_id": process.pk}


def treeitem_ids(item) -> dict:
    """Phase, objective or task (concrete): the process and the ids of the item's branch."""
    if item.type == "phase":
        return {"coproductionprocess_id": item.coproductionprocess_id, "phase_id": item.pk}
    if item.type == "objective":
        phase = item.phase
        return {"coproductionprocess_id": phase.coproductionprocess_id, "phase_id": phase.pk, "objective_id": item.pk}
    objective = item.objective
    return {
        "coproductionprocess_id": objective.phase.coproductionprocess_id,
        "phase_id": objective.phase_id,
        "objective_id": objective.pk,
        "task_id": item.pk,
    }


def asset_ids(asset) -> dict:
    return {
        "type": asset.type,
        "coproductionprocess_id": asset.coproductionprocess_id,
        "phase_id": asset.phase_id,
        "objective_id": asset.objective_id,
        "task_id": asset.task_id,
    }


def permission_ids(permission) -> dict:
    return {
        "coproductionprocess_id": permission.coproductionprocess_id,
        "treeitem_id": permission.treeitem_id,
        "team_id": permission.team_id,
    }


def team_ids(team) -> dict:
    return {"team_id": team.pk, "type": team.type}
