"""Helpers for tests that must choose the database login of ``default``."""

from django.db import connections

from config.databases import role_credentials


def login_default_as(role: str) -> None:
    """Reconnect ``default`` as ``admin``, ``maintenance`` or ``app`` (the runtime role)."""
    connection = connections["default"]
    connection.close()
    settings_dict = connection.settings_dict
    user, password = role_credentials(role, settings_dict["ADMIN_USER"], settings_dict["ADMIN_PASSWORD"])
    settings_dict.update(USER=user, PASSWORD=password)
