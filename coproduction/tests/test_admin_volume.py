"""The admin at real volume: 20,000 co-production users and a few thousand tree items.

Pages stay small (no select lists every user) and run a fixed number of queries whatever the
row count: each page is measured on a small tree and again at full volume, and the counts are
pinned.
"""

import uuid

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory as AccountFactory
from coproduction import models
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])

ADMIN = "/admin/coproduction"
USERS = 20_000
ALIASES = ("default", "coproduction", "catalogue")


def _get(client, url):
    contexts = [CaptureQueriesContext(connections[alias]) for alias in ALIASES]
    for context in contexts:
        context.__enter__()
    try:
        response = client.get(url)
    finally:
        for context in contexts:
            context.__exit__(None, None, None)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert "object at 0x" not in text and "DatabaseDefault" not in text, url
    return text, sum(len(context.captured_queries) for context in contexts)


def _users(count):
    models.User.objects.bulk_create(
        models.User(id=str(uuid.uuid4()), full_name=f"Volume user {n:05}", email=f"volume{n}@example.com")
        for n in range(count)
    )


def _tree(process, *, phases, objectives, tasks):
    """``phases`` × ``objectives`` × ``tasks`` items under ``process``, inserted in bulk."""

    def items(model, kind, parents, per_parent, parent_field, name):
        rows = [
            models.TreeItem(id=uuid.uuid4(), type=kind, name=f"{name} {n + 1}", status="awaiting")
            for _ in parents
            for n in range(per_parent)
        ]
        models.TreeItem.objects.bulk_create(rows)
        created = []
        for index, row in enumerate(rows):
            child = model(treeitem_ptr_id=row.id, **{parent_field: parents[index // per_parent]})
            child.__dict__.update({k: v for k, v in row.__dict__.items() if k != "_state"})
            child.save_base(raw=True)
            created.append(child)
        return created

    phase_rows = items(models.Phase, "phase", [process], phases, "coproductionprocess", "Phase")
    objective_rows = items(models.Objective, "objective", phase_rows, objectives, "phase", "Objective")
    task_rows = items(models.Task, "task", objective_rows, tasks, "objective", "Gather feedback")
    return phase_rows, objective_rows, task_rows


def _pages(process, team, task):
    return {
        "team change": f"{ADMIN}/team/{team.pk}/change/",
        "process change": f"{ADMIN}/coproductionprocess/{process.pk}/change/",
        "task change": f"{ADMIN}/task/{task.pk}/change/",
        "user list": f"{ADMIN}/user/",
        "team list": f"{ADMIN}/team/",
        "process list": f"{ADMIN}/coproductionprocess/",
        "phase list": f"{ADMIN}/phase/",
        "objective list": f"{ADMIN}/objective/",
        "task list": f"{ADMIN}/task/",
        "task list of the process": f"{ADMIN}/task/?process={process.pk}",
        "asset list": f"{ADMIN}/asset/",
    }


def test_pages_stay_small_and_run_fixed_queries_at_20000_users():
    client = Client()
    client.force_login(AccountFactory(is_superuser=True))
    members = factories.UserFactory.create_batch(3)
    team = factories.TeamFactory(name="Volunteers")
    for user in members:
        models.TeamMember.objects.create(team=team, user=user)
    models.TeamAdministrator.objects.create(team=team, user=members[0])
    process = factories.ProcessFactory(name="Process X")
    models.CoproductionProcessAdministrator.objects.create(coproductionprocess=process, user=members[1])
    _, _, tasks = _tree(process, phases=1, objectives=1, tasks=2)

    for url in _pages(process, team, tasks[0]).values():
        _get(client, url)  # content types are cached on first use
    small = {name: _get(client, url)[1] for name, url in _pages(process, team, tasks[0]).items()}

    _users(USERS)
    _tree(factories.ProcessFactory(name="Process Y"), phases=3, objectives=10, tasks=100)
    _tree(process, phases=2, objectives=2, tasks=20)
    assert models.User.objects.count() > USERS and models.TreeItem.objects.count() > 3000

    large = {}
    for name, url in _pages(process, team, tasks[0]).items():
        text, large[name] = _get(client, url)
        assert text.count("<option") <= 100, name
        if name in ("team change", "process change"):
            assert len(text.encode()) < 200_000, (name, len(text.encode()))
    assert large == small
    assert large == PINNED


PINNED = {
    "team change": 12,
    "process change": 13,
    "task change": 12,
    "user list": 9,
    "team list": 9,
    "process list": 9,
    "phase list": 10,
    "objective list": 10,
    "task list": 10,
    "task list of the process": 10,
    "asset list": 10,
}


def test_tree_autocompletes_tell_same_named_items_apart():
    client = Client()
    client.force_login(AccountFactory(is_superuser=True))
    for name in ("Process A", "Process B"):
        _tree(factories.ProcessFactory(name=name), phases=1, objectives=1, tasks=1)
    response = client.get(
        "/admin/autocomplete/",
        {"term": "objective", "app_label": "coproduction", "model_name": "task", "field_name": "objective"},
    )
    labels = sorted(row["text"] for row in response.json()["results"])
    assert labels == ["Objective 1 — Phase 1 — Process A", "Objective 1 — Phase 1 — Process B"]
