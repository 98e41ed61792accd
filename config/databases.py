"""Database settings: one PostgreSQL database per domain, and the role each process uses.

* ``DATABASE_URL`` configures ``default`` (accounts and Django's own tables). Each domain
  alias reads ``<DOMAIN>_DATABASE_URL``, else uses the same server with the database name
  suffixed (``<name>_catalogue``). Without ``DATABASE_URL`` the embedded server is used.
* ``DATABASE_NAME`` replaces the name of ``default`` (and so the suffixed domain names) on
  whichever server is used; the benchmark uses it to keep its data apart.
* ``<DOMAIN>_REPLICA_DATABASE_URL`` adds a read replica (alias ``<domain>_replica``) that the
  router uses for that domain's reads.
* ``DJANGO_DB_ROLE`` picks the login: ``admin`` (the user of the URL: creates databases and
  roles), ``maintenance`` (``rls_maintenance_admin``: migrations, demo data, admin commands)
  or ``app`` (``rls_app_user``: serving requests; not superuser, no BYPASSRLS, owns nothing).
  ``manage.py`` and ``config/wsgi.py`` choose it by what they run; see ``config/roles.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from config.roles import role_credentials

DOMAIN_ALIASES = ("catalogue", "coproduction", "medsync", "matar")
ALIASES = ("default", *DOMAIN_ALIASES)
EMBEDDED_DEFAULT_NAME = "app"


def build_databases(base_dir: Path, *, role: str, conn_max_age: int) -> tuple[dict, bool]:
    """Return ``(DATABASES, embedded)`` for the environment."""
    url = os.environ.get("DATABASE_URL")
    embedded = not url
    if embedded:
        from config import embedded as embedded_server

        params = embedded_server.start(base_dir / ".data" / "postgres")
        default = {"ENGINE": "django.db.backends.postgresql", "NAME": EMBEDDED_DEFAULT_NAME, **params}
    else:
        default = dj_database_url.parse(url)
    if os.environ.get("DATABASE_NAME"):
        default["NAME"] = os.environ["DATABASE_NAME"]
    base_name = default["NAME"]
    databases = {}
    for alias in ALIASES:
        if alias == "default":
            config = dict(default)
        else:
            domain_url = os.environ.get(f"{alias.upper()}_DATABASE_URL")
            config = dj_database_url.parse(domain_url) if domain_url else {**default, "NAME": f"{base_name}_{alias}"}
        admin_user, admin_password = config.get("USER") or "postgres", config.get("PASSWORD") or ""
        user, password = role_credentials(role, admin_user, admin_password)
        config.update(
            USER=user,
            PASSWORD=password,
            CONN_MAX_AGE=conn_max_age,
            CONN_HEALTH_CHECKS=True,
            # Kept so the role command and the test set-up can reconnect as the admin login.
            ADMIN_USER=admin_user,
            ADMIN_PASSWORD=admin_password,
            TEST={"NAME": f"test_{config['NAME']}"},
        )
        databases[alias] = config
    for alias in DOMAIN_ALIASES:
        replica_url = os.environ.get(f"{alias.upper()}_REPLICA_DATABASE_URL")
        if replica_url:
            replica = dj_database_url.parse(replica_url)
            user, password = role_credentials(role, replica.get("USER") or "postgres", replica.get("PASSWORD") or "")
            replica.update(
                USER=user, PASSWORD=password, CONN_MAX_AGE=conn_max_age, CONN_HEALTH_CHECKS=True, TEST={"MIRROR": alias}
            )
            databases[f"{alias}_replica"] = replica
    if embedded:
        from config.provision import ensure_database, grant_privileges

        for config in databases.values():
            if "ADMIN_USER" in config and ensure_database(config):
                grant_privileges(config)
    return databases, embedded
