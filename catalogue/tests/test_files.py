"""File columns in upstream's form (``/static/<slug>/…``), links from either form, and the files served.

Upstream's seeder stores ``/static/<slug>/logotype.png`` and ``/static/<slug>/snapshots/<file>``
and its API links them as PROTOCOL + SERVER_NAME + BASE_PATH + value; knowledge interlinkers
hold asset ids of the software interlinker's service. Rows written by this project before
hold storage names. All of them must be served with working links.
"""

import shutil
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue import models
from catalogue.importer import SeedImporter
from catalogue.management.commands.catalogue_demo import DEMO_SEED
from catalogue.tests import factories

pytestmark = pytest.mark.django_db(databases=["catalogue", "default"])
URL = "/catalogue/api/v1/interlinkers"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CATALOGUE_PUBLIC_BASE_URL = ""
    return settings.MEDIA_ROOT


@pytest.fixture
def seed_copy(tmp_path):
    target = tmp_path / "seed"
    shutil.copytree(DEMO_SEED, target)
    return target


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_catalogue", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


def served(api, name: str) -> dict:
    body = api.get(URL, {"search": name, "size": 100}).json()
    return next(item for item in body["items"] if item["name"] == name)


def test_upstream_shaped_rows_are_served_with_working_links(api, settings):
    software = factories.SoftwareInterlinkerFactory(
        name_translations={"en": "Collaborative editor"},
        service_name="ceditor",
        path="ceditor",
        api_path="/ceditor/api/v1/assets",
        logotype="/static/collaborative-editor/logotype.png",
        snapshots=[
            "/static/collaborative-editor/snapshots/one.png",
            "/static/collaborative-editor/snapshots/two.jpg",
        ],
    )
    factories.KnowledgeInterlinkerFactory(
        name_translations={"en": "Business model canvas"},
        softwareinterlinker=software,
        genesis_asset_id_translations={"en": "1d2c3b4a5f6e7d8c"},  # an id of upstream's asset service
        logotype="/static/business-model-canvas/logotype.png",
    )

    editor = served(api, "Collaborative editor")
    assert editor["logotype_link"] == "http://testserver/catalogue/static/collaborative-editor/logotype.png"
    assert editor["snapshots_links"] == [
        "http://testserver/catalogue/static/collaborative-editor/snapshots/one.png",
        "http://testserver/catalogue/static/collaborative-editor/snapshots/two.jpg",
    ]
    canvas = served(api, "Business model canvas")
    assert canvas["genesis_asset_id"] == "1d2c3b4a5f6e7d8c"
    assert canvas["link"] == "http://localhost/ceditor/ceditor/api/v1/assets/1d2c3b4a5f6e7d8c"
    assert canvas["internal_link"] == "http://ceditor/ceditor/api/v1/assets/1d2c3b4a5f6e7d8c"

    # Beside an upstream deployment that serves its own static folder:
    settings.CATALOGUE_PUBLIC_BASE_URL = "https://interlink.example.org/catalogue"
    editor = served(api, "Collaborative editor")
    assert editor["logotype_link"] == "https://interlink.example.org/catalogue/static/collaborative-editor/logotype.png"


def test_older_storage_name_rows_are_still_served(api):
    default_storage.save("catalogue/old-tool/logotype.png", ContentFile(b"old logo"))
    factories.SoftwareInterlinkerFactory(
        name_translations={"en": "Old tool"},
        logotype="catalogue/old-tool/logotype.png",
        snapshots=["catalogue/old-tool/snapshots/a.png"],
    )
    tool = served(api, "Old tool")
    assert tool["logotype_link"] == "http://testserver/media/catalogue/old-tool/logotype.png"
    assert tool["snapshots_links"] == ["http://testserver/media/catalogue/old-tool/snapshots/a.png"]


def test_the_importer_writes_upstreams_form_and_the_links_reach_the_files(api, seed_copy):
    run(seed_copy)
    notes = models.SoftwareInterlinker.objects.get(service_name="sharednotes")
    assert notes.logotype == "/static/shared-notes/logotype.png"
    assert notes.snapshots == ["/static/shared-notes/snapshots/screen1.png"]
    source = (seed_copy / "interlinkers/software/shared-notes/logo.png").read_bytes()
    assert default_storage.open("catalogue/shared-notes/logotype.png").read() == source

    link = served(api, "Shared notes")["logotype_link"]
    assert link == "http://testserver/catalogue/static/shared-notes/logotype.png"
    response = api.get(link.removeprefix("http://testserver"))
    assert response.status_code == 302
    assert response["Location"] == "/media/catalogue/shared-notes/logotype.png"
    knowledge = models.KnowledgeInterlinker.objects.get(name_translations__en="Stakeholder canvas")
    assert knowledge.genesis_asset_id_translations == {
        "en": "catalogue/stakeholder-canvas/resources/en/canvas-en.txt",
        "es": "catalogue/stakeholder-canvas/resources/es/canvas-es.txt",
    }


@pytest.mark.parametrize("path", ["no-such/logotype.png", "../secret.txt", "shared-notes/../../x"])
def test_unknown_static_paths_are_404(api, path):
    response = api.get(f"/catalogue/static/{path}")
    assert response.status_code == 404
    assert response.json() == {"detail": "File not found"}


def test_older_storage_name_rows_are_rewritten_in_upstreams_form_on_reimport(seed_copy):
    run(seed_copy)
    notes = models.SoftwareInterlinker.objects.get(service_name="sharednotes")
    models.SoftwareInterlinker.objects.filter(pk=notes.pk).update(
        logotype="catalogue/shared-notes/logotype.png", snapshots=["catalogue/shared-notes/snapshots/screen1.png"]
    )
    run(seed_copy)
    notes.refresh_from_db()
    assert notes.logotype == "/static/shared-notes/logotype.png"
    assert notes.snapshots == ["/static/shared-notes/snapshots/screen1.png"]
    assert default_storage.exists("catalogue/shared-notes/logotype.png")  # the same file: kept


def test_a_failed_run_puts_back_the_files_it_overwrote(seed_copy, media, monkeypatch):
    run(seed_copy)
    before = default_storage.open("catalogue/shared-notes/logotype.png").read()
    (seed_copy / "interlinkers/software/shared-notes/logo.png").write_bytes(b"\x89PNG a new logo")
    original = SeedImporter._interlinkers

    def fail_on_knowledge(self, kind):
        if kind == "knowledge":
            raise OSError("disk full")
        return original(self, kind)

    monkeypatch.setattr(SeedImporter, "_interlinkers", fail_on_knowledge)
    with pytest.raises(CommandError, match="rolled back"):
        run(seed_copy)
    assert default_storage.open("catalogue/shared-notes/logotype.png").read() == before
