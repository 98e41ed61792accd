"""Deterministic benchmark datasets, one builder per app, written with set-based SQL.

Each builder takes the scale (``"full"`` or ``"smoke"``) and returns a dict of row counts
for the report. Ids are derived from ``md5`` of a sequence number, so every run builds the
same rows.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connections, transaction

#: Every benchmark user's password (benchmark data only).
BENCH_PASSWORD = "bench-password"


def bench_user_id(number: int) -> str:
    """The id ``build_accounts`` gives user ``number`` (1 is the superuser)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT md5(%s)::uuid", [f"bench-user-{number}"])
        return str(cursor.fetchone()[0])


SIZES = {
    "full": {"accounts_users": 1000, "accounts_items_per_user": 100},
    "smoke": {"accounts_users": 20, "accounts_items_per_user": 10},
}


def build_accounts(scale: str) -> dict:
    size = SIZES[scale]
    with connections["default"].cursor() as cursor:
        cursor.execute('TRUNCATE item, "user" CASCADE')
        cursor.execute(
            """
            INSERT INTO "user" (id, email, hashed_password, is_active, is_superuser, full_name, created_at, updated_at)
            SELECT md5('bench-user-' || g)::uuid, 'bench' || g || '@example.com', %s, true, g = 1,
                   'Bench User ' || g, now(), now()
            FROM generate_series(1, %s) AS g
            """,
            [make_password(BENCH_PASSWORD), size["accounts_users"]],
        )
        cursor.execute(
            """
            INSERT INTO item (id, title, description, owner_id, created_at, updated_at)
            SELECT md5('bench-item-' || u || '-' || i)::uuid, 'Item ' || i || ' of user ' || u,
                   'A benchmark item', md5('bench-user-' || u)::uuid,
                   timestamp '2026-01-01' + make_interval(secs => u * 1000 + i), now()
            FROM generate_series(1, %s) AS u, generate_series(1, %s) AS i
            """,
            [size["accounts_users"], size["accounts_items_per_user"]],
        )
        cursor.execute("ANALYZE item")
        cursor.execute('ANALYZE "user"')
    return {
        "users": size["accounts_users"],
        "items": size["accounts_users"] * size["accounts_items_per_user"],
    }


MEDSYNC = {
    "full": {
        "locations": 100,
        "specialties": 10,
        "doctors": 2000,
        "ratings": 300_000,
        "bookings": 100_000,
        "diagnostics": 50,
    },
    "smoke": {"locations": 5, "specialties": 3, "doctors": 20, "ratings": 200, "bookings": 100, "diagnostics": 5},
}


def build_medsync(scale: str) -> dict:
    """Clinics open 08-18 every day, doctors spread over them, ratings 1-5, one-hour bookings.

    Bookings start tomorrow at 08:00 UTC (the slot endpoints look ahead from today), one
    per doctor and hour, so the same rows come out for runs on the same day.
    """
    size = MEDSYNC[scale]
    statements = [
        "TRUNCATE diagnostic_results, bookings, doctor_ratings, doctors, diagnostic_locations, diagnostics,"
        " workinghours, specialties, locations, users RESTART IDENTITY CASCADE",
        (
            "INSERT INTO locations (name, address) SELECT 'Clinic ' || g, g || ' Bench Street'"
            " FROM generate_series(1, %(locations)s) g"
        ),
        "INSERT INTO workinghours (location_id, start_time, end_time, weekday_index)"
        " SELECT l, 8, 18, d FROM generate_series(1, %(locations)s) l, generate_series(0, 6) d",
        "INSERT INTO specialties (specialty_name) SELECT 'Specialty ' || g FROM generate_series(1, %(specialties)s) g",
        "INSERT INTO doctors (location_id, full_name, price, photo_url, specialty_id, experience, certificates,"
        " services) SELECT (g %% %(locations)s) + 1, 'Doctor ' || g, 40 + (g %% 60), 'https://example.com/d.png',"
        " (g %% %(specialties)s) + 1, 'Years of practice', 'Board certified', 'Consultation'"
        " FROM generate_series(1, %(doctors)s) g",
        "INSERT INTO doctor_ratings (doctor_id, rating) SELECT (g %% %(doctors)s) + 1, (g * 7 %% 5) + 1"
        " FROM generate_series(1, %(ratings)s) g",
        "INSERT INTO diagnostics (type_name, description, price, photo_url) SELECT 'Test ' || g,"
        " 'A diagnostic test', 25 + g, 'https://example.com/t.png' FROM generate_series(1, %(diagnostics)s) g",
        "INSERT INTO diagnostic_locations (diagnostic_id, location_id) SELECT d, ((d + k) %% %(locations)s) + 1"
        " FROM generate_series(1, %(diagnostics)s) d, generate_series(0, 2) k",
        "INSERT INTO bookings (user_full_name, user_email, user_phone_number, doctor_id, location_id, booking_time)"
        " SELECT 'Patient ' || g, 'p' || g || '@example.com', '+100000' || g, (g %% %(doctors)s) + 1,"
        " ((g %% %(doctors)s) + 1) %% %(locations)s + 1,"
        " date_trunc('day', now()) + interval '1 day 8 hours' + make_interval(hours => g / %(doctors)s)"
        " FROM generate_series(1, %(bookings)s) g",
    ]
    with connections["medsync"].cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, size)
        for table in ("locations", "doctors", "doctor_ratings", "bookings", "diagnostics"):
            cursor.execute(f"ANALYZE {table}")
    return {k: v for k, v in size.items()}


MATAR = {
    "full": {"users": 1000, "questions": 2000, "answers_per_question": 4, "activities": 100_000},
    "smoke": {"users": 10, "questions": 10, "answers_per_question": 4, "activities": 200},
}
MATAR_ORGANIZATION = "BENCH1"


def build_matar(scale: str) -> dict:
    """One organisation, its categories and users, questions with answers, activities with counters."""
    size = MATAR[scale]
    params = {**size, "org": MATAR_ORGANIZATION}
    statements = [
        "DELETE FROM post_activity WHERE organization_id = %(org)s",
        "DELETE FROM post WHERE organization_id = %(org)s",
        "DELETE FROM category WHERE organization_id = %(org)s",
        "DELETE FROM \"user\" WHERE _id LIKE 'BU%%'",
        "DELETE FROM organization WHERE _id = %(org)s",
        "INSERT INTO organization (_id, title, language, is_chatgpt_enabled, max_post_duration, org_type, is_active)"
        " VALUES (%(org)s, 'Bench community', 'en-IN', false, 120, 0, true)",
        "INSERT INTO category (_id, title, organization_id, sort_order, is_active)"
        " SELECT 'BC' || g, 'Category ' || g, %(org)s, g, true FROM generate_series(1, 10) g",
        'INSERT INTO "user" (_id, name, phone_number, language, roles, created_at)'
        " SELECT 'BU' || g, 'Bench user ' || g, '91990' || lpad(g::text, 7, '0'), 'en-IN',"
        " jsonb_build_object('default', jsonb_build_array(%(org)s)), 1767225600000 + g"
        " FROM generate_series(1, %(users)s) g",
        "INSERT INTO post (_id, user_id, organization_id, parent_post_id, category_ids, text, audio_url, data,"
        " is_active, sorted_at, created_at)"
        " SELECT 'BQ' || lpad(q::text, 8, '0'), 'BU' || (q %% %(users)s + 1), %(org)s, NULL,"
        " ARRAY['BC' || (q %% 10 + 1)], 'Question ' || q, 'https://example.com/q.flac',"
        " '{\"duration\": 5.0}'::jsonb, true, 0, 1767225600000 + q * 1000"
        " FROM generate_series(1, %(questions)s) q",
        "INSERT INTO post (_id, user_id, organization_id, parent_post_id, category_ids, text, audio_url, data,"
        " is_active, sort_order, sorted_at, created_at)"
        " SELECT 'BA' || lpad(q::text, 6, '0') || a, 'BU' || ((q + a) %% %(users)s + 1), %(org)s,"
        " 'BQ' || lpad(q::text, 8, '0'), ARRAY['BC' || (q %% 10 + 1)], 'Answer ' || a, 'https://example.com/a.flac',"
        " '{\"duration\": 7.5}'::jsonb, true, a, 0, 1767225600000 + q * 1000 + a"
        " FROM generate_series(1, %(questions)s) q, generate_series(1, %(answers_per_question)s) a",
        "INSERT INTO post_activity (_id, post_id, user_id, post_activity_type, organization_id, is_active, created_at)"
        " SELECT 'BP' || g,"
        " 'BA' || lpad((g %% %(questions)s + 1)::text, 6, '0') || (g %% %(answers_per_question)s + 1),"
        " 'BU' || (g %% %(users)s + 1), (ARRAY['like', 'upvote', 'dislike', 'view'])[g %% 4 + 1], %(org)s, true,"
        " 1767225600000 + g FROM generate_series(1, %(activities)s) g",
        "UPDATE post p SET data = p.data || counts.data FROM ("
        " SELECT post_id, jsonb_object_agg(post_activity_type, n) AS data FROM ("
        "  SELECT post_id, post_activity_type, count(*) AS n FROM post_activity WHERE organization_id = %(org)s"
        "  GROUP BY 1, 2) per_type GROUP BY post_id) counts WHERE counts.post_id = p._id",
    ]
    with connections["matar"].cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params)
        cursor.execute("SELECT _id FROM activity_type")
        known = {row[0] for row in cursor.fetchall()}
        missing = {"like", "upvote", "dislike", "view"} - known
        if missing:
            raise RuntimeError(f"activity types missing from the matar database: {sorted(missing)}")
        for table in ("post", "post_activity", '"user"', "category"):
            cursor.execute(f"ANALYZE {table}")
    return {
        "users": size["users"],
        "posts": size["questions"] * (1 + size["answers_per_question"]),
        "activities": size["activities"],
    }


CATALOGUE = {
    "full": {"software": 500, "knowledge": 5000, "externalsoftware": 2500, "externalknowledge": 2000},
    "smoke": {"software": 5, "knowledge": 10, "externalsoftware": 5, "externalknowledge": 5},
}
SEED_FOLDER = Path(settings.BASE_DIR).parent / "shared" / "data" / "catalogue-seed"


def build_catalogue(scale: str) -> dict:
    """The real seed (timed) when ../shared is there, then generated interlinkers of all four kinds.

    Generated rows are offered in English and Spanish; knowledge interlinkers point at a
    generated software interlinker, as the seed's do.
    """
    size = CATALOGUE[scale]
    counts: dict = {}
    with connections["catalogue"].cursor() as cursor:
        cursor.execute("TRUNCATE artefact, problemprofile, treeitemmetadata CASCADE")
    if SEED_FOLDER.exists():
        start = time.perf_counter()
        call_command("import_catalogue", str(SEED_FOLDER), no_progress=True, stdout=io.StringIO())
        counts["real seed import (s)"] = round(time.perf_counter() - start, 2)
    total = sum(size.values())
    common = (
        "INSERT INTO artefact (id, artefact_type, languages, is_public, licence, name_translations,"
        " description_translations, tags_translations, rating, ratings_count, created_at)"
        " SELECT md5('bench-interlinker-' || g)::uuid, 'interlinker', '{en,es}', true, 'permissive',"
        " hstore(ARRAY['en', 'Bench interlinker ' || g, 'es', 'Interlinker de prueba ' || g]),"
        " hstore(ARRAY['en', 'Generated for the benchmark', 'es', 'Generado para la prueba de rendimiento']),"
        " hstore(ARRAY['en', 'bench;generated']), (g %% 5) + 1, 1,"
        " timestamp '2026-01-01' + make_interval(secs => g)"
        " FROM generate_series(1, %(total)s) g"
    )
    kinds = [
        ("software", "softwareinterlinker"),
        ("knowledge", "knowledgeinterlinker"),
        ("externalsoftware", "externalsoftwareinterlinker"),
        ("externalknowledge", "externalknowledgeinterlinker"),
    ]
    bounds, first = {}, 1
    for kind, _ in kinds:
        bounds[kind] = (first, first + size[kind] - 1)
        first += size[kind]
    with connections["catalogue"].cursor() as cursor:
        cursor.execute(common, {"total": total})
        for kind, nature in kinds:
            low, high = bounds[kind]
            cursor.execute(
                "INSERT INTO interlinker (id, is_sustainability_related, published, difficulty, nature, form,"
                " format, instructions_translations, types, targets, administrative_scopes, snapshots)"
                " SELECT md5('bench-interlinker-' || g)::uuid, false, true, 'easy', %s, NULL, NULL,"
                " hstore('en', 'Read me'), '{enabling_services}', '{all}', '{local}', '{}'"
                " FROM generate_series(%s, %s) g",
                [nature, low, high],
            )
        low, high = bounds["software"]
        cursor.execute(
            "INSERT INTO softwareinterlinker (id, supported_by, service_name, domain, path, is_subdomain,"
            " api_path, auth_method, instantiate, view, edit, clone, delete, download, preview, open_in_modal,"
            " shortcut, supports_internationalization, is_responsive, status)"
            " SELECT md5('bench-interlinker-' || g)::uuid, '{Interlink}', 'benchservice' || g, 'example.com',"
            " '/bench' || g, false, '/assets', 'header', true, true, true, true, true, true, true, false,"
            " false, true, true, 'on_line' FROM generate_series(%s, %s) g",
            [low, high],
        )
        software_low, software_count = low, size["software"]
        low, high = bounds["knowledge"]
        cursor.execute(
            "INSERT INTO knowledgeinterlinker (id, softwareinterlinker_id, genesis_asset_id_translations)"
            " SELECT md5('bench-interlinker-' || g)::uuid,"
            " md5('bench-interlinker-' || (%s + g %% %s))::uuid, hstore('en', 'asset-' || g)"
            " FROM generate_series(%s, %s) g",
            [software_low, software_count, low, high],
        )
        for kind in ("externalsoftware", "externalknowledge"):
            low, high = bounds[kind]
            cursor.execute(
                f"INSERT INTO {kind}interlinker (id, uri_translations, asset_name_translations)"
                " SELECT md5('bench-interlinker-' || g)::uuid, hstore('en', 'https://example.com/' || g),"
                " hstore('en', 'Asset ' || g) FROM generate_series(%s, %s) g",
                [low, high],
            )
        for table in ("artefact", "interlinker", "softwareinterlinker", "knowledgeinterlinker"):
            cursor.execute(f"ANALYZE {table}")
    counts.update({f"generated {kind}": number for kind, number in size.items()})
    return counts


def load_real_catalogue_seed(scale: str) -> dict:
    """Only upstream's real seed in the catalogue (generated rows removed); {} without ../shared."""
    with connections["catalogue"].cursor() as cursor:
        cursor.execute("TRUNCATE artefact, problemprofile, treeitemmetadata CASCADE")
    if not SEED_FOLDER.exists():
        return {}
    start = time.perf_counter()
    call_command("import_catalogue", str(SEED_FOLDER), no_progress=True, stdout=io.StringIO())
    seconds = round(time.perf_counter() - start, 2)
    from catalogue.models import Interlinker, ProblemProfile

    return {
        "interlinkers": Interlinker.objects.count(),
        "problem profiles": ProblemProfile.objects.count(),
        "import (s)": seconds,
    }


def load_medsync_demo(scale: str) -> dict:
    """MedSync's demo catalogue (``seed_medsync_demo``: 12 doctors) in place of the generated rows."""
    call_command("seed_medsync_demo", reset=True, stdout=io.StringIO())
    from medsync.models import Doctor, DoctorRating

    return {"doctors": Doctor.objects.count(), "ratings": DoctorRating.objects.count()}


#: Loaders of upstream's own data (``python -m bench.build real``), after the generated sets.
REAL_DATA_LOADERS = {"catalogue": load_real_catalogue_seed, "medsync": load_medsync_demo}


COPRODUCTION = {"full": {"processes": 100, "assets": 5000}, "smoke": {"processes": 3, "assets": 30}}
#: accounts bench users who take part in co-production: the regular user the load runs as.
COPRODUCTION_MEMBER = {"full": 500, "smoke": 2}


def largest_catalogue_schema_id():
    """The catalogue schema with the most tree items (the real seed's "Default schema": 4/17/51)."""
    with connections["catalogue"].cursor() as cursor:
        cursor.execute(
            "WITH RECURSIVE tree AS (SELECT id, coproductionschema_id AS schema_id FROM treeitemmetadata"
            " WHERE coproductionschema_id IS NOT NULL UNION ALL SELECT child.id, tree.schema_id"
            " FROM treeitemmetadata child JOIN tree ON child.parent_id = tree.id)"
            " SELECT schema_id FROM tree GROUP BY schema_id ORDER BY count(*) DESC, schema_id LIMIT 1"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def build_coproduction(scale: str) -> dict:
    """Processes built with ``set_schema`` from the catalogue's default schema, then assets.

    The benchmark's regular user administers every process (so it sees them all) and half
    of them are public; assets are external assets spread over the tasks, written in SQL.
    """
    from accounts.models import User as AccountUser
    from coproduction import catalogue, services
    from coproduction.management.commands.seed_coproduction import catalogue_default_schema_id

    size = COPRODUCTION[scale]
    with connections["coproduction"].cursor() as cursor:
        cursor.execute(
            'TRUNCATE coproductionprocess, treeitem, asset, organization, team, "user", notification CASCADE'
        )
    schema_id = largest_catalogue_schema_id() or catalogue_default_schema_id()
    if schema_id is None:
        raise RuntimeError("the catalogue has no co-production schema: build the catalogue dataset first")
    schema = catalogue.schema_tree(schema_id, "en")
    from coproduction.management.commands.load_notification_templates import load_notification_templates

    with transaction.atomic(using="coproduction"):
        load_notification_templates()
    account = AccountUser.objects.get(pk=bench_user_id(COPRODUCTION_MEMBER[scale]))
    member = services.user_sync_from_account(account)
    for number in range(1, size["processes"] + 1):
        with transaction.atomic(using="coproduction"):
            process = services.process_create(
                data={
                    "name": f"Bench process {number}",
                    "language": "en",
                    "description": "A benchmark process.",
                    "is_public": number % 2 == 0,
                },
                creator=member,
            )
            services.set_schema(process=process, schema=schema, creator=member)
    with connections["coproduction"].cursor() as cursor:
        cursor.execute(
            "WITH tasks AS (SELECT t.id AS task_id, ob.id AS objective_id, ph.id AS phase_id,"
            " ph.coproductionprocess_id,"
            " row_number() OVER (ORDER BY ph.coproductionprocess_id, t.id) AS n"
            " FROM task t JOIN objective ob ON ob.id = t.objective_id JOIN phase ph ON ph.id = ob.phase_id),"
            " counted AS (SELECT count(*) AS total FROM tasks),"
            " new AS (SELECT md5('bench-asset-' || g)::uuid AS id, g FROM generate_series(1, %s) g)"
            " INSERT INTO asset (id, type, task_id, objective_id, phase_id, coproductionprocess_id, creator_id,"
            " created_at)"
            " SELECT new.id, 'externalasset', tasks.task_id, tasks.objective_id, tasks.phase_id,"
            " tasks.coproductionprocess_id, %s, now() FROM new, counted"
            " JOIN tasks ON true WHERE tasks.n = (new.g %% counted.total) + 1",
            [size["assets"], member.pk],
        )
        cursor.execute(
            "INSERT INTO externalasset (id, name, icon_path, uri)"
            " SELECT md5('bench-asset-' || g)::uuid, 'Bench asset ' || g, NULL, 'https://example.com/asset/' || g"
            " FROM generate_series(1, %s) g",
            [size["assets"]],
        )
        cursor.execute("SELECT count(*) FROM treeitem")
        tree_items = cursor.fetchone()[0]
        for table in ("asset", "externalasset", "treeitem", "coproductionprocess"):
            cursor.execute(f"ANALYZE {table}")
    return {"processes": size["processes"], "tree items": tree_items, "assets": size["assets"]}


def bench_process_id(number: int = 1) -> str:
    """The id of ``Bench process <number>``."""
    with connections["coproduction"].cursor() as cursor:
        cursor.execute("SELECT id FROM coproductionprocess WHERE name = %s", [f"Bench process {number}"])
        return str(cursor.fetchone()[0])


BUILDERS = {
    "accounts": build_accounts,
    "catalogue": build_catalogue,
    "coproduction": build_coproduction,
    "medsync": build_medsync,
    "matar": build_matar,
}
