"""Databases and login roles, created idempotently as the server's administrative login.

Used by ``manage.py setup_db_roles`` (which ``make run`` and the test set-up call) and by the
embedded server's start-up. Names and passwords come from the environment
(``RLS_APP_USER`` / ``RLS_APP_PASSWORD``, ``RLS_MAINTENANCE_ADMIN`` /
``RLS_MAINTENANCE_ADMIN_PASSWORD``); passwords and names are always quoted by psycopg2.
"""

from __future__ import annotations

import psycopg2
from psycopg2 import sql

from config.roles import role_credentials

APP_ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT"
MAINTENANCE_ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE"


def admin_connection(settings_dict: dict, dbname: str | None = None):
    """A psycopg2 connection as the admin login of an alias's server (autocommit)."""
    conn = psycopg2.connect(
        dbname=dbname or settings_dict["NAME"],
        user=settings_dict["ADMIN_USER"],
        password=settings_dict["ADMIN_PASSWORD"] or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
    )
    conn.autocommit = True
    return conn


def role_names() -> tuple[tuple[str, str], tuple[str, str]]:
    return role_credentials("app", "", ""), role_credentials("maintenance", "", "")


def ensure_roles(cursor) -> None:
    """Create the two roles if missing, then enforce their attributes and passwords."""
    for (name, password), attributes in zip(
        role_names(), (APP_ROLE_ATTRIBUTES, MAINTENANCE_ROLE_ATTRIBUTES), strict=False
    ):
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
        verb = "ALTER" if cursor.fetchone() else "CREATE"
        cursor.execute(
            sql.SQL("{} ROLE {} WITH " + attributes + " PASSWORD %s").format(sql.SQL(verb), sql.Identifier(name)),
            [password],
        )


def ensure_database(settings_dict: dict) -> bool:
    """Create the alias's database (owned by the maintenance role) if missing; True if created."""
    (_, _), (maintenance, _) = role_names()
    conn = admin_connection(settings_dict, "postgres")
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings_dict["NAME"]])
            if cursor.fetchone():
                return False
            ensure_roles(cursor)
            cursor.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(settings_dict["NAME"]), sql.Identifier(maintenance)
                )
            )
            return True
    finally:
        conn.close()


def privilege_statements(settings_dict: dict) -> list:
    """The grants of one database: the maintenance role migrates, the app role only reads and writes rows."""
    (app, _), (maintenance, _) = role_names()
    database = sql.Identifier(settings_dict["NAME"])
    app_id, maintenance_id = sql.Identifier(app), sql.Identifier(maintenance)
    statements = [
        sql.SQL("GRANT CONNECT, CREATE, TEMPORARY ON DATABASE {} TO {}").format(database, maintenance_id),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, app_id),
        sql.SQL("GRANT ALL ON SCHEMA public TO {}").format(maintenance_id),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM {}").format(app_id),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(app_id),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(app_id),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(app_id),
        sql.SQL("GRANT ALL ON ALL TABLES IN SCHEMA public TO {}").format(maintenance_id),
        sql.SQL("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {}").format(maintenance_id),
    ]
    for owner in {maintenance, settings_dict["ADMIN_USER"]}:
        owner_id = sql.Identifier(owner)
        statements += [
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public"
                " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
            ).format(owner_id, app_id),
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {}"
            ).format(owner_id, app_id),
        ]
    return statements


def grant_privileges(settings_dict: dict) -> None:
    """Run ``privilege_statements`` as the admin login."""
    conn = admin_connection(settings_dict)
    try:
        with conn.cursor() as cursor:
            for statement in privilege_statements(settings_dict):
                cursor.execute(statement)
    finally:
        conn.close()


def provision(settings_dict: dict) -> None:
    """Everything the role command does for one alias: roles, database, privileges."""
    conn = admin_connection(settings_dict, "postgres")
    try:
        with conn.cursor() as cursor:
            ensure_roles(cursor)
    finally:
        conn.close()
    ensure_database(settings_dict)
    grant_privileges(settings_dict)
