"""Every password written here is upstream's passlib bcrypt string, checked with ``bcrypt`` itself.

Upstream verifies ``user.hashed_password`` with passlib's bcrypt; a user created, changed or
reset here must still log in there, and logging in here must not rewrite upstream's hash.
"""

import bcrypt
import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import Client, override_settings

from accounts import rls
from accounts.models import User
from accounts.tests.conftest import bearer
from accounts.tests.factories import PASSWORD, UserFactory
from accounts.tokens import create_password_reset_token


def stored_hash(email: str) -> str:
    with rls.as_admin():
        return User.objects.values_list("password", flat=True).get(email=email)


def upstream_verifies(email: str, password: str) -> bool:
    """What upstream's passlib does: bcrypt of the plain password against the bare stored string."""
    encoded = stored_hash(email)
    assert encoded.startswith("$2b$"), encoded
    return bcrypt.checkpw(password.encode(), encoded.encode())


def login(api, email, password):
    return api.post("/api/v1/login/access-token", {"username": email, "password": password}, format="multipart")


def test_the_production_hasher_writes_passlib_bcrypt_at_cost_12():
    base_hashers = ["accounts.hashers.UpstreamBcryptHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=base_hashers):
        encoded = make_password("changethis")
    assert encoded.startswith("$2b$12$") and len(encoded) == 60
    assert bcrypt.checkpw(b"changethis", encoded.encode())


def test_base_settings_put_the_upstream_hasher_first():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "accounts.hashers.UpstreamBcryptHasher"


def test_signup_writes_an_upstream_hash(api, db):
    body = {"email": "new@example.com", "password": "signup-secret", "full_name": "New"}
    assert api.post("/api/v1/users/signup", body, format="json").status_code == 200
    assert upstream_verifies("new@example.com", "signup-secret")


def test_admin_api_create_and_update_write_upstream_hashes(api, superuser, alice):
    body = {"email": "made@example.com", "password": "made-by-admin"}
    assert api.post("/api/v1/users/", body, format="json", **bearer(superuser)).status_code == 200
    assert upstream_verifies("made@example.com", "made-by-admin")
    url = f"/api/v1/users/{alice.pk}"
    assert api.patch(url, {"password": "reset-by-admin"}, format="json", **bearer(superuser)).status_code == 200
    assert upstream_verifies(alice.email, "reset-by-admin")


def test_password_change_and_reset_write_upstream_hashes(api, alice):
    body = {"current_password": PASSWORD, "new_password": "changed-here"}
    assert api.patch("/api/v1/users/me/password", body, format="json", **bearer(alice)).status_code == 200
    assert upstream_verifies(alice.email, "changed-here")
    token = create_password_reset_token(alice.email, password_hash=stored_hash(alice.email))
    body = {"token": token, "new_password": "reset-by-mail"}
    assert api.post("/api/v1/reset-password/", body, format="json").status_code == 200
    assert upstream_verifies(alice.email, "reset-by-mail")


def test_django_admin_add_and_password_change_write_upstream_hashes(superuser):
    client = Client()
    client.force_login(superuser)
    form = {
        "email": "clerk@example.com",
        "full_name": "Clerk",
        "is_active": "on",
        "password1": "clerk-password-1",
        "password2": "clerk-password-1",
        "usable_password": "true",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
    }
    assert client.post("/admin/accounts/user/add/", form).status_code == 302
    assert upstream_verifies("clerk@example.com", "clerk-password-1")
    clerk = User.objects.get(email="clerk@example.com")
    change = {"password1": "changed-by-admin", "password2": "changed-by-admin", "usable_password": "true"}
    assert client.post(f"/admin/accounts/user/{clerk.pk}/password/", change).status_code == 302
    assert upstream_verifies("clerk@example.com", "changed-by-admin")
    page = client.get(f"/admin/accounts/user/{clerk.pk}/change/").text
    assert "upstream_bcrypt" in page and "Invalid password format" not in page


def test_createsuperuser_and_demo_data_write_upstream_hashes(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "root-secret")
    call_command("createsuperuser", "--noinput", "--email", "boss@example.com", verbosity=0)
    assert upstream_verifies("boss@example.com", "root-secret")
    call_command("seed_accounts", stdout=open("/dev/null", "w"))
    assert upstream_verifies(settings.FIRST_SUPERUSER, settings.FIRST_SUPERUSER_PASSWORD)
    assert upstream_verifies(settings.FIRST_USER, settings.FIRST_USER_PASSWORD)


@pytest.mark.parametrize("cost", [12, 4])
def test_logging_in_never_rewrites_an_upstream_hash(api, db, cost):
    upstream = bcrypt.hashpw(b"upstream-secret", bcrypt.gensalt(rounds=cost)).decode()
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(password=upstream)
    assert login(api, user.email, "wrong-secret").status_code == 400
    assert login(api, user.email, "upstream-secret").status_code == 200
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": user.email, "password": "upstream-secret"})
    assert response.status_code == 200  # a regular user may not enter the admin, but the hash was checked
    assert stored_hash(user.email) == upstream


def test_an_older_django_hash_is_rewritten_in_upstreams_form_on_login(api, db):
    user = UserFactory()
    older = make_password("older-secret", hasher="pbkdf2_sha256")
    User.objects.filter(pk=user.pk).update(password=older)
    assert login(api, user.email, "older-secret").status_code == 200
    assert upstream_verifies(user.email, "older-secret")
