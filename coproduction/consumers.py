"""WebSocket consumers at upstream's paths: a process's socket and a user's own socket.

Upstream accepts any connection; here a socket is accepted only for a user the bearer token
names (``Authorization: Bearer <token>`` on the handshake, or ``?token=<token>`` for browsers,
which cannot set headers on a WebSocket), and only if that user may see the process
(administrator, permitted team member or user, or a platform superuser) or is the user the
path names. Anything else is closed before it is accepted: the client sees HTTP 403.
Session cookies are not accepted, so another site cannot open a socket in a visitor's name.

The sockets only listen: what a client sends is ignored, as upstream. Events: coproduction/events.py.
"""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model

from accounts.tokens import read_access_token
from coproduction import events, selectors
from coproduction.models import User


def token_from_scope(scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            parts = value.decode("latin-1").split()
            if len(parts) == 2 and parts[0].lower() == "bearer":
                return parts[1]
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


def account_for_token(token: str | None):
    """The active accounts user the token names, or None."""
    subject = read_access_token(token) if token else None
    try:
        user_id = uuid.UUID(subject) if subject else None
    except ValueError:
        return None
    if user_id is None:
        return None
    account = get_user_model().objects.filter(pk=user_id).first()
    return account if account is not None and account.is_active else None


@database_sync_to_async
def _may_see_process(token: str | None, process_id: str) -> bool:
    try:
        process_uuid = uuid.UUID(process_id)
    except ValueError:
        return False
    account = account_for_token(token)
    if account is None:
        return False
    if account.is_superuser:
        return True
    user = User.objects.filter(pk=str(account.pk)).first()
    return user is not None and selectors.can_read_process(user, process_uuid)


@database_sync_to_async
def _own_user_id(token: str | None, path_id: str) -> str | None:
    account = account_for_token(token)
    if account is None:
        return None
    user_id = str(account.pk)
    return user_id if path_id in {user_id, events.upstream_user_socket_id(user_id)} else None


class _EventConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]

    async def _join(self, *groups: str) -> None:
        self.groups_joined = [*groups, events.BROADCAST_GROUP]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """Upstream reads and ignores what the client sends."""

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        return None

    async def coproduction_event(self, message):
        await self.send_json(message["message"])


class ProcessConsumer(_EventConsumer):
    """``/coproduction/api/v1/coproductionprocesses/{id}/ws``."""

    async def connect(self):
        process_id = self.scope["url_route"]["kwargs"]["id"]
        if not await _may_see_process(token_from_scope(self.scope), process_id):
            await self.close()
            return
        await self._join(events.process_group(uuid.UUID(process_id)))


class UserConsumer(_EventConsumer):
    """``/coproduction/api/v1/users/{id}/ws``: ``{id}`` is the user's id or upstream's
    ``generate_uuid(user.id)`` of it."""

    async def connect(self):
        user_id = await _own_user_id(token_from_scope(self.scope), self.scope["url_route"]["kwargs"]["id"])
        if user_id is None:
            await self.close()
            return
        await self._join(events.user_group(user_id))
