"""The activity log: writes through the API leave upstream's records (in the same transaction),
``GET …/{id}/activity`` serves them newest first in pages of 20, and the admin lists them."""

from __future__ import annotations

import pytest

from coproduction import models as m
from coproduction.tests.test_services import SCHEMA

pytestmark = pytest.mark.django_db(databases=["default", "coproduction"])


def _process(caller):
    response = caller.post("/coproductionprocesses", {"name": "Logged city", "language": "en"})
    assert response.status_code == 200
    return response.json()


def test_writes_leave_upstreams_records_and_the_activity_endpoint_serves_them(admin, member, outsider):
    process = _process(admin)
    pid = process["id"]
    # (One test transaction: clearing a tree built in it meets the constraints the set_schema
    # request made immediate, so the empty tree is cleared first.)
    assert admin.post(f"/coproductionprocesses/{pid}/clear_schema").status_code == 200
    assert admin.post(f"/coproductionprocesses/{pid}/administrators", {"user_id": member.user.pk}).status_code == 200
    assert admin.post(f"/coproductionprocesses/{pid}/set_schema", SCHEMA).status_code == 200

    page = admin.get(f"/coproductionprocesses/{pid}/activity").json()
    actions = [(item["action"], item["model"]) for item in page["items"]]
    assert actions == [
        ("SET_SCHEMA", "COPRODUCTIONPROCESS"),
        ("ADD_ADMINISTRATOR", "COPRODUCTIONPROCESS"),
        ("CLEAR_SCHEMA", "COPRODUCTIONPROCESS"),
        ("CREATE", "COPRODUCTIONPROCESS"),
    ]
    assert (page["total"], page["page"], page["size"]) == (4, 1, 20)
    schema_set, added, cleared, created = page["items"]
    assert created["user_id"] == admin.user.pk and created["service"] == "coproduction"
    assert created["object_id"] == pid and created["coproductionprocess_id"] == pid
    assert added["added_user_id"] == member.user.pk
    assert schema_set["coproductionschema_id"] == SCHEMA["id"]
    assert cleared["coproductionschema_id"] is None

    second = admin.get(f"/coproductionprocesses/{pid}/activity", {"page": 2, "size": 3}).json()
    assert [item["action"] for item in second["items"]] == ["CREATE"]
    assert admin.get(f"/coproductionprocesses/{pid}/activity", {"size": 0}).status_code == 422
    assert outsider.get(f"/coproductionprocesses/{pid}/activity").status_code == 403


def test_a_refused_write_leaves_no_record(admin):
    pid = _process(admin)["id"]
    before = m.ActivityLog.objects.count()
    response = admin.delete(f"/coproductionprocesses/{pid}/administrators/{admin.user.pk}")
    assert response.status_code == 400  # the last administrator stays
    assert m.ActivityLog.objects.count() == before


def test_the_admin_lists_the_log_read_only(admin, client):
    from accounts.tests.factories import UserFactory

    _process(admin)
    superuser = UserFactory(is_superuser=True)
    client.force_login(superuser)
    listing = client.get("/admin/coproduction/activitylog/")
    assert listing.status_code == 200 and b"COPRODUCTIONPROCESS" in listing.content
    assert client.get("/admin/coproduction/activitylog/add/").status_code == 403
