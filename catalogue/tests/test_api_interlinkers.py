"""``/catalogue/api/v1/interlinkers`` and friends: shapes, filters, language, pagination, writes."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue import models
from catalogue.tests import factories

pytestmark = pytest.mark.django_db(databases=["catalogue", "default"])
URL = "/catalogue/api/v1/interlinkers"


@pytest.fixture
def catalogue():
    profile_a = factories.ProblemProfileFactory(id="ORG_PROBLEM_1")
    profile_b = factories.ProblemProfileFactory(id="BUILD_PROBLEM_2")
    software = factories.SoftwareInterlinkerFactory(
        name_translations={"en": "Shared editor", "es": "Editor compartido"},
        description_translations={"en": "Write together", "es": "Escribir juntos en tiempo real"},
        problemprofiles=[profile_a],
        service_name="ceditor",
        path="ceditor",
        api_path="/api/v1/assets",
        logotype="/static/ceditor/logo.png",
    )
    knowledge = factories.KnowledgeInterlinkerFactory(
        softwareinterlinker=software,
        name_translations={"en": "Canvas", "es": "Lienzo"},
        problemprofiles=[profile_a, profile_b],
        genesis_asset_id_translations={"en": "abc123"},
    )
    factories.KnowledgeInterlinkerFactory(
        softwareinterlinker=software, parent=knowledge, name_translations={"en": "Canvas, part two"}
    )
    external = factories.ExternalSoftwareInterlinkerFactory(
        name_translations={"en": "Polls"}, languages=["en"], problemprofiles=[profile_b]
    )
    factories.ExternalKnowledgeInterlinkerFactory(name_translations={"en": "Guide", "it": "Guida"}, languages=["it"])
    return {"software": software, "knowledge": knowledge, "external": external, "profiles": [profile_a, profile_b]}


def names(response) -> list:
    return sorted(item["name"] for item in response.json()["items"])


def test_list_envelope_and_discriminated_shapes(api, catalogue):
    response = api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "total", "page", "size"}
    assert (body["total"], body["page"], body["size"]) == (4, 1, 50)
    by_nature = {item["nature"]: item for item in body["items"] if item["name"] != "Canvas, part two"}
    software = by_nature["softwareinterlinker"]
    assert software["backend"] == "http://localhost/ceditor/api/v1/assets"
    assert software["logotype_link"] == "http://testserver/catalogue/static/ceditor/logo.png"
    assert software["delete"] is False and "download_text" not in software and "status" not in software
    assert software["rating"] == 0 and isinstance(software["rating"], float)
    assert software["tags"] == ["tag one", "tag two"]
    assert software["artefact_type"] == "interlinker"
    knowledge = by_nature["knowledgeinterlinker"]
    assert knowledge["link"] == "http://localhost/ceditor/api/v1/assets/abc123"
    assert knowledge["internal_link"] == "http://ceditor/api/v1/assets/abc123"
    assert knowledge["softwareinterlinker"]["service_name"] == "ceditor"
    assert [child["name"] for child in knowledge["children"]] == ["Canvas, part two"]
    assert "children" not in knowledge["children"][0] and "softwareinterlinker" not in knowledge["children"][0]
    assert {p["id"] for p in knowledge["problemprofiles"]} == {"ORG_PROBLEM_1", "BUILD_PROBLEM_2"}
    assert knowledge["related_interlinkers"] is None
    assert by_nature["externalsoftwareinterlinker"]["uri"] == "https://example.org/tool"
    assert "logotype" not in software and "snapshots" not in software


def test_accept_language_gives_spanish_names_and_hides_entries_not_offered(api, catalogue):
    response = api.get(URL, HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert names(response) == ["Canvas, part two", "Editor compartido", "Lienzo"]
    italian = api.get(URL, HTTP_ACCEPT_LANGUAGE="it")
    assert names(italian) == ["Guida"]


def test_search_finds_a_word_of_the_spanish_description_without_english_fallback(api, catalogue):
    spanish = api.get(URL, {"search": "TIEMPO REAL"}, HTTP_ACCEPT_LANGUAGE="es")
    assert names(spanish) == ["Editor compartido"]
    assert names(api.get(URL, {"search": "tiempo"})) == []
    assert names(api.get(URL, {"search": "tag two"})) == ["Canvas", "Canvas, part two", "Polls", "Shared editor"]


def test_filters_by_problem_profile_nature_and_rating(api, catalogue):
    response = api.get(URL + "?problemprofiles=BUILD_PROBLEM_2&problemprofiles=NOPE")
    assert names(response) == ["Canvas", "Polls"]
    response = api.get(URL + "?nature=softwareinterlinker&nature=externalsoftwareinterlinker")
    assert names(response) == ["Polls", "Shared editor"]
    factories.RatingFactory(artefact=catalogue["external"], value=5)
    assert names(api.get(URL, {"rating": 4})) == ["Polls"]
    assert len(api.get(URL, {"rating": 0, "creator": "x"}).json()["items"]) == 4


@pytest.mark.parametrize(
    "params",
    [{"page": 0}, {"size": 0}, {"size": 101}, {"page": "x"}, {"rating": "high"}, {"nature": "robot"}],
)
def test_bad_query_parameters_answer_422(api, params):
    response = api.get(URL, params)
    assert response.status_code == 422
    assert set(response.json()) <= set(params)


def test_pagination_bounds(api, catalogue):
    first = api.get(URL, {"page": 1, "size": 3}).json()
    second = api.get(URL, {"page": 2, "size": 3}).json()
    assert (len(first["items"]), len(second["items"]), second["total"]) == (3, 1, 4)
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})
    assert api.get(URL, {"page": 9, "size": 100}).json()["items"] == []


def test_list_runs_a_fixed_number_of_queries(api, django_assert_num_queries):
    software = factories.SoftwareInterlinkerFactory()
    for _ in range(2):
        profile = factories.ProblemProfileFactory()
        parent = factories.KnowledgeInterlinkerFactory(softwareinterlinker=software, problemprofiles=[profile])
        factories.KnowledgeInterlinkerFactory(softwareinterlinker=software, parent=parent, problemprofiles=[profile])
        factories.ExternalKnowledgeInterlinkerFactory(problemprofiles=[profile])
        factories.ExternalSoftwareInterlinkerFactory(problemprofiles=[profile])
    # The first page holds a knowledge interlinker with a child, as the larger one does.
    first = models.KnowledgeInterlinker.objects.filter(children__isnull=False).first()
    models.Artefact.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    # count, page keys, page, problem profiles, the software's profiles, children, the children's profiles
    with django_assert_num_queries(7, using="catalogue"):
        small = api.get(URL, {"size": 3})
    with django_assert_num_queries(7, using="catalogue"):
        large = api.get(URL, {"size": 100})
    assert len(small.json()["items"]) == 3 and len(large.json()["items"]) == 9


def test_detail_by_name_related_and_404s(api, catalogue):
    knowledge = catalogue["knowledge"]
    detail = api.get(f"{URL}/{knowledge.pk}/")
    assert detail.status_code == 200 and detail.json()["nature"] == "knowledgeinterlinker"
    assert api.get(f"{URL}/get_by_name/Canvas").json()["id"] == str(knowledge.pk)
    assert api.get(f"{URL}/get_by_name/Lienzo").json() == {"detail": "Interlinker not found"}
    related = api.get(f"{URL}/{knowledge.pk}/related").json()
    assert sorted(item["name"] for item in related["items"]) == ["Polls", "Shared editor"]
    assert api.get(f"{URL}/{uuid.uuid4()}").status_code == 404
    assert api.get(f"{URL}/not-a-uuid").json() == {"detail": "Interlinker not found"}


def test_knowledge_and_software_lists(api, catalogue):
    knowledge = api.get("/catalogue/api/v1/knowledgeinterlinkers").json()
    assert knowledge["total"] == 2 and {i["nature"] for i in knowledge["items"]} == {"knowledgeinterlinker"}
    software = api.get("/catalogue/api/v1/softwareinterlinkers/").json()
    assert [i["service_name"] for i in software["items"]] == ["ceditor"]
    assert api.get("/catalogue/api/v1/softwareinterlinkers/ceditor").json()["name"] == "Shared editor"
    missing = api.get("/catalogue/api/v1/softwareinterlinkers/nothing")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Softwareinterlinker not found"})


EXTERNAL_PAYLOAD = {
    "nature": "externalknowledgeinterlinker",
    "name_translations": {"en": "Handbook", "es": "Manual"},
    "description_translations": {"en": "A handbook"},
    "tags_translations": {"en": ["one", "two"]},
    "licence": "copyleft",
    "difficulty": "medium",
    "is_sustainability_related": True,
    "instructions_translations": {"en": "Read it"},
    "uri_translations": {"en": "https://example.org/handbook"},
    "problemprofiles": ["ORG_PROBLEM_1", "UNKNOWN"],
    "artefact_type": "publicservice",
}


def test_anonymous_writes_answer_403_not_authenticated(api, catalogue):
    for method, url in [
        ("post", URL),
        ("put", f"{URL}/{catalogue['software'].pk}"),
        ("delete", f"{URL}/{catalogue['software'].pk}"),
        ("post", "/catalogue/api/v1/problemprofiles"),
        ("post", "/catalogue/api/v1/ratings"),
        ("post", "/catalogue/api/v1/coproductionschemas"),
    ]:
        response = getattr(api, method)(url, {}, format="json")
        assert (response.status_code, response.json()) == (403, {"detail": "Not authenticated"}), url


def test_create_update_and_delete_an_interlinker(curator_api, catalogue):
    response = curator_api.post(URL, EXTERNAL_PAYLOAD, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["nature"], body["artefact_type"], body["is_public"], body["languages"]) == (
        "externalknowledgeinterlinker",
        "interlinker",
        True,
        ["en"],
    )
    assert [p["id"] for p in body["problemprofiles"]] == ["ORG_PROBLEM_1"]
    stored = models.ExternalKnowledgeInterlinker.objects.get(pk=body["id"])
    assert stored.tags_translations == {"en": "one;two"}

    changed = curator_api.put(
        f"{URL}/{body['id']}",
        {"name_translations": {"en": "Handbook 2"}, "problemprofiles": ["BUILD_PROBLEM_2"]},
        format="json",
    ).json()
    assert changed["name"] == "Handbook 2"
    assert {p["id"] for p in changed["problemprofiles"]} == {"ORG_PROBLEM_1", "BUILD_PROBLEM_2"}
    assert changed["updated_at"] is not None

    deleted = curator_api.delete(f"{URL}/{body['id']}")
    assert (deleted.status_code, deleted.json()) == (200, None)
    assert not models.Artefact.objects.filter(pk=body["id"]).exists()


def test_create_validates_per_nature(curator_api, catalogue):
    missing_nature = curator_api.post(URL, {**EXTERNAL_PAYLOAD, "nature": None}, format="json")
    assert missing_nature.status_code == 422 and "nature" in missing_nature.json()
    knowledge = curator_api.post(
        URL,
        {**EXTERNAL_PAYLOAD, "nature": "knowledgeinterlinker", "softwareinterlinker_id": str(uuid.uuid4())},
        format="json",
    )
    assert knowledge.status_code == 422
    assert set(knowledge.json()) == {"softwareinterlinker_id", "genesis_asset_id_translations"}
    bad_json = curator_api.post(URL, "{not json", content_type="application/json")
    assert bad_json.status_code == 422
    software = curator_api.post(
        URL,
        {
            **EXTERNAL_PAYLOAD,
            "nature": "softwareinterlinker",
            "supported_by": ["saas"],
            "is_responsive": True,
            "auth_method": "header",
            "service_name": "newtool",
            "domain": "tools.example.org",
            "path": "new",
            "is_subdomain": True,
            "api_path": "/assets",
            "delete": True,
        },
        format="json",
    )
    assert software.status_code == 200, software.json()
    assert software.json()["backend"] == "http://new.tools.example.org/assets"
    assert software.json()["delete"] is True


def test_deleting_a_knowledge_interlinker_with_children_answers_409(curator_api, catalogue):
    response = curator_api.delete(f"{URL}/{catalogue['knowledge'].pk}")
    assert (response.status_code, response.json()) == (409, {"detail": "Interlinker has child knowledge interlinkers"})


@pytest.mark.urls("catalogue.tests.urls")
def test_service_endpoints_outside_the_api_prefix(api, catalogue):
    assert api.get("/catalogue/healthcheck").json() is True
    assert api.get("/catalogue/kpis/").json() == {
        "interlinkers": {"count": 5, "knowledge": 2, "externalknowledge": 1, "software": 1, "externalsoftware": 1}
    }
    assert api.get("/catalogue/")["Location"] == "/api/docs/"
    assert api.get("/catalogue/api/v1/")["Location"] == "/catalogue/api/v1/interlinkers"


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # count, page keys, page, problem profiles, the software's profiles, children, the children's profiles
        ("/catalogue/api/v1/knowledgeinterlinkers", 7),
        # count, page keys, page, problem profiles
        ("/catalogue/api/v1/softwareinterlinkers", 4),
        # the interlinker, count, page keys, page, profiles, the software's profiles, children, their profiles
        ("related", 8),
    ],
)
def test_other_interlinker_lists_run_a_fixed_number_of_queries(api, django_assert_num_queries, path, queries):
    profile = factories.ProblemProfileFactory()
    parents = []
    for _ in range(3):
        software = factories.SoftwareInterlinkerFactory(problemprofiles=[profile])
        parent = factories.KnowledgeInterlinkerFactory(softwareinterlinker=software, problemprofiles=[profile])
        factories.KnowledgeInterlinkerFactory(softwareinterlinker=software, parent=parent, problemprofiles=[profile])
        parents.append(parent)
    if path == "related":
        path = f"{URL}/{parents[0].pk}/related"
    # every row of the first page of one must be a parent with a child, as in the larger page
    models.Artefact.objects.filter(pk__in=[p.pk for p in parents]).update(created_at=timezone.now() - timedelta(days=1))
    with django_assert_num_queries(queries, using="catalogue"):
        small = api.get(path, {"size": 1})
    with django_assert_num_queries(queries, using="catalogue"):
        large = api.get(path, {"size": 100})
    assert len(small.json()["items"]) == 1 and len(large.json()["items"]) >= 3
