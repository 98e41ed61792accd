"""The admin as a superuser uses it: create users with a password, change passwords, manage items."""

import pytest
from django.test import Client

from accounts import rls
from accounts.models import Item, User
from accounts.tests.factories import ItemFactory


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def test_create_a_user_with_a_password(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "clerk@example.com",
            "full_name": "Clerk",
            "is_active": "on",
            "password1": "clerk-password-1",
            "password2": "clerk-password-1",
            "usable_password": "true",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    user = User.objects.get(email="clerk@example.com")
    assert user.check_password("clerk-password-1") and not user.is_superuser


def test_mismatched_passwords_are_refused_with_a_message(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "x@example.com",
            "password1": "one-password",
            "password2": "another-password",
            "usable_password": "true",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "password fields didn" in response.text
    assert not User.objects.filter(email="x@example.com").exists()


def test_change_a_users_password(admin_client, alice):
    response = admin_client.post(
        f"/admin/accounts/user/{alice.pk}/password/",
        {"password1": "changed-by-admin", "password2": "changed-by-admin", "usable_password": "true"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("changed-by-admin")


def test_user_change_page_shows_their_items_inline(admin_client, alice):
    ItemFactory(owner=alice, title="Inline item")
    response = admin_client.get(f"/admin/accounts/user/{alice.pk}/change/")
    assert response.status_code == 200 and "Inline item" in response.text


def test_user_changelist_search_and_filters(admin_client, alice, bob):
    response = admin_client.get("/admin/accounts/user/?q=alice")
    assert alice.email in response.text and bob.email not in response.text
    assert admin_client.get("/admin/accounts/user/?is_superuser__exact=1").status_code == 200


def test_add_an_item_for_any_owner(admin_client, bob):
    response = admin_client.post(
        "/admin/accounts/item/add/", {"owner": str(bob.pk), "title": "Typed in the admin", "description": ""}
    )
    assert response.status_code == 302
    with rls.as_admin():
        assert Item.objects.get(title="Typed in the admin").owner_id == bob.pk


def test_item_owner_autocomplete(admin_client, alice):
    response = admin_client.get(
        "/admin/autocomplete/", {"app_label": "accounts", "model_name": "item", "field_name": "owner", "term": "alice"}
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [alice.email]


def test_item_search(admin_client, alice):
    ItemFactory(owner=alice, title="Needle", description="in a haystack")
    ItemFactory(owner=alice, title="Other")
    response = admin_client.get("/admin/accounts/item/?q=haystack")
    assert "Needle" in response.text and ">Other<" not in response.text


def test_regular_users_are_kept_out_of_the_admin(alice):
    client = Client()
    client.force_login(alice)
    assert client.get("/admin/").status_code == 302
