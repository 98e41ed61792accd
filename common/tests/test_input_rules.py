"""The input rules of common/input.py and common/paging.py, as a client meets them (issue #12)."""

import json

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from accounts.tokens import create_access_token
from coproduction.services import user_sync_from_account
from coproduction.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def user_token():
    user = UserFactory(email="rules@example.com")
    user_sync_from_account(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {create_access_token(str(user.pk))}"}


@pytest.mark.parametrize(
    "path",
    ["/api/v1/items/?skip=9223372036854775808", "/api/v1/items/?limit=-1", "/api/v1/items/?limit=1001"],
)
def test_paging_out_of_range_is_422_naming_the_parameter(api, user_token, path):
    response = api.get(path, **user_token)
    assert response.status_code == 422
    assert set(response.json()) & {"skip", "limit"}


@pytest.mark.parametrize(
    "path", ["/catalogue/api/v1/interlinkers/?page=9223372036854775808", "/catalogue/api/v1/interlinkers/?size=0"]
)
def test_page_out_of_range_is_422(api, path):
    response = api.get(path)
    assert response.status_code == 422


def test_nul_in_query_and_path_is_refused_in_the_apps_shape(api):
    response = api.get("/catalogue/api/v1/interlinkers/?search=a%00b")
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]
    response = api.get("/catalogue/api/v1/interlinkers/get_by_name/a%00b")
    assert response.status_code == 422
    # matar answers its Flask shape, 400
    response = api.get("/matar/api/v1/languages/?x=%00")
    assert response.status_code == 400 and "NUL" in response.json()["message"]


def test_nul_in_json_and_form_is_refused(api):
    body = json.dumps({"email": "a\u0000@example.com", "password": "changethis"})
    response = api.post("/api/v1/users/signup", body, content_type="application/json")
    assert response.status_code == 422 and "NUL" in response.json()["detail"]
    response = api.post("/api/v1/login/access-token", {"username": "a\x00", "password": "x"})
    assert response.status_code == 422 and "NUL" in response.json()["detail"]


def test_deep_json_is_a_4xx_not_a_recursion(api):
    body = "[" * 100_000 + "]" * 100_000
    response = api.post("/api/v1/users/signup", body, content_type="application/json")
    assert response.status_code == 422
    body = json.dumps({"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]})
    response = api.post("/matar/api/v1/login/", body, content_type="application/json")
    assert response.status_code == 400 and "nested" in response.json()["message"]


def test_big_integers_and_long_strings_are_refused(api):
    response = api.post(
        "/api/v1/users/signup",
        json.dumps({"email": "x@example.com", "password": 2**64}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "integer out of range" in response.json()["detail"]
    response = api.post(
        "/api/v1/users/signup",
        json.dumps({"email": "x@example.com", "password": "p" * 100_001}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "longer than 100000" in response.json()["detail"]


def test_coproduction_lists_honour_skip_and_limit(api, user_token):
    OrganizationFactory.create_batch(3, public=True)
    path = "/coproduction/api/v1/organizations/"
    assert len(api.get(path, **user_token).json()) == 3
    assert len(api.get(f"{path}?limit=2", **user_token).json()) == 2
    assert len(api.get(f"{path}?skip=2&limit=5", **user_token).json()) == 1
    for path in ("/coproduction/api/v1/coproductionprocesses/", "/coproduction/api/v1/organizations/"):
        assert api.get(f"{path}?limit=-1", **user_token).status_code == 422
        assert api.get(f"{path}?skip=9223372036854775808", **user_token).status_code == 422


@pytest.mark.django_db(transaction=True, databases=["medsync"])
def test_an_unreachable_database_answers_503_with_retry_after_not_500():
    """The database server down (or out of connection slots) is a moment of unavailability:
    the client is told to retry, in JSON, and nothing claims a bug."""
    import socket

    from django.db import connections
    from django.test import Client

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    medsync = connections["medsync"]
    saved = dict(medsync.settings_dict)
    medsync.close()
    medsync.settings_dict.update(HOST="127.0.0.1", PORT=closed_port)
    try:
        response = Client(raise_request_exception=False).get("/medsync/api/specialties/")
    finally:
        medsync.close()
        medsync.settings_dict.clear()
        medsync.settings_dict.update(saved)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {"detail": "The database is unavailable or busy; try again shortly."}
