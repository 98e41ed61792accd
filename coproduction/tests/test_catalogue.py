"""What coproduction reads from the catalogue database: schemas for set_schema, interlinkers for assets."""

import pytest

from catalogue.tests import factories as cf
from coproduction import models
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])


@pytest.fixture
def schema():
    schema = cf.CoproductionSchemaFactory()
    profile = cf.ProblemProfileFactory()

    def item(kind, en, es, **links):
        return cf.TreeItemFactory(type=kind, name_translations={"en": en, "es": es}, **links)

    engage = item("phase", "Engage", "Implicar", coproductionschema=schema)
    build = item("phase", "Build", "Construir", coproductionschema=schema, is_part_of_codelivery=True)
    build.prerequisites.add(engage)
    listen = item("objective", "Listen", "Escuchar", parent=engage)
    ask = item("task", "Ask", "Preguntar", parent=listen)
    ask.problemprofiles.add(profile)
    summarise = item("task", "Summarise", "Resumir", parent=listen)
    summarise.prerequisites.add(ask)
    return schema, profile


@pytest.mark.parametrize(("language", "names"), [("en", ["Engage", "Build"]), ("es", ["Implicar", "Construir"])])
def test_set_schema_from_a_catalogue_id_in_the_process_language(admin, schema, language, names):
    schema, profile = schema
    process = admin.post("/coproductionprocesses", {"name": "P", "language": language}).json()
    response = admin.post(f"/coproductionprocesses/{process['id']}/set_schema", {"id": str(schema.pk)})
    assert response.status_code == 200, response.content
    assert response.json()["schema_used"] == str(schema.pk)
    tree = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()
    assert [phase["name"] for phase in tree] == names
    assert tree[1]["prerequisites_ids"] == [tree[0]["id"]] and tree[1]["is_part_of_codelivery"] is True
    tasks = tree[0]["children"][0]["children"]
    assert len(tasks) == 2 and tasks[1]["prerequisites_ids"] == [tasks[0]["id"]]
    assert tasks[0]["problemprofiles"] == [profile.pk]


def test_unknown_catalogue_schema(admin):
    process = admin.post("/coproductionprocesses", {"name": "P", "language": "en"}).json()
    response = admin.post(
        f"/coproductionprocesses/{process['id']}/set_schema", {"coproductionschema_id": str(process["id"])}
    )
    assert (response.status_code, response.json()) == (404, {"detail": "Coproduction schema not found"})


def test_internal_asset_link_and_capabilities_come_from_the_catalogue(admin):
    software = cf.SoftwareInterlinkerFactory(
        path="ceditor", domain="tools.example.org", api_path="/api/v1", clone=True, view=True, edit=False
    )
    knowledge = cf.KnowledgeInterlinkerFactory(softwareinterlinker=software)
    process = factories.ProcessFactory(administrators=[admin.user])
    task = factories.TaskFactory(
        objective=factories.ObjectiveFactory(phase=factories.PhaseFactory(coproductionprocess=process))
    )
    asset = admin.post(
        "/assets",
        {"task_id": str(task.pk), "softwareinterlinker_id": str(software.pk), "external_asset_id": "doc-9"},
    ).json()
    assert asset["link"] == "http://tools.example.org/ceditor/api/v1/doc-9"
    assert asset["capabilities"]["clone"] is True and asset["capabilities"]["edit"] is False
    instantiated = admin.post(
        "/assets/instantiate", {"knowledgeinterlinker_id": str(knowledge.pk), "task_id": str(task.pk), "language": "es"}
    ).json()
    assert instantiated["external_asset_id"] == "asset-es"
    assert instantiated["softwareinterlinker_id"] == str(software.pk)
    summary = admin.get(f"/assets/internal/{instantiated['id']}").json()
    assert summary["knowledgeinterlinker"]["id"] == str(knowledge.pk)
    assert summary["link"] == "http://tools.example.org/ceditor/api/v1/asset-es"
    listed = admin.get("/assets/listAssetswithInternalInfo", {"task_id": str(task.pk)}).json()
    assert {a["internalData"]["link"] for a in listed} == {asset["link"], summary["link"]}
    assert models.InternalAsset.objects.count() == 2
