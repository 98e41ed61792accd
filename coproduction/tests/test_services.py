"""The rules of spec §5: aggregates, status/progress, soft delete, prerequisites, permissions,
set_schema, cloning, ratings and notification parameters."""

import datetime
from decimal import Decimal

import pytest

from common.exceptions import APIError
from coproduction import models, services
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["coproduction"])


def _tree():
    phase = factories.PhaseFactory()
    objective = factories.ObjectiveFactory(phase=phase)
    tasks = [factories.TaskFactory(objective=objective) for _ in range(4)]
    return phase, objective, tasks


def _reload(obj):
    return type(obj).objects.get(pk=obj.pk)


# Status and progress -------------------------------------------------------------------


def test_finishing_tasks_moves_objective_and_phase_status_and_progress():
    phase, objective, tasks = _tree()
    services.task_update(task=tasks[0], data={"status": "finished"})
    services.task_update(task=tasks[1], data={"status": "in_progress"})
    objective, phase = _reload(objective), _reload(phase)
    assert objective.status == "in_progress"
    assert objective.progress == Decimal(37)  # (1/2 + 1) * 100 / 4 = 37.5 -> 37
    assert phase.status == "in_progress"
    assert phase.progress == Decimal(50)  # its one objective is in progress: 1/2 * 100 / 1
    for task in tasks:
        services.task_update(task=task, data={"status": "finished"})
    assert _reload(objective).status == "finished" and _reload(objective).progress == 100
    assert _reload(phase).status == "finished" and _reload(phase).progress == 100


def test_disabling_the_unfinished_tasks_finishes_the_objective_and_its_phase():
    phase, objective, tasks = _tree()
    services.task_update(task=tasks[0], data={"status": "finished"})
    for task in tasks[1:]:
        services.treeitem_disable(item=task, user=None)
    assert _reload(objective).status == "finished"
    assert _reload(objective).progress == 100
    assert _reload(phase).status == "finished"


def test_objective_without_active_children_is_finished_with_progress_zero():
    phase, objective, tasks = _tree()
    for task in tasks:
        services.treeitem_disable(item=task, user=None)
    objective = _reload(objective)
    assert (objective.status, objective.progress) == ("finished", 0)


def test_first_asset_on_an_awaiting_task_sets_it_in_progress_and_moves_the_parents():
    phase, objective, tasks = _tree()
    services.asset_create(
        model=models.ExternalAsset, data={"name": "doc", "uri": "https://x"}, task=tasks[0], creator=None
    )
    assert _reload(tasks[0]).status == "in_progress"
    assert _reload(objective).status == "in_progress"
    assert _reload(objective).progress == 12  # 0.5 * 100 / 4
    assert _reload(phase).status == "in_progress"


# Dates and counts ----------------------------------------------------------------------


def test_start_and_end_dates_are_aggregated_up_to_the_process():
    phase, objective, tasks = _tree()
    services.task_update(
        task=tasks[0], data={"start_date": datetime.date(2024, 3, 1), "end_date": datetime.date(2024, 4, 1)}
    )
    services.task_update(
        task=tasks[1], data={"start_date": datetime.date(2024, 2, 1), "end_date": datetime.date(2024, 3, 15)}
    )
    services.treeitem_disable(item=tasks[1], user=None)  # disabled children still count, as upstream
    for item in (objective, phase, phase.coproductionprocess):
        item = _reload(item)
        assert (item.start_date, item.end_date) == (datetime.date(2024, 2, 1), datetime.date(2024, 4, 1))


def test_team_users_count_follows_membership_changes():
    team = factories.TeamFactory()
    ana, bo = factories.UserFactory(), factories.UserFactory()
    services.team_add_member(team=team, user=ana)
    team.users.add(bo)
    assert _reload(team).users_count == 2
    services.team_remove_member(team=team, user=ana)
    assert _reload(team).users_count == 1
    bo.teams.clear()
    assert _reload(team).users_count == 0


# Soft and hard delete ------------------------------------------------------------------


def test_soft_delete_keeps_rows_and_disables_descendants():
    phase, objective, tasks = _tree()
    user = factories.UserFactory()
    services.treeitem_disable(item=phase, user=user)
    phase = _reload(phase)
    assert phase.disabled_on is not None and phase.disabler_id == user.pk
    assert models.Task.objects.filter(pk=tasks[0].pk).exists()
    assert _reload(tasks[0]).is_disabled and _reload(objective).is_disabled
    assert _reload(tasks[0]).disabled_on is None


def test_clear_schema_hard_deletes_whole_rows_including_treeitem_roots():
    phase, objective, tasks = _tree()
    factories.ExternalAssetFactory(task=tasks[0])
    process = phase.coproductionprocess
    services.process_clear_schema(process=process)
    assert not models.TreeItem.objects.exists()
    assert not models.Asset.objects.exists()


def test_deleting_a_process_deletes_tree_stories_notifications_and_clones():
    phase, objective, tasks = _tree()
    process = phase.coproductionprocess
    user = factories.UserFactory()
    template = factories.NotificationFactory()
    models.CoproductionProcessNotification.objects.create(coproductionprocess=process, notification=template)
    models.UserNotification.objects.create(user=user, notification=template, coproductionprocess=process)
    factories.StoryFactory(coproductionprocess=process)
    clone = factories.ProcessFactory(cloned_from=process)
    services.process_delete(process=process)
    assert not models.CoproductionProcess.objects.filter(pk__in=[process.pk, clone.pk]).exists()
    assert not models.TreeItem.objects.exists()
    assert not models.Story.objects.exists()
    assert not models.UserNotification.objects.exists()
    assert not models.CoproductionProcessNotification.objects.exists()


def test_former_set_null_columns_cascade():
    user = factories.UserFactory()
    template = factories.NotificationFactory()
    process = factories.ProcessFactory()
    models.UserNotification.objects.create(user=user, notification=template)
    models.CoproductionProcessNotification.objects.create(coproductionprocess=process, notification=template)
    factories.StoryFactory(coproductionprocess=process)
    user.delete()
    assert not models.UserNotification.objects.exists()
    process.delete()
    assert not models.Story.objects.exists()
    template.delete()
    assert not models.CoproductionProcessNotification.objects.exists()


# Prerequisites -------------------------------------------------------------------------


def test_prerequisites_reject_self_links_and_cycles():
    phase, objective, (a, b, c, _) = _tree()
    with pytest.raises(APIError) as error:
        services.treeitem_set_prerequisite(item=a, prerequisite_id=a.pk)
    assert error.value.status_code == 400
    services.treeitem_set_prerequisite(item=b, prerequisite_id=a.pk)
    services.treeitem_set_prerequisite(item=c, prerequisite_id=b.pk)
    with pytest.raises(APIError):
        services.treeitem_set_prerequisite(item=a, prerequisite_id=c.pk)


def test_an_item_keeps_one_prerequisite_and_creation_inserts_into_the_chain():
    phase, objective, (a, b, c, _) = _tree()
    services.treeitem_set_prerequisite(item=b, prerequisite_id=a.pk)
    services.treeitem_set_prerequisite(item=b, prerequisite_id=c.pk)
    assert list(_reload(b).prerequisites.values_list("pk", flat=True)) == [c.pk]
    services.treeitem_set_prerequisite(item=b, prerequisite_id=a.pk)
    new = services.treeitem_create(
        model=models.Task, data={"name": "between", "objective": objective, "prerequisites_ids": [a.pk]}, creator=None
    )
    assert list(new.prerequisites.values_list("pk", flat=True)) == [a.pk]
    assert list(_reload(b).prerequisites.values_list("pk", flat=True)) == [new.pk]


# Effective permissions -----------------------------------------------------------------


def _member_team(user, team_type="citizen"):
    return factories.TeamFactory(members=[user], type=team_type)


def test_administrators_get_every_flag():
    phase, objective, tasks = _tree()
    admin = factories.UserFactory()
    models.CoproductionProcessAdministrator.objects.create(coproductionprocess=phase.coproductionprocess, user=admin)
    flags, roles = services.effective_permissions(admin, _reload(tasks[0]))
    assert all(flags.values()) and "administrator" in roles


def test_deeper_false_overrides_a_process_wide_true():
    phase, objective, tasks = _tree()
    process = phase.coproductionprocess
    user = factories.UserFactory()
    team = _member_team(user)
    factories.PermissionFactory(
        team=team, coproductionprocess=process, access_assets_permission=True, create_assets_permission=True
    )
    factories.PermissionFactory(
        team=team, coproductionprocess=process, treeitem=objective, create_assets_permission=False
    )
    flags, roles = services.effective_permissions(user, _reload(tasks[0]))
    assert flags == {
        "access_assets_permission": True,
        "create_assets_permission": False,
        "delete_assets_permission": False,
    }
    assert roles == ["citizen"]
    other_phase = factories.PhaseFactory(coproductionprocess=process)
    flags, _ = services.effective_permissions(user, other_phase)
    assert flags["create_assets_permission"] is True


def test_at_equal_depth_true_wins_and_user_only_permissions_are_ignored():
    phase, objective, tasks = _tree()
    process = phase.coproductionprocess
    user = factories.UserFactory()
    factories.PermissionFactory(
        team=_member_team(user), coproductionprocess=process, treeitem=phase, delete_assets_permission=False
    )
    factories.PermissionFactory(
        team=_member_team(user, "public_administration"),
        coproductionprocess=process,
        treeitem=phase,
        delete_assets_permission=True,
    )
    factories.PermissionFactory(
        team=None, user=user, coproductionprocess=process, treeitem=tasks[0], access_assets_permission=False
    )
    flags, roles = services.effective_permissions(user, _reload(tasks[0]))
    assert flags["delete_assets_permission"] is True and flags["access_assets_permission"] is True
    assert sorted(roles) == ["citizen", "public_administration"]


def test_outsiders_get_nothing():
    phase, objective, tasks = _tree()
    flags, roles = services.effective_permissions(factories.UserFactory(), _reload(tasks[0]))
    assert not any(flags.values()) and roles == []


# set_schema and cloning ----------------------------------------------------------------

SCHEMA = {
    "id": "6d6f1f42-7d1c-4c38-9f1b-111111111111",
    "children": [
        {
            "id": "a0000000-0000-0000-0000-000000000001",
            "name": "Engage",
            "description": "d",
            "is_part_of_codelivery": False,
            "prerequisites_ids": [],
            "children": [
                {
                    "id": "b0000000-0000-0000-0000-000000000001",
                    "name": "Map",
                    "prerequisites_ids": [],
                    "children": [
                        {
                            "id": "c0000000-0000-0000-0000-000000000001",
                            "name": "T1",
                            "problemprofiles": [{"id": "PP1"}],
                        },
                        {
                            "id": "c0000000-0000-0000-0000-000000000002",
                            "name": "T2",
                            "prerequisites_ids": ["c0000000-0000-0000-0000-000000000001"],
                            "management": 3,
                        },
                    ],
                }
            ],
        },
        {
            "id": "a0000000-0000-0000-0000-000000000002",
            "name": "Design",
            "is_part_of_codelivery": True,
            "prerequisites_ids": ["a0000000-0000-0000-0000-000000000001"],
            "children": [],
        },
    ],
}


def test_set_schema_builds_the_tree_with_prerequisites():
    process = factories.ProcessFactory()
    services.set_schema(process=process, schema=SCHEMA, creator=None)
    assert str(_reload(process).schema_used) == SCHEMA["id"]
    phases = {p.name: p for p in models.Phase.objects.filter(coproductionprocess=process)}
    assert set(phases) == {"Engage", "Design"} and phases["Design"].is_part_of_codelivery
    assert list(phases["Design"].prerequisites.all()) == [phases["Engage"].treeitem_ptr]
    t1, t2 = models.Task.objects.get(name="T1"), models.Task.objects.get(name="T2")
    assert t1.problemprofiles == ["PP1"] and t2.management == 3 and t1.management == 0
    assert list(t2.prerequisites.values_list("pk", flat=True)) == [t1.pk]
    assert str(t1.from_item) == "c0000000-0000-0000-0000-000000000001" and str(t1.from_schema) == SCHEMA["id"]
    ordered = models.Phase.objects.filter(coproductionprocess=process).order_by("created_at", "id")
    assert [p.name for p in ordered] == ["Engage", "Design"]  # insertion order survives one transaction


def test_copy_clones_tree_prerequisites_assets_and_permissions():
    admin = factories.UserFactory()
    process = factories.ProcessFactory(administrators=[admin])
    services.set_schema(process=process, schema=SCHEMA, creator=admin)
    t2 = models.Task.objects.get(name="T2")
    factories.ExternalAssetFactory(task=t2)
    factories.PermissionFactory(coproductionprocess=process, treeitem=t2)
    clone = services.process_copy(process=process, user=admin)
    assert clone.name == f"Copy of {process.name}" and clone.cloned_from_id == process.pk
    new_t2 = models.Task.objects.get(name="T2", objective__phase__coproductionprocess=clone)
    assert new_t2.prerequisites.get().name == "T1"
    assert new_t2.assets.count() == 1
    assert models.Permission.objects.get(coproductionprocess=clone).treeitem_id == new_t2.pk
    assert list(clone.administrators.all()) == [admin]


# Ratings and notification parameters ---------------------------------------------------


def test_story_rating_follows_create_update_and_delete():
    story = factories.StoryFactory()
    r1 = services.rating_save(rating=models.Rating(artefact_type="story", artefact_id=story.pk, value=4))
    services.rating_save(rating=models.Rating(artefact_type="story", artefact_id=story.pk, value=5))
    assert (_reload(story).rating, _reload(story).ratings_count) == (Decimal("4.5"), 2)
    r1.value = 1
    services.rating_save(rating=r1)
    assert _reload(story).rating == Decimal("3.0")
    services.rating_delete(rating=r1)
    assert (_reload(story).rating, _reload(story).ratings_count) == (Decimal("5.0"), 1)


@pytest.mark.parametrize(
    "stored",
    [
        {"teamName": "A", "copro_id": "1"},
        '{"teamName": "A", "copro_id": "1"}',
        "{'teamName': 'A', 'copro_id': '1'}",
        '"{\\"teamName\\": \\"A\\", \\"copro_id\\": \\"1\\"}"',
    ],
)
def test_notification_parameters_are_read_tolerantly(stored):
    assert services.parse_parameters(stored) == {"teamName": "A", "copro_id": "1"}
    assert services.parameters_text(stored) == '{"teamName": "A", "copro_id": "1"}'


def test_unparseable_parameters_are_rejected_on_input_and_kept_when_stored():
    with pytest.raises(ValueError):
        services.parse_parameters("{not json", strict=True)
    assert services.parse_parameters("{not json") == "{not json"


def test_legacy_string_parameters_round_trip_through_the_json_column():
    user, template = factories.UserFactory(), factories.NotificationFactory()
    row = models.UserNotification.objects.create(user=user, notification=template, parameters="{'a': 'b'}")
    assert services.parse_parameters(_reload(row).parameters) == {"a": "b"}
    row = models.UserNotification.objects.create(user=user, notification=template, parameters={"a": "é"})
    assert _reload(row).parameters == {"a": "é"}


def test_short_user_name():
    assert services.short_user_name("Ana María López") == "A.M.López"


def test_set_schema_rejects_a_cyclic_body():
    process = factories.ProcessFactory()
    cyclic = {
        "id": SCHEMA["id"],
        "children": [
            {"id": P1, "name": "A", "prerequisites_ids": [P2], "children": []},
            {"id": P2, "name": "B", "prerequisites_ids": [P1], "children": []},
        ],
    }
    with pytest.raises(APIError) as error:
        services.set_schema(process=process, schema=cyclic, creator=None)
    assert error.value.status_code == 400
    with pytest.raises(APIError) as error:
        services.set_schema(process=process, schema={"id": "x", "children": []}, creator=None)
    assert error.value.status_code == 422


P1, P2 = "d0000000-0000-0000-0000-000000000001", "d0000000-0000-0000-0000-000000000002"
