"""Helpers shared by the apps' tests: the database login of ``default``, ``../shared`` data,
real servers in subprocesses (ports, environment, Redis)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from config.roles import role_credentials


def login_default_as(role: str) -> None:
    """Reconnect ``default`` as ``admin``, ``maintenance`` or ``app`` (the runtime role)."""
    connection = connections["default"]
    connection.close()
    settings_dict = connection.settings_dict
    user, password = role_credentials(role, settings_dict["ADMIN_USER"], settings_dict["ADMIN_PASSWORD"])
    settings_dict.update(USER=user, PASSWORD=password)


#: Every database alias of the project.
ALIASES = ("default", "catalogue", "coproduction", "medsync", "matar")


def empty_every_database() -> None:
    """Flush every alias after a test that committed data, and close the connections.

    ``flush`` needs TRUNCATE, which the runtime role rightly lacks: the admin login does it,
    then ``default`` is back to the runtime role.
    """
    login_default_as("admin")
    for alias in ALIASES:
        call_command("flush", database=alias, interactive=False, verbosity=0)
    login_default_as("app")
    for alias in ALIASES:
        connections[alias].close()


def require_shared(path: Path) -> Path:
    """``path`` inside ``../shared``; the test skips without it, but fails under ``CI=true``.

    ``../shared`` is beside the project in every checkout the team uses and always in CI, so
    there its absence is a broken set-up, not a reason to test less.
    """
    if path.exists():
        return path
    message = f"{path} is not present (../shared beside the project)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; CI always has it")
    pytest.skip(message)


def free_ports(count: int, environment_variable: str) -> list[int]:
    """``count`` ports for test servers: those listed (comma-separated) in the environment
    variable when it is set, else ports the system picks."""
    if os.environ.get(environment_variable):
        return [int(port) for port in os.environ[environment_variable].split(",")][:count]
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def redis_or_skip(url: str):
    """A client of the Redis at ``url``; the test skips when it does not answer, but fails under ``CI=true``."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {url} is not reachable: {error}")
        pytest.skip(f"Redis at {url} is not reachable")
    return client


def server_env(**extra) -> dict:
    """The environment of a test server: test settings, the runtime role, the test databases."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_DB_ROLE": "app",
        "DATABASE_NAME": connections["default"].settings_dict["NAME"],
        "LOG_LEVEL": "WARNING",
        **extra,
    }


class ServerProcess:
    """This project served by a real server in a subprocess, its error log in ``log``: gunicorn
    with ``config.wsgi`` (one worker), or with ``asgi=True`` uvicorn with ``config.asgi``."""

    def __init__(self, port: int, env: dict, log: Path, *, asgi: bool = False):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.ws_base = f"ws://127.0.0.1:{port}"
        self.log = log
        if asgi:
            command = ["uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
            command += ["--log-level", "warning"]
        else:
            command = ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi:application"]
            env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", *command],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        """Until ``GET path`` answers 200; the server's log in the failure when it exits or never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server {self.base} exited:\n{self.log.read_text()[-3000:]}")
            try:
                if self.request("GET", path)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"server {self.base} did not answer:\n{self.log.read_text()[-3000:]}")

    def request(self, method: str, path: str, body=None, token: str | None = None, form: bool = False):
        """``(status, JSON body, headers)`` of a call; ``body`` as JSON, or as a form with ``form=True``."""
        headers = {"Content-Type": "application/x-www-form-urlencoded" if form else "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode() if form else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null"), error.headers

    def call(self, method: str, path: str, body=None, token: str | None = None, form: bool = False):
        """``(status, JSON body)`` of a call."""
        return self.request(method, path, body, token, form)[:2]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def create_cache_tables(alias: str) -> None:
    """``createcachetable`` as production runs it (README): the shared cache's table and the read
    cache's (``django_read_cache``), which the test process itself keeps in memory
    (config/settings/test.py) but server processes started by tests use."""
    call_command("createcachetable", database=alias, verbosity=0)
    call_command("createcachetable", settings.READ_CACHE_TABLE, database=alias, verbosity=0)
