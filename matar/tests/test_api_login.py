import time

import jwt
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from matar import tokens
from matar.models import User
from matar.tests.conftest import client_for
from matar.tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db(databases=["matar", "default"])
LOGIN = "/matar/api/v1/login"


@pytest.fixture
def otps(settings):
    from matar.tests.test_services import RecordingSender

    settings.MATAR_OTP_SENDER = "matar.tests.test_services.RecordingSender"
    RecordingSender.sent = []
    return RecordingSender.sent


def test_otp_login_registers_by_phone_and_returns_tokens(otps):
    client = APIClient()
    sent = client.post(LOGIN, {"phone_number": "919822222222", "name": "Ravi", "action": "send_otp"}, format="json")
    assert sent.status_code == 200 and sent.json() == {"message": "sent otp"}
    otp = otps[-1][1]
    wrong = client.post(
        LOGIN, {"phone_number": "919822222222", "action": "submit_otp", "otp": "x" + otp[1:]}, format="json"
    )
    assert wrong.status_code == 400 and wrong.json() == {"message": "Invalid OTP"}
    ok = client.post(LOGIN, {"phone_number": "919822222222", "action": "submit_otp", "otp": otp}, format="json")
    assert ok.status_code == 200
    body = ok.json()
    claims = jwt.decode(body["access_token"], settings.MATAR_JWT_SECRET, algorithms=["HS256"])
    # Upstream's claims, plus ``sid`` (the login, shared with its refresh token: logout revokes both).
    assert set(claims) == {"fresh", "iat", "jti", "type", "sub", "nbf", "exp", "sid"}
    assert claims["type"] == "access" and claims["exp"] - claims["iat"] == 10 * 86400
    refresh = jwt.decode(body["refresh_token"], settings.MATAR_JWT_SECRET, algorithms=["HS256"])
    assert refresh["sid"] == claims["sid"]
    user = User.objects.get(phone_number="919822222222")
    assert claims["sub"] == user.pk and user.name == "Ravi"
    me = APIClient(headers={"Authorization": f"Bearer {body['access_token']}"}).get("/matar/api/v1/get_current_user")
    assert me.status_code == 200
    assert me.json() == {
        "_id": user.pk,
        "image_url": None,
        "language": "hi-IN",
        "name": "Ravi",
        "phone_number": "919822222222",
        "roles": {"default": []},
    }


@pytest.mark.parametrize(
    "body, message",
    [
        ({"phone_number": "12ab", "action": "send_otp"}, "Invalid phone number"),
        ({"phone_number": "919822222222", "action": "dance"}, "Invalid action"),
    ],
)
def test_login_rejects_bad_input_with_400(body, message):
    response = APIClient().post(LOGIN, body, format="json")
    assert response.status_code == 400 and response.json()["message"] == message


def test_login_validation_errors_are_400_with_the_field():
    response = APIClient().post(LOGIN, {"action": "send_otp"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"phone_number": ["This field is required."]}
    garbage = APIClient().post(LOGIN, "{not json", content_type="application/json")
    assert garbage.status_code == 400 and "JSON parse error" in garbage.json()["message"]


def test_token_errors_answer_401_in_flask_jwt_extended_shape(matar_user):
    url = "/matar/api/v1/get_current_user"
    missing = APIClient().get(url)
    assert missing.status_code == 401
    assert missing.json() == {
        "description": "Request does not contain an access token.",
        "error": "authorization_required",
    }
    forged = jwt.encode({"sub": matar_user.pk, "type": "access", "jti": "x", "exp": time.time() + 60}, "other", "HS256")
    invalid = APIClient(headers={"Authorization": f"Bearer {forged}"}).get(url)
    assert invalid.status_code == 401 and invalid.json()["error"] == "invalid_token"
    old = jwt.encode(
        {"sub": matar_user.pk, "type": "access", "jti": "y", "exp": time.time() - 5}, settings.MATAR_JWT_SECRET, "HS256"
    )
    expired = APIClient(headers={"Authorization": f"Bearer {old}"}).get(url)
    assert expired.json() == {"description": "The token has expired.", "error": "token_expired"}
    refresh = APIClient(headers={"Authorization": f"Bearer {tokens.create_refresh_token(matar_user.pk)}"}).get(url)
    assert refresh.status_code == 401, "a refresh token is not an access token"


@pytest.mark.django_db(databases=["matar", "default"])
def test_accounts_tokens_do_not_open_matar_and_matar_tokens_do_not_open_accounts(matar_user):
    from accounts.tokens import create_access_token

    accounts_token = create_access_token("3fa85f64-5717-4562-b3fc-2c963f66afa6")
    response = APIClient(headers={"Authorization": f"Bearer {accounts_token}"}).get("/matar/api/v1/get_current_user")
    assert response.status_code == 401
    matar_token = tokens.create_access_token(matar_user.pk)
    accounts = APIClient(headers={"Authorization": f"Bearer {matar_token}"}).get("/api/v1/users/me")
    assert accounts.status_code in (401, 403)


def test_refresh_then_logout_revokes_the_access_token(matar_user):
    refresh = APIClient(headers={"Authorization": f"Bearer {tokens.create_refresh_token(matar_user.pk)}"})
    response = refresh.post("/matar/api/v1/refresh")
    assert response.status_code == 200
    client = APIClient(headers={"Authorization": f"Bearer {response.json()['access_token']}"})
    assert client.get("/matar/api/v1/get_current_user").status_code == 200
    assert client.post("/matar/api/v1/logout").json() == {"message": "Successfully logged out"}
    reused = client.get("/matar/api/v1/get_current_user")
    assert reused.status_code == 401
    assert reused.json() == {"description": "The token has been revoked.", "error": "token_revoked"}


def test_edit_user_sets_profile_and_membership(api, matar_user):
    organization = OrganizationFactory()
    response = api.post(
        "/matar/api/v1/edit_user",
        {"name": "Asha", "language": "kn-IN", "organization_id": organization.pk, "image_url": "http://x/a.png"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["roles"] == {"default": [organization.pk]}
    assert response.json()["language"] == "kn-IN"
    assert api.post("/matar/api/v1/edit_user", {"organization_id": "NOPE"}, format="json").status_code == 404
    bad = api.post("/matar/api/v1/edit_user", {"language": "xx-XX"}, format="json")
    assert bad.status_code == 400 and bad.json() == {"message": "Invalid language"}


def test_paths_answer_with_and_without_a_trailing_slash():
    assert APIClient().get("/matar/api/v1/languages/").status_code == 200
    assert APIClient().get("/matar/api/v1/languages").status_code == 200


def test_a_user_cannot_be_loaded_after_deletion(matar_user):
    client = client_for(matar_user)
    User.objects.filter(pk=matar_user.pk).delete()
    assert client.get("/matar/api/v1/get_current_user").status_code == 401


def test_another_user_is_created_for_another_phone(otps):
    UserFactory(phone_number="919833333333")
    APIClient().post(LOGIN, {"phone_number": "+91 98333 33334", "action": "send_otp"}, format="json")
    assert otps[-1][0] == "919833333334"
    assert User.objects.filter(phone_number__startswith="9198333333").count() == 2
