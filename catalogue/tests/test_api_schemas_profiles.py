"""Problem profiles and co-production schemas (with their phase/objective/task trees)."""

import uuid

import pytest

from catalogue import models
from catalogue.tests import factories

pytestmark = pytest.mark.django_db(databases=["catalogue", "default"])
PROFILES = "/catalogue/api/v1/problemprofiles"
SCHEMAS = "/catalogue/api/v1/coproductionschemas"


def make_schema(name: dict, languages=("en", "es")):
    schema = factories.CoproductionSchemaFactory(name_translations=name, languages=list(languages))
    profile = factories.ProblemProfileFactory()
    phase = factories.TreeItemFactory(type="phase", coproductionschema=schema, is_part_of_codelivery=True)
    second = factories.TreeItemFactory(type="phase", coproductionschema=schema)
    second.prerequisites.add(phase)
    objective = factories.TreeItemFactory(type="objective", parent=phase)
    for _ in range(2):
        task = factories.TreeItemFactory(type="task", parent=objective)
        task.problemprofiles.add(profile)
    return schema


def test_problemprofile_crud(api, curator_api):
    created = curator_api.post(
        PROFILES,
        {
            "id": "ORG_PROBLEM_9",
            "name_translations": {"en": "Aim", "es": "Objetivo"},
            "description_translations": {"en": "The aim"},
            "functionality_translations": {"en": "What helps"},
        },
        format="json",
    )
    assert created.status_code == 200
    assert created.json()["functionality"] == "What helps"
    duplicate = curator_api.post(
        PROFILES,
        {**created.json(), "name_translations": {}, "description_translations": {}, "functionality_translations": {}},
        format="json",
    )
    assert duplicate.status_code == 400
    assert api.get(PROFILES).json()[0]["id"] == "ORG_PROBLEM_9"
    assert api.get(PROFILES + "/ids").json() == ["ORG_PROBLEM_9"]
    assert api.get(PROFILES + "/ORG_PROBLEM_9", HTTP_ACCEPT_LANGUAGE="es").json()["name"] == "Objetivo"
    assert api.get(PROFILES + "/get_by_name/Objetivo", {"locale": "es"}).json()["id"] == "ORG_PROBLEM_9"
    assert api.get(PROFILES + "/get_by_name/Objetivo").status_code == 422
    changed = curator_api.put(PROFILES + "/ORG_PROBLEM_9", {"functionality_translations": {"en": "New"}}, format="json")
    assert changed.json()["functionality"] == "New" and changed.json()["name"] == "Aim"
    assert curator_api.delete(PROFILES + "/ORG_PROBLEM_9").content == b"null"
    assert api.get(PROFILES + "/ORG_PROBLEM_9").json() == {"detail": "ProblemProfile not found"}


def test_problemprofile_list_is_capped_at_100_in_one_query(api, django_assert_num_queries):
    for _ in range(101):
        factories.ProblemProfileFactory()
    with django_assert_num_queries(1, using="catalogue"):
        response = api.get(PROFILES)
    assert len(response.json()) == 100


def test_schema_list_nests_the_tree_and_applies_the_language_filter(api):
    make_schema({"en": "Default", "es": "Por defecto"})
    make_schema({"en": "English only"}, languages=["en"])
    spanish = api.get(SCHEMAS, HTTP_ACCEPT_LANGUAGE="es").json()
    assert [item["name"] for item in spanish["items"]] == ["Por defecto"]
    schema = spanish["items"][0]
    assert schema["artefact_type"] == "coproductionschema"
    phases = schema["children"]
    assert [p["type"] for p in phases] == ["phase", "phase"]
    first = next(p for p in phases if p["is_part_of_codelivery"])
    second = next(p for p in phases if not p["is_part_of_codelivery"])
    assert second["prerequisites_ids"] == [first["id"]]
    objective = first["children"][0]
    assert first["children_ids"] == [objective["id"]]
    assert objective["parent_id"] == first["id"] and objective["coproductionschema_id"] is None
    tasks = objective["children"]
    assert len(tasks) == 2 and tasks[0]["children"] == [] and tasks[0]["children_ids"] == []
    assert tasks[0]["problemprofiles_ids"] == [tasks[0]["problemprofiles"][0]["id"]]
    assert api.get(SCHEMAS, {"search": "only"}).json()["total"] == 1


def test_schema_list_runs_a_fixed_number_of_queries(api, django_assert_num_queries):
    for n in range(4):
        make_schema({"en": f"Schema {n}"})
    # count, page keys, page, schema profiles, phases, objectives, tasks, the empty level, prerequisites,
    # item profiles
    with django_assert_num_queries(10, using="catalogue"):
        small = api.get(SCHEMAS, {"size": 1})
    with django_assert_num_queries(10, using="catalogue"):
        large = api.get(SCHEMAS, {"size": 50})
    assert (len(small.json()["items"]), len(large.json()["items"])) == (1, 4)


def test_schema_public_detail_by_name_and_writes(api, curator_api):
    schema = make_schema({"en": "Default", "es": "Por defecto"})
    factories.CoproductionSchemaFactory(is_public=False)
    assert [s["id"] for s in api.get(SCHEMAS + "/public").json()] == [str(schema.pk)]
    assert api.get(SCHEMAS + "/public", {"limit": 0}).json() == []
    detail = api.get(f"{SCHEMAS}/{schema.pk}").json()
    assert len(detail["children"]) == 2
    assert api.get(SCHEMAS + "/get_by_name/Default").json()["id"] == str(schema.pk)
    assert api.get(SCHEMAS + "/get_by_name/Por defecto", {"locale": "es"}).json()["id"] == str(schema.pk)
    assert api.get(f"{SCHEMAS}/{uuid.uuid4()}").json() == {"detail": "CoproductionSchema not found"}

    created = curator_api.post(
        SCHEMAS,
        {
            "name_translations": {"en": "New"},
            "description_translations": {"en": "A new schema"},
            "tags_translations": {"en": ["x"]},
            "licence": "permissive",
        },
        format="json",
    )
    assert created.status_code == 200 and created.json()["artefact_type"] == "coproductionschema"
    assert "children" not in created.json()
    changed = curator_api.put(f"{SCHEMAS}/{created.json()['id']}", {"licence": "copyleft"}, format="json")
    assert changed.json()["licence"] == "copyleft"
    assert curator_api.delete(f"{SCHEMAS}/{schema.pk}").status_code == 200
    assert not models.TreeItemMetadata.objects.filter(coproductionschema_id=schema.pk).exists()
    assert models.TreeItemMetadata.objects.count() == 0


def test_public_schemas_and_profile_ids_run_a_fixed_number_of_queries(api, django_assert_num_queries):
    for n in range(3):
        make_schema({"en": f"Schema {n}"})
    # page, schema profiles, phases, objectives, tasks, the empty level, prerequisites, item profiles
    with django_assert_num_queries(8, using="catalogue"):
        assert len(api.get(SCHEMAS + "/public", {"limit": 1}).json()) == 1
    with django_assert_num_queries(8, using="catalogue"):
        assert len(api.get(SCHEMAS + "/public").json()) == 3
    with django_assert_num_queries(1, using="catalogue"):
        assert len(api.get(PROFILES + "/ids").json()) == 3
