"""Migrations run both ways; 0002 alone adds and removes ``post_activity.organization_id`` (upstream 01ea0e75088a)."""

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from matar.models import ACTIVITY_TYPES

LATEST = [("matar", "0003_activity_types")]


def _migrate(target):
    connection = connections["matar"]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def _columns(table: str) -> list[str]:
    connection = connections["matar"]
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def _tables() -> set[str]:
    connection = connections["matar"]
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.fixture
def back_to_latest():
    yield
    _migrate(LATEST)


@pytest.mark.django_db(databases=["matar"], transaction=True)
def test_migrating_to_zero_and_back(back_to_latest):
    tables = {"organization", "user", "category", "activity_type", "post", "post_activity"}
    _migrate([("matar", None)])
    assert not tables & _tables()
    _migrate(LATEST)
    assert tables <= _tables()
    with connections["matar"].cursor() as cursor:
        cursor.execute('SELECT "_id", title, is_active FROM activity_type ORDER BY "_id"')
        assert cursor.fetchall() == sorted((title, title, True) for title in ACTIVITY_TYPES)


@pytest.mark.django_db(databases=["matar"], transaction=True)
def test_second_migration_alone_adds_and_drops_post_activity_organization_id(back_to_latest):
    _migrate([("matar", "0001_initial")])
    before = _columns("post_activity")
    assert "organization_id" not in before
    _migrate([("matar", "0002_post_activity_organization_id")])
    after = _columns("post_activity")
    assert after == [*before, "organization_id"]
    connection = connections["matar"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type, is_nullable FROM information_schema.columns"
            " WHERE table_name = 'post_activity' AND column_name = 'organization_id'"
        )
        assert cursor.fetchone() == ("character varying", "YES")
    _migrate([("matar", "0001_initial")])
    assert _columns("post_activity") == before


@pytest.mark.django_db(databases=["matar", "default"])
def test_the_eight_activity_types_are_data_in_upstream_order():
    from matar.selectors import activity_type_list

    assert [t.pk for t in activity_type_list()] == list(ACTIVITY_TYPES)
    assert all(t.title == t.pk and t.is_active for t in activity_type_list())
