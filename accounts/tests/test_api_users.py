"""/api/v1/users: shapes, status codes and upstream's messages."""

import uuid

from django.core import mail

from accounts.models import Item, User
from accounts.tests.conftest import bearer
from accounts.tests.factories import PASSWORD, ItemFactory, UserFactory

USER_KEYS = {"email", "is_active", "is_superuser", "full_name", "id"}


def test_superuser_lists_users_with_total_count(api, superuser, django_assert_num_queries):
    UserFactory.create_batch(4)
    with django_assert_num_queries(7):  # token user, savepoint, RLS set, page, count, RLS restore, release
        response = api.get("/api/v1/users/?skip=1&limit=2", **bearer(superuser))
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 5 and len(body["data"]) == 2
    assert set(body["data"][0]) == USER_KEYS


def test_regular_user_cannot_list_users(api, alice):
    response = api.get("/api/v1/users/", **bearer(alice))
    assert response.status_code == 403
    assert response.json() == {"detail": "The user doesn't have enough privileges"}


def test_bad_paging_is_422(api, superuser):
    response = api.get("/api/v1/users/?skip=-1&limit=abc", **bearer(superuser))
    assert response.status_code == 422 and set(response.json()) == {"skip", "limit"}


def test_superuser_creates_a_user_and_a_welcome_mail_goes_out(api, superuser):
    body = {"email": "new@example.com", "password": "a-good-password", "full_name": "New Person"}
    response = api.post("/api/v1/users/", body, format="json", **bearer(superuser))
    assert response.status_code == 200
    created = response.json()
    assert created["email"] == "new@example.com" and created["is_active"] and not created["is_superuser"]
    assert User.objects.get(email="new@example.com").check_password("a-good-password")
    assert mail.outbox[-1].subject.endswith("New account for user new@example.com")
    again = api.post("/api/v1/users/", body, format="json", **bearer(superuser))
    assert again.status_code == 400
    assert again.json() == {"detail": "The user with this email already exists in the system."}


def test_user_create_validates_fields(api, superuser):
    response = api.post(
        "/api/v1/users/", {"email": "not-an-email", "password": "short"}, format="json", **bearer(superuser)
    )
    assert response.status_code == 422 and set(response.json()) == {"email", "password"}
    response = api.post("/api/v1/users/", {"email": "a@b.co", "password": "x" * 41}, format="json", **bearer(superuser))
    assert response.status_code == 422 and "password" in response.json()


def test_me_read_update_and_conflict(api, alice, bob):
    assert api.get("/api/v1/users/me", **bearer(alice)).json()["email"] == alice.email
    response = api.patch("/api/v1/users/me", {"full_name": "Alice A."}, format="json", **bearer(alice))
    assert response.status_code == 200 and response.json()["full_name"] == "Alice A."
    assert User.objects.get(pk=alice.pk).email == alice.email
    response = api.patch("/api/v1/users/me", {"email": bob.email}, format="json", **bearer(alice))
    assert response.status_code == 409 and response.json() == {"detail": "User with this email already exists"}


def test_change_own_password(api, alice):
    url = "/api/v1/users/me/password"
    wrong = api.patch(
        url, {"current_password": "not-my-password", "new_password": "another-one"}, format="json", **bearer(alice)
    )
    assert wrong.status_code == 400 and wrong.json() == {"detail": "Incorrect password"}
    same = api.patch(url, {"current_password": PASSWORD, "new_password": PASSWORD}, format="json", **bearer(alice))
    assert same.json() == {"detail": "New password cannot be the same as the current one"}
    ok = api.patch(url, {"current_password": PASSWORD, "new_password": "another-one"}, format="json", **bearer(alice))
    assert ok.status_code == 200 and ok.json() == {"message": "Password updated successfully"}
    assert User.objects.get(pk=alice.pk).check_password("another-one")


def test_delete_me_removes_the_users_items(api, alice):
    ItemFactory.create_batch(2, owner=alice)
    response = api.delete("/api/v1/users/me", **bearer(alice))
    assert response.status_code == 200 and response.json() == {"message": "User deleted successfully"}
    assert not User.objects.filter(pk=alice.pk).exists()
    from accounts import rls

    with rls.as_admin():
        assert Item.objects.filter(owner_id=alice.pk).count() == 0


def test_superuser_cannot_delete_themselves(api, superuser):
    response = api.delete("/api/v1/users/me", **bearer(superuser))
    assert response.status_code == 403
    assert response.json() == {"detail": "Super users are not allowed to delete themselves"}
    response = api.delete(f"/api/v1/users/{superuser.pk}", **bearer(superuser))
    assert response.status_code == 403


def test_signup_creates_an_active_regular_user(api, db):
    body = {"email": "joiner@example.com", "password": "joiner-password", "full_name": "Joiner"}
    response = api.post("/api/v1/users/signup", body, format="json")
    assert response.status_code == 200
    assert response.json()["is_active"] is True and response.json()["is_superuser"] is False
    again = api.post("/api/v1/users/signup", body, format="json")
    assert again.status_code == 400
    assert again.json() == {"detail": "The user with this email already exists in the system"}


def test_read_user_by_id(api, alice, bob, superuser):
    assert api.get(f"/api/v1/users/{alice.pk}", **bearer(alice)).json()["id"] == str(alice.pk)
    response = api.get(f"/api/v1/users/{bob.pk}", **bearer(alice))
    assert response.status_code == 403 and response.json() == {"detail": "The user doesn't have enough privileges"}
    assert api.get(f"/api/v1/users/{bob.pk}", **bearer(superuser)).json()["email"] == bob.email
    response = api.get(f"/api/v1/users/{uuid.uuid4()}", **bearer(superuser))
    assert response.status_code == 404 and response.json() == {"detail": "User not found"}
    assert api.get("/api/v1/users/not-a-uuid", **bearer(superuser)).status_code == 422


def test_superuser_updates_a_user(api, alice, bob, superuser):
    url = f"/api/v1/users/{alice.pk}"
    response = api.patch(url, {"is_active": False, "password": "reset-by-admin"}, format="json", **bearer(superuser))
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert User.objects.get(pk=alice.pk).check_password("reset-by-admin")
    conflict = api.patch(url, {"email": bob.email}, format="json", **bearer(superuser))
    assert conflict.status_code == 409
    missing = api.patch(f"/api/v1/users/{uuid.uuid4()}", {"full_name": "x"}, format="json", **bearer(superuser))
    assert missing.status_code == 404
    assert missing.json() == {"detail": "The user with this id does not exist in the system"}
    assert api.patch(url, {"full_name": "x"}, format="json", **bearer(bob)).status_code == 403


def test_superuser_deletes_a_user_and_their_items(api, alice, superuser):
    ItemFactory.create_batch(3, owner=alice)
    response = api.delete(f"/api/v1/users/{alice.pk}", **bearer(superuser))
    assert response.status_code == 200 and response.json() == {"message": "User deleted successfully"}
    missing = api.delete(f"/api/v1/users/{alice.pk}", **bearer(superuser))
    assert missing.status_code == 404 and missing.json() == {"detail": "User not found"}


def test_utils(api, superuser, alice):
    assert api.get("/api/v1/utils/health-check/").json() is True
    response = api.post("/api/v1/utils/test-email/?email_to=someone@example.com", **bearer(superuser))
    assert response.status_code == 201 and response.json() == {"message": "Test email sent"}
    assert mail.outbox[-1].to == ["someone@example.com"]
    assert api.post("/api/v1/utils/test-email/?email_to=bad", **bearer(superuser)).status_code == 422
    assert api.post("/api/v1/utils/test-email/?email_to=a@b.co", **bearer(alice)).status_code == 403
