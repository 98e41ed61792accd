"""Adopt a database built by an upstream's own Alembic migrations (``manage.py adopt_database``).

The steps, for one alias whose app names a parity reference:

1. Check (changes nothing): the ``alembic_version`` row is the upstream head the reference
   was taken at, and the live schema equals the reference snapshot (column order aside). Any
   difference is listed and the adoption is refused.
2. Work out the target: our migrations are run for real in a scratch database (created and
   dropped by the admin login) and snapshotted. The hardening is therefore derived from our
   migrations themselves, never listed twice.
3. In ONE transaction on the live database: ownership of upstream's objects goes to the
   maintenance role; the migrations our app depends on (``auth``, ``contenttypes`` for
   accounts) run for real; our app's migrations are recorded as applied (what
   ``--fake-initial`` would record); then every difference between the live schema and the
   target is applied (constraints, keys, indexes, column types, identity columns, RLS,
   policies, extensions, enum types). A statement that existing data violates is reported
   with the offending rows, and everything is rolled back. A final snapshot must equal the
   target, or everything is rolled back too. ``alembic_version`` is left exactly as upstream
   wrote it (owner and row).

``check_only`` runs the same transaction and rolls it back, so the report is exact.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
from django.apps import AppConfig, apps
from django.conf import settings
from django.db import DatabaseError, connections, router, transaction
from django.db.backends.postgresql.base import DatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations.special import RunPython
from django.db.migrations.recorder import MigrationRecorder
from psycopg2 import sql as pgsql

from common.parity import REFERENCE_DIR, dsn_for
from common.schema_snapshot import BOOKKEEPING_TABLES, _build_snapshot, diff_snapshots, take_snapshot
from config.provision import admin_connection, grant_privileges, privilege_statements, role_names
from config.roles import role_credentials

# The Alembic revision each reference snapshot (docs/reference-schemas/) was taken at; see
# docs/reference-schemas/README.md. Matar's source is not available: no head, no adoption.
UPSTREAM_HEADS = {
    "template": "999999999999",
    "catalogue": "27c8315a7dd8",
    "coproduction": "efcb7da18049",
    "medsync": "88bdd79e5a2f",
}
ALEMBIC_TABLE = "alembic_version"
MAX_ROWS_SHOWN = 20


class AdoptionRefused(Exception):
    """The database was left untouched; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Step:
    """One change: its SQL (or a callable for multi-statement work), and how to explain a failure."""

    description: str
    sql: str | None = None
    run: object = None
    diagnose: object = None


@dataclass
class AdoptionReport:
    alias: str
    app_label: str
    reference: str
    head: str
    owners_changed: list[str] = field(default_factory=list)
    migrations_applied: list[str] = field(default_factory=list)
    migrations_recorded: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    data_migrations_not_run: list[str] = field(default_factory=list)
    committed: bool = False


# ------------------------------------------------------------------------------------------
# Which app and reference an alias holds
# ------------------------------------------------------------------------------------------


def parity_app_for(alias: str) -> AppConfig:
    for config in apps.get_app_configs():
        if getattr(config, "parity_reference", None):
            model = next(iter(config.get_models()))
            if router.db_for_write(model) == alias:
                return config
    raise AdoptionRefused([f"database alias {alias!r} holds no app with an upstream reference (parity_reference)"])


def _other_apps_tables(alias: str, app_label: str) -> set[str]:
    """Tables of the other apps migrated on this alias (Django's own: auth, sessions...)."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label != app_label and router.allow_migrate_model(alias, model):
            tables.add(model._meta.db_table)
    return tables


def _without(snapshot: dict, tables: set[str]) -> dict:
    return {**snapshot, "tables": {k: v for k, v in snapshot["tables"].items() if k not in tables}}


def _format(differences: list[dict]) -> list[str]:
    return [f"{d['sign']} [{d['table'] or 'database'}] {d['text']}" for d in differences]


# ------------------------------------------------------------------------------------------
# Snapshots inside the adoption transaction
# ------------------------------------------------------------------------------------------


def snapshot_in_transaction(connection) -> dict:
    """The schema as this connection sees it now (uncommitted changes included)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('search_path', 'public', true)")
    raw = connection.connection
    return _build_snapshot(raw, "public", set(BOOKKEEPING_TABLES), connection.pg_version)


def _restore_search_path(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('search_path', '\"$user\", public', true)")


# ------------------------------------------------------------------------------------------
# Step 1: is this upstream's database at its head?
# ------------------------------------------------------------------------------------------


def check_upstream(connection, app_config: AppConfig) -> list[str]:
    """Every reason why the live database is not upstream's at the expected head (empty: it is)."""
    reference = app_config.parity_reference
    head = UPSTREAM_HEADS.get(reference)
    if head is None:
        return [
            f"no upstream Alembic head is known for {reference!r} (its upstream source is not available); "
            "adoption is not supported for this database"
        ]
    problems = []
    with connection.cursor() as cursor:
        for name, _ in role_names():
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
            if not cursor.fetchone():
                problems.append(f"role {name} does not exist: run manage.py setup_db_roles first")
        cursor.execute("SELECT to_regclass('public.alembic_version') IS NOT NULL")
        if not cursor.fetchone()[0]:
            problems.append(f"table alembic_version is missing (expected upstream's revision {head})")
        else:
            cursor.execute("SELECT version_num FROM public.alembic_version ORDER BY 1")
            versions = [row[0] for row in cursor.fetchall()]
            if versions != [head]:
                shown = ", ".join(versions) or "no row"
                problems.append(f"alembic_version is at {shown}, expected upstream's head {head}")
    expected = json.loads((REFERENCE_DIR / f"{reference}.json").read_text())
    others = _other_apps_tables(connection.alias, app_config.label)
    actual = _without(take_snapshot(dsn_for(connection.settings_dict)), others)
    differences = diff_snapshots(expected, actual, ignore_column_order=True)
    problems += [f"schema differs from upstream's reference {reference}.json: {line}" for line in _format(differences)]
    return problems


def _app_already_recorded(connection, app_label: str) -> bool:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    return recorder.migration_qs.filter(app=app_label).exists()


# ------------------------------------------------------------------------------------------
# Step 2: the target schema, from our migrations in a scratch database
# ------------------------------------------------------------------------------------------


def target_snapshot(alias: str, app_label: str) -> dict:
    """Run our migrations up to the app's leaf in a scratch database and snapshot it."""
    live = connections[alias].settings_dict
    name = f"adopt_scratch_{uuid.uuid4().hex[:12]}"
    scratch = {**live, "NAME": name}
    (_, _), (maintenance, _) = role_names()
    conn = admin_connection(live, "postgres")
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                pgsql.SQL("CREATE DATABASE {} OWNER {}").format(pgsql.Identifier(name), pgsql.Identifier(maintenance))
            )
    finally:
        conn.close()
    try:
        grant_privileges(scratch)
        user, password = role_credentials("maintenance", live["ADMIN_USER"], live["ADMIN_PASSWORD"])
        wrapper = DatabaseWrapper({**scratch, "USER": user, "PASSWORD": password}, alias)
        # Data migrations reach their database through connections[alias]: point it at the
        # scratch database meanwhile, so nothing of them can touch the live one.
        live_wrapper = connections[alias]
        connections[alias] = wrapper
        try:
            executor = MigrationExecutor(wrapper)
            targets = [key for key in executor.loader.graph.leaf_nodes() if key[0] == app_label]
            executor.migrate(targets)
        finally:
            connections[alias] = live_wrapper
            wrapper.close()
        return take_snapshot(dsn_for({**scratch, "USER": live["ADMIN_USER"], "PASSWORD": live["ADMIN_PASSWORD"]}))
    finally:
        conn = admin_connection(live, "postgres")
        try:
            with conn.cursor() as cursor:
                cursor.execute(pgsql.SQL("DROP DATABASE IF EXISTS {}").format(pgsql.Identifier(name)))
        finally:
            conn.close()


# ------------------------------------------------------------------------------------------
# Step 3a: ownership
# ------------------------------------------------------------------------------------------

_OWNED_RELATIONS_SQL = """
SELECT c.relname::text, c.relkind::text, pg_get_userbyid(c.relowner)::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND pg_get_userbyid(c.relowner) <> %s AND c.relname <> %s
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
ORDER BY c.relkind, c.relname
"""

_OWNED_TYPES_SQL = """
SELECT t.typname::text, pg_get_userbyid(t.typowner)::text
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'c') AND pg_get_userbyid(t.typowner) <> %s
  AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY t.typname
"""

_OWNED_FUNCTIONS_SQL = """
SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner)::text
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> %s
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1
"""

_RELKIND_WORDS = {
    "r": "TABLE",
    "p": "TABLE",
    "v": "VIEW",
    "m": "MATERIALIZED VIEW",
    "f": "FOREIGN TABLE",
    "S": "SEQUENCE",
}


def transfer_ownership(cursor, maintenance: str) -> list[str]:
    """Give every object of schema public (extension members and alembic_version aside) to maintenance."""
    changed = []
    cursor.execute(_OWNED_RELATIONS_SQL, [maintenance, ALEMBIC_TABLE])
    for name, kind, owner in cursor.fetchall():
        word = _RELKIND_WORDS[kind]
        cursor.execute(f"ALTER {word} public.{_q(name)} OWNER TO {_q(maintenance)}")
        changed.append(f"{word.lower()} {name} (was {owner})")
    cursor.execute(_OWNED_TYPES_SQL, [maintenance])
    for name, owner in cursor.fetchall():
        cursor.execute(f"ALTER TYPE public.{_q(name)} OWNER TO {_q(maintenance)}")
        changed.append(f"type {name} (was {owner})")
    cursor.execute(_OWNED_FUNCTIONS_SQL, [maintenance])
    for signature, owner in cursor.fetchall():
        cursor.execute(f"ALTER ROUTINE {signature} OWNER TO {_q(maintenance)}")
        changed.append(f"routine {signature} (was {owner})")
    return changed


# ------------------------------------------------------------------------------------------
# Step 3c: the schema changes, derived from live -> target snapshots
# ------------------------------------------------------------------------------------------


def _q(name: str) -> str:
    escaped = name.replace('"', '""')
    return f'"{escaped}"'


def _cols(columns) -> str:
    return ", ".join(_q(c) for c in columns)


def _column_sql(col: dict) -> str:
    text = f"{_q(col['name'])} {col['type']}"
    if col.get("default") is not None:
        text += f" DEFAULT {col['default']}"
    if not col["nullable"]:
        text += " NOT NULL"
    if col.get("identity"):
        text += f" GENERATED {col['identity'].upper()} AS IDENTITY"
    return text


def _fk_key(fk):
    keys = (
        "columns",
        "ref_table",
        "ref_columns",
        "on_delete",
        "on_update",
        "match",
        "deferrable",
        "initially_deferred",
    )
    return tuple(json.dumps(fk[k]) for k in keys)


def _fk_sql(table: str, fk: dict) -> str:
    text = (
        f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(fk['name'])} FOREIGN KEY ({_cols(fk['columns'])})"
        f" REFERENCES {_q(fk['ref_table'])} ({_cols(fk['ref_columns'])})"
        f" MATCH {fk['match']} ON DELETE {fk['on_delete']} ON UPDATE {fk['on_update']}"
    )
    if fk["deferrable"]:
        text += " DEFERRABLE INITIALLY " + ("DEFERRED" if fk["initially_deferred"] else "IMMEDIATE")
    return text


def _deferrable(item: dict) -> str:
    if not item.get("deferrable"):
        return ""
    return " DEFERRABLE INITIALLY " + ("DEFERRED" if item.get("initially_deferred") else "IMMEDIATE")


def _policy_sql(table: str, policy: dict) -> str:
    text = (
        f"CREATE POLICY {_q(policy['name'])} ON {_q(table)}"
        f" AS {'PERMISSIVE' if policy['permissive'] else 'RESTRICTIVE'} FOR {policy['command']}"
        f" TO {', '.join('PUBLIC' if r == 'public' else _q(r) for r in policy['roles'])}"
    )
    if policy.get("using"):
        text += f" USING ({policy['using']})"
    if policy.get("with_check"):
        text += f" WITH CHECK ({policy['with_check']})"
    return text


class _Plan:
    """Steps in the order they must run (drops before renames before additions)."""

    PHASES = ("create_types", "drop", "tables", "columns", "rename", "add_keys", "add_fks", "rls", "drop_types")

    def __init__(self):
        self.phases = {phase: [] for phase in self.PHASES}
        self.problems: list[str] = []

    def add(self, phase: str, step: Step):
        self.phases[phase].append(step)

    def steps(self) -> list[Step]:
        return [step for phase in self.PHASES for step in self.phases[phase]]


def plan_changes(live: dict, target: dict) -> _Plan:
    plan = _Plan()
    for ext in sorted(set(target["extensions"]) - set(live["extensions"])):
        plan.add("create_types", Step(f"create extension {ext}", f"CREATE EXTENSION IF NOT EXISTS {_q(ext)}"))
    for ext in sorted(set(live["extensions"]) - set(target["extensions"])):
        plan.add("drop_types", Step(f"drop extension {ext} (nothing of ours uses it)", f"DROP EXTENSION {_q(ext)}"))
    live_enums = {e["name"]: e["labels"] for e in live["enums"]}
    target_enums = {e["name"]: e["labels"] for e in target["enums"]}
    for name, labels in sorted(target_enums.items()):
        if name not in live_enums:
            values = ", ".join("'" + label.replace("'", "''") + "'" for label in labels)
            plan.add("create_types", Step(f"create enum type {name}", f"CREATE TYPE {_q(name)} AS ENUM ({values})"))
        elif live_enums[name] != labels:
            plan.problems.append(f"enum type {name} has labels {live_enums[name]}, ours {labels}: not changed")
    for name in sorted(set(live_enums) - set(target_enums)):
        plan.add("drop_types", Step(f"drop enum type {name} (unused)", f"DROP TYPE {_q(name)}"))

    for name in sorted(set(live["tables"]) - set(target["tables"])):
        plan.problems.append(f"table {name} exists here but not in our schema: adoption would not drop it")
    for name, wanted in target["tables"].items():
        have = live["tables"].get(name)
        if have is None:
            columns = ", ".join(_column_sql(c) for c in wanted["columns"])
            plan.add("tables", Step(f"create table {name}", f"CREATE TABLE {_q(name)} ({columns})"))
            have = {
                "columns": wanted["columns"],
                "primary_key": None,
                "foreign_keys": [],
                "unique_constraints": [],
                "check_constraints": [],
                "exclusion_constraints": [],
                "indexes": [],
                "row_level_security": {"enabled": False, "forced": False},
                "policies": [],
                "triggers": [],
            }
        _plan_table(plan, name, have, wanted)
    return plan


def _plan_table(plan: _Plan, table: str, have: dict, wanted: dict) -> None:
    t = _q(table)
    have_cols = {c["name"]: c for c in have["columns"]}
    for col in wanted["columns"]:
        old = have_cols.get(col["name"])
        if old is None:
            plan.add(
                "columns",
                Step(
                    f"add column {table}.{col['name']}",
                    f"ALTER TABLE {t} ADD COLUMN {_column_sql(col)}",
                    diagnose=_null_rows(table, col["name"]) if not col["nullable"] and not col.get("default") else None,
                ),
            )
            continue
        _plan_column(plan, table, old, col)
    for name in have_cols.keys() - {c["name"] for c in wanted["columns"]}:
        plan.problems.append(f"column {table}.{name} exists here but not in our schema: adoption would not drop it")

    # Primary key.
    old_pk, new_pk = have["primary_key"], wanted["primary_key"]
    if old_pk and (not new_pk or old_pk["columns"] != new_pk["columns"]):
        plan.add(
            "drop", Step(f"drop primary key {old_pk['name']}", f"ALTER TABLE {t} DROP CONSTRAINT {_q(old_pk['name'])}")
        )
    if new_pk and (not old_pk or old_pk["columns"] != new_pk["columns"]):
        plan.add(
            "add_keys",
            Step(
                f"add primary key {new_pk['name']} on {table} ({', '.join(new_pk['columns'])})",
                f"ALTER TABLE {t} ADD CONSTRAINT {_q(new_pk['name'])} PRIMARY KEY ({_cols(new_pk['columns'])})",
                diagnose=_duplicate_rows(table, new_pk["columns"], nulls=True),
            ),
        )
    elif new_pk and old_pk["name"] != new_pk["name"]:
        plan.add("rename", _rename_constraint(table, old_pk["name"], new_pk["name"]))

    # Constraints matched by what they do; a name change is a rename.
    kinds = (
        ("foreign_keys", _fk_key, lambda c: _fk_sql(table, c), "add_fks", _orphan_rows),
        (
            "unique_constraints",
            lambda c: (tuple(c["columns"]), c["deferrable"], c["initially_deferred"]),
            lambda c: f"ALTER TABLE {t} ADD CONSTRAINT {_q(c['name'])} UNIQUE ({_cols(c['columns'])}){_deferrable(c)}",
            "add_keys",
            lambda tbl, c: _duplicate_rows(tbl, c["columns"], nulls=False),
        ),
        (
            "check_constraints",
            lambda c: c["definition"],
            lambda c: f"ALTER TABLE {t} ADD CONSTRAINT {_q(c['name'])} {c['definition']}",
            "add_keys",
            _check_rows,
        ),
        (
            "exclusion_constraints",
            lambda c: c["definition"],
            lambda c: f"ALTER TABLE {t} ADD CONSTRAINT {_q(c['name'])} {c['definition']}",
            "add_keys",
            None,
        ),
    )
    for key_name, key, add_sql, phase, diagnose in kinds:
        _match(
            plan,
            have[key_name],
            wanted[key_name],
            key,
            drop=lambda c: Step(
                f"drop constraint {c['name']} on {table}", f"ALTER TABLE {t} DROP CONSTRAINT {_q(c['name'])}"
            ),
            add=lambda c, add_sql=add_sql, diagnose=diagnose: Step(
                f"add constraint {c['name']} on {table}", add_sql(c), diagnose=diagnose(table, c) if diagnose else None
            ),
            rename=lambda old, new: _rename_constraint(table, old, new),
            add_phase=phase,
        )

    # Indexes that back no constraint.
    _match(
        plan,
        have["indexes"],
        wanted["indexes"],
        lambda i: (i["unique"], i["using"]),
        drop=lambda i: Step(f"drop index {i['name']}", f"DROP INDEX {_q(i['name'])}"),
        add=lambda i: Step(
            f"create index {i['name']} on {table}",
            f"CREATE {'UNIQUE ' if i['unique'] else ''}INDEX {_q(i['name'])} ON {t} USING {i['using']}",
        ),
        rename=lambda old, new: Step(f"rename index {old} to {new}", f"ALTER INDEX {_q(old)} RENAME TO {_q(new)}"),
        add_phase="add_keys",
    )

    # Row-level security and policies.
    old_rls, new_rls = have["row_level_security"], wanted["row_level_security"]
    if old_rls["enabled"] != new_rls["enabled"]:
        verb = "ENABLE" if new_rls["enabled"] else "DISABLE"
        plan.add(
            "rls", Step(f"{verb.lower()} row level security on {table}", f"ALTER TABLE {t} {verb} ROW LEVEL SECURITY")
        )
    if old_rls["forced"] != new_rls["forced"]:
        verb = "FORCE" if new_rls["forced"] else "NO FORCE"
        plan.add(
            "rls", Step(f"{verb.lower()} row level security on {table}", f"ALTER TABLE {t} {verb} ROW LEVEL SECURITY")
        )
    old_policies = {p["name"]: p for p in have["policies"]}
    new_policies = {p["name"]: p for p in wanted["policies"]}
    for name, policy in old_policies.items():
        if new_policies.get(name) != policy:
            plan.add("drop", Step(f"drop policy {name} on {table}", f"DROP POLICY {_q(name)} ON {t}"))
    for name, policy in new_policies.items():
        if old_policies.get(name) != policy:
            plan.add("rls", Step(f"create policy {name} on {table}", _policy_sql(table, policy)))

    old_triggers = {tr["name"]: tr for tr in have["triggers"]}
    new_triggers = {tr["name"]: tr for tr in wanted["triggers"]}
    for name, trigger in old_triggers.items():
        if new_triggers.get(name) != trigger:
            plan.add("drop", Step(f"drop trigger {name} on {table}", f"DROP TRIGGER {_q(name)} ON {t}"))
    for name, trigger in new_triggers.items():
        if old_triggers.get(name) != trigger:
            plan.add("rls", Step(f"create trigger {name} on {table}", trigger["definition"]))


def _match(plan, have, wanted, key, drop, add, rename, add_phase):
    remaining = list(have)
    for item in wanted:
        found = next((old for old in remaining if key(old) == key(item)), None)
        if found is None:
            plan.add(add_phase, add(item))
            continue
        remaining.remove(found)
        if found["name"] != item["name"]:
            plan.add("rename", rename(found["name"], item["name"]))
    for old in remaining:
        plan.add("drop", drop(old))


def _rename_constraint(table: str, old: str, new: str) -> Step:
    return Step(
        f"rename constraint {old} on {table} to {new}",
        f"ALTER TABLE {_q(table)} RENAME CONSTRAINT {_q(old)} TO {_q(new)}",
    )


_NEXTVAL = re.compile(r"^nextval\('(?P<seq>[^']+)'::regclass\)$")


def _plan_column(plan: _Plan, table: str, old: dict, new: dict) -> None:
    t, c = _q(table), _q(new["name"])
    serial = _NEXTVAL.match(old.get("default") or "")
    if serial and not old.get("identity") and new.get("identity") and new.get("default") is None:
        plan.add(
            "columns",
            Step(
                f"serial column {table}.{new['name']} becomes an identity column (numbering continues)",
                run=_serial_to_identity(table, new["name"], serial["seq"], new["identity"]),
            ),
        )
    elif old.get("identity") != new.get("identity") or (old.get("default") != new.get("default") and serial):
        plan.problems.append(f"column {table}.{new['name']}: cannot change {_column_sql(old)} into {_column_sql(new)}")
        return
    if old["type"] != new["type"]:
        plan.add(
            "columns",
            Step(
                f"column {table}.{new['name']}: type {old['type']} -> {new['type']}",
                f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {new['type']} USING {c}::{new['type']}",
            ),
        )
    if old["nullable"] != new["nullable"]:
        verb = "DROP NOT NULL" if new["nullable"] else "SET NOT NULL"
        plan.add(
            "columns",
            Step(
                f"column {table}.{new['name']}: {verb.lower()}",
                f"ALTER TABLE {t} ALTER COLUMN {c} {verb}",
                diagnose=None if new["nullable"] else _null_rows(table, new["name"]),
            ),
        )
    if old.get("default") != new.get("default") and not serial:
        action = "DROP DEFAULT" if new.get("default") is None else f"SET DEFAULT {new['default']}"
        plan.add(
            "columns",
            Step(f"column {table}.{new['name']}: {action.lower()}", f"ALTER TABLE {t} ALTER COLUMN {c} {action}"),
        )


def _serial_to_identity(table: str, column: str, sequence: str, identity: str):
    def run(cursor):
        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
        last_value, is_called = cursor.fetchone()
        t, c = _q(table), _q(column)
        cursor.execute(f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT")
        cursor.execute(f"DROP SEQUENCE {sequence}")
        cursor.execute(f"ALTER TABLE {t} ALTER COLUMN {c} ADD GENERATED {identity.upper()} AS IDENTITY")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)", [_q(table), column, last_value, is_called]
        )

    return run


# Offending rows, read after a failed statement (its savepoint rolled back).


def _show(cursor, table: str, where: str, params=()) -> list[str]:
    cursor.execute(f"SELECT count(*) FROM {_q(table)} r WHERE {where}", params)
    total = cursor.fetchone()[0]
    cursor.execute(f"SELECT row_to_json(r)::text FROM {_q(table)} r WHERE {where} LIMIT {MAX_ROWS_SHOWN}", params)
    rows = [f"    {table}: {row[0]}" for row in cursor.fetchall()]
    if total > len(rows):
        rows.append(f"    ... and {total - len(rows)} more")
    return [f"  {total} offending row(s):", *rows]


def _null_rows(table, column):
    return lambda cursor: _show(cursor, table, f"{_q(column)} IS NULL")


def _duplicate_rows(table, columns, nulls):
    def diagnose(cursor):
        cols = _cols(columns)
        where = f"({cols}) IN (SELECT {cols} FROM {_q(table)} GROUP BY {cols} HAVING count(*) > 1)"
        if nulls:
            where += " OR " + " OR ".join(f"{_q(c)} IS NULL" for c in columns)
        return _show(cursor, table, where)

    return diagnose


def _check_rows(table, constraint):
    expression = re.sub(r"^CHECK \((.*)\)( NOT VALID)?$", r"\1", constraint["definition"], flags=re.S)
    return lambda cursor: _show(cursor, table, f"NOT ({expression})")


def _orphan_rows(table, fk):
    def diagnose(cursor):
        pairs = " AND ".join(f"p.{_q(rc)} = r.{_q(c)}" for c, rc in zip(fk["columns"], fk["ref_columns"], strict=True))
        not_null = " AND ".join(f"r.{_q(c)} IS NOT NULL" for c in fk["columns"])
        where = f"{not_null} AND NOT EXISTS (SELECT 1 FROM {_q(fk['ref_table'])} p WHERE {pairs})"
        return _show(cursor, table, where)

    return diagnose


# ------------------------------------------------------------------------------------------
# The adoption
# ------------------------------------------------------------------------------------------


def _run_steps(connection, steps: list[Step]) -> list[str]:
    problems = []
    for step in steps:
        with connection.cursor() as cursor:
            cursor.execute("SAVEPOINT adopt_step")
            try:
                if step.run:
                    step.run(cursor)
                else:
                    cursor.execute(step.sql)
            except (DatabaseError, psycopg2.Error) as exc:
                cursor.execute("ROLLBACK TO SAVEPOINT adopt_step")
                lines = [f"{step.description}: refused by PostgreSQL: {str(exc).strip().splitlines()[0]}"]
                if step.diagnose:
                    lines += step.diagnose(cursor)
                problems.append("\n".join(lines))
            else:
                cursor.execute("RELEASE SAVEPOINT adopt_step")
    return problems


def _grant(connection, cursor) -> None:
    """The project's grants (config/provision.py), alembic_version's privileges left as upstream's."""
    for statement in privilege_statements(connection.settings_dict):
        cursor.execute(statement.as_string(connection.connection))
    for role in role_names():
        cursor.execute(f"REVOKE ALL ON TABLE public.{ALEMBIC_TABLE} FROM {_q(role[0])}")


def _migrate_in_order(connection, app_label: str, report: AdoptionReport) -> None:
    """Dependencies run for real, our app's migrations are recorded as applied, in plan order."""
    executor = MigrationExecutor(connection)
    targets = [key for key in executor.loader.graph.leaf_nodes() if key[0] == app_label]
    plan = executor.migration_plan(targets)
    groups: list[tuple[bool, list]] = []
    for migration, backwards in plan:
        fake = migration.app_label == app_label
        if groups and groups[-1][0] == fake:
            groups[-1][1].append((migration, backwards))
        else:
            groups.append((fake, [(migration, backwards)]))
    for fake, group in groups:
        executor = MigrationExecutor(connection)
        executor.migrate(targets, plan=group, fake=fake)
        names = [f"{m.app_label}.{m.name}" for m, _ in group]
        (report.migrations_recorded if fake else report.migrations_applied).extend(names)
        if fake:
            report.data_migrations_not_run += [
                f"{m.app_label}.{m.name}" for m, _ in group if any(isinstance(op, RunPython) for op in m.operations)
            ]


def adopt(alias: str, *, check_only: bool = False) -> AdoptionReport:
    """Adopt the upstream database of ``alias``; raises AdoptionRefused (nothing changed) if it cannot."""
    app_config = parity_app_for(alias)
    reference = app_config.parity_reference
    connection = connections[alias]
    saved = (connection.settings_dict["USER"], connection.settings_dict["PASSWORD"])
    connection.close()
    connection.settings_dict.update(
        USER=connection.settings_dict["ADMIN_USER"], PASSWORD=connection.settings_dict["ADMIN_PASSWORD"]
    )
    try:
        if UPSTREAM_HEADS.get(reference) is None:
            raise AdoptionRefused(check_upstream(connection, app_config))
        if _app_already_recorded(connection, app_config.label):
            raise AdoptionRefused(
                [
                    f"{app_config.label}'s migrations are already recorded in django_migrations: nothing to adopt "
                    "(run migrate instead)"
                ]
            )
        problems = check_upstream(connection, app_config)
        if problems:
            raise AdoptionRefused(problems)
        report = AdoptionReport(alias, app_config.label, reference, UPSTREAM_HEADS[reference])
        others = _other_apps_tables(alias, app_config.label)
        target = target_snapshot(alias, app_config.label)
        (_, _), (maintenance, _) = role_names()
        with transaction.atomic(using=alias):
            with connection.cursor() as cursor:
                report.owners_changed = transfer_ownership(cursor, maintenance)
                _grant(connection, cursor)
                cursor.execute(f"SET LOCAL ROLE {_q(maintenance)}")
            _migrate_in_order(connection, app_config.label, report)
            live = snapshot_in_transaction(connection)
            # Tables of apps migrated later by ``migrate`` (admin, sessions) are no concern here.
            live = _without(live, others - set(target["tables"]))
            plan = plan_changes(live, target)
            if plan.problems:
                raise AdoptionRefused(plan.problems)
            steps = plan.steps()
            report.steps = [step.description for step in steps]
            first = [s for s in steps if s.description.startswith("create extension")]
            last = [s for s in steps if s.description.startswith("drop extension")]
            middle = [s for s in steps if s not in first and s not in last]
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")  # extensions need the admin login
            failures = _run_steps(connection, first)
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL ROLE {_q(maintenance)}")
            failures += _run_steps(connection, middle)
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")
            failures += _run_steps(connection, last)
            if failures:
                raise AdoptionRefused(failures)
            final = _without(snapshot_in_transaction(connection), others - set(target["tables"]))
            _restore_search_path(connection)
            remaining = diff_snapshots(target, final, ignore_column_order=True)
            if remaining:
                raise AdoptionRefused(["after the changes the schema still differs from ours:", *_format(remaining)])
            with connection.cursor() as cursor:
                _grant(connection, cursor)
            if check_only:
                transaction.set_rollback(True, using=alias)
            else:
                report.committed = True
        return report
    finally:
        connection.close()
        connection.settings_dict.update(USER=saved[0], PASSWORD=saved[1])


def reference_dump(name: str) -> Path:
    """The schema-only dump of an upstream database (docs/reference-schemas/sql/<name>.sql)."""
    return Path(settings.BASE_DIR) / "docs" / "reference-schemas" / "sql" / f"{name}.sql"
