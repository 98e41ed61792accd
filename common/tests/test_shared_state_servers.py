"""Two real server processes share the security state: a logout on one holds on the other, and
wrong OTP codes are counted across both. Run against both cache backends (CACHES): Django's
database cache (its own connection, as in production) and Redis (REDIS_URL).

Each server is a gunicorn started with ``config/gunicorn.conf.py`` and one worker, on the
test databases, as the runtime role; what they commit is flushed afterwards. Ports:
``SHARED_STATE_TEST_PORTS`` (two, comma-separated) or two the system picks. Redis: ``SHARED_STATE_TEST_REDIS_URL`` or redis://127.0.0.1:6379/0;
without a reachable Redis that case is skipped, and fails under ``CI=true``.
"""

from __future__ import annotations

import os
import re
import time
import uuid

import pytest
from django.core.management import call_command

from common.testing import ServerProcess, free_ports, redis_or_skip, server_env
from matar.services import OTP_MAX_ATTEMPTS

REDIS_URL = os.environ.get("SHARED_STATE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
API = "/matar/api/v1"


class MatarServer(ServerProcess):
    def call(self, method: str, path: str, body: dict | None = None, token: str | None = None, form: bool = False):
        """``(status, JSON body)`` of a Matar API call (``path`` under /matar/api/v1)."""
        return super().call(method, API + path, body, token, form)

    def otp_for(self, phone: str, timeout: float = 10) -> str:
        """The OTP the console sender logged for ``phone`` (the latest one)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            codes = re.findall(rf"OTP for {phone}: (\d+)", self.log.read_text())
            if codes:
                return codes[-1]
            time.sleep(0.1)
        raise AssertionError(f"no OTP logged for {phone}:\n{self.log.read_text()[-3000:]}")


@pytest.fixture(params=["database", "redis"])
def servers(request, tmp_path, app_role_transactional_db):
    prefix = f"shared-state-test-{uuid.uuid4().hex[:12]}"
    env = server_env(CACHE_KEY_PREFIX=prefix, MATAR_OTP_SENDER="matar.otp.ConsoleOTPSender")
    redis_client = None
    if request.param == "redis":
        redis_client = redis_or_skip(REDIS_URL)
        env["REDIS_URL"] = REDIS_URL
    else:
        env.pop("REDIS_URL", None)
        env["CACHE_DATABASE_ALIAS"] = "cache"  # the separate connection production uses
    ports = free_ports(2, "SHARED_STATE_TEST_PORTS")
    started = [MatarServer(port, env, tmp_path / f"server{n}.log") for n, port in enumerate(ports, start=1)]
    try:
        for server in started:
            server.wait_ready(f"{API}/languages")
        yield started
    finally:
        for server in started:
            server.stop()
        # What the servers committed: default is flushed by app_role_transactional_db.
        call_command("flush", database="matar", interactive=False, verbosity=0)
        if redis_client is not None:
            keys = list(redis_client.scan_iter(f"{prefix}:*"))
            if keys:
                redis_client.delete(*keys)


def _phone() -> str:
    return "9197" + str(uuid.uuid4().int)[:8]


def test_logout_on_one_server_holds_on_the_other(servers):
    one, two = servers
    phone = _phone()
    assert one.call("POST", "/login", {"phone_number": phone, "action": "send_otp"})[0] == 200
    status, tokens = two.call(
        "POST", "/login", {"phone_number": phone, "action": "submit_otp", "otp": one.otp_for(phone)}
    )
    assert status == 200, tokens
    access, refresh = tokens["access_token"], tokens["refresh_token"]
    assert two.call("GET", "/get_current_user", token=access)[0] == 200
    assert one.call("POST", "/logout", token=access) == (200, {"message": "Successfully logged out"})
    for server in (two, one, two):
        status, body = server.call("GET", "/get_current_user", token=access)
        assert (status, body["error"]) == (401, "token_revoked")
    assert two.call("POST", "/refresh", token=refresh)[0] == 401


def test_wrong_otp_codes_are_counted_across_servers(servers):
    one, two = servers
    phone = _phone()
    assert two.call("POST", "/login", {"phone_number": phone, "action": "send_otp"})[0] == 200
    right = two.otp_for(phone)
    wrong = str((int(right) + 1) % 100000).zfill(len(right))
    for attempt in range(OTP_MAX_ATTEMPTS):
        server = (one, two)[attempt % 2]
        answer = server.call("POST", "/login", {"phone_number": phone, "action": "submit_otp", "otp": wrong})
        assert answer == (400, {"message": "Invalid OTP"})
    for server in (one, two):
        answer = server.call("POST", "/login", {"phone_number": phone, "action": "submit_otp", "otp": right})
        assert answer == (400, {"message": "Invalid OTP"})


def test_login_throttle_counts_hold_across_servers_and_rolled_back_requests(servers):
    """Wrong-password logins sent with a valid bearer token run in a request transaction that
    the row-level-security middleware rolls back (400): their throttle counts stay anyway."""
    one, two = servers
    email = f"throttle-{uuid.uuid4().hex[:10]}@example.com"
    signup = one.request("POST", "/api/v1/users/signup", {"email": email, "password": "long-enough-1"})
    assert signup[0] == 200, signup[1]
    status, body, _ = two.request(
        "POST", "/api/v1/login/access-token", {"username": email, "password": "long-enough-1"}, form=True
    )
    assert status == 200, body
    token = body["access_token"]
    for attempt in range(9):  # with the login above: the 10 a minute of THROTTLE_LOGIN
        server = (one, two)[attempt % 2]
        wrong = {"username": email, "password": "wrong-password"}
        assert server.request("POST", "/api/v1/login/access-token", wrong, token=token, form=True)[0] == 400
    status, body, headers = one.request(
        "POST", "/api/v1/login/access-token", {"username": email, "password": "long-enough-1"}, form=True
    )
    assert status == 429 and int(headers["Retry-After"]) > 0
