"""/auth/ without an OpenID Connect provider: this project's accounts are the identity.

The login form sets ``auth_token`` to one of our HS256 tokens, which catalogue, co-production
and /auth/'s users API accept from the cookie; the users API keeps upstream's shapes.
"""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from accounts.tokens import read_access_token
from catalogue.models import ProblemProfile
from interlink_auth.models import InterlinkUser

pytestmark = pytest.mark.django_db(databases="__all__")
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def no_provider(settings):
    settings.OIDC_DISCOVERY_URL = settings.OIDC_CLIENT_ID = settings.OIDC_CLIENT_SECRET = ""
    settings.CORS_ALLOWED_ORIGINS = ["http://localhost:3000"]


def log_in(client: Client, email: str, password: str = PASSWORD, target: str = "/dashboard"):
    return client.post(f"/auth/login?redirect_on_callback={target}", {"email": email, "password": password})


def test_the_login_form_sets_an_http_only_strict_cookie_our_services_accept():
    user = UserFactory(email="ana@example.com", full_name="Ana Pérez", password=PASSWORD)
    client = Client()
    form = client.get("/auth/login?redirect_on_callback=/dashboard")
    assert form.status_code == 200 and b'name="password"' in form.content

    answer = log_in(client, "ana@example.com")
    assert answer.status_code == 302 and answer["Location"] == "/dashboard"
    cookie = answer.cookies["auth_token"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and not cookie["secure"]
    assert read_access_token(cookie.value) == str(user.pk)

    me = client.get("/auth/api/v1/users/me")
    assert me.status_code == 200
    body = me.json()
    assert body["sub"] == body["_id"] == str(user.pk)
    assert body["email"] == "ana@example.com" and body["full_name"] == "Ana Pérez" and body["additionalEmails"] == []
    assert body["last_login"] is not None
    assert InterlinkUser.objects.get(pk=str(user.pk)).account == user

    mine = client.get("/coproduction/api/v1/users/me")
    assert mine.status_code == 200 and mine.json()["id"] == str(user.pk)

    # Already logged in: /auth/login goes straight back.
    again = client.get("/auth/login?redirect_on_callback=/elsewhere")
    assert again.status_code == 302 and again["Location"] == "/elsewhere"


def test_a_wrong_password_sets_no_cookie():
    UserFactory(email="ana@example.com", password=PASSWORD)
    client = Client()
    answer = log_in(client, "ana@example.com", "not-the-password")
    assert answer.status_code == 400 and b"Incorrect email or password" in answer.content
    assert "auth_token" not in answer.cookies
    assert client.get("/auth/api/v1/users/me").json() == {"detail": "Not authenticated"}


def test_the_login_form_needs_django_s_csrf_token():
    UserFactory(email="ana@example.com", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    assert log_in(client, "ana@example.com").status_code == 403


def test_an_offsite_redirect_is_refused_and_an_allowed_origin_accepted():
    client = Client()
    refused = client.get("/auth/login?redirect_on_callback=https://evil.example/")
    assert refused.status_code == 400 and b"redirect_on_callback" in refused.content
    assert client.get("/auth/login?redirect_on_callback=//evil.example/").status_code == 400
    assert client.get("/auth/login?redirect_on_callback=http://localhost:3000/dashboard").status_code == 200
    # What INTERLINK's front-end sends on logout: this host without its port.
    assert client.get("/auth/logout?redirect_on_callback=http://testserver").status_code == 302


def test_cookie_writes_need_an_allowed_origin():
    admin = UserFactory(email="admin@example.com", is_superuser=True, password=PASSWORD)
    client = Client()
    log_in(client, admin.email)
    body = {
        "id": "LOCAL_1",
        **{f"{name}_translations": {"en": "x"} for name in ("name", "description", "functionality")},
    }
    url = "/catalogue/api/v1/problemprofiles"
    refused = client.post(url, body, content_type="application/json", headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403 and "Cross-site request refused" in refused.json()["detail"]
    assert client.post(url, body, content_type="application/json").status_code == 403  # neither Origin nor Referer
    assert not ProblemProfile.objects.filter(pk="LOCAL_1").exists()
    allowed = client.post(url, body, content_type="application/json", headers={"Origin": "http://localhost:3000"})
    assert allowed.status_code == 200, allowed.content
    same_site = client.post(
        url, {**body, "id": "LOCAL_2"}, content_type="application/json", headers={"Referer": "http://testserver/app"}
    )
    assert same_site.status_code == 200


def test_additional_emails_are_changed_by_the_user_themself_only():
    ana = UserFactory(email="ana@example.com", password=PASSWORD)
    bob = UserFactory(email="bob@example.com", password=PASSWORD)
    ana_client, bob_client = Client(), Client()
    log_in(ana_client, ana.email)
    log_in(bob_client, bob.email)
    bob_client.get("/auth/api/v1/users/me")
    origin = {"Origin": "http://testserver"}
    url = f"/auth/api/v1/users/{ana.pk}"

    changed = ana_client.put(
        url,
        {"additionalEmails": ["ana@work.example", "ana@work.example"], "email": "x@y.z"},
        content_type="application/json",
        headers=origin,
    )
    assert changed.status_code == 200
    assert changed.json()["additionalEmails"] == ["ana@work.example"] and changed.json()["email"] == "ana@example.com"

    bad = ana_client.put(url, {"additionalEmails": ["not an address"]}, content_type="application/json", headers=origin)
    assert bad.status_code == 422 and "additionalEmails" in bad.json()["detail"]
    assert InterlinkUser.objects.get(pk=str(ana.pk)).additional_emails == ["ana@work.example"]

    other = bob_client.put(url, {"additionalEmails": []}, content_type="application/json", headers=origin)
    assert other.status_code == 403 and other.json()["detail"] == "You do not have permission"

    # Anyone logged in reads a user by sub or e-mail; unknown ids are 404 with upstream's message.
    assert bob_client.get(url).json()["additionalEmails"] == ["ana@work.example"]
    assert bob_client.get("/auth/api/v1/users/ana@example.com").json()["sub"] == str(ana.pk)
    missing = bob_client.get("/auth/api/v1/users/nobody")
    assert missing.status_code == 404 and missing.json()["detail"] == "User with id 'nobody' not found"
    assert Client().get(url).status_code == 403


def test_logout_clears_the_cookie_and_returns():
    UserFactory(email="ana@example.com", password=PASSWORD)
    client = Client()
    log_in(client, "ana@example.com")
    answer = client.get("/auth/logout?redirect_on_callback=http://localhost:3000/")
    assert answer.status_code == 302 and answer["Location"] == "http://localhost:3000/"
    assert answer.cookies["auth_token"].value == "" and answer.cookies["auth_token"]["max-age"] == 0
    assert client.get("/auth/api/v1/users/me").status_code == 403
    assert client.get("/auth/callback").status_code == 404


def test_the_login_form_is_throttled_like_the_api_login(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"login": "3/minute"}}
    UserFactory(email="ana@example.com", password=PASSWORD)
    client = Client()
    answers = [log_in(client, "ana@example.com", "wrong-password") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [400, 400, 400, 429]
    assert 0 < int(answers[-1]["Retry-After"]) <= 60
    assert "auth_token" not in log_in(client, "ana@example.com").cookies  # even the right password waits
