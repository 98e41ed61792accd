"""Deterministic benchmark datasets, one builder per app, written with set-based SQL.

Each builder takes the scale (``"full"`` or ``"smoke"``) and returns a dict of row counts
for the report. Ids are derived from ``md5`` of a sequence number, so every run builds the
same rows.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import connections

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


BUILDERS = {"accounts": build_accounts}
