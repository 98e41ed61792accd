"""The three database logins: which one a process uses, and their names and passwords.

When ``DJANGO_DB_ROLE`` is not set, serving requests (``runserver``, WSGI) runs as the runtime role; creating roles and
databases runs as the admin login; everything else (``migrate``, demo data,
``createsuperuser``, imports) runs as the maintenance role.
"""

import os

SERVING_COMMANDS = {"runserver"}
ADMIN_COMMANDS = {"setup_db_roles"}


def choose_for_command(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else ""
    if command in SERVING_COMMANDS:
        role = "app"
    elif command in ADMIN_COMMANDS:
        role = "admin"
    else:
        role = "maintenance"
    os.environ.setdefault("DJANGO_DB_ROLE", role)


ROLES = ("admin", "maintenance", "app")


def role_credentials(role: str, admin_user: str, admin_password: str) -> tuple[str, str]:
    if role == "admin":
        return admin_user, admin_password
    if role == "maintenance":
        return (
            os.environ.get("RLS_MAINTENANCE_ADMIN", "rls_maintenance_admin"),
            os.environ.get("RLS_MAINTENANCE_ADMIN_PASSWORD", "maintenance-dev-password"),
        )
    if role == "app":
        return (
            os.environ.get("RLS_APP_USER", "rls_app_user"),
            os.environ.get("RLS_APP_PASSWORD", "app-dev-password"),
        )
    raise ValueError(f"DJANGO_DB_ROLE must be one of {', '.join(ROLES)}, not {role!r}")
