"""Row-level security on ``item`` as it runs in production: the tests connect as ``rls_app_user``.

Each test fails when its property is switched off (policies, FORCE, fail-closed reads,
transaction-local identity, the runtime role's attributes).
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from accounts import rls
from accounts.models import Item, UserOwnedModel
from accounts.tests.conftest import bearer
from accounts.tests.factories import ItemFactory, UserFactory
from common.testing import login_default_as

POLICIES = {
    "user_select_policy": "SELECT",
    "user_insert_policy": "INSERT",
    "user_update_policy": "UPDATE",
    "user_delete_policy": "DELETE",
}


def _scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.fixture
def two_owners(db):
    alice, bob = UserFactory(email="alice@example.com"), UserFactory(email="bob@example.com")
    ItemFactory.create_batch(2, owner=alice)
    ItemFactory.create_batch(3, owner=bob)
    return alice, bob


def test_tests_really_run_as_the_runtime_role(db):
    assert _scalar("SELECT current_user") == settings.DATABASES["default"]["USER"] == "rls_app_user"


# Isolation -----------------------------------------------------------------------------


def test_select_shows_only_own_rows(two_owners):
    alice, bob = two_owners
    with rls.identity(alice):
        assert set(Item.objects.values_list("owner_id", flat=True)) == {alice.pk}
        assert Item.objects.count() == 2


def test_insert_for_another_owner_is_rejected(two_owners):
    alice, bob = two_owners
    with rls.identity(alice):
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            Item.objects.create(owner=bob, title="planted")
        Item.objects.create(owner=alice, title="mine")
    with rls.as_admin():
        assert not Item.objects.filter(title="planted").exists()
        assert Item.objects.filter(title="mine", owner=alice).exists()


def test_update_of_another_users_row_touches_nothing(two_owners):
    alice, bob = two_owners
    with rls.as_admin():
        bobs_item = Item.objects.filter(owner=bob).first()
    with rls.identity(alice):
        assert Item.objects.filter(pk=bobs_item.pk).update(title="hijacked") == 0
    with rls.as_admin():
        bobs_item.refresh_from_db()
    assert bobs_item.title != "hijacked"


def test_reassigning_own_row_to_another_owner_is_rejected(two_owners):
    alice, bob = two_owners
    with rls.identity(alice):
        own = Item.objects.first()
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            Item.objects.filter(pk=own.pk).update(owner=bob)
    with rls.as_admin():
        assert Item.objects.get(pk=own.pk).owner_id == alice.pk


def test_delete_of_another_users_row_touches_nothing(two_owners):
    alice, bob = two_owners
    with rls.identity(alice):
        deleted, _ = Item.objects.filter(owner=bob).delete()
    assert deleted == 0
    with rls.as_admin():
        assert Item.objects.filter(owner=bob).count() == 3


# Fail-closed and bypass -----------------------------------------------------------------


def test_no_identity_sees_zero_rows_without_error(two_owners):
    assert _scalar("SELECT current_setting('app.user_id', true)") in (None, "")
    assert Item.objects.count() == 0


def test_reset_identity_sees_zero_rows_without_error(two_owners):
    alice, _ = two_owners
    with rls.identity(alice):
        _scalar("SELECT set_config('app.user_id', '', true)")
        assert Item.objects.count() == 0


def test_admin_role_sees_and_changes_every_row(two_owners):
    _, bob = two_owners
    admin = UserFactory(is_superuser=True)
    with rls.identity(admin):
        assert Item.objects.count() == 5
        assert Item.objects.filter(owner=bob).update(title="by admin") == 3


def test_read_only_admin_sees_every_row_but_writes_only_its_own(two_owners):
    """Upstream's select policy also admits app.role = 'read_only_admin' (migration 0003)."""
    alice, bob = two_owners
    with rls._settings(str(alice.pk), "read_only_admin", "default"):
        assert Item.objects.count() == 5
        assert set(Item.objects.values_list("owner_id", flat=True)) == {alice.pk, bob.pk}
        assert Item.objects.filter(owner=bob).update(title="by read-only admin") == 0
        assert Item.objects.filter(owner=bob).delete()[0] == 0
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            Item.objects.create(owner=bob, title="planted")
        assert Item.objects.filter(owner=alice).update(title="own") == 2
    with rls.as_admin():
        assert Item.objects.filter(owner=bob).count() == 3
        assert not Item.objects.filter(title__in=["by read-only admin", "planted"]).exists()
        assert Item.objects.filter(owner=alice, title="own").count() == 2


def test_an_unknown_role_value_sees_only_own_rows(two_owners):
    alice, _ = two_owners
    with rls._settings(str(alice.pk), "read_only", "default"):
        assert Item.objects.count() == 2


def test_admin_changelist_shows_every_item_to_a_superuser(two_owners):
    admin = UserFactory(is_superuser=True)
    client = Client()
    client.force_login(admin)
    response = client.get("/admin/accounts/item/")
    assert response.status_code == 200
    assert "5 items" in response.text


def test_admin_changelist_is_closed_to_regular_users(two_owners):
    alice, _ = two_owners
    client = Client()
    client.force_login(alice)
    response = client.get("/admin/accounts/item/")
    assert response.status_code == 302


# No leak on a persistent connection -------------------------------------------------------


def test_identity_does_not_outlive_its_request_on_a_persistent_connection(app_role_transactional_db):
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    alice, bob = UserFactory(), UserFactory()
    ItemFactory.create_batch(2, owner=alice)
    ItemFactory.create_batch(1, owner=bob)
    client = Client()
    backend_pid = _scalar("SELECT pg_backend_pid()")

    first = client.get("/api/v1/items/", **bearer(alice)).json()
    second = client.get("/api/v1/items/", **bearer(bob)).json()

    assert _scalar("SELECT pg_backend_pid()") == backend_pid, "the connection was not reused"
    assert first["count"] == 2 and {i["owner_id"] for i in first["data"]} == {str(alice.pk)}
    assert second["count"] == 1 and {i["owner_id"] for i in second["data"]} == {str(bob.pk)}
    assert _scalar("SELECT current_setting('app.user_id', true)") in (None, "")
    assert Item.objects.count() == 0


# Catalog and roles ------------------------------------------------------------------------


def test_catalog_says_enabled_and_forced(db):
    flags = _scalar("SELECT ARRAY[relrowsecurity, relforcerowsecurity] FROM pg_class WHERE relname = 'item'")
    assert flags == [True, True]


def test_catalog_lists_exactly_the_four_policies(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT policyname, cmd, qual, with_check FROM pg_policies WHERE tablename = 'item'")
        rows = {name: (cmd, qual, check) for name, cmd, qual, check in cursor.fetchall()}
    assert {name: cmd for name, (cmd, _, _) in rows.items()} == POLICIES
    _, qual, check = rows["user_update_policy"]
    assert qual and check


def test_runtime_role_is_neither_superuser_nor_bypassing_nor_owner(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
            " WHERE r.rolname = current_user AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT has_schema_privilege(current_user, 'public', 'CREATE')")
        assert cursor.fetchone()[0] is False


def test_maintenance_role_bypasses_rls_without_being_superuser(db):
    row = _scalar("SELECT ARRAY[rolbypassrls, rolsuper] FROM pg_roles WHERE rolname = 'rls_maintenance_admin'")
    assert row == [True, False]


def test_every_user_owned_model_has_forced_rls_and_the_four_policies(db):
    """Upstream's lint_rls: a table with an owner must be protected, and protected fully."""
    owned = [m for m in apps.get_models() if issubclass(m, UserOwnedModel)]
    assert Item in owned
    for model in owned:
        table = model._meta.db_table
        assert _scalar("SELECT relforcerowsecurity FROM pg_class WHERE relname = %s", [table]) is True
        assert _scalar("SELECT count(*) FROM pg_policies WHERE tablename = %s", [table]) == 4
    for model in apps.get_models():
        columns = {f.column for f in model._meta.concrete_fields}
        if "owner_id" in columns:
            assert issubclass(model, UserOwnedModel), f"{model.__name__} has owner_id but no RLS base"


def test_migrating_to_zero_and_back_recreates_the_policies(app_role_transactional_db):
    login_default_as("admin")
    try:
        call_command("migrate", "accounts", "zero", verbosity=0)
        assert _scalar("SELECT count(*) FROM pg_policies WHERE tablename = 'item'") == 0
        call_command("migrate", verbosity=0)
        assert _scalar("SELECT count(*) FROM pg_policies WHERE tablename = 'item'") == 4
        flags = _scalar("SELECT ARRAY[relrowsecurity, relforcerowsecurity] FROM pg_class WHERE relname = 'item'")
        assert flags == [True, True]
    finally:
        login_default_as("app")
