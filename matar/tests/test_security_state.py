"""OTP sending is throttled per phone and per address; logout revokes the login's tokens; wrong
codes lock the pending OTP out. All of it lives in the shared cache (CACHES)."""

import pytest
from rest_framework.test import APIClient

from matar.tests.test_api_login import LOGIN, otps  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(databases=["matar", "default"])


@pytest.fixture
def rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"otp_send_phone": "2/hour", "otp_send_address": "3/hour"},
    }


def send(client, phone):
    return client.post(LOGIN, {"phone_number": phone, "action": "send_otp"}, format="json")


def login(client, phone, otps):  # noqa: F811
    assert send(client, phone).status_code == 200
    response = client.post(LOGIN, {"phone_number": phone, "action": "submit_otp", "otp": otps[-1][1]}, format="json")
    assert response.status_code == 200
    return response.json()


def test_otp_sending_is_limited_per_phone(rates, otps):  # noqa: F811
    statuses = [send(APIClient(REMOTE_ADDR=f"198.51.100.{n}"), "919800000001").status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    assert len(otps) == 2
    throttled = send(APIClient(REMOTE_ADDR="198.51.100.50"), "+91 9800000001")
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert throttled.json()["message"].startswith("Request was throttled.")
    assert send(APIClient(REMOTE_ADDR="198.51.100.51"), "919800000002").status_code == 200


def test_otp_sending_is_limited_per_address(rates, otps):  # noqa: F811
    client = APIClient(REMOTE_ADDR="198.51.100.60")
    statuses = [send(client, f"91980000010{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert len(otps) == 3


def test_logout_revokes_the_access_token_and_the_refresh_token_of_its_login(otps):  # noqa: F811
    client = APIClient()
    first = login(client, "919800000201", otps)
    second = login(client, "919800000201", otps)  # another device: another login
    me = APIClient()
    me.credentials(HTTP_AUTHORIZATION=f"Bearer {first['access_token']}")
    assert me.get("/matar/api/v1/get_current_user").status_code == 200
    assert me.post("/matar/api/v1/logout").status_code == 200
    assert me.get("/matar/api/v1/get_current_user").json()["error"] == "token_revoked"
    refresh = APIClient()
    refresh.credentials(HTTP_AUTHORIZATION=f"Bearer {first['refresh_token']}")
    assert refresh.post("/matar/api/v1/refresh").status_code == 401
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {second['access_token']}")
    assert other.get("/matar/api/v1/get_current_user").status_code == 200


def test_a_refreshed_access_token_is_revoked_with_its_login(otps):  # noqa: F811
    tokens = login(APIClient(), "919800000301", otps)
    refresh = APIClient()
    refresh.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['refresh_token']}")
    access = refresh.post("/matar/api/v1/refresh").json()["access_token"]
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    assert fresh.post("/matar/api/v1/logout").status_code == 200
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
    assert old.get("/matar/api/v1/get_current_user").status_code == 401
    assert refresh.post("/matar/api/v1/refresh").status_code == 401


def test_five_wrong_codes_lock_the_pending_otp_out(otps):  # noqa: F811
    client = APIClient()
    assert send(client, "919800000401").status_code == 200
    right = otps[-1][1]
    wrong = str((int(right) + 1) % 100000).zfill(5)
    for _ in range(5):
        body = {"phone_number": "919800000401", "action": "submit_otp", "otp": wrong}
        assert client.post(LOGIN, body, format="json").json() == {"message": "Invalid OTP"}
    body = {"phone_number": "919800000401", "action": "submit_otp", "otp": right}
    assert client.post(LOGIN, body, format="json").status_code == 400
