"""Helpers shared by the apps' tests: the database login of ``default``, ``../shared`` data."""

import os
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


def create_cache_tables(alias: str) -> None:
    """``createcachetable`` as production runs it (README): the shared cache's table and the read
    cache's (``django_read_cache``), which the test process itself keeps in memory
    (config/settings/test.py) but server processes started by tests use."""
    call_command("createcachetable", database=alias, verbosity=0)
    call_command("createcachetable", settings.READ_CACHE_TABLE, database=alias, verbosity=0)
