"""Login, signup and password recovery are throttled per client address (429 with Retry-After)."""

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"login": "3/minute", "signup": "2/hour", "password_recovery": "2/hour"},
    }


def attempts(call, count):
    return [call() for _ in range(count)]


def assert_throttled(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "throttled" in response.json()["detail"]


def test_login_attempts_are_limited_per_address_even_with_the_right_password(rates, alice):
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    wrong = attempts(
        lambda: client.post("/api/v1/login/access-token", {"username": alice.email, "password": "x" * 9}), 3
    )
    assert [r.status_code for r in wrong] == [400, 400, 400]
    assert_throttled(client.post("/api/v1/login/access-token", {"username": alice.email, "password": PASSWORD}))
    other_address = APIClient(REMOTE_ADDR="203.0.113.8")
    assert (
        other_address.post("/api/v1/login/access-token", {"username": alice.email, "password": PASSWORD}).status_code
        == 200
    )


def test_signup_is_limited_per_address(rates):
    client = APIClient(REMOTE_ADDR="203.0.113.9")
    for number in range(2):
        body = {"email": f"new{number}@example.com", "password": "long-enough-1"}
        assert client.post("/api/v1/users/signup", body, format="json").status_code == 200
    assert_throttled(client.post("/api/v1/users/signup", {"email": "new9@example.com", "password": "long-enough-1"}))
    assert not User.objects.filter(email="new9@example.com").exists()


def test_password_recovery_is_limited_per_address(rates, alice, mailoutbox):
    client = APIClient(REMOTE_ADDR="203.0.113.10")
    assert [client.post(f"/api/v1/password-recovery/{alice.email}").status_code for _ in range(2)] == [200, 200]
    assert_throttled(client.post(f"/api/v1/password-recovery/{alice.email}"))
    assert len(mailoutbox) == 2
