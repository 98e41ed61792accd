"""Socket group names stay valid for any user id (ids are free text: accounts UUIDs, OIDC subs)."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer

from coproduction import events


@pytest.mark.parametrize(
    "user_id", ["834b25ca-3ad8-4ef2-b564-ecd9ca6c66e6", "auth0|5f7c8ec7c33c6c004bbafe82", "é" * 200]
)
def test_any_user_id_gives_a_group_channels_accepts(user_id):
    layer = InMemoryChannelLayer()
    group = events.user_group(user_id)
    async_to_sync(layer.group_add)(group, "specific.channel!1")
    async_to_sync(layer.group_send)(group, {"type": "coproduction.event", "message": {"event": "x"}})
    assert events.user_group(user_id) == group
    assert events.user_group(user_id + "x") != group
