"""/api/v1/items: isolation through the API comes from row-level security alone."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import rls
from accounts.models import Item
from accounts.tests.conftest import bearer
from accounts.tests.factories import ItemFactory

ITEM_KEYS = {"title", "description", "id", "owner_id"}


@pytest.fixture
def items(alice, bob):
    return ItemFactory.create_batch(3, owner=alice), ItemFactory.create_batch(2, owner=bob)


def test_list_shows_own_items_with_visible_total(api, alice, items, django_assert_num_queries):
    with django_assert_num_queries(7):  # token user, savepoint, RLS set, page, count, RLS restore, release
        response = api.get("/api/v1/items/?skip=1&limit=1", **bearer(alice))
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3 and len(body["data"]) == 1
    assert set(body["data"][0]) == ITEM_KEYS
    assert body["data"][0]["owner_id"] == str(alice.pk)


def test_list_query_count_does_not_grow_with_the_page(api, alice, django_assert_num_queries):
    ItemFactory.create_batch(30, owner=alice)
    with django_assert_num_queries(7):
        response = api.get("/api/v1/items/?limit=100", **bearer(alice))
    assert len(response.json()["data"]) == 30


def test_list_is_ordered_by_creation(api, alice):
    now = timezone.now()
    second = ItemFactory(owner=alice, title="second", created_at=now)
    first = ItemFactory(owner=alice, title="first", created_at=now - timedelta(minutes=1))
    data = api.get("/api/v1/items/", **bearer(alice)).json()["data"]
    assert [item["id"] for item in data] == [str(first.pk), str(second.pk)]


def test_superuser_sees_every_item(api, superuser, items):
    assert api.get("/api/v1/items/", **bearer(superuser)).json()["count"] == 5


def test_create_ignores_owner_in_body(api, alice, bob):
    body = {"title": "Mine", "description": "d", "owner_id": str(bob.pk)}
    response = api.post("/api/v1/items/", body, format="json", **bearer(alice))
    assert response.status_code == 200
    assert response.json()["owner_id"] == str(alice.pk)


@pytest.mark.parametrize("body", [{}, {"title": ""}, {"title": "x" * 256}, {"title": "ok", "description": "y" * 256}])
def test_create_validates(api, alice, body):
    response = api.post("/api/v1/items/", body, format="json", **bearer(alice))
    assert response.status_code == 422


def test_malformed_json_is_a_4xx(api, alice):
    response = api.post("/api/v1/items/", "{not json", content_type="application/json", **bearer(alice))
    assert response.status_code == 422


def test_someone_elses_item_is_not_found_for_read_update_delete(api, alice, items):
    _, bobs = items
    url = f"/api/v1/items/{bobs[0].pk}"
    for response in (
        api.get(url, **bearer(alice)),
        api.put(url, {"title": "stolen"}, format="json", **bearer(alice)),
        api.delete(url, **bearer(alice)),
    ):
        assert response.status_code == 404 and response.json() == {"detail": "Item not found"}
    with rls.as_admin():
        assert Item.objects.get(pk=bobs[0].pk).title != "stolen"


def test_own_item_read_partial_update_delete(api, alice, items):
    own = items[0][0]
    url = f"/api/v1/items/{own.pk}"
    assert api.get(url, **bearer(alice)).json()["title"] == own.title
    response = api.put(url, {"description": "changed"}, format="json", **bearer(alice))
    assert response.json()["description"] == "changed" and response.json()["title"] == own.title
    response = api.delete(url, **bearer(alice))
    assert response.json() == {"message": "Item deleted successfully"}
    assert api.get(url, **bearer(alice)).status_code == 404
    assert api.get("/api/v1/items/not-a-uuid", **bearer(alice)).status_code == 422


def test_admin_endpoints_need_a_superuser(api, alice):
    for response in (
        api.get("/api/v1/items/admin/all", **bearer(alice)),
        api.post(f"/api/v1/items/admin/?owner_id={alice.pk}", {"title": "x"}, format="json", **bearer(alice)),
        api.put(f"/api/v1/items/admin/{uuid.uuid4()}", {"title": "x"}, format="json", **bearer(alice)),
        api.delete(f"/api/v1/items/admin/{uuid.uuid4()}", **bearer(alice)),
    ):
        assert response.status_code == 403 and response.json() == {"detail": "Admin privileges required"}


def test_admin_lists_all_with_total(api, superuser, items):
    body = api.get("/api/v1/items/admin/all?limit=2", **bearer(superuser)).json()
    assert body["count"] == 5 and len(body["data"]) == 2


def test_admin_creates_for_an_owner_and_rejects_unknown_owner(api, superuser, bob):
    response = api.post(
        f"/api/v1/items/admin/?owner_id={bob.pk}", {"title": "For Bob"}, format="json", **bearer(superuser)
    )
    assert response.status_code == 200 and response.json()["owner_id"] == str(bob.pk)
    response = api.post(
        f"/api/v1/items/admin/?owner_id={uuid.uuid4()}", {"title": "x"}, format="json", **bearer(superuser)
    )
    assert response.status_code == 422 and "owner_id" in response.json()


def test_admin_updates_and_deletes_any_item(api, superuser, items):
    bobs = items[1][0]
    response = api.put(f"/api/v1/items/admin/{bobs.pk}", {"title": "Renamed"}, format="json", **bearer(superuser))
    assert response.json()["title"] == "Renamed"
    assert api.delete(f"/api/v1/items/admin/{bobs.pk}", **bearer(superuser)).json() == {
        "message": "Item deleted successfully"
    }
    assert api.delete(f"/api/v1/items/admin/{bobs.pk}", **bearer(superuser)).status_code == 404


def test_session_authentication_also_carries_the_identity(alice, items):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(alice)
    body = client.get("/api/v1/items/").json()
    assert body["count"] == 3
