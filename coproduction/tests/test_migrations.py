"""The initial migration is reversible: ``migrate coproduction zero`` and back leaves upstream's schema."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections

from common.parity import compare


def _tables():
    with connections["coproduction"].cursor() as cursor:
        return set(connections["coproduction"].introspection.table_names(cursor)) - {"django_migrations"}


@pytest.mark.django_db(databases=["coproduction"], transaction=True)
def test_migrate_to_zero_and_back():
    call_command("migrate", "coproduction", "zero", database="coproduction", stdout=StringIO())
    assert _tables() == set()
    call_command("migrate", "coproduction", database="coproduction", stdout=StringIO())
    assert len(_tables()) == 31  # upstream's 30 and the activity log (issue 15)
    unexplained, unused = compare("coproduction", connections["coproduction"].settings_dict)
    assert (unexplained, unused) == ([], [])
