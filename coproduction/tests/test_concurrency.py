"""Aggregates stay right when changes arrive at the same time (real threads, real transactions)."""

import threading

import pytest
from django.db import connections, transaction

from coproduction import models, services
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["coproduction"], transaction=True)


def _run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            with transaction.atomic(using="coproduction"):
                job()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_concurrent_members_are_all_counted():
    team = factories.TeamFactory()
    users = [factories.UserFactory() for _ in range(6)]
    _run_together([lambda user=user: services.team_add_member(team=team, user=user) for user in users])
    assert models.Team.objects.get(pk=team.pk).users_count == 6


def test_concurrent_task_changes_all_reach_the_objective():
    objective = factories.ObjectiveFactory()
    tasks = [factories.TaskFactory(objective=objective) for _ in range(4)]
    _run_together([lambda task=task: services.task_update(task=task, data={"status": "finished"}) for task in tasks])
    objective = models.Objective.objects.get(pk=objective.pk)
    assert (objective.status, objective.progress) == ("finished", 100)
    assert models.Phase.objects.get(pk=objective.phase_id).status == "finished"
