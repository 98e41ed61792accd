"""A request that fails writes nothing, even when it had already written part of its work."""

import copy

import pytest

from coproduction import models
from coproduction.tests.test_services import SCHEMA

pytestmark = pytest.mark.django_db(databases=["default", "coproduction"])


def test_a_set_schema_that_fails_half_way_leaves_no_tree(admin):
    process = admin.post("/coproductionprocesses", {"name": "Green city", "language": "en"}).json()
    body = copy.deepcopy(SCHEMA)
    # The first phase is valid and is written before the second one's bad id is read.
    body["children"][-1]["id"] = "not-a-uuid"
    response = admin.post(f"/coproductionprocesses/{process['id']}/set_schema", body)
    assert response.status_code == 422
    assert "must be a UUID" in response.json()["detail"]
    assert not models.Phase.objects.filter(coproductionprocess_id=process["id"]).exists()
    assert not models.Objective.objects.filter(phase__coproductionprocess_id=process["id"]).exists()
    assert models.CoproductionProcess.objects.get(pk=process["id"]).schema_used is None
