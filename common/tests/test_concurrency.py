"""Simultaneous requests against the real production server on the test databases (issue #12).

* 200 requests at once on a list endpoint all answer 200, and the number of database
  connections stays bounded by workers x threads x aliases (each WSGI thread of a worker holds
  at most one connection per alias).
* 20 sign-ups with the same new e-mail at once: one 200, every other the serial 400; no 500.
"""

import json
import os
import socket
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
from django.conf import settings
from django.db import connections

from accounts.models import User
from common import fuzz
from common.testing import login_default_as
from config.databases import ALIASES

WORKERS = 2
THREADS = 4


def _port(offset: int) -> int:
    if os.environ.get("FUZZ_PORT"):
        return int(os.environ["FUZZ_PORT"]) + offset
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(url: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _connections_to_test_databases() -> int:
    names = [connections[alias].settings_dict["NAME"] for alias in ALIASES]
    params = connections["default"].settings_dict
    with (
        psycopg2.connect(
            dbname="postgres",
            user=params["ADMIN_USER"],
            password=params["ADMIN_PASSWORD"],
            host=params["HOST"],
            port=params["PORT"],
        ) as admin,
        admin.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = ANY(%s) AND usename = %s",
            [names, params.get("APP_USER", "rls_app_user")],
        )
        count = cursor.fetchone()[0]
    admin.close()
    return count


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        login_default_as("admin")
        try:
            environment = {"DATABASE_NAME": settings.DATABASES["default"]["NAME"], "HTTP_THREADS": str(THREADS)}
            with fuzz.Server(_port(0), environment, WORKERS) as live:
                yield live
        finally:
            User.objects.filter(email__endswith="@concurrency.example").delete()
            login_default_as("app")


def test_200_simultaneous_list_requests_all_answer_200_with_bounded_connections(server):
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _connections_to_test_databases())
            stop.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        with ThreadPoolExecutor(max_workers=200) as pool:
            statuses = list(pool.map(lambda _: _request(f"{server.url}/catalogue/api/v1/interlinkers/")[0], range(200)))
    finally:
        stop.set()
        sampler.join()
    assert statuses == [200] * 200, server.read_log()[-3000:]
    print(f"peak database connections of the runtime role during 200 simultaneous requests: {peak}")
    assert 0 < peak <= WORKERS * THREADS * len(ALIASES)


def test_simultaneous_signups_with_one_new_email_give_one_user_and_the_serial_400(server):
    email = "same@concurrency.example"
    payload = {"email": email, "password": "changethis", "full_name": "Race"}
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: _request(f"{server.url}/api/v1/users/signup", payload), range(20)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [400] * 19, answers
    refusals = {json.loads(body)["detail"] for status, body in answers if status == 400}
    assert refusals == {"The user with this email already exists in the system"}
    assert User.objects.filter(email=email).count() == 1


def test_password_recovery_html_for_an_existing_user_through_a_real_server(server):
    """The test client accepts any header name; a real server may refuse upstream's ``subject:``
    (gunicorn answered 500)."""
    from accounts.tokens import create_access_token

    root = User.objects.create_user(email="root@concurrency.example", password="changethis", is_superuser=True)
    User.objects.create_user(email="someone@concurrency.example", password="changethis")
    request = urllib.request.Request(
        f"{server.url}/api/v1/password-recovery-html-content/someone@concurrency.example",
        data=b"",
        headers={"Authorization": f"Bearer {create_access_token(str(root.pk))}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert response.headers["subject"].endswith("Password recovery for user someone@concurrency.example")
        assert "reset-password?token=" in response.read().decode()
