"""Assets, stories, ratings, tags and notifications through the API."""

import pytest

from coproduction import models
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])


@pytest.fixture
def task(admin):
    process = factories.ProcessFactory(administrators=[admin.user])
    phase = factories.PhaseFactory(coproductionprocess=process)
    return factories.TaskFactory(objective=factories.ObjectiveFactory(phase=phase))


def test_asset_creation_follows_effective_permissions_and_moves_the_task(admin, member, outsider, task):
    team = factories.TeamFactory(members=[member.user])
    factories.PermissionFactory(
        team=team, coproductionprocess_id=task.process_id, access_assets_permission=True, create_assets_permission=True
    )
    body = {"task_id": str(task.pk), "name": "Minutes", "uri": "https://example.org/minutes"}
    assert outsider.post("/assets", body).json() == {"detail": "Not enough permissions"}
    asset = member.post("/assets", body).json()
    assert asset["type"] == "externalasset" and asset["name"] == "Minutes" and asset["icon"] == ""
    assert models.Task.objects.get(pk=task.pk).status == "in_progress"
    stored = models.Asset.objects.get(pk=asset["id"])
    assert stored.coproductionprocess_id == task.process_id and stored.phase_id == task.phase_id
    assert [a["id"] for a in member.get("/assets", {"task_id": str(task.pk)}).json()] == [asset["id"]]
    assert member.delete(f"/assets/{asset['id']}").status_code == 403
    assert admin.delete(f"/assets/{asset['id']}").json() is None
    assert admin.get("/assets", {"task_id": "nope"}).status_code == 422
    assert admin.post("/assets", {"task_id": str(task.pk), "type": "externalasset"}).status_code == 422


def test_internal_asset_without_catalogue_row_has_an_empty_link(admin, task):
    body = {"task_id": str(task.pk), "softwareinterlinker_id": str(task.pk), "external_asset_id": "doc-1"}
    asset = admin.post("/assets", body).json()
    assert asset["type"] == "internalasset" and asset["external_asset_id"] == "doc-1"
    assert asset["link"] == "" and asset["capabilities"] == dict.fromkeys(
        ["clone", "view", "edit", "delete", "download"]
    )
    clone = admin.post(f"/assets/{asset['id']}/clone").json()
    assert clone["id"] != asset["id"] and clone["external_asset_id"] == "doc-1"


def test_process_assets_list_is_fixed_in_queries(admin, task, coproduction_queries):
    for _ in range(2):
        factories.ExternalAssetFactory(task=task)
    with coproduction_queries(7):
        admin.get(f"/coproductionprocesses/{task.process_id}/assets")
    for _ in range(4):
        factories.ExternalAssetFactory(task=task)
    with coproduction_queries(7):
        assets = admin.get(f"/coproductionprocesses/{task.process_id}/assets").json()
    assert len(assets) == 6 and assets[0]["internalData"]["link"] == "https://example.org/doc"


def test_tags_keywords_and_stories(admin, member):
    tag = admin.post("/tags", {"name": "green", "description": "d"}).json()
    assert admin.post("/tags", {"name": "green"}).json() == {"detail": "Tag already exists"}
    assert admin.post("/tags/createbyName", {"name": "green"}).json()["id"] == tag["id"]
    assert admin.get("/tags/search", {"name": "blue"}).status_code == 404
    process = factories.ProcessFactory(administrators=[admin.user])
    story = admin.post(f"/stories/{process.pk}/createStory", {"title": "We did it", "keywords": "city"}).json()
    assert [k["name"] for k in story["keywords"]] == ["city"]  # from data_story.keywords, as upstream
    assert admin.post("/keywords", {"name": "city"}).json() == {"detail": "Keyword already exists"}
    keyword = admin.post("/keywords", {"name": "park"}).json()
    with_park = admin.post(f"/stories/{story['id']}/addKeyword", keyword).json()
    assert sorted(k["name"] for k in with_park["keywords"]) == ["city", "park"]
    page = admin.get("/stories", {"search": "did"}).json()
    assert page["total"] == 1 and page["items"][0]["id"] == story["id"]
    member.post("/ratings", {"artefact_id": story["id"], "artefact_type": "story", "value": 5})
    rating = member.post("/ratings", {"artefact_id": story["id"], "artefact_type": "story", "value": 2}).json()
    assert admin.get(f"/stories/{story['id']}/story").json()["rating"] == 3.5
    member.delete(f"/ratings/{rating['id']}")
    assert admin.get(f"/stories/{story['id']}/story").json()["ratings_count"] == 1
    assert (
        member.post("/ratings", {"artefact_id": story["id"], "artefact_type": "story", "value": 9}).status_code == 422
    )


def test_notification_parameters_are_json_text_and_asset_names_can_be_frozen(admin, task):
    factories.NotificationFactory(event="add_asset_copro", text="{assetName}")
    body = {"task_id": str(task.pk), "softwareinterlinker_id": str(task.pk), "external_asset_id": "doc"}
    asset = admin.post("/assets", body).json()
    log = admin.get(f"/coproductionprocessnotifications/{task.process_id}/listCoproductionProcessNotifications").json()
    assert isinstance(log[0]["parameters"], str) and f"{{assetid:{asset['id']}}}" in log[0]["parameters"]
    changed = admin.put(
        f"/coproductionprocessnotifications/updateAssetNameParameter/{asset['id']}"
        f"?name=<Plan>&coproductionprocess_id={task.process_id}"
    ).json()
    assert len(changed) == 1 and "&lt;Plan&gt;" in changed[0]["parameters"]
    assert '"showIcon": "hidden"' in changed[0]["parameters"]


def test_apply_to_be_contributor_notifies_administrators(admin, member):
    factories.NotificationFactory(event="apply_submited", text="{userName} applied")
    process = factories.ProcessFactory(administrators=[admin.user])
    body = {"processId": str(process.pk), "razon": "I know the area", "adminEmails": []}
    assert member.post("/coproductionprocesses/emailApplyToBeContributor", body).json() == "Done"
    applications = admin.get(f"/usernotifications/{process.pk}/listUserAplicationsbyCoproId").json()
    assert len(applications) == 1 and "B.Member" in applications[0]["parameters"]
    requests = admin.get(f"/participationrequests/{process.pk}/listFullParticipationRequestsbyCoproId").json()
    assert requests[0]["razon"] == "I know the area" and requests[0]["user"]["id"] == member.user.pk


def test_claims_for_a_team(admin, member, task):
    asset = factories.ExternalAssetFactory(task=task)
    team = factories.TeamFactory(members=[member.user, admin.user])
    claims = admin.post(
        "/claims/create_team_list", {"teams_id": [str(team.pk)], "asset_id": str(asset.pk), "title": "help"}
    ).json()
    assert len(claims) == 2 and {c["coproductionprocess_id"] for c in claims} == {str(task.process_id)}
    pending = admin.get(f"/claims/{task.process_id}/listPendingClaimsbyCoproId").json()
    assert len(pending) == 2
    admin.put(f"/claims/{claims[0]['id']}/approve", {"state": True})
    assert len(admin.get(f"/claims/{task.process_id}/listPendingClaimsbyCoproId").json()) == 1


def test_assignment_shape_with_links_asset_and_claims(admin, task):
    asset = factories.ExternalAssetFactory(task=task)
    assignment = admin.post("/assignments", {"asset_id": str(asset.pk), "title": "Write it"}).json()
    assert assignment["link"].endswith(f"/resources?tab=Assignments&assignment={assignment['id']}")
    assert assignment["link_to_claim"].endswith(f"/dashboard/assignments/registerclaim/{assignment['id']}")
    assert assignment["asset"]["name"] == asset.name and assignment["user"]["id"] == admin.user.pk
    admin.post("/claims", {"asset_id": str(asset.pk), "assignment_id": assignment["id"], "title": "Done"})
    view = admin.get(f"/assignments/{assignment['id']}/view").json()
    assert [c["title"] for c in view["claims"]] == ["Done"] and view["claims"][0]["asset"]["id"] == str(asset.pk)
    assert admin.get(f"/assignments/{task.pk}/view").json() == {"detail": "Assignment not found"}


def test_create_by_event_skips_users_without_access(admin, member, outsider, task):
    import json

    factories.NotificationFactory(event="add_contribution_asset", text="{userName} contributed")
    factories.PermissionFactory(
        team=factories.TeamFactory(members=[member.user]), coproductionprocess_id=task.process_id
    )
    asset = factories.ExternalAssetFactory(task=task)
    claim_id = "e0000000-0000-0000-0000-000000000001"
    body = {
        "coproductionprocess_id": str(task.process_id),
        "notification_event": "add_contribution_asset",
        "parameters": json.dumps({"assetName": "Plan", "claim_id": claim_id}),
        "claim_type": "Development",
        "asset_id": str(asset.pk),
        "user_id": f"{member.user.pk},{outsider.user.pk}",
    }
    answer = json.loads(admin.post("/coproductionprocessnotifications/createbyEvent", body).json())
    assert answer == {"inserted": True, "excluded": [outsider.user.email]}
    row = admin.get(f"/coproductionprocessnotifications/{claim_id}/coproductionprocessnotification").json()
    assert row["claim_type"] == "Development" and json.loads(row["parameters"])["userName"] == "B.Member"
    assert models.CoproductionProcessNotification.objects.get(pk=claim_id).claim_type == "development"
    template = admin.get("/notifications/add_contribution_asset/en/notification").json()
    assert template["event"] == "add_contribution_asset"
    assert admin.get("/notifications/add_contribution_asset/lv/notification").status_code == 404
    bad = admin.post("/coproductionprocessnotifications/createbyEvent", {**body, "parameters": "{oops"})
    assert bad.status_code == 422


def test_process_assets_for_a_subtree_member(admin, member, task):
    factories.ExternalAssetFactory(task=task, name="inside")
    other_phase = factories.PhaseFactory(coproductionprocess_id=task.process_id)
    factories.ExternalAssetFactory(
        task=factories.TaskFactory(objective=factories.ObjectiveFactory(phase=other_phase)), name="outside"
    )
    team = factories.TeamFactory(members=[member.user])
    factories.PermissionFactory(team=team, coproductionprocess_id=task.process_id, treeitem_id=task.phase_id)
    names = [a["name"] for a in member.get(f"/coproductionprocesses/{task.process_id}/assets").json()]
    assert names == ["inside"]
    assert len(admin.get(f"/coproductionprocesses/{task.process_id}/assets").json()) == 2
    models.Phase.objects.filter(pk=task.phase_id).update(disabled_on="2024-01-01T00:00:00Z")
    assert member.get(f"/coproductionprocesses/{task.process_id}/assets").json() == []
