"""ZIP export and import of a process (upstream's archive layout): a round trip gives the same
tree; a broken archive is refused with a 422 naming the part, and nothing is written."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from PIL import Image

from coproduction import models as m
from coproduction.tests import factories as f
from coproduction.tests.test_services import SCHEMA

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _built_process(admin) -> dict:
    process = admin.post("/coproductionprocesses", {"name": "Green city", "language": "es", "aim": "Trees"}).json()
    assert admin.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA).status_code == 200
    logo = io.BytesIO(_png())
    logo.name = "logo.png"
    assert (
        admin.post(f"/coproductionprocesses/{process['id']}/logotype", {"file": logo}, format="multipart").status_code
        == 200
    )
    tree = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()
    task = m.Task.objects.get(pk=tree[0]["children"][0]["children"][1]["id"])
    f.ExternalAssetFactory(task=task, name="Minutes", uri="https://example.org/minutes")
    f.InternalAssetFactory(task=task, external_asset_id="doc-42")
    admin.put(f"/tasks/{task.pk}", {"status": "finished"})
    return process


def _shape(admin, process_id) -> list:
    """What a user sees of the tree: names, types, statuses, order, chain and assets."""
    tree = admin.get(f"/coproductionprocesses/{process_id}/tree").json()
    names = {}

    def index(nodes):
        for node in nodes:
            names[node["id"]] = node["name"]
            index(node.get("children") or [])

    def assets(node):
        if node["type"] != "task":
            return []
        listed = admin.get("/assets", {"task_id": node["id"]}).json()
        return sorted((a["type"], a.get("name"), a.get("uri"), a.get("external_asset_id")) for a in listed)

    def walk(nodes):
        return [
            {
                "name": node["name"],
                "type": node["type"],
                "status": node["status"],
                "description": node.get("description"),
                "prerequisites": [names[p] for p in node["prerequisites_ids"]],
                "children": walk(node.get("children") or []),
                "assets": assets(node),
            }
            for node in nodes
        ]

    index(tree)
    return walk(tree)


def _zip(files: dict) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content if isinstance(content, bytes) else json.dumps(content))
    buffer.seek(0)
    buffer.name = "process.zip"
    return buffer


def test_export_then_import_gives_the_same_tree_in_upstreams_layout(admin):
    process = _built_process(admin)
    response = admin.get(f"/coproductionprocesses/{process['id']}/download")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        folder = "processes_exported/Green_city"
        assert {f"{folder}/schema.json", f"{folder}/coproduction.json"} <= names
        assert any(n.startswith(f"{folder}/") and n.endswith(".png") for n in names)
        meta = json.loads(archive.read(f"{folder}/coproduction.json"))
        assert meta["name"] == "import_Green city" and meta["language"] == "es"
        schema = json.loads(archive.read(f"{folder}/schema.json"))
        assert [p["name"] for p in schema] == ["Engage", "Design"]
        assert [t["name"] for t in schema[0]["objectives"][0]["tasks"]] == ["T1", "T2"]

    last = admin.get(f"/coproductionprocesses/{process['id']}/last_created_zip")
    assert last.status_code == 200 and b"".join(last.streaming_content) == content
    assert last["Content-Disposition"] == 'attachment; filename="Green_city.zip"'
    assert len(last["X-File-Creation-Datetime"]) == len("20260101_120000")

    upload = io.BytesIO(content)
    upload.name = "Green_city.zip"
    imported = admin.post("/coproductionprocesses/import", {"file": upload}, format="multipart")
    assert imported.status_code == 200, imported.content
    copy = imported.json()
    assert copy["name"] == "import_Green city" and copy["language"] == "es" and copy["aim"] == "Trees"
    assert copy["id"] != process["id"] and copy["logotype_link"]
    assert [a["id"] for a in copy["administrators"]] == [admin.user.pk]
    assert _shape(admin, copy["id"]) == _shape(admin, process["id"])


def test_last_created_zip_before_any_export_and_strangers(admin, outsider):
    process = admin.post("/coproductionprocesses", {"name": "Quiet", "language": "en"}).json()
    missing = admin.get(f"/coproductionprocesses/{process['id']}/last_created_zip")
    assert (missing.status_code, missing.json()) == (404, {"error": "No file found"})
    assert outsider.get(f"/coproductionprocesses/{process['id']}/download").status_code == 403
    assert outsider.get(f"/coproductionprocesses/{process['id']}/last_created_zip").status_code == 403


def test_an_archive_in_upstreams_shape_imports(admin):
    """Upstream writes ``"None"`` for a missing schema and rating and a ``/static/`` logotype path."""
    folder = "processes_exported/Old_process"
    archive = _zip(
        {
            f"{folder}/coproduction.json": {
                "id": "8e0c7a52-0000-0000-0000-000000000001",
                "schema_used": "None",
                "language": "it",
                "name": "import_Old process",
                "logotype": "/static/coproductionprocesses/8e0c7a52.png",
                "rating": "None",
                "status": "in_progress",
                "administrators": ["someone@example.com"],
                "tags": [],
                "hasAddAnOrganization": None,
            },
            f"{folder}/8e0c7a52.png": _png(),
            f"{folder}/schema.json": [
                {
                    "id": "x1",
                    "type": "phase",
                    "name": "Fase",
                    "status": "awaiting",
                    "objectives": [
                        {
                            "type": "objective",
                            "name": "Obiettivo",
                            "tasks": [
                                {
                                    "type": "task",
                                    "name": "Compito",
                                    "assets": [
                                        {
                                            "id": "as1",
                                            "type": "externalasset",
                                            "name": "Site",
                                            "uri": "https://example.org",
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                }
            ],
            f"{folder}/assets/as1.notes.txt": b"not used",
        }
    )
    response = admin.post("/coproductionprocesses/import", {"file": archive}, format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "import_Old process" and body["language"] == "it" and body["logotype_link"]
    tree = admin.get(f"/coproductionprocesses/{body['id']}/tree").json()
    assert tree[0]["name"] == "Fase" and tree[0]["children"][0]["children"][0]["name"] == "Compito"
    assert tree[0]["children"][0]["children"][0]["status"] == "in_progress"  # it has an asset


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "file: not a ZIP archive"),
        ({"other/coproduction.json": {}}, "file: expected one folder under processes_exported/"),
        ({"processes_exported/P/coproduction.json": {"name": "P"}}, "schema.json: missing from the archive"),
        (
            {
                "processes_exported/P/coproduction.json": {"name": "P", "language": "xx"},
                "processes_exported/P/schema.json": [],
            },
            "coproduction.json: language must be one of",
        ),
        (
            {"processes_exported/P/coproduction.json": {"name": "P"}, "processes_exported/P/schema.json": b"{broken"},
            "schema.json: not valid JSON",
        ),
        (
            {
                "processes_exported/P/coproduction.json": {"name": "P"},
                "processes_exported/P/schema.json": [
                    {
                        "type": "phase",
                        "name": "Engage",
                        "objectives": [
                            {
                                "type": "objective",
                                "name": "Map",
                                "tasks": [{"name": "T1", "assets": [{"type": "externalasset", "name": "x"}]}],
                            }
                        ],
                    }
                ],
            },
            "schema.json: phase 1 ('Engage'), objective 1 ('Map'), task 1 ('T1'), asset 1: uri is required",
        ),
        (
            {
                "processes_exported/P/coproduction.json": {"name": "P", "logotype": "/static/x/logo.png"},
                "processes_exported/P/schema.json": [],
                "processes_exported/P/logo.png": b"<svg>not a png</svg>",
            },
            "logotype (logo.png): The file is not an image",
        ),
        ({"processes_exported/P/../../evil.json": {}}, "file: unsafe entry name"),
    ],
)
def test_a_broken_archive_is_refused_naming_the_part_and_nothing_is_written(admin, files, message):
    before = (m.CoproductionProcess.objects.count(), m.TreeItem.objects.count(), m.Asset.objects.count())
    if files is None:
        upload = io.BytesIO(b"PK\x03\x04 but not really a zip")
        upload.name = "x.zip"
    else:
        upload = _zip(files)
    response = admin.post("/coproductionprocesses/import", {"file": upload}, format="multipart")
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith(message), response.json()
    assert (m.CoproductionProcess.objects.count(), m.TreeItem.objects.count(), m.Asset.objects.count()) == before
    assert m.ActivityLog.objects.count() == 0


def test_import_needs_a_file_and_a_coproduction_user(admin, make_caller):
    assert admin.post("/coproductionprocesses/import", {}, format="multipart").status_code == 422
    stranger = make_caller(mirrored=False)
    assert stranger.post("/coproductionprocesses/import", {"file": _zip({})}, format="multipart").status_code == 403
