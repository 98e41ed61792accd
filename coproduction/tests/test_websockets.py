"""WebSockets over a real connection: the ASGI server (uvicorn, as in production) runs in a
subprocess on the test databases; the ``websockets`` client connects as a browser would.

* a user on the process receives ``schema_set`` after ``set_schema`` through the HTTP API;
* a user who is not on the process (or has no valid token) is refused at connect (HTTP 403);
* a user's own socket (by id or by upstream's ``generate_uuid`` of it) and nobody else's;
* with ``REDIS_URL`` (Redis channel layer), an event written on one server process reaches a
  socket held by another.

Ports: ``REALTIME_TEST_PORTS`` (two, comma-separated) or two the system picks. Redis:
``REALTIME_TEST_REDIS_URL`` or redis://127.0.0.1:6379/0 (a unique channel prefix per run);
without a reachable Redis the two-server case is skipped, and fails under ``CI=true``.
"""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from accounts.tests.factories import UserFactory as AccountFactory
from accounts.tokens import create_access_token
from common.testing import ServerProcess, free_ports, redis_or_skip, server_env
from coproduction import events, services
from coproduction.tests import factories as f
from coproduction.tests.test_services import SCHEMA

API = "/coproduction/api/v1"
REDIS_URL = os.environ.get("REALTIME_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def coproduction_server_env(**extra) -> dict:
    """Without Redis or a broker unless ``extra`` names them: channel layer in memory, tasks eager."""
    env = server_env()
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "CHANNEL_LAYERS_REDIS_URL"):
        env.pop(name, None)
    return {**env, **extra}


def start_servers(count: int, env: dict, tmp_path: Path, wsgi_first: bool = False) -> list[ServerProcess]:
    """``count`` uvicorn servers (``config.asgi``); ``wsgi_first``: the first is gunicorn with
    ``config.wsgi`` (production serves HTTP so, and the sockets with uvicorn)."""
    servers = [
        ServerProcess(port, env, tmp_path / f"server{n}.log", asgi=not (wsgi_first and n == 0))
        for n, port in enumerate(free_ports(count, "REALTIME_TEST_PORTS"))
    ]
    try:
        for server in servers:
            server.wait_ready("/api/v1/utils/health-check/")
    except BaseException:
        for server in servers:
            server.stop()
        raise
    return servers


@pytest.fixture
def committed(app_role_transactional_db):
    """Rows the servers can see (committed); the coproduction database is emptied afterwards."""
    yield
    call_command("flush", database="coproduction", interactive=False, verbosity=0)


class People:
    def __init__(self):
        self.admin_account = AccountFactory(full_name="Ada Admin")
        self.outsider_account = AccountFactory(full_name="Otto Outsider")
        self.admin = services.user_sync_from_account(self.admin_account)
        services.user_sync_from_account(self.outsider_account)
        self.admin_token = create_access_token(self.admin_account.pk)
        self.outsider_token = create_access_token(self.outsider_account.pk)
        self.process = f.ProcessFactory(administrators=[self.admin], name="Live city")


async def _refused(url: str, **kwargs) -> int:
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, open_timeout=10, **kwargs):
            pass
    return refused.value.response.status_code


async def _next_event(ws, timeout: float = 15) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


@pytest.fixture
def one_server(committed, tmp_path):
    servers = start_servers(1, coproduction_server_env(), tmp_path)
    yield servers[0]
    servers[0].stop()


def test_schema_set_through_the_api_reaches_the_process_socket_and_outsiders_are_refused(one_server):
    people = People()
    server = one_server
    socket_url = f"{server.ws_base}{API}/coproductionprocesses/{people.process.pk}/ws"

    async def scenario():
        assert (
            await _refused(socket_url, additional_headers={"Authorization": f"Bearer {people.outsider_token}"}) == 403
        )
        assert await _refused(socket_url) == 403  # no token
        assert await _refused(f"{socket_url}?token=not-a-token") == 403
        assert (
            await _refused(f"{server.ws_base}{API}/coproductionprocesses/not-a-uuid/ws?token={people.admin_token}")
            == 403
        )
        async with connect(
            socket_url, additional_headers={"Authorization": f"Bearer {people.admin_token}"}, open_timeout=10
        ) as ws:
            status, body = await asyncio.to_thread(
                server.call,
                "POST",
                f"{API}/coproductionprocesses/{people.process.pk}/set_schema",
                SCHEMA,
                people.admin_token,
            )
            assert status == 200, body
            assert await _next_event(ws) == {"event": "schema_set"}
        # A browser passes the token as a query parameter.
        async with connect(f"{socket_url}?token={people.admin_token}", open_timeout=10) as ws:
            status, _ = await asyncio.to_thread(
                server.call,
                "POST",
                f"{API}/coproductionprocesses/{people.process.pk}/clear_schema",
                None,
                people.admin_token,
            )
            assert status == 200
            assert await _next_event(ws) == {"event": "schema_cleared"}

    asyncio.run(scenario())


def test_a_users_own_socket_takes_their_id_or_upstreams_uuid_of_it_and_nobody_elses(one_server):
    people = People()
    server = one_server
    outsider_id = str(people.outsider_account.pk)

    async def scenario():
        someone_elses = f"{server.ws_base}{API}/users/{people.admin.pk}/ws?token={people.outsider_token}"
        assert await _refused(someone_elses) == 403
        upstream_id = events.upstream_user_socket_id(outsider_id)
        async with connect(
            f"{server.ws_base}{API}/users/{upstream_id}/ws?token={people.outsider_token}", open_timeout=10
        ) as ws:
            status, body = await asyncio.to_thread(
                server.call,
                "POST",
                f"{API}/coproductionprocesses/{people.process.pk}/administrators",
                {"user_id": outsider_id},
                people.admin_token,
            )
            assert status == 200, body
            assert await _next_event(ws) == {"event": "coproductionprocess_administrator_added"}
        async with connect(
            f"{server.ws_base}{API}/users/{outsider_id}/ws",
            additional_headers={"Authorization": f"Bearer {people.outsider_token}"},
            open_timeout=10,
        ) as ws:
            status, body = await asyncio.to_thread(
                server.call,
                "DELETE",
                f"{API}/coproductionprocesses/{people.process.pk}/administrators/{outsider_id}",
                None,
                people.admin_token,
            )
            assert status == 200, body
            assert await _next_event(ws) == {"event": "coproductionprocess_administrator_removed"}

    asyncio.run(scenario())


def test_an_event_on_one_server_process_reaches_a_socket_on_another_through_redis(committed, tmp_path):
    """As deployed (docs/deployment.md): gunicorn (WSGI) takes the write, uvicorn holds the socket."""
    redis_client = redis_or_skip(REDIS_URL)
    prefix = f"realtime-test-{uuid.uuid4().hex[:12]}"
    env = coproduction_server_env(REDIS_URL=REDIS_URL, CHANNEL_LAYERS_PREFIX=prefix, CACHE_KEY_PREFIX=prefix)
    people = People()
    one, two = start_servers(2, env, tmp_path, wsgi_first=True)
    try:

        async def scenario():
            url = f"{two.ws_base}{API}/coproductionprocesses/{people.process.pk}/ws?token={people.admin_token}"
            async with connect(url, open_timeout=10) as ws:
                status, body = await asyncio.to_thread(
                    one.call,
                    "POST",
                    f"{API}/coproductionprocesses/{people.process.pk}/set_schema",
                    SCHEMA,
                    people.admin_token,
                )
                assert status == 200, body
                assert await _next_event(ws) == {"event": "schema_set"}

        asyncio.run(scenario())
    finally:
        one.stop()
        two.stop()
        keys = list(redis_client.scan_iter(f"{prefix}*"))
        if keys:
            redis_client.delete(*keys)


def test_in_memory_layer_without_redis_delivers_committed_events_only(committed, settings):
    """The fallback of ``make run``: no REDIS_URL, the in-memory channel layer, one process."""
    from asgiref.sync import async_to_sync
    from channels.db import database_sync_to_async
    from channels.testing import WebsocketCommunicator
    from django.db import transaction

    from config.asgi import application

    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    people = People()
    process_id = people.process.pk

    def rolled_back_then_committed():
        with pytest.raises(RuntimeError), transaction.atomic(using="coproduction"):
            events.schema_set(process_id)
            raise RuntimeError("the write fails: nothing is announced")
        with transaction.atomic(using="coproduction"):
            events.asset_created(process_id=process_id, task_id="t-1")

    async def scenario():
        path = f"{API}/coproductionprocesses/{process_id}/ws?token={people.admin_token}"
        communicator = WebsocketCommunicator(application, path)
        connected, _ = await communicator.connect()
        assert connected
        await database_sync_to_async(rolled_back_then_committed)()
        assert await communicator.receive_json_from(timeout=5) == {
            "event": "asset_created",
            "extra": {"task_id": "t-1"},
        }
        assert await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()
        outsider = WebsocketCommunicator(
            application, f"{API}/coproductionprocesses/{process_id}/ws?token={people.outsider_token}"
        )
        connected, _ = await outsider.connect()
        assert not connected

    async_to_sync(scenario)()
