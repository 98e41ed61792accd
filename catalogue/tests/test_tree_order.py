"""Tree children come out as upstream presents them: prerequisites first, then insertion order.

Upstream has no ordering column; its children come out in insertion order, which follows the
prerequisite chain. After an import every ``created_at`` is equal, so ordering by
``(created_at, id)`` alone put the phases in UUID order (Design, Engage, Sustain, Build).
"""

import json
import shutil
import uuid
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from catalogue import models
from catalogue.management.commands.catalogue_demo import DEMO_SEED
from catalogue.tests import factories

pytestmark = pytest.mark.django_db(databases=["catalogue", "default"])
SCHEMAS = "/catalogue/api/v1/coproductionschemas"
REAL_SEED = settings.BASE_DIR.parent / "shared" / "data" / "catalogue-seed"

# UUIDs whose order is the wrong one: Design < Engage < Sustain < Build.
UUID_OF = {
    "Design": uuid.UUID(int=1),
    "Engage": uuid.UUID(int=2),
    "Sustain": uuid.UUID(int=3),
    "Build": uuid.UUID(int=4),
}
CHAIN = ["Engage", "Design", "Build", "Sustain"]


def chain(names: list[str], *, base: int, **fields) -> list[models.TreeItemMetadata]:
    """Items named ``names`` linked as a chain (each depends on the previous), ids in the wrong order."""
    ids = {name: UUID_OF.get(name) or uuid.UUID(int=base + (len(names) - i)) for i, name in enumerate(names)}
    items = {name: factories.TreeItemFactory(id=ids[name], name_translations={"en": name}, **fields) for name in names}
    for before, after in zip(names, names[1:], strict=False):
        items[after].prerequisites.add(items[before])
    return [items[name] for name in names]


@pytest.fixture
def schema():
    """Engage → Design → Build → Sustain, with objectives and tasks, all with one created_at (as an import)."""
    schema = factories.CoproductionSchemaFactory(name_translations={"en": "Default schema"})
    phases = chain(CHAIN, base=100, type=models.TreeItemType.PHASE, coproductionschema=schema)
    objectives = chain(
        ["Identify", "Engage them", "Legal"], base=200, type=models.TreeItemType.OBJECTIVE, parent=phases[0]
    )
    chain(["Map", "Invite", "Follow up"], base=300, type=models.TreeItemType.TASK, parent=objectives[0])
    same = timezone.now()
    models.TreeItemMetadata.objects.update(created_at=same)
    return schema


def names(nodes: list[dict]) -> list[str]:
    return [node["name"] for node in nodes]


def test_equal_created_at_still_gives_engage_design_build_sustain(api, schema, django_assert_num_queries):
    assert sorted(UUID_OF, key=lambda name: UUID_OF[name]) == ["Design", "Engage", "Sustain", "Build"]
    with django_assert_num_queries(8, using="catalogue"):  # unchanged by the ordering (done in Python)
        body = api.get(f"{SCHEMAS}/{schema.pk}").json()
    assert names(body["children"]) == CHAIN
    engage = body["children"][0]
    assert names(engage["children"]) == ["Identify", "Engage them", "Legal"]
    assert engage["children_ids"] == [child["id"] for child in engage["children"]]
    assert names(engage["children"][0]["children"]) == ["Map", "Invite", "Follow up"]
    listed = api.get(SCHEMAS).json()["items"][0]
    assert names(listed["children"]) == CHAIN


def test_siblings_without_prerequisites_keep_insertion_order(api):
    schema = factories.CoproductionSchemaFactory()
    later = factories.TreeItemFactory(
        id=uuid.UUID(int=10), name_translations={"en": "Second"}, type="phase", coproductionschema=schema
    )
    earlier = factories.TreeItemFactory(
        id=uuid.UUID(int=20), name_translations={"en": "First"}, type="phase", coproductionschema=schema
    )
    models.TreeItemMetadata.objects.filter(pk=earlier.pk).update(created_at=later.created_at - timezone.timedelta(1))
    assert names(api.get(f"{SCHEMAS}/{schema.pk}").json()["children"]) == ["First", "Second"]


def test_items_created_in_one_transaction_keep_their_creation_order():
    schema = factories.CoproductionSchemaFactory()
    created = [
        models.TreeItemMetadata.objects.create(
            id=uuid.UUID(int=99 - n), name_translations={"en": f"P{n}"}, type="phase", coproductionschema=schema
        )
        for n in range(3)
    ]
    stored = list(models.TreeItemMetadata.objects.filter(coproductionschema=schema).order_by("created_at", "id"))
    assert stored == created


def test_admin_inlines_list_children_in_upstreams_order(client, schema):
    client.force_login(User.objects.create_superuser("boss@example.com", "boss-password"))
    page = client.get(f"/admin/catalogue/coproductionschema/{schema.pk}/change/").content.decode()
    positions = [page.index(f'value="{name}"') for name in CHAIN]
    assert positions == sorted(positions)
    engage = models.TreeItemMetadata.objects.get(name_translations__en="Engage")
    page = client.get(f"/admin/catalogue/treeitemmetadata/{engage.pk}/change/").content.decode()
    positions = [page.index(f'value="{name}"') for name in ("Identify", "Engage them", "Legal")]
    assert positions == sorted(positions)


def import_seed(path) -> None:
    call_command("import_catalogue", str(path), "--no-progress", stdout=StringIO())


def test_the_import_keeps_the_seeds_order(api, settings, tmp_path):
    """Independent siblings come out in the file's order (one transaction, so one now())."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seed = tmp_path / "seed"
    shutil.copytree(DEMO_SEED, seed)
    listen_file = seed / "schemas/neighbourhood/phases/listen.json"
    listen = json.loads(listen_file.read_text())
    order = ["Echo", "Charlie", "Alpha", "Delta", "Bravo", "Foxtrot"]
    listen["objectives"][0]["tasks"] += [
        {
            "id": f"task-{name.lower()}",
            "name_translations": {"en": name},
            "description_translations": {"en": "Independent task"},
            "prerequisites": [],
            "problemprofiles": [],
        }
        for name in order
    ]
    listen_file.write_text(json.dumps(listen))
    (seed / "schemas_DO_NOT_MODIFY.json").unlink(missing_ok=True)
    import_seed(seed)

    schema = models.CoproductionSchema.objects.get()
    body = api.get(f"{SCHEMAS}/{schema.pk}").json()
    assert [phase["name"] for phase in body["children"]] == ["Listen", "Try it out"]
    objective = body["children"][0]["children"][0]
    assert [task["name"] for task in objective["children"]] == ["Map who is affected", "Send invitations", *order]


@pytest.mark.skipif(not REAL_SEED.is_dir(), reason="../shared/data/catalogue-seed is not present")
def test_the_real_seed_reads_engage_design_build_sustain(api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    import_seed(REAL_SEED)
    models.TreeItemMetadata.objects.update(created_at=timezone.now())  # as rows imported before this fix
    schema = models.CoproductionSchema.objects.get(name_translations__en="Default schema")
    body = api.get(f"{SCHEMAS}/{schema.pk}").json()
    assert [phase["name"] for phase in body["children"]] == ["Engage", "Design", "Build", "Sustain"]
    engage = body["children"][0]
    assert [o["name"] for o in engage["children"]][:2] == ["Identify stakeholders", "Engage stakeholders"]
