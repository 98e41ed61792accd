"""Helpers shared by the apps' tests: the database login of ``default``, ``../shared`` data."""

import os
from pathlib import Path

import pytest
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
