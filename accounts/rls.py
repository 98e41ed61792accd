"""The one place that sets the row-level-security identity in PostgreSQL.

The policies on ``item`` (migration 0002) compare ``owner_id`` with the setting
``app.user_id`` and let ``app.role = 'admin'`` see everything. Both settings are set
transaction-locally (``set_config(..., true)``) inside the block; when the block runs
inside an outer transaction (tests, nested management code) the previous values are
restored at its end, so an identity never outlives its request, not even on a persistent
connection.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

USER_SETTING = "app.user_id"
ROLE_SETTING = "app.role"
ADMIN_ROLE = "admin"
USER_ROLE = "user"


@contextmanager
def _settings(user_id: str, role: str, using: str):
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting(%s, true), current_setting(%s, true),"
                " set_config(%s, %s, true), set_config(%s, %s, true)",
                [USER_SETTING, ROLE_SETTING, USER_SETTING, user_id, ROLE_SETTING, role],
            )
            previous_user, previous_role, _, _ = cursor.fetchone()
        try:
            yield
        finally:
            # A transaction of its own ends here and takes its local settings with it; only
            # inside an outer transaction must the previous values be put back.
            if not outermost and not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config(%s, %s, true), set_config(%s, %s, true)",
                        [USER_SETTING, previous_user or "", ROLE_SETTING, previous_role or ""],
                    )


def identity(user, using: str = DEFAULT_DB_ALIAS):
    """Act as ``user`` for the block: own rows only, or every row for a superuser."""
    role = ADMIN_ROLE if user.is_superuser else USER_ROLE
    return _settings(str(user.pk), role, using)


def as_admin(using: str = DEFAULT_DB_ALIAS):
    """See and change every row for the block (management code running as the app role)."""
    return _settings("", ADMIN_ROLE, using)
