"""Tokens an attacker could replay or forge (issue 10, findings 1 and 7) and weak passwords."""

from datetime import UTC, datetime, timedelta

import jwt
from django.conf import settings

from accounts.models import User
from accounts.tests.conftest import bearer
from accounts.tests.factories import PASSWORD
from accounts.tokens import create_password_reset_token


def _reset(api, token, new_password="another-long-secret"):
    return api.post("/api/v1/reset-password/", {"token": token, "new_password": new_password}, format="json")


def _login(api, email, password):
    return api.post("/api/v1/login/access-token", {"username": email, "password": password}, format="multipart")


def test_a_token_without_exp_is_refused_even_for_a_superuser(api, superuser):
    forever = jwt.encode({"sub": str(superuser.pk)}, settings.SECRET_KEY, algorithm="HS256")
    response = api.get("/api/v1/users/", HTTP_AUTHORIZATION=f"Bearer {forever}")
    assert response.status_code == 403
    assert response.json() == {"detail": "Could not validate credentials"}
    assert api.get("/api/v1/users/", **bearer(superuser)).status_code == 200


def test_a_reset_token_works_once(api, alice):
    token = create_password_reset_token(alice.email, password_hash=alice.password)
    assert _reset(api, token, "first-new-secret").status_code == 200
    second = _reset(api, token, "second-new-secret")
    assert second.status_code == 400 and second.json() == {"detail": "Invalid token"}
    assert _login(api, alice.email, "first-new-secret").status_code == 200
    assert _login(api, alice.email, "second-new-secret").status_code == 400


def test_a_reset_token_dies_when_the_password_changes_otherwise(api, alice):
    token = create_password_reset_token(alice.email, password_hash=alice.password)
    response = api.patch(
        "/api/v1/users/me/password",
        {"current_password": PASSWORD, "new_password": "changed-by-the-owner"},
        format="json",
        **bearer(alice),
    )
    assert response.status_code == 200
    assert _reset(api, token).status_code == 400
    assert _login(api, alice.email, "changed-by-the-owner").status_code == 200


def test_a_token_in_upstreams_shape_is_accepted_for_its_first_use_only(api, alice):
    now = datetime.now(UTC)
    token = jwt.encode(
        {"exp": now + timedelta(hours=1), "nbf": now, "sub": alice.email}, settings.SECRET_KEY, algorithm="HS256"
    )
    assert _reset(api, token, "first-new-secret").status_code == 200
    assert _reset(api, token, "second-new-secret").status_code == 400
    assert _login(api, alice.email, "first-new-secret").status_code == 200


def test_a_reset_token_without_exp_is_refused(api, alice):
    token = jwt.encode({"sub": alice.email}, settings.SECRET_KEY, algorithm="HS256")
    assert _reset(api, token).status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_weak_passwords_are_refused_with_the_validators_message(api, db):
    common = api.post("/api/v1/users/signup", {"email": "weak@example.com", "password": "password123"}, format="json")
    assert common.status_code == 422
    assert "too common" in str(common.json()["password"])
    numeric = api.post("/api/v1/users/signup", {"email": "weak@example.com", "password": "7310582946"}, format="json")
    assert numeric.status_code == 422 and "entirely numeric" in str(numeric.json()["password"])
    assert not User.objects.filter(email="weak@example.com").exists()
    strong = api.post("/api/v1/users/signup", {"email": "weak@example.com", "password": "plum-tractor-violet"})
    assert strong.status_code == 200
