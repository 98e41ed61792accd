"""Teams, organisations, permissions and users through the API."""

import pytest

from coproduction import models
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["default", "coproduction"])


def test_team_creation_follows_the_organisation_rule(admin, member):
    organization = admin.post(
        "/organizations",
        {"name_translations": {"en": "City", "es": "Ciudad"}, "default_team_type": "citizen"},
    ).json()
    assert organization["name"] == "City" and organization["administrators_ids"] == [admin.user.pk]
    assert organization["team_creation_permission"] == "administrators"
    body = {"name": "Ops", "description": "d", "type": "citizen", "organization_id": organization["id"]}
    denied = member.post("/teams", body)
    assert (denied.status_code, denied.json()) == (403, {"detail": "You can not create a team for this organization"})
    team = admin.post("/teams", {**body, "user_ids": [member.user.pk]}).json()
    assert team["users_count"] == 1 and team["administrators_ids"] == [admin.user.pk]
    assert [u["id"] for u in team["users"]] == [member.user.pk]
    assert team["current_user_participation"] == ["administrator"]
    spanish = admin.get(f"/organizations/{organization['id']}", HTTP_ACCEPT_LANGUAGE="es").json()
    assert spanish["name"] == "Ciudad" and spanish["people_involved"] == 1
    assert member.get("/users/me").json()["teams_ids"] == [team["id"]]


def test_team_members_and_administrators(admin, member, outsider):
    team = admin.post("/teams", {"name": "Ops", "description": "d", "type": "citizen"}).json()
    assert outsider.post(f"/teams/{team['id']}/users", {"user_id": member.user.pk}).status_code == 403
    added = admin.post(f"/teams/{team['id']}/users", {"user_id": member.user.pk}).json()
    assert added["users_count"] == 1
    removed = admin.delete(f"/teams/{team['id']}/users/{member.user.pk}").json()
    assert removed["users_count"] == 0
    last = admin.delete(f"/teams/{team['id']}/administrators/{admin.user.pk}")
    assert last.status_code == 400
    applied = outsider.post(f"/teams/{team['id']}/apply").json()
    assert [u["id"] for u in applied] == [outsider.user.pk]
    assert admin.get(f"/teams/{models.Team.objects.first().pk.hex[:8]}").status_code == 422


def test_users_search(admin, member):
    team = factories.TeamFactory(members=[member.user], organization=factories.OrganizationFactory())
    assert [u["id"] for u in admin.get("/users/search", {"by": member.user.email}).json()] == [member.user.pk]
    found = admin.get("/users/search", {"by": "bo mem", "organization_id": str(team.organization_id)}).json()
    assert [u["id"] for u in found] == [member.user.pk]
    assert admin.get("/users/search").status_code == 422
    assert admin.put("/users/agree-terms").json()["agreeTermsOfUse"] is True


def test_permission_creation_needs_a_process_administrator_and_notifies(admin, member):
    process = factories.ProcessFactory(administrators=[admin.user])
    team = factories.TeamFactory(members=[member.user])
    factories.NotificationFactory(event="add_team_copro", text="{teamName} joined {processName}")
    body = {"team_id": str(team.pk), "coproductionprocess_id": str(process.pk), "access_assets_permission": True}
    denied = member.post("/permissions", body)
    assert (denied.status_code, denied.json()) == (
        403,
        {"detail": "You are not allowed to update this coproductionprocess"},
    )
    permission = admin.post("/permissions", body).json()
    assert permission["access_assets_permission"] is True and permission["treeitem_id"] is None
    log = admin.get(f"/coproductionprocessnotifications/{process.pk}/listCoproductionProcessNotifications").json()
    assert len(log) == 1 and '"teamName": "' + team.name + '"' in log[0]["parameters"]
    inbox = member.get("/usernotifications").json()
    assert len(inbox) == 1 and inbox[0]["notification"]["event"] == "add_team_copro"
    missing = admin.post("/permissions", {**body, "coproductionprocess_id": None, "treeitem_id": str(team.pk)})
    assert (missing.status_code, missing.json()) == (404, {"detail": "Tree Item not found"})


@pytest.mark.parametrize(("path", "queries"), [("/teams", 9), ("/organizations", 12), ("/permissions", 10)])
def test_lists_run_a_fixed_number_of_queries(admin, coproduction_queries, path, queries):
    def grow():
        organization = factories.OrganizationFactory(public=True)
        models.OrganizationAdministrator.objects.create(organization=organization, user=admin.user)
        team = factories.TeamFactory(members=[admin.user, factories.UserFactory()], organization=organization)
        models.TeamAdministrator.objects.create(team=team, user=admin.user)
        factories.PermissionFactory(team=team)

    grow()
    with coproduction_queries(queries):
        admin.get(path)
    for _ in range(3):
        grow()
    with coproduction_queries(queries):
        assert len(admin.get(path).json()) == 4


def test_logotypes_are_stored_and_linked(admin, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    process = admin.post("/coproductionprocesses", {"name": "P", "language": "en"}).json()
    from common.tests.test_uploads import png_bytes

    upload = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = admin.post(f"/coproductionprocesses/{process['id']}/logotype", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["logotype"].endswith("logo.png") and body["logotype_link"].startswith("http://testserver/")
    assert (tmp_path / body["logotype"]).exists()
    missing = admin.post(f"/coproductionprocesses/{process['id']}/logotype", {}, format="multipart")
    assert missing.status_code == 422


def test_organisation_search_uses_the_request_language(admin):
    admin.post(
        "/organizations", {"name_translations": {"en": "Harbour", "es": "Puerto"}, "default_team_type": "citizen"}
    )
    admin.post("/organizations", {"name_translations": {"en": "Library"}, "default_team_type": "citizen"})
    assert [o["name"] for o in admin.get("/organizations", {"search": "harb"}).json()] == ["Harbour"]
    spanish = admin.get("/organizations", {"search": "puer"}, HTTP_ACCEPT_LANGUAGE="es").json()
    assert [o["name"] for o in spanish] == ["Puerto"]
    assert [o["name"] for o in admin.get("/organizations", {"search": "libr"}, HTTP_ACCEPT_LANGUAGE="es").json()] == [
        "Library"
    ]


def test_add_to_observers_creates_the_platform_team_and_a_task_permission(admin, outsider):
    # Anyone may observe a public process; other processes: docs/authorization.md.
    process = factories.ProcessFactory(
        administrators=[admin.user], creator=admin.user, name="Green city", is_public=True
    )
    task = factories.TaskFactory(
        objective=factories.ObjectiveFactory(phase=factories.PhaseFactory(coproductionprocess=process))
    )
    asset = factories.ExternalAssetFactory(task=task)
    body = {"users_ids": [], "coproduction_process_id": str(process.pk), "asset_id": str(asset.pk)}
    team = outsider.post("/teams/addtoobservers", body).json()
    assert team["name"] == "Observers_Green_city" and [u["id"] for u in team["users"]] == [outsider.user.pk]
    organization = models.Organization.objects.get(pk=team["organization_id"])
    assert organization.name_translations == dict.fromkeys(["en", "es", "lv", "it"], "Interlink-Platform")
    assert outsider.get(f"/permissions/for/{task.pk}").json()["your_permissions"]["access_assets_permission"]
    again = outsider.post("/teams/addtoobservers", body).json()
    assert again["id"] == team["id"] and models.Permission.objects.filter(team_id=team["id"]).count() == 1
