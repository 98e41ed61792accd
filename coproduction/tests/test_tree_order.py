"""Process trees come out as upstream presents them: prerequisites first, then insertion order.

Checked where rows share ``created_at`` (one transaction, as after an import or an upstream
seed) and their UUIDs sort the wrong way: the API tree, the admin inlines, and set_schema
from a catalogue schema imported that way.
"""

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import UserFactory as AccountFactory
from catalogue import models as cm
from catalogue.tests import factories as cf
from coproduction import models
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])

CHAIN = ["Engage", "Design", "Build", "Sustain"]
WRONG_UUID_ORDER = {"Design": 1, "Engage": 2, "Sustain": 3, "Build": 4}


def linked(items: list) -> list:
    for before, after in zip(items, items[1:], strict=False):
        after.prerequisites.add(before)
    return items


@pytest.fixture
def process(admin):
    process = factories.ProcessFactory(administrators=[admin.user])
    phases = linked(
        [
            factories.PhaseFactory(id=uuid.UUID(int=WRONG_UUID_ORDER[name]), name=name, coproductionprocess=process)
            for name in CHAIN
        ]
    )
    objectives = linked(
        [
            factories.ObjectiveFactory(id=uuid.UUID(int=30 - n), name=name, phase=phases[0])
            for n, name in enumerate("XYZ")
        ]
    )
    linked(
        [
            factories.TaskFactory(id=uuid.UUID(int=60 - n), name=name, objective=objectives[0])
            for n, name in enumerate("abc")
        ]
    )
    models.TreeItem.objects.update(created_at=timezone.now())
    return process


def test_the_api_tree_reads_engage_design_build_sustain(admin, process):
    tree = admin.get(f"/coproductionprocesses/{process.pk}/tree").json()
    assert [phase["name"] for phase in tree] == CHAIN
    assert [objective["name"] for objective in tree[0]["children"]] == ["X", "Y", "Z"]
    assert [task["name"] for task in tree[0]["children"][0]["children"]] == ["a", "b", "c"]


def test_the_admin_inlines_list_phases_objectives_and_tasks_in_that_order(process):
    client = Client()
    client.force_login(AccountFactory(is_superuser=True))
    page = client.get(f"/admin/coproduction/coproductionprocess/{process.pk}/change/").content.decode()
    positions = [page.index(f'value="{name}"') for name in CHAIN]
    assert positions == sorted(positions)
    engage = models.Phase.objects.get(name="Engage")
    page = client.get(f"/admin/coproduction/phase/{engage.pk}/change/").content.decode()
    positions = [page.index(f'value="{name}"') for name in "XYZ"]
    assert positions == sorted(positions)
    x = models.Objective.objects.get(name="X")
    page = client.get(f"/admin/coproduction/objective/{x.pk}/change/").content.decode()
    positions = [page.index(f'value="{name}"') for name in "abc"]
    assert positions == sorted(positions)


def test_set_schema_from_an_imported_catalogue_schema_creates_the_chain_in_order(admin):
    schema = cf.CoproductionSchemaFactory()
    phases = linked(
        [
            cf.TreeItemFactory(
                id=uuid.UUID(int=WRONG_UUID_ORDER[name]), type="phase", name_translations={"en": name},
                coproductionschema=schema,
            )
            for name in CHAIN
        ]
    )  # fmt: skip
    cf.TreeItemFactory(type="objective", name_translations={"en": "Listen"}, parent=phases[0])
    cm.TreeItemMetadata.objects.update(created_at=timezone.now())  # as after an import
    process = admin.post("/coproductionprocesses", {"name": "P", "language": "en"}).json()
    assert admin.post(f"/coproductionprocesses/{process['id']}/set_schema", {"id": str(schema.pk)}).status_code == 200

    tree = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()
    assert [phase["name"] for phase in tree] == CHAIN
    created = models.Phase.objects.filter(coproductionprocess_id=process["id"]).order_by("created_at", "id")
    assert [phase.name for phase in created] == CHAIN  # inserted in upstream's order too
