"""Which database login a process uses when ``DJANGO_DB_ROLE`` is not set.

Serving requests (``runserver``, WSGI) runs as the runtime role; creating roles and
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
