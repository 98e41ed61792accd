"""The initial migration is reversible: ``migrate medsync zero`` and back leaves upstream's schema."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections

from common.parity import compare


def _tables_and_enum():
    with connections["medsync"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_type WHERE typname = 'booking_status'")
        enums = cursor.fetchone()[0]
        tables = set(connections["medsync"].introspection.table_names(cursor)) - {"django_migrations"}
    return tables, enums


@pytest.mark.django_db(databases=["medsync"], transaction=True)
def test_migrate_to_zero_and_back():
    call_command("migrate", "medsync", "zero", database="medsync", stdout=StringIO())
    assert _tables_and_enum() == (set(), 0)

    call_command("migrate", "medsync", database="medsync", stdout=StringIO())
    tables, enums = _tables_and_enum()
    assert enums == 1 and len(tables) == 10
    unexplained, unused = compare("medsync", connections["medsync"].settings_dict)
    assert (unexplained, unused) == ([], [])
