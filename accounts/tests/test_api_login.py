"""Login, tokens and password recovery (/api/v1/login…, /password-recovery…, /reset-password)."""

import bcrypt
import jwt
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.models import User
from accounts.tests.conftest import bearer
from accounts.tests.factories import PASSWORD, UserFactory
from accounts.tokens import create_password_reset_token


def login(api, email, password):
    return api.post("/api/v1/login/access-token", {"username": email, "password": password}, format="multipart")


def test_password_form_login_returns_a_bearer_jwt_with_sub_and_exp(api, alice):
    response = api.post(
        "/api/v1/login/access-token",
        f"username={alice.email}&password={PASSWORD}&grant_type=password",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    claims = jwt.decode(body["access_token"], settings.SECRET_KEY, algorithms=["HS256"])
    assert set(claims) == {"sub", "exp"} and claims["sub"] == str(alice.pk)


def test_both_path_spellings_answer_without_redirect(api, alice):
    assert login(api, alice.email, PASSWORD).status_code == 200
    response = api.post("/api/v1/login/access-token/", {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize("password", ["wrong-password", ""])
def test_wrong_credentials_answer_400(api, alice, password):
    response = login(api, alice.email, password)
    if password:
        assert response.status_code == 400
        assert response.json() == {"detail": "Incorrect email or password"}
    else:
        assert response.status_code == 422 and "password" in response.json()


def test_unknown_email_answers_400(api, db):
    assert login(api, "nobody@example.com", PASSWORD).json() == {"detail": "Incorrect email or password"}


def test_inactive_user_cannot_log_in(api, db):
    user = UserFactory(is_active=False)
    response = login(api, user.email, PASSWORD)
    assert response.status_code == 400 and response.json() == {"detail": "Inactive user"}


def test_missing_form_fields_are_422_with_field_errors(api, db):
    response = api.post("/api/v1/login/access-token", {}, format="multipart")
    assert response.status_code == 422
    assert set(response.json()) == {"username", "password"}


def test_test_token_returns_the_caller(api, alice):
    token = login(api, alice.email, PASSWORD).json()["access_token"]
    response = api.post("/api/v1/login/test-token", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json() == {
        "email": alice.email,
        "is_active": True,
        "is_superuser": False,
        "full_name": alice.full_name,
        "id": str(alice.pk),
    }


def test_no_token_is_401_with_bearer_challenge(api, db):
    response = api.post("/api/v1/login/test-token")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_bad_token_is_403(api, db):
    response = api.post("/api/v1/login/test-token", HTTP_AUTHORIZATION="Bearer not-a-jwt")
    assert response.status_code == 403 and response.json() == {"detail": "Could not validate credentials"}


def test_token_of_a_deleted_user_is_404(api, alice):
    headers = bearer(alice)
    User.objects.filter(pk=alice.pk).delete()
    response = api.post("/api/v1/login/test-token", **headers)
    assert response.status_code == 404 and response.json() == {"detail": "User not found"}


def test_token_of_an_inactive_user_is_400(api, alice):
    headers = bearer(alice)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    response = api.post("/api/v1/login/test-token", **headers)
    assert response.status_code == 400 and response.json() == {"detail": "Inactive user"}


def test_upstream_bcrypt_hash_logs_in_and_is_kept(api, db):
    legacy = bcrypt.hashpw(b"legacy-password", bcrypt.gensalt(rounds=4)).decode()
    assert legacy.startswith("$2b$")
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(password=legacy)
    assert login(api, user.email, "wrong-password").status_code == 400
    assert login(api, user.email, "legacy-password").status_code == 200
    user.refresh_from_db()
    assert user.password == legacy


def test_upstream_bcrypt_hash_logs_in_to_the_admin(db):
    legacy = bcrypt.hashpw(b"legacy-password", bcrypt.gensalt(rounds=4)).decode()
    user = UserFactory(is_superuser=True)
    User.objects.filter(pk=user.pk).update(password=legacy)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": user.email, "password": "legacy-password"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_password_recovery_sends_a_reset_link(api, alice):
    response = api.post(f"/api/v1/password-recovery/{alice.email}")
    assert response.status_code == 200
    assert response.json() == {"message": "Password recovery email sent"}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"{settings.PROJECT_NAME} - Password recovery for user {alice.email}"
    assert f"{settings.FRONTEND_HOST}/reset-password?token=" in message.alternatives[0][0]


def test_password_recovery_for_unknown_email_is_404(api, db):
    response = api.post("/api/v1/password-recovery/nobody@example.com")
    assert response.status_code == 404
    assert response.json() == {"detail": "The user with this email does not exist in the system."}


def test_reset_password_with_the_token_changes_the_password(api, alice):
    token = create_password_reset_token(alice.email, password_hash=alice.password)
    response = api.post("/api/v1/reset-password/", {"token": token, "new_password": "brand-new-secret"}, format="json")
    assert response.status_code == 200 and response.json() == {"message": "Password updated successfully"}
    assert login(api, alice.email, "brand-new-secret").status_code == 200


def test_reset_password_errors(api, alice):
    response = api.post("/api/v1/reset-password/", {"token": "garbage", "new_password": "brand-new-secret"})
    assert response.status_code == 400 and response.json() == {"detail": "Invalid token"}
    token = create_password_reset_token("ghost@example.com", password_hash="")
    response = api.post("/api/v1/reset-password/", {"token": token, "new_password": "brand-new-secret"})
    assert response.status_code == 404
    response = api.post("/api/v1/reset-password/", {"token": token, "new_password": "short"})
    assert response.status_code == 422 and "new_password" in response.json()
    User.objects.filter(pk=alice.pk).update(is_active=False)
    token = create_password_reset_token(alice.email, password_hash=alice.password)
    response = api.post("/api/v1/reset-password/", {"token": token, "new_password": "brand-new-secret"})
    assert response.status_code == 400 and response.json() == {"detail": "Inactive user"}


def test_recovery_html_content_for_superusers(api, alice, superuser):
    response = api.post(f"/api/v1/password-recovery-html-content/{alice.email}", **bearer(superuser))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["subject"] == f"{settings.PROJECT_NAME} - Password recovery for user {alice.email}"
    assert "reset-password?token=" in response.content.decode()
    assert api.post(f"/api/v1/password-recovery-html-content/{alice.email}", **bearer(alice)).status_code == 403
    response = api.post("/api/v1/password-recovery-html-content/x@example.com", **bearer(superuser))
    assert response.status_code == 404
    assert response.json() == {"detail": "The user with this username does not exist in the system."}
