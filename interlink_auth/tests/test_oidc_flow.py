"""INTERLINK's login through /auth/ against a real OpenID Connect provider, end to end.

The provider is this project's accounts published by django-oauth-toolkit (OIDC on, RS256,
JWT access tokens), served with the project on a live server thread (the runtime database
role); a ``requests.Session`` follows every redirect of the code flow as a browser would.
Then the ``auth_token`` cookie is used on catalogue and co-production, and tokens that must
not pass (wrong audience, expired, unknown key, tampered signature) are refused.
"""

from __future__ import annotations

import re
import time
import uuid
from urllib.parse import urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from oauth2_provider.models import get_application_model

from accounts.tests.factories import UserFactory
from accounts.tokens import create_access_token
from catalogue.models import ProblemProfile
from common.testing import empty_every_database
from coproduction import models as coproduction_models
from interlink_auth import oidc
from interlink_auth.models import InterlinkUser
from interlink_auth.tests.provider import key_id

CLIENT_ID = "interlink-frontend"
CLIENT_SECRET = "test-client-secret-0123456789"
PASSWORD = "a-long-test-password"


def _private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(scope="module")
def provider_key() -> str:
    return _private_pem()


class Provider:
    def __init__(self, base: str, key: str, settings):
        self.base = base
        self.key = key
        self.settings = settings
        self.issuer = f"{base}/o"

    def token(self, sub: str, *, key: str | None = None, kid: str | None = None, **claims) -> str:
        now = int(time.time())
        payload = {"iss": self.issuer, "sub": sub, "aud": CLIENT_ID, "iat": now, "exp": now + 600, **claims}
        key = key or self.key
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid or key_id(key)})

    def rotate(self, new_key: str) -> None:
        self.settings.OAUTH2_PROVIDER = {**self.settings.OAUTH2_PROVIDER, "OIDC_RSA_PRIVATE_KEY": new_key}
        self.key = new_key


@pytest.fixture
def live(django_db_setup, django_db_blocker, settings, provider_key):
    """Project + provider on a live server thread; users and the client application committed."""
    django_db_blocker.unblock()
    # Request threads close their connections after each request, so none outlives the test.
    max_ages = {alias: connections[alias].settings_dict["CONN_MAX_AGE"] for alias in connections}
    for alias in connections:
        connections[alias].settings_dict["CONN_MAX_AGE"] = 0
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    try:
        admin = UserFactory(email="admin@example.com", is_superuser=True, password=PASSWORD)
        user = UserFactory(email="user@example.com", password=PASSWORD)
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        base = f"http://127.0.0.1:{thread.port}"
        get_application_model().objects.create(
            name="INTERLINK front-end",
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            client_type="confidential",
            authorization_grant_type="authorization-code",
            redirect_uris=f"{base}/auth/callback",
            algorithm="RS256",
            skip_authorization=True,
            hash_client_secret=False,
        )
        settings.ROOT_URLCONF = "interlink_auth.tests.provider_urls"
        settings.LOGIN_URL = "/provider/login/"
        settings.OAUTH2_PROVIDER = {
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": provider_key,
            "OIDC_ISS_ENDPOINT": f"{base}/o",
            "SCOPES": {"openid": "OpenID Connect", "profile": "Profile", "email": "E-mail"},
            "ACCESS_TOKEN_GENERATOR": "interlink_auth.tests.provider.jwt_access_token",
            "OAUTH2_VALIDATOR_CLASS": "interlink_auth.tests.provider.AccountsValidator",
            "PKCE_REQUIRED": True,
        }
        settings.OIDC_DISCOVERY_URL = f"{base}/o/.well-known/openid-configuration"
        settings.OIDC_CLIENT_ID = CLIENT_ID
        settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
        settings.CORS_ALLOWED_ORIGINS = ["http://localhost:3000"]
        yield type(
            "Live", (), {"base": base, "admin": admin, "user": user, "provider": Provider(base, provider_key, settings)}
        )
    finally:
        if thread.is_alive():
            thread.terminate()
        empty_every_database()
        for alias, max_age in max_ages.items():
            connections[alias].settings_dict["CONN_MAX_AGE"] = max_age
        django_db_blocker.restore()


def log_in(
    base: str, email: str, redirect: str = "/catalogue/api/v1/interlinkers"
) -> tuple[requests.Session, requests.Response]:
    """The browser's way: /auth/login → provider login form → authorize → callback → redirect."""
    session = requests.Session()
    page = session.get(f"{base}/auth/login", params={"redirect_on_callback": redirect}, timeout=30)
    assert page.status_code == 200 and "/provider/login/" in page.url, (page.status_code, page.url)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        page.url,
        data={"username": email, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
        headers={"Referer": page.url},
        timeout=30,
    )
    assert answer.status_code == 200, (answer.url, answer.text[:500])
    return session, answer


def callback_of(answer: requests.Response) -> requests.Response:
    return next(step for step in answer.history if urlsplit(step.url).path == "/auth/callback")


def test_code_flow_sets_the_cookie_that_catalogue_and_coproduction_accept(live):
    session, answer = log_in(live.base, "admin@example.com")

    # Back where the front-end asked, with the provider's RS256 access token as the cookie.
    assert answer.status_code == 200 and answer.url == f"{live.base}/catalogue/api/v1/interlinkers"
    set_cookie = callback_of(answer).headers["Set-Cookie"]
    assert set_cookie.startswith("auth_token=") and "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    token = session.cookies["auth_token"]
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert jwt.decode(token, options={"verify_signature": False})["aud"] == CLIENT_ID

    # The auth service kept the user per sub, linked to the accounts user.
    me = session.get(f"{live.base}/auth/api/v1/users/me", timeout=30)
    assert me.status_code == 200
    assert me.json()["sub"] == str(live.admin.pk) and me.json()["email"] == "admin@example.com"
    assert InterlinkUser.objects.get(pk=str(live.admin.pk)).account_id == live.admin.pk

    # Catalogue: a read, and a write as the superuser from an allowed origin.
    assert session.get(f"{live.base}/catalogue/api/v1/problemprofiles", timeout=30).status_code == 200
    body = {
        "id": "OIDC_PROBLEM_1",
        "name_translations": {"en": "From the front-end"},
        "description_translations": {"en": "x"},
        "functionality_translations": {"en": "x"},
    }
    created = session.post(
        f"{live.base}/catalogue/api/v1/problemprofiles",
        json=body,
        headers={"Origin": "http://localhost:3000"},
        timeout=30,
    )
    assert created.status_code == 200, created.text
    assert ProblemProfile.objects.filter(pk="OIDC_PROBLEM_1").exists()

    # A cross-site write with the same cookie is refused and writes nothing.
    body["id"] = "OIDC_PROBLEM_2"
    for headers in ({"Origin": "https://evil.example"}, {"Referer": "https://evil.example/page"}, {}):
        refused = session.post(f"{live.base}/catalogue/api/v1/problemprofiles", json=body, headers=headers, timeout=30)
        assert refused.status_code == 403 and "Cross-site request refused" in refused.json()["detail"]
    assert not ProblemProfile.objects.filter(pk="OIDC_PROBLEM_2").exists()

    # Co-production: users/me creates the user with the token's sub as id.
    mine = session.get(f"{live.base}/coproduction/api/v1/users/me", timeout=30)
    assert mine.status_code == 200 and mine.json()["id"] == str(live.admin.pk)
    assert coproduction_models.User.objects.get(pk=str(live.admin.pk)).email == "admin@example.com"


def test_a_regular_user_s_cookie_cannot_write_the_catalogue(live):
    session, answer = log_in(live.base, "user@example.com", redirect="/auth/api/v1/users/me")
    assert answer.status_code == 200 and answer.json()["sub"] == str(live.user.pk)
    refused = session.post(
        f"{live.base}/catalogue/api/v1/problemprofiles",
        json={"id": "X", "name_translations": {"en": "x"}},
        headers={"Origin": live.base},
        timeout=30,
    )
    assert refused.status_code == 403 and refused.json()["detail"] == "Not enough permissions"


def test_a_provider_subject_without_an_account_gets_a_coproduction_user_with_sub_as_id(live):
    token = live.provider.token("provider|alice", email="alice@example.org", given_name="Alice", family_name="Liddell")
    headers = {"Authorization": f"Bearer {token}"}

    me = requests.get(f"{live.base}/auth/api/v1/users/me", headers=headers, timeout=30)
    assert me.status_code == 200
    assert me.json()["sub"] == "provider|alice" and me.json()["full_name"] == "Alice Liddell"
    assert InterlinkUser.objects.get(pk="provider|alice").account is None

    mine = requests.get(f"{live.base}/coproduction/api/v1/users/me", headers=headers, timeout=30)
    assert mine.status_code == 200 and mine.json()["id"] == "provider|alice"
    assert coproduction_models.User.objects.get(pk="provider|alice").email == "alice@example.org"

    # Never a superuser, and nothing of accounts' protected rows: its tokens are not accounts tokens.
    write = requests.post(f"{live.base}/catalogue/api/v1/problemprofiles", json={}, headers=headers, timeout=30)
    assert write.status_code == 403 and write.json()["detail"] == "Not enough permissions"
    assert requests.get(f"{live.base}/api/v1/items/", headers=headers, timeout=30).status_code == 403


def _bad_tokens(live) -> dict[str, str]:
    good = live.provider.token("provider|bob")
    header, payload, signature = good.split(".")
    flipped = ("A" if signature[5] != "A" else "B").join([signature[:5], signature[6:]])
    stranger = _private_pem()
    return {
        "wrong audience": live.provider.token("provider|bob", aud="another-client"),
        "expired": live.provider.token("provider|bob", exp=int(time.time()) - 60),
        "unknown key": live.provider.token("provider|bob", key=stranger),
        "known kid, other key": live.provider.token("provider|bob", key=stranger, kid=key_id(live.provider.key)),
        "tampered signature": f"{header}.{payload}.{flipped}",
        "tampered claims": ".".join([header, live.provider.token("provider|mallory").split(".")[1], signature]),
        "wrong issuer": live.provider.token("provider|bob", iss="https://elsewhere.example"),
        "no expiry": jwt.encode(
            {"iss": live.provider.issuer, "sub": "provider|bob", "aud": CLIENT_ID},
            live.provider.key,
            algorithm="RS256",
            headers={"kid": key_id(live.provider.key)},
        ),
    }


def test_bad_provider_tokens_are_refused_everywhere(live):
    good = live.provider.token("provider|bob")
    assert (
        requests.get(
            f"{live.base}/coproduction/api/v1/users/me", headers={"Authorization": f"Bearer {good}"}, timeout=30
        ).status_code
        == 200
    )
    for name, token in _bad_tokens(live).items():
        for path in ("/coproduction/api/v1/users/me", "/auth/api/v1/users/me", "/catalogue/api/v1/problemprofiles"):
            by_header = requests.get(f"{live.base}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=30)
            by_cookie = requests.get(f"{live.base}{path}", cookies={"auth_token": token}, timeout=30)
            for answer in (by_header, by_cookie):
                assert answer.status_code in (401, 403), (name, path, answer.status_code)
                assert answer.json()["detail"] == "Could not validate credentials", (name, path, answer.text)
    assert not coproduction_models.User.objects.filter(pk="provider|mallory").exists()


def test_a_rotated_provider_key_is_fetched_on_its_first_unknown_kid(live):
    old = live.provider.token("provider|carol")
    url = f"{live.base}/coproduction/api/v1/users/me"
    assert (
        requests.get(url, headers={"Authorization": f"Bearer {old}"}, timeout=30).status_code == 200
    )  # keys now cached
    live.provider.rotate(_private_pem())
    new = live.provider.token("provider|carol")
    assert requests.get(url, headers={"Authorization": f"Bearer {new}"}, timeout=30).status_code == 200
    # The refetched set no longer has the old key: its tokens stop working.
    assert requests.get(url, headers={"Authorization": f"Bearer {old}"}, timeout=30).status_code == 403


def test_made_up_kids_cannot_make_us_flood_the_provider_with_key_fetches(live):
    url = f"{live.base}/coproduction/api/v1/users/me"
    good = live.provider.token("provider|carol")
    assert requests.get(url, headers={"Authorization": f"Bearer {good}"}, timeout=30).status_code == 200
    fetches = oidc._current()["jwks"].fetches
    for number in range(15):
        forged = live.provider.token("provider|carol", kid=f"made-up-{number}")
        answer = requests.get(url, headers={"Authorization": f"Bearer {forged}"}, timeout=30)
        assert answer.status_code in (401, 403), answer.text
    # The first unknown kid refetched the set (a rotation is followed at once); the other
    # fourteen were refused from the cache for OIDC_JWKS_REFETCH_SECONDS.
    assert oidc._current()["jwks"].fetches == fetches + 1
    assert requests.get(url, headers={"Authorization": f"Bearer {good}"}, timeout=30).status_code == 200


def test_our_hs256_tokens_keep_working_by_header_and_cookie(live):
    token = create_access_token(str(live.user.pk))
    by_header = requests.get(
        f"{live.base}/coproduction/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert by_header.status_code == 200 and by_header.json()["id"] == str(live.user.pk)
    by_cookie = requests.get(f"{live.base}/auth/api/v1/users/me", cookies={"auth_token": token}, timeout=30)
    assert by_cookie.status_code == 200 and by_cookie.json()["email"] == "user@example.com"


def test_logout_clears_the_cookie_and_ends_the_provider_session(live):
    session, _ = log_in(live.base, "user@example.com", redirect="/auth/api/v1/users/me")
    assert "auth_token" in session.cookies
    answer = session.get(
        f"{live.base}/auth/logout",
        params={"redirect_on_callback": "http://localhost:3000/"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302
    assert "auth_token" not in session.cookies
    discovery = requests.get(live.provider.settings.OIDC_DISCOVERY_URL, timeout=30).json()
    if discovery.get("end_session_endpoint"):
        assert answer.headers["Location"].startswith(discovery["end_session_endpoint"])
    else:
        assert answer.headers["Location"] == "http://localhost:3000/"
    assert session.get(f"{live.base}/auth/api/v1/users/me", timeout=30).status_code == 403


def test_an_unknown_redirect_target_is_refused(live):
    answer = requests.get(
        f"{live.base}/auth/login",
        params={"redirect_on_callback": "https://evil.example/"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 400 and "redirect_on_callback" in answer.text


def test_a_uuid_subject_naming_no_account_is_a_provider_only_user(live):
    sub = str(uuid.uuid4())
    token = live.provider.token(sub, email="someone@example.org")
    mine = requests.get(
        f"{live.base}/coproduction/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert mine.status_code == 200 and mine.json()["id"] == sub
    assert coproduction_models.User.objects.get(pk=sub).is_superuser is False
