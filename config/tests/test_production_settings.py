"""Production settings refuse insecure defaults and pass ``check --deploy`` (issue 10, finding 1).

Each test runs a real process with only the environment a deployer gives it.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "p7Qz-4uV!x9LmN2rT8yB3wK6sD1fH5jC0gA-eR7tY2uI9oP4aS6dF8gH1jK3lZ5x",
    "ALLOWED_HOSTS": "api.example.org,127.0.0.1",
    "RLS_APP_PASSWORD": "app-password-from-the-vault",
    "RLS_MAINTENANCE_ADMIN_PASSWORD": "maintenance-password-from-the-vault",
    "MEDSYNC_BOT_TOKEN": "987654:real-token-from-botfather",
}
# What the machine needs to run a process at all, plus where the databases are.
KEPT = ("PATH", "HOME", "LANG", "DATABASE_URL", "DATABASE_NAME", "TMPDIR")


def clean_env(**extra) -> dict:
    env = {name: os.environ[name] for name in KEPT if name in os.environ}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def start_wsgi(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_production_server_refuses_to_start_with_no_configuration():
    port = _free_port()
    result = subprocess.run(
        [sys.executable, "-m", "config.serve"],
        cwd=ROOT,
        env=clean_env(HTTP_BIND=f"127.0.0.1:{port}", HTTP_WORKERS="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Refusing to start with production settings" in result.stdout + result.stderr


def test_the_wsgi_entry_point_refuses_to_start_with_no_configuration():
    result = start_wsgi(clean_env())
    assert result.returncode != 0
    assert "Refusing to start with production settings" in result.stderr
    for name in sorted(PRODUCTION_ENV):
        assert f"{name} is not set" in result.stderr


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_one_missing_variable_is_named(missing):
    env = clean_env(**{k: v for k, v in PRODUCTION_ENV.items() if k != missing})
    result = start_wsgi(env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr
    assert result.stderr.count(" is not set") == 1


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SECRET_KEY", "dev-only-secret-key-change-me-in-production-0123456789", "SECRET_KEY is weak"),
        ("SECRET_KEY", "short-secret", "SECRET_KEY is weak"),
        ("MEDSYNC_BOT_TOKEN", "123456789:medsync-development-token", "MEDSYNC_BOT_TOKEN is a published"),
        ("RLS_APP_PASSWORD", "app-dev-password", "RLS_APP_PASSWORD is a published"),
    ],
)
def test_published_or_weak_values_are_refused(name, value, message):
    result = start_wsgi(clean_env(**{**PRODUCTION_ENV, name: value}))
    assert result.returncode != 0 and message in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    env = clean_env(DJANGO_SETTINGS_MODULE="config.settings.production", **PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict) -> tuple[int, dict, bytes]:
    """Status, headers (looked up without regard to case, as HTTP defines them) and body."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_production_server_serves_over_https_only_and_keeps_connections_open():
    port = _free_port()
    env = clean_env(HTTP_BIND=f"127.0.0.1:{port}", HTTP_WORKERS="1", **PRODUCTION_ENV)
    server = subprocess.Popen(
        [sys.executable, "-m", "config.serve"],  # the production server (docs/deployment.md)
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/api/v1/utils/health-check/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = _get(url, {"X-Forwarded-Proto": "https"})
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "the production server did not start"
                time.sleep(0.3)
        assert (status, body) == (200, b"true")
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["X-Content-Type-Options"] == "nosniff"
        status, headers, _ = _get(url, {})
        assert status == 301 and headers["Location"].startswith("https://")
        status, _, _ = _get(url, {"X-Forwarded-Proto": "https", "Host": "evil.example.com"})
        assert status == 400
        # Keep-alive: several requests over one connection (issue 16), each answered in full.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            sockets = []
            for _ in range(3):
                connection.request("GET", "/api/v1/utils/health-check/", headers={"X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                assert (response.status, response.read()) == (200, b"true")
                assert not response.will_close, response.getheaders()
                sockets.append(connection.sock)
            assert sockets[0] is sockets[1] is sockets[2]
        finally:
            connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
