"""The admin as a data-entry person uses it: a process, a schema, tasks finished, teams, organisations."""

import json
import re

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory as AccountFactory
from coproduction import models
from coproduction.tests import factories
from coproduction.tests.test_services import SCHEMA

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])

ADMIN = "/admin/coproduction"


@pytest.fixture
def browser():
    client = Client()
    client.force_login(AccountFactory(is_superuser=True))
    return client


def _task_form(task, status):
    return {
        "name": task.name,
        "status": status,
        "objective": str(task.objective_id),
        "management": 0,
        "development": 0,
        "exploitation": 0,
        "problemprofiles": "",
        "as_internalasset-TOTAL_FORMS": 0,
        "as_internalasset-INITIAL_FORMS": 0,
        "internalasset_set-TOTAL_FORMS": 0,
    }


def _add_process_with_schema(client, name, **fields):
    """POST the admin's add form of a process with ``SCHEMA`` applied."""
    form = {
        "name": name,
        "language": "en",
        "status": "in_progress",
        "apply_schema_json": json.dumps(SCHEMA),
        "children-TOTAL_FORMS": 0,
        "children-INITIAL_FORMS": 0,
        "permissions-TOTAL_FORMS": 0,
        "permissions-INITIAL_FORMS": 0,
        **fields,
    }
    return client.post(f"{ADMIN}/coproductionprocess/add/", form)


def test_every_changelist_and_add_page_opens(browser):
    factories.PermissionFactory(treeitem=factories.PhaseFactory())
    factories.StoryFactory()
    factories.OrganizationFactory()
    for model in models.__all__:
        cls = getattr(models, model)
        if not hasattr(cls, "_meta") or cls._meta.pk.__class__.__name__ == "CompositePrimaryKey":
            continue
        name = cls._meta.model_name
        assert browser.get(f"{ADMIN}/{name}/").status_code == 200, name
        if name == "activitylog":  # read only: the log is written by the services
            assert browser.get(f"{ADMIN}/{name}/add/").status_code == 403, name
        elif name != "treeitem":
            assert browser.get(f"{ADMIN}/{name}/add/").status_code == 200, name


def test_create_process_apply_schema_and_finish_tasks(browser):
    ana = factories.UserFactory(full_name="Ana")
    response = _add_process_with_schema(browser, "Green city", administrator_users=[ana.pk])
    assert response.status_code == 302, response.content.decode()[:3000]
    process = models.CoproductionProcess.objects.get(name="Green city")
    assert list(process.administrators.all()) == [ana]
    assert process.children.count() == 2
    objective = models.Objective.objects.get(name="Map")
    page = browser.get(f"{ADMIN}/objective/{objective.pk}/change/")
    assert b"T1" in page.content and b"T2" in page.content
    tasks = list(objective.children.order_by("name"))
    form = {
        "name": objective.name,
        "phase": str(objective.phase_id),
        "children-TOTAL_FORMS": 2,
        "children-INITIAL_FORMS": 2,
    }
    for i, task in enumerate(tasks):
        form.update(
            {
                f"children-{i}-treeitem_ptr": str(task.pk),
                f"children-{i}-objective": str(objective.pk),
                f"children-{i}-name": task.name,
                f"children-{i}-status": "finished",
            }
        )
    response = browser.post(f"{ADMIN}/objective/{objective.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    objective.refresh_from_db()
    phase = models.Phase.objects.get(pk=objective.phase_id)
    assert (objective.status, objective.progress) == ("finished", 100)
    assert (phase.status, phase.progress) == ("finished", 100)


def test_team_members_are_multi_select_and_count_follows(browser):
    ana, bo = factories.UserFactory(), factories.UserFactory()
    response = browser.post(
        f"{ADMIN}/team/add/",
        {
            "name": "Ops",
            "description": "d",
            "type": "citizen",
            "member_users": [ana.pk, bo.pk],
            "administrator_users": [ana.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    team = models.Team.objects.get(name="Ops")
    assert team.users_count == 2 and list(team.administrators.all()) == [ana]


def test_organisation_names_are_edited_per_language(browser):
    response = browser.post(
        f"{ADMIN}/organization/add/",
        {
            "name_en": "City",
            "name_es": "Ciudad",
            "description_en": "",
            "default_team_type": "citizen",
            "team_creation_permission": "administrators",
            "teams-TOTAL_FORMS": 0,
            "teams-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organization = models.Organization.objects.get()
    assert organization.name_translations == {"en": "City", "es": "Ciudad"}
    page = browser.get(f"{ADMIN}/organization/{organization.pk}/change/")
    assert b'value="Ciudad"' in page.content


def test_permissions_changelist_reads_at_a_glance(browser):
    phase = factories.PhaseFactory(name="Engage")
    factories.PermissionFactory(
        team=factories.TeamFactory(name="Ops"), coproductionprocess=phase.coproductionprocess, treeitem=phase
    )
    page = browser.get(f"{ADMIN}/permission/").content.decode()
    assert "Ops" in page and "Engage" in page and "(phase)" in page


def test_apply_a_catalogue_schema_from_the_picker(browser):
    from catalogue.tests import factories as cf

    schema = cf.CoproductionSchemaFactory(name_translations={"en": "Neighbourhood"})
    cf.TreeItemFactory(type="phase", name_translations={"en": "Listen"}, coproductionschema=schema)
    process = factories.ProcessFactory()
    found = browser.get(f"{ADMIN}/coproductionprocess/catalogue-picker/schema/", {"term": "neighb"}).json()
    assert found["results"] == [{"id": str(schema.pk), "text": "Neighbourhood"}]
    response = browser.post(
        f"{ADMIN}/coproductionprocess/{process.pk}/change/",
        {
            "name": process.name,
            "language": "en",
            "status": "in_progress",
            "apply_schema_id": str(schema.pk),
            "children-TOTAL_FORMS": 0,
            "children-INITIAL_FORMS": 0,
            "permissions-TOTAL_FORMS": 0,
            "permissions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [p.name for p in models.Phase.objects.filter(coproductionprocess=process)] == ["Listen"]
    assert models.CoproductionProcess.objects.get(pk=process.pk).schema_used == schema.pk


def test_a_bad_schema_body_is_reported_not_half_applied(browser):
    process = factories.ProcessFactory()
    body = {"id": "not-a-uuid", "children": [{"id": "a0000000-0000-0000-0000-000000000001", "name": "X"}]}
    response = browser.post(
        f"{ADMIN}/coproductionprocess/{process.pk}/change/",
        {
            "name": process.name,
            "language": "en",
            "status": "in_progress",
            "apply_schema_json": json.dumps(body),
            "children-TOTAL_FORMS": 0,
            "children-INITIAL_FORMS": 0,
            "permissions-TOTAL_FORMS": 0,
            "permissions-INITIAL_FORMS": 0,
        },
        follow=True,
    )
    assert b"Schema not applied" in response.content
    assert not models.Phase.objects.exists()


def _process_form(process, **extra):
    return {
        "name": process.name,
        "language": "en",
        "status": "in_progress",
        "children-TOTAL_FORMS": 0,
        "children-INITIAL_FORMS": 0,
        "permissions-TOTAL_FORMS": 0,
        "permissions-INITIAL_FORMS": 0,
        **extra,
    }


def test_applying_a_schema_to_a_process_with_a_tree_is_refused(browser):
    from catalogue.tests import factories as cf

    schema = cf.CoproductionSchemaFactory(name_translations={"en": "Neighbourhood"})
    cf.TreeItemFactory(type="phase", name_translations={"en": "Listen"}, coproductionschema=schema)
    process = factories.ProcessFactory()
    url = f"{ADMIN}/coproductionprocess/{process.pk}/change/"
    assert browser.post(url, _process_form(process, apply_schema_id=str(schema.pk))).status_code == 302
    again = browser.post(url, _process_form(process, apply_schema_id=str(schema.pk)))
    assert again.status_code == 200
    assert "already has a tree (1 phase)" in again.content.decode()
    assert models.Phase.objects.filter(coproductionprocess=process).count() == 1


def test_catalogue_ids_are_checked_against_the_catalogue(browser):
    import uuid

    process = factories.ProcessFactory()
    missing = uuid.uuid4()
    response = browser.post(
        f"{ADMIN}/coproductionprocess/{process.pk}/change/", _process_form(process, schema_used=str(missing))
    )
    assert response.status_code == 200
    assert f"Not a co-production schema of the catalogue: {missing}" in response.content.decode()
    assert (
        browser.post(
            f"{ADMIN}/coproductionprocess/{process.pk}/change/", _process_form(process, schema_used="NOPE")
        ).status_code
        == 200
    )
    assert models.CoproductionProcess.objects.get(pk=process.pk).schema_used is None
    assert browser.get(f"{ADMIN}/coproductionprocess/catalogue-picker/nothing/").status_code == 404


def test_labels_read_as_words(browser):
    phase_page = browser.get(f"{ADMIN}/phase/add/").content.decode()
    assert ">Co-production process:</label>" in phase_page and "Coproductionprocess:" not in phase_page
    process_page = browser.get(f"{ADMIN}/coproductionprocess/add/").content.decode()
    assert ">English (en)</option>" in process_page
    assert "set when saved" in browser.get(f"{ADMIN}/tag/add/").content.decode()


def test_a_tasks_catalogue_links_are_picked_from_the_catalogue(browser):
    from catalogue.tests import factories as cf

    profile = cf.ProblemProfileFactory(id="ORG_PROBLEM_7", name_translations={"en": "Low turnout"})
    task = factories.TaskFactory(name="Gather feedback")
    found = browser.get(f"{ADMIN}/coproductionprocess/catalogue-picker/problemprofile/", {"term": "turnout"}).json()
    assert found["results"] == [{"id": "ORG_PROBLEM_7", "text": "ORG_PROBLEM_7: Low turnout"}]
    url = f"{ADMIN}/task/{task.pk}/change/"
    prefixes = re.findall(r'name="([\w-]+)-TOTAL_FORMS"', browser.get(url).content.decode())
    form = _task_form(task, "awaiting") | {f"{p}-{k}_FORMS": 0 for p in prefixes for k in ("TOTAL", "INITIAL")}
    refused = browser.post(url, {**form, "problemprofiles": ["NOPE"]})
    assert "Not a problem profile of the catalogue: NOPE." in refused.content.decode()
    saved = browser.post(url, {**form, "problemprofiles": [profile.pk]})
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert models.Task.objects.get(pk=task.pk).problemprofiles == ["ORG_PROBLEM_7"]


def test_a_write_through_the_admin_is_logged_as_the_signed_in_account():
    account = AccountFactory(is_superuser=True)
    client = Client()
    client.force_login(account)
    response = _add_process_with_schema(client, "Logged")
    assert response.status_code == 302, response.content.decode()[:3000]
    process = models.CoproductionProcess.objects.get(name="Logged")
    records = models.ActivityLog.objects.filter(coproductionprocess_id=process.pk)
    assert "SET_SCHEMA" in {record.action for record in records}
    assert {record.user_id for record in records} == {str(account.pk)}
    assert all(record.data["user_id"] == str(account.pk) for record in records)
