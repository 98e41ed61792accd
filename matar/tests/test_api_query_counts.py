"""The queries each remaining endpoint runs on the ``matar`` database (lists are pinned beside their tests).

Inside a test every ``transaction.atomic`` is a SAVEPOINT / RELEASE pair, counted here; in a
request they are BEGIN / COMMIT and not counted.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from matar import tokens
from matar.audio import silent_flac
from matar.tests.factories import AnswerFactory, CategoryFactory, OrganizationFactory, QuestionFactory

pytestmark = [pytest.mark.django_db(databases=["matar", "default"]), pytest.mark.usefixtures("member_everywhere")]
BASE = "/matar/api/v1"


def test_login_queries(matar_queries, settings):
    settings.MATAR_OTP_SENDER = "matar.tests.test_services.RecordingSender"
    from matar.tests.test_services import RecordingSender

    client = APIClient()
    body = {"phone_number": "919855555555", "action": "send_otp"}
    with matar_queries(7):  # lookup; two savepoints (transaction, id retry guard), insert, two releases; OTP
        response = client.post(f"{BASE}/login", body, format="json")
    assert response.status_code == 200
    with matar_queries(2):  # lookup, store the OTP
        response = client.post(f"{BASE}/login", body, format="json")
    assert response.status_code == 200
    otp = RecordingSender.sent[-1][1]
    with matar_queries(4):  # savepoint, lock the user, clear the OTP, release
        response = client.post(
            f"{BASE}/login", {"phone_number": "919855555555", "action": "submit_otp", "otp": otp}, format="json"
        )
    assert response.status_code == 200


def test_profile_and_token_queries(api, matar_user, matar_queries):
    organization = OrganizationFactory()
    with matar_queries(0):
        response = APIClient().get(f"{BASE}/languages")
    assert response.status_code == 200
    with matar_queries(1):
        response = api.get(f"{BASE}/get_current_user")
    assert response.status_code == 200
    with matar_queries(3):  # caller, organisation exists, update
        response = api.post(f"{BASE}/edit_user", {"organization_id": organization.pk}, format="json")
    assert response.status_code == 200
    refresh = APIClient(headers={"Authorization": f"Bearer {tokens.create_refresh_token(matar_user.pk)}"})
    with matar_queries(1):
        response = refresh.post(f"{BASE}/refresh")
    assert response.status_code == 200
    with matar_queries(1):
        response = api.post(f"{BASE}/logout")
    assert response.status_code == 200


def test_post_write_queries(api, matar_user, matar_queries, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    question = QuestionFactory(user=matar_user)
    AnswerFactory.create_batch(3, parent_post=question)
    category = CategoryFactory(organization=question.organization)
    org = question.organization_id
    upload = SimpleUploadedFile("a.flac", silent_flac(1))
    with matar_queries(7):  # caller, organisation, category, parent; savepoint, insert, release
        response = api.post(
            f"{BASE}/new_post?organization_id={org}",
            {"file": upload, "category_id": category.pk, "parent_post_id": question.pk},
        )
    assert response.status_code == 200
    with matar_queries(4):  # caller, organisation, post, update
        response = api.post(f"{BASE}/delete_post?organization_id={org}", {"post_id": question.pk}, format="json")
    assert response.status_code == 200
    with matar_queries(3):  # caller, organisation, post
        response = api.get(f"{BASE}/get_gpt_answer", {"post_id": question.pk, "organization_id": org})
    assert response.status_code == 501
