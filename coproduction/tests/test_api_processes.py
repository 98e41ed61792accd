"""Processes through the API: user mapping, visibility, set_schema, the tree rule, copies, 501s."""

import pytest
from rest_framework.test import APIClient

from coproduction import models
from coproduction.tests import factories
from coproduction.tests.conftest import API
from coproduction.tests.test_services import SCHEMA

pytestmark = pytest.mark.django_db(databases=["default", "coproduction"])


def _process(caller, **extra):
    response = caller.post("/coproductionprocesses", {"name": "Green city", "language": "en", **extra})
    assert response.status_code == 200, response.content
    return response.json()


def test_users_me_maps_the_accounts_user_and_other_endpoints_need_it_first(make_caller):
    caller = make_caller(mirrored=False, full_name="New Person")
    response = caller.get("/coproductionprocesses")
    assert response.status_code == 403 and response.json() == {"detail": "Not authenticated"}
    me = caller.get("/users/me")
    assert me.status_code == 200
    assert me.json()["id"] == str(caller.account.pk) and me.json()["full_name"] == "New Person"
    assert set(me.json()) == {
        "id",
        "picture",
        "full_name",
        "last_login",
        "email",
        "additionalEmails",
        "agreeTermsOfUse",
        "teams_ids",
    }
    assert caller.get("/coproductionprocesses").status_code == 200


def test_anonymous_callers_are_not_authenticated():
    response = APIClient().get(API + "/coproductionprocesses")
    assert response.status_code == 403 and response.json() == {"detail": "Not authenticated"}


def test_creator_administers_a_new_process(admin):
    process = _process(admin)
    assert process["administrators_ids"] == [admin.user.pk]
    assert process["current_user_participation"] == ["administrator"]
    assert process["enabled_teams"] == [] and process["status"] == "in_progress"


def test_team_member_sees_the_process_and_an_outsider_does_not(admin, member, outsider):
    process = _process(admin)
    team = factories.TeamFactory(members=[member.user])
    response = admin.post(
        "/permissions",
        {"team_id": str(team.pk), "coproductionprocess_id": process["id"], "access_assets_permission": True},
    )
    assert response.status_code == 200, response.content
    assert [p["id"] for p in member.get("/coproductionprocesses").json()] == [process["id"]]
    detail = member.get(f"/coproductionprocesses/{process['id']}")
    assert detail.status_code == 200 and detail.json()["current_user_participation"] == ["collaborator"]
    assert [t["id"] for t in detail.json()["enabled_teams"]] == [str(team.pk)]
    assert outsider.get("/coproductionprocesses").json() == []
    assert outsider.get(f"/coproductionprocesses/{process['id']}").status_code == 403
    assert outsider.get(f"/coproductionprocesses/{process['id']}/tree").status_code == 403
    assert outsider.put(f"/coproductionprocesses/{process['id']}", {"name": "x"}).status_code == 403
    assert member.put(f"/coproductionprocesses/{process['id']}", {"name": "x"}).status_code == 403


def test_unknown_and_malformed_ids(admin):
    assert admin.get(f"/coproductionprocesses/{'0' * 8}-0000-0000-0000-{'0' * 12}").json() == {
        "detail": "CoproductionProcess not found"
    }
    assert admin.get("/coproductionprocesses/not-a-uuid").status_code == 422
    bad = admin.client.post(API + "/coproductionprocesses", "{bad json", content_type="application/json")
    assert bad.status_code == 422
    assert admin.post("/coproductionprocesses", {"language": "en"}).status_code == 422


def test_set_schema_then_finishing_tasks_moves_objective_and_phase(admin, outsider):
    process = _process(admin)
    denied = outsider.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA)
    assert denied.status_code == 404
    assert denied.json() == {"detail": "You do not have permissions to update the coproductionprocess"}
    response = admin.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA)
    assert response.status_code == 200 and response.json()["schema_used"] == SCHEMA["id"]
    tree = admin.get(f"/coproductionprocesses/{process['id']}/tree/").json()
    assert [p["name"] for p in tree] == ["Engage", "Design"]
    objective = tree[0]["children"][0]
    tasks = objective["children"]
    assert [t["name"] for t in tasks] == ["T1", "T2"] and tasks[1]["prerequisites_ids"] == [tasks[0]["id"]]
    response = admin.put(f"/tasks/{tasks[0]['id']}", {"status": "finished"})
    assert response.status_code == 200
    objective_now = admin.get(f"/objectives/{objective['id']}").json()
    assert (objective_now["status"], objective_now["progress"]) == ("in_progress", 50)
    admin.put(f"/tasks/{tasks[1]['id']}", {"status": "finished"})
    phase = admin.get(f"/phases/{tree[0]['id']}").json()
    assert (phase["status"], phase["progress"]) == ("finished", 100)


def test_soft_delete_through_the_api(admin):
    process = _process(admin)
    admin.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA)
    phase_id = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()[0]["id"]
    assert admin.delete(f"/phases/{phase_id}").json() is None
    tree = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()
    assert tree[0]["disabled_on"] is not None and tree[0]["disabler_id"] == admin.user.pk
    assert tree[0]["children"][0]["is_disabled"] and tree[0]["children"][0]["children"][0]["is_disabled"]
    assert tree[1]["is_disabled"] is False


def test_create_task_in_a_chain_needs_an_administrator(admin, member):
    process = _process(admin)
    admin.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA)
    objective = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()[0]["children"][0]
    t1, t2 = objective["children"]
    body = {"name": "T1b", "objective_id": objective["id"], "prerequisites_ids": [t1["id"]]}
    assert member.post("/tasks", body).status_code == 403
    created = admin.post("/tasks", body).json()
    assert created["prerequisites_ids"] == [t1["id"]]
    assert admin.get(f"/tasks/{t2['id']}").json()["prerequisites_ids"] == [created["id"]]
    assert admin.post("/tasks", {"name": "x", "objective_id": process["id"]}).json() == {
        "detail": "Objective not found"
    }
    self_link = admin.put(f"/tasks/{t1['id']}", {"prerequisites_ids": [t1["id"]]})
    assert self_link.status_code == 400


def test_permissions_for_a_tree_item(admin, member):
    process = _process(admin)
    admin.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA)
    phase = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()[0]
    task_id = phase["children"][0]["children"][0]["id"]
    team = factories.TeamFactory(members=[member.user], type="public_administration")
    admin.post("/permissions", {"team_id": str(team.pk), "treeitem_id": phase["id"], "create_assets_permission": True})
    response = member.get(f"/permissions/for/{task_id}")
    assert response.json() == {
        "your_permissions": {
            "access_assets_permission": False,
            "create_assets_permission": True,
            "delete_assets_permission": False,
        },
        "your_roles": ["public_administration"],
    }
    assert admin.get(f"/permissions/for/{task_id}").json()["your_roles"] == ["administrator"]
    missing = admin.get(f"/permissions/for/{process['id']}")
    assert (missing.status_code, missing.json()) == (404, {"detail": "TreeItem not found"})


def test_last_administrator_can_not_be_removed(admin, member):
    process = _process(admin)
    response = admin.delete(f"/coproductionprocesses/{process['id']}/administrators/{admin.user.pk}")
    assert (response.status_code, response.json()) == (400, {"detail": "Can not delete the last administrator"})
    admin.post(f"/coproductionprocesses/{process['id']}/administrators", {"user_id": member.user.pk})
    response = admin.delete(f"/coproductionprocesses/{process['id']}/administrators/{admin.user.pk}")
    assert response.json()["administrators_ids"] == [member.user.pk]


def test_copy_and_publish_story(admin):
    process = _process(admin)
    admin.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA)
    new_id = admin.post(f"/coproductionprocesses/{process['id']}/copy?label_name=Twin%20").json()
    clone = admin.get(f"/coproductionprocesses/{new_id}").json()
    assert clone["name"] == "Twin Green city" and clone["cloned_from_id"] == process["id"]
    assert len(admin.get(f"/coproductionprocesses/{new_id}/tree").json()) == 2
    story = admin.post(f"/coproductionprocesses/{process['id']}/publish_story", {"title": "Done!"}).json()
    assert story["data_story"] == {"title": "Done!"} and story["rating"] == 0 and story["state"] is True
    assert models.CoproductionProcess.objects.get(pk=story["coproductionprocess_cloneforpub_id"]).is_part_of_publication


def test_public_listing_page_envelope_and_rating(admin, member):
    tag = factories.TagFactory(name="green")
    for n in range(3):
        _process(admin, name=f"Public {n}", is_public=True, tags=[str(tag.pk)])
    _process(admin, name="Private")
    page = APIClient().get(API + "/coproductionprocesses/public?size=2&tag=green").json()
    assert page["total"] == 3 and page["page"] == 1 and page["size"] == 2 and len(page["items"]) == 2
    target = page["items"][0]["id"]
    member.post("/ratings", {"artefact_id": target, "artefact_type": "publiccoproduction", "value": 4})
    member.post("/ratings", {"artefact_id": target, "artefact_type": "publiccoproduction", "value": 3})
    public = APIClient().get(API + f"/coproductionprocesses/public/{target}").json()
    assert (public["rating"], public["ratings_count"]) == (3.5, 2)
    assert APIClient().get(API + "/coproductionprocesses/public?size=101").status_code == 422


def test_out_of_scope_and_not_upstream_paths_answer_501_naming_what_they_need(admin):
    process = _process(admin)
    for path in ("add_team", "add_user"):
        response = admin.post(f"/coproductionprocesses/{process['id']}/{path}", {})
        assert response.status_code == 501 and "Not built upstream" in response.json()["detail"]
    games = admin.get("/games/anything")
    assert games.status_code == 501 and "gamification engine" in games.json()["detail"]
    recommenders = admin.get("/recomenders/anything")
    assert recommenders.status_code == 501 and "recommender service" in recommenders.json()["detail"]


def test_list_query_counts_do_not_grow(admin, coproduction_queries):
    def grow(n):
        for _ in range(n):
            process = factories.ProcessFactory(administrators=[admin.user])
            team = factories.TeamFactory(members=[admin.user, factories.UserFactory()])
            admin_tag = factories.TagFactory()
            process.tags.add(admin_tag)
            factories.PermissionFactory(team=team, coproductionprocess=process)
            factories.PermissionFactory(
                team=team, coproductionprocess=process, treeitem=factories.PhaseFactory(coproductionprocess=process)
            )

    grow(2)
    with coproduction_queries(13):
        admin.get("/coproductionprocesses")
    grow(4)
    with coproduction_queries(13):
        assert len(admin.get("/coproductionprocesses").json()) == 6


def test_copy_a_phase_into_another_process(admin):
    source = _process(admin)
    admin.post(f"/coproductionprocesses/{source['id']}/set_schema", SCHEMA)
    phase = admin.get(f"/coproductionprocesses/{source['id']}/tree").json()[0]
    target = _process(admin, name="Target")
    copy = admin.post(f"/phases/{phase['id']}/copy", {"coproductionprocess_id": target["id"], "name": "Engage again"})
    assert copy.status_code == 200, copy.content
    assert copy.json()["name"] == "Engage again" and copy.json()["coproductionprocess_id"] == target["id"]
    tasks = copy.json()["children"][0]["children"]
    assert [t["name"] for t in tasks] == ["T1", "T2"] and tasks[1]["prerequisites_ids"] == [tasks[0]["id"]]


def test_task_assets_with_contributions(admin):
    task = factories.TaskFactory(
        objective=factories.ObjectiveFactory(
            phase=factories.PhaseFactory(coproductionprocess=factories.ProcessFactory(administrators=[admin.user]))
        )
    )
    asset = factories.ExternalAssetFactory(task=task)
    models.Claim.objects.create(user=admin.user, asset=asset, title="I wrote it")
    data = admin.get(f"/tasks/{task.pk}/listTaskAssetsContributions").json()
    assert data["id"] == str(task.pk)
    assert data["assetsWithContribution"][0]["contributors"][0]["title"] == "I wrote it"
    assert admin.get(f"/tasks/{asset.pk}/listTaskAssetsContributions").json() == {
        "detail": f"Task {asset.pk} not found"
    }


def test_tree_items_show_the_permissions_on_their_path_with_each_team_once(admin, member):
    process = _process(admin)
    admin.post(f"/coproductionprocesses/{process['id']}/set_schema", SCHEMA)
    phase = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()[0]
    blue = factories.TeamFactory(members=[member.user], name="Blue")
    green = factories.TeamFactory(name="Green")
    process_wide = admin.post(
        "/permissions",
        {"team_id": str(blue.pk), "coproductionprocess_id": process["id"], "access_assets_permission": True},
    ).json()
    on_phase = admin.post("/permissions", {"team_id": str(blue.pk), "treeitem_id": phase["id"]}).json()
    on_other = admin.post("/permissions", {"team_id": str(green.pk), "treeitem_id": phase["children"][0]["id"]}).json()

    tree = admin.get(f"/coproductionprocesses/{process['id']}/tree").json()
    phase = tree[0]
    objective, *others = phase["children"]
    task = objective["children"][0]
    assert {p["id"] for p in phase["permissions"]} == {process_wide["id"], on_phase["id"]}
    assert [t["name"] for t in phase["teams"]] == ["Blue"]  # two permissions, one team
    assert {p["id"] for p in task["permissions"]} == {process_wide["id"], on_phase["id"], on_other["id"]}
    assert sorted(t["name"] for t in task["teams"]) == ["Blue", "Green"]
    blue_in_task = next(t for t in task["teams"] if t["name"] == "Blue")
    assert blue_in_task == phase["teams"][0] and blue_in_task["id"] == str(blue.pk)
    assert {p["team"]["name"] for p in task["permissions"]} == {"Blue", "Green"}
    assert all(p["id"] != on_other["id"] for sibling in others for p in sibling["permissions"])
