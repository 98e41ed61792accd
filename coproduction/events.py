"""Live updates for co-production's browsers: upstream's WebSocket events, sent after commit.

Upstream (``app/sockets.py``, ``app/general/utils/CRUDBase.py`` and the crud modules) keeps
one in-process list of sockets per id and writes ``{"event": "<name>"}`` (sometimes with
``"extra"``) to three kinds of recipients. The same recipients here, as Channels groups:

* a process's socket (``coproductionprocesses/{id}/ws``): ``<model>_created|_updated|_removed``
  of the process and of everything carrying its ``coproductionprocess_id``, ``schema_set``,
  ``schema_cleared``, ``asset_created`` / ``asset_removed`` with ``extra.task_id``,
  ``<model>_administrator_added|_removed``;
* a user's own socket (``users/{id}/ws``, upstream keys it by ``generate_uuid(user.id)``):
  ``permission_created|_removed`` for the members of a permitted team and its creator,
  ``team_created`` when the user joins or leaves a team (upstream's name for both),
  ``<model>_administrator_added|_removed`` for the user concerned;
* everyone connected (upstream's ``broadcast``): ``organization_created|_updated|_removed``,
  ``team_updated|_removed``, ``notification_created``, ``usernotification_created``,
  ``story_created`` and ``contribution_created`` (with ``extra.task_id``).

Messages leave when the co-production transaction commits (nothing is announced for a write
that is rolled back) through the channel layer (``CHANNEL_LAYERS``: Redis with ``REDIS_URL``,
so an event reaches sockets held by any server process; in memory otherwise).
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

DB = "coproduction"
BROADCAST_GROUP = "coproduction.broadcast"
MESSAGE_TYPE = "coproduction.event"


def process_group(process_id) -> str:
    return f"coproduction.process.{process_id}"


def user_group(user_id) -> str:
    """A digest of the id: user ids are free text (accounts UUIDs, OpenID Connect ``sub``s), and
    Channels accepts only ASCII letters, digits, ``-_.`` and fewer than 100 characters."""
    return f"coproduction.user.{hashlib.sha256(str(user_id).encode()).hexdigest()[:40]}"


def upstream_user_socket_id(user_id) -> str:
    """The id upstream's clients open their own socket with: ``uuid_by_string.generate_uuid(user.id)``.

    A name-based version-5 UUID: SHA-1 of the id's characters (one byte each, no namespace)
    with the version and variant bits set (the published algorithm of ``uuid-by-string``).
    """
    digest = bytearray(hashlib.sha1(bytes(ord(char) & 0xFF for char in str(user_id))).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


def _deliver(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": MESSAGE_TYPE, "message": message})
    except Exception:  # an unreachable channel layer must not fail the write that committed
        logger.exception("could not send %s to %s", message.get("event"), group)


def send(group: str, event: str, extra: dict | None = None, **fields) -> None:
    """Queue ``{"event": event[, "extra": extra][, **fields]}`` for ``group`` once the transaction commits."""
    message = {"event": event, **fields}
    if extra is not None:
        message["extra"] = extra
    transaction.on_commit(lambda: _deliver(group, message), using=DB)


def to_process(process_id, event: str, extra: dict | None = None) -> None:
    if process_id is not None:
        send(process_group(process_id), event, extra)


def to_user(user_id, event: str) -> None:
    if user_id is not None:
        send(user_group(user_id), event)


def to_users(user_ids, event: str) -> None:
    for user_id in dict.fromkeys(str(user_id) for user_id in user_ids):
        to_user(user_id, event)


def to_everyone(event: str, extra: dict | None = None) -> None:
    send(BROADCAST_GROUP, event, extra)


# Upstream's conventions, named ---------------------------------------------------------


def model_event(model: str, action: str, *, process_id=None) -> None:
    """``<model>_<action>`` on the process's socket (CRUDBase create/update/remove)."""
    to_process(process_id, f"{model}_{action}")


def schema_set(process_id) -> None:
    to_process(process_id, "schema_set")


def schema_cleared(process_id) -> None:
    to_process(process_id, "schema_cleared")


def treeitem_removed(*, process_id, name) -> None:
    """A phase, objective or task disabled (upstream's ``treeitem_removed`` with its name)."""
    if process_id is not None:
        send(process_group(process_id), "treeitem_removed", name=name)


def asset_created(*, process_id, task_id) -> None:
    to_process(process_id, "asset_created", {"task_id": str(task_id) if task_id else None})


def asset_removed(*, process_id, task_id) -> None:
    to_process(process_id, "asset_removed", {"task_id": str(task_id) if task_id else None})


def contribution_created(task_id) -> None:
    """Upstream broadcasts it to every socket (the process-only send is commented out there)."""
    to_everyone("contribution_created", {"task_id": str(task_id) if task_id else None})


def administrator_changed(model: str, added: bool, *, user_id, process_id=None) -> None:
    """``<model>_administrator_added|_removed`` to the process (if any) and to the user's own socket."""
    event = f"{model}_administrator_{'added' if added else 'removed'}"
    to_process(process_id, event)
    to_user(user_id, event)


def permission_changed(*, process_id, team_user_ids, creator_id=None, added: bool = True) -> None:
    """``permission_created|_removed``: the process, each member of the team, and (created) its creator."""
    event = "permission_created" if added else "permission_removed"
    to_process(process_id, event)
    to_users([*team_user_ids, *([creator_id] if creator_id else [])], event)
