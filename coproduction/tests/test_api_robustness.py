"""Bad input never crashes: every path, every method, with malformed and unknown ids and bodies."""

import re
import uuid

import pytest

from coproduction.api.urls import urlpatterns
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])

PARAM = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _paths(value: str) -> list[str]:
    paths = []
    for pattern in urlpatterns:
        regex = pattern.pattern.regex.pattern.lstrip("^").removesuffix("/?$")
        if ".*" in regex:
            continue
        paths.append("/" + PARAM.sub(value, regex))
    return paths


@pytest.mark.parametrize("value", ["not-a-uuid", str(uuid.uuid4())])
def test_no_path_answers_500(admin, value):
    factories.ProcessFactory(administrators=[admin.user])
    bodies = [None, {}, {"id": "x", "task_id": "x", "user_id": 5, "parameters": "{bad"}, ["a list"]]
    for path in _paths(value):
        for method in ("get", "post", "put", "delete"):
            for body in bodies if method in {"post", "put"} else [None]:
                response = getattr(admin, method)(path, body) if body is not None else getattr(admin, method)(path)
                assert response.status_code < 500 or response.status_code == 501, (
                    method,
                    path,
                    body,
                    response.content[:300],
                )


def test_dangling_ids_in_bodies_are_422_not_500(admin):
    process = factories.ProcessFactory(administrators=[admin.user])
    task = factories.TaskFactory(objective__phase__coproductionprocess=process)
    asset = factories.ExternalAssetFactory(task=task)
    # The candidate of a participation request is always the caller (docs/authorization.md):
    # a body naming another candidate, even a missing one, cannot apply on their behalf.
    response = admin.post("/participationrequests", {"candidate_id": "nobody", "razon": "r"})
    assert response.status_code == 200
    assert response.json()["candidate_id"] == admin.user.pk
    response = admin.post("/claims", {"asset_id": str(asset.pk), "assignment_id": str(uuid.uuid4())})
    assert response.status_code == 422
