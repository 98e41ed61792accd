"""docs/authorization.md, catalogue rows: each write refused to the wrong caller with nothing
changed, and done for the right one."""

import uuid

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from catalogue import models
from catalogue.tests import factories

pytestmark = pytest.mark.django_db(databases=["catalogue", "default"])
API = "/catalogue/api/v1"


def snapshot() -> dict:
    """Everything a catalogue write could change, as comparable values."""
    return {
        "interlinkers": sorted(
            (str(i.pk), i.name_translations.get("en"), i.licence) for i in models.Interlinker.objects.all()
        ),
        "profiles": sorted((p.pk, str(p.functionality_translations)) for p in models.ProblemProfile.objects.all()),
        "schemas": sorted((str(s.pk), s.licence) for s in models.CoproductionSchema.objects.all()),
        "ratings": sorted((str(r.pk), r.user_id, r.value, r.title) for r in models.Rating.objects.all()),
    }


@pytest.fixture
def signed_up():
    """A brand-new user who signed up through the API and logged in: a regular account."""
    anonymous = APIClient()
    body = {"email": "newcomer@example.com", "password": "a-long-password", "full_name": "New Comer"}
    assert anonymous.post("/api/v1/users/signup", body, format="json").status_code == 200
    login = anonymous.post(
        "/api/v1/login/access-token",
        {"username": body["email"], "password": body["password"]},
        format="multipart",
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['access_token']}")
    return client


@pytest.fixture
def shared():
    profile = factories.ProblemProfileFactory(id="ORG_PROBLEM_1")
    software = factories.SoftwareInterlinkerFactory(name_translations={"en": "Google Drive"}, problemprofiles=[profile])
    schema = factories.CoproductionSchemaFactory()
    return {"profile": profile, "software": software, "schema": schema}


def test_finding_5_a_new_user_cannot_delete_google_drive_or_a_problem_profile(signed_up, shared):
    """Issue 10, finding 5: deleting "Google Drive" took its knowledge interlinkers with it."""
    for _ in range(3):
        factories.KnowledgeInterlinkerFactory(softwareinterlinker=shared["software"])
    before = snapshot()
    drive = signed_up.delete(f"{API}/interlinkers/{shared['software'].pk}")
    profile = signed_up.delete(f"{API}/problemprofiles/ORG_PROBLEM_1")
    assert (drive.status_code, drive.json()) == (403, {"detail": "Not enough permissions"})
    assert (profile.status_code, profile.json()) == (403, {"detail": "Not enough permissions"})
    assert snapshot() == before
    assert models.KnowledgeInterlinker.objects.filter(softwareinterlinker=shared["software"]).count() == 3


WRITES = {
    "create interlinker": (
        "post",
        "/interlinkers",
        lambda s: {
            "nature": "externalsoftwareinterlinker",
            "name_translations": {"en": "Board"},
            "description_translations": {"en": "Pin"},
            "tags_translations": {"en": ["board"]},
            "is_sustainability_related": False,
            "instructions_translations": {"en": "Open it"},
            "uri_translations": {"en": "https://example.org/board"},
            "languages": ["en"],
            "licence": "permissive",
            "difficulty": "easy",
        },
    ),
    "change interlinker": ("put", "/interlinkers/{software}", lambda s: {"licence": "copyleft"}),
    "delete interlinker": ("delete", "/interlinkers/{software}", None),
    "create problem profile": (
        "post",
        "/problemprofiles",
        lambda s: {
            "id": "NEW_PROBLEM_1",
            "name_translations": {"en": "New"},
            "description_translations": {"en": "New"},
            "functionality_translations": {"en": "New"},
        },
    ),
    "change problem profile": (
        "put",
        "/problemprofiles/{profile}",
        lambda s: {"functionality_translations": {"en": "X"}},
    ),
    "delete problem profile": ("delete", "/problemprofiles/{profile}", None),
    "create schema": (
        "post",
        "/coproductionschemas",
        lambda s: {
            "name_translations": {"en": "Schema"},
            "description_translations": {"en": "d"},
            "tags_translations": {"en": ["x"]},
            "languages": ["en"],
            "licence": "permissive",
        },
    ),
    "change schema": ("put", "/coproductionschemas/{schema}", lambda s: {"licence": "copyleft"}),
    "delete schema": ("delete", "/coproductionschemas/{schema}", None),
}


def call(client, method, path, shared, body):
    path = path.format(software=shared["software"].pk, profile=shared["profile"].pk, schema=shared["schema"].pk)
    data = body(shared) if body else None
    return getattr(client, method)(API + path, data, format="json")


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_shared_catalogue_writes_need_a_superuser(write, shared, auth_api, curator_api):
    method, path, body = WRITES[write]
    before = snapshot()
    anonymous = call(APIClient(), method, path, shared, body)
    assert (anonymous.status_code, anonymous.json()) == (403, {"detail": "Not authenticated"})
    regular = call(auth_api, method, path, shared, body)
    assert (regular.status_code, regular.json()) == (403, {"detail": "Not enough permissions"})
    assert snapshot() == before
    allowed = call(curator_api, method, path, shared, body)
    assert allowed.status_code == 200, allowed.content
    assert snapshot() != before


def test_a_rating_is_changed_and_deleted_by_its_author_or_a_superuser(auth_api, user, curator_api, shared):
    other = User.objects.create_user("other@example.com", "secret-password", full_name="O")
    other_api = APIClient()
    other_api.force_authenticate(other)
    rating = auth_api.post(
        f"{API}/ratings",
        {"artefact_id": str(shared["software"].pk), "value": 4, "title": "ok", "text": "fine"},
        format="json",
    ).json()
    url = f"{API}/ratings/{rating['id']}"
    before = snapshot()
    for response in (other_api.put(url, {"value": 1}, format="json"), other_api.delete(url)):
        assert (response.status_code, response.json()) == (403, {"detail": "Not enough permissions"})
    assert snapshot() == before
    assert other_api.delete(f"{API}/ratings/{uuid.uuid4()}").status_code == 404
    assert auth_api.put(url, {"value": 2}, format="json").json()["value"] == 2
    assert curator_api.put(url, {"value": 3}, format="json").json()["value"] == 3
    assert models.Rating.objects.get(pk=rating["id"]).user_id == str(user.pk)
    assert auth_api.delete(url).status_code == 200
    assert not models.Rating.objects.filter(pk=rating["id"]).exists()
    second = other_api.post(
        f"{API}/ratings", {"artefact_id": str(shared["schema"].pk), "value": 5, "text": ""}, format="json"
    )
    assert curator_api.delete(f"{API}/ratings/{second.json()['id']}").status_code == 200
    assert models.Rating.objects.count() == 0
