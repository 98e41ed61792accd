"""The lean read paths (coproduction/api/serializers/lean.py, issue 16) answer byte for byte what
the DRF serializers answered before them: the process lists (mine, public) and a process's tree,
and the phase and objective details that share its rendered permissions.

The expected bodies are computed here with the serializers (``ProcessOutFullSerializer``,
``ProcessOutSerializer``, ``PhaseOutFullSerializer`` with the permissions and teams rendered by
``PermissionOutFullSerializer`` and ``TeamOutSerializer``: the code path before issue 16) from the
selectors' querysets, and rendered by the response's renderer. The data has several processes,
administrators, teams with members, administrators and applicants, tags, permissions on the
whole process and on tree items (some disabled), prerequisites, a stored and a legacy logotype;
each path is asked by an administrator, a team member, an outsider and anonymously, in English
and Spanish.
"""

from datetime import UTC, datetime

import pytest
from django.db.models import Prefetch
from rest_framework.test import APIClient

from coproduction import models, selectors
from coproduction.api.serializers.lean import RenderedPermissions
from coproduction.api.serializers.notifications import NotificationSerializer
from coproduction.api.serializers.objectives import ObjectiveOutFullSerializer
from coproduction.api.serializers.permissions import PermissionOutFullSerializer
from coproduction.api.serializers.phases import PhaseOutFullSerializer
from coproduction.api.serializers.processes import ProcessOutFullSerializer, ProcessOutSerializer
from coproduction.api.serializers.teams import TeamOutSerializer
from coproduction.tests import factories
from coproduction.tests.conftest import API

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])


@pytest.fixture
def world(admin, member, outsider):
    helper, applicant = factories.UserFactory(full_name="Zoe Helper"), factories.UserFactory(full_name="Al Applicant")
    team_a = factories.TeamFactory(members=[admin.user, helper], logotype="teams/a/logo.png")
    team_b = factories.TeamFactory(members=[member.user, helper, applicant], logotype="/static/team-b.png")
    models.TeamAdministrator.objects.create(team=team_a, user=helper)
    models.TeamAdministrator.objects.create(team=team_b, user=admin.user)
    models.TeamApply.objects.create(team=team_a, user=applicant)
    tags = [factories.TagFactory(name=name) for name in ("water", "city", "energy")]

    first = factories.ProcessFactory(
        administrators=[admin.user, helper], language="es", logotype="coproductionprocesses/1/logo.png"
    )
    first.tags.add(tags[0], tags[1])
    second = factories.ProcessFactory(administrators=[member.user], is_public=True, rating=4.5, ratings_count=2)
    second.tags.add(tags[1])
    third = factories.ProcessFactory(administrators=[helper], is_public=True, logotype="/static/logo.png")
    third.tags.add(*tags)
    factories.ProcessFactory(administrators=[outsider.user], name="Lonely")

    engage = factories.PhaseFactory(coproductionprocess=first, name="Engage")
    design = factories.PhaseFactory(coproductionprocess=first, name="Design")
    design.prerequisites.add(engage)
    goal = factories.ObjectiveFactory(phase=engage)
    dropped = factories.ObjectiveFactory(phase=engage, disabled_on=datetime(2026, 1, 2, tzinfo=UTC))
    later = factories.ObjectiveFactory(phase=design)
    task = factories.TaskFactory(objective=goal, status=models.Status.FINISHED, problemprofiles=["p1", "p2"])
    after = factories.TaskFactory(objective=goal, management=3)
    after.prerequisites.add(task)
    factories.TaskFactory(objective=dropped)
    factories.TaskFactory(objective=later)

    factories.PermissionFactory(team=team_a, coproductionprocess=first)
    factories.PermissionFactory(team=team_b, coproductionprocess=first, treeitem=engage, create_assets_permission=True)
    factories.PermissionFactory(team=team_a, coproductionprocess=first, treeitem=dropped)
    factories.PermissionFactory(team=team_b, coproductionprocess=first, treeitem=after)
    factories.PermissionFactory(team=team_b, coproductionprocess=second)
    factories.PermissionFactory(
        team=team_a, coproductionprocess=third, treeitem=factories.PhaseFactory(coproductionprocess=third)
    )
    return {"first": first, "third": third, "engage": engage, "goal": goal, "dropped": dropped}


def context_of(response, caller) -> dict:
    return {"request": response.wsgi_request, "user": caller.user if caller else None}


def my_processes(caller, *, search=None, skip=0, limit=100):
    def expected(context):
        processes = selectors.process_list(caller.user, search=search)[skip : skip + limit]
        return ProcessOutFullSerializer(processes, many=True, context=context).data

    return expected


def public_processes(*, page=1, size=50, search=None, tags=()):
    def expected(context):
        processes = selectors.public_process_list(search=search, tags=tags).order_by("created_at", "id")
        rows = processes[(page - 1) * size : page * size]
        items = ProcessOutSerializer(rows, many=True, context=context).data
        return {"items": items, "total": processes.count(), "page": page, "size": size}

    return expected


def serializer_permissions(process_id, context) -> RenderedPermissions:
    """``RenderedPermissions`` as the serializers rendered it before issue 16."""
    permissions = list(
        models.Permission.objects.filter(coproductionprocess_id=process_id).prefetch_related(
            Prefetch("team", queryset=selectors.teams_qs())
        )
    )
    rendered = PermissionOutFullSerializer(permissions, many=True, context=context).data
    teams = list({p.team.pk: p.team for p in permissions if p.team is not None}.values())
    rendered_teams = TeamOutSerializer(teams, many=True, context=context).data
    return RenderedPermissions(
        permissions,
        {p.pk: data for p, data in zip(permissions, rendered, strict=True)},
        {team.pk: data for team, data in zip(teams, rendered_teams, strict=True)},
    )


def tree(process):
    def expected(context):
        context = {
            **context,
            "process_permissions": serializer_permissions(process.pk, context),
            "disabled_ancestors": selectors.disabled_item_ids(process.pk),
        }
        return PhaseOutFullSerializer(selectors.tree_qs(process.pk), many=True, context=context).data

    return expected


def item(serializer, queryset, pk, process):
    def expected(context):
        context = {
            **context,
            "process_permissions": serializer_permissions(process.pk, context),
            "disabled_ancestors": selectors.disabled_item_ids(process.pk),
        }
        return serializer(queryset.get(pk=pk), context=context).data

    return expected


def assert_answers_as_the_serializers(caller, cases) -> int:
    client = caller.client if caller else APIClient()
    checked = 0
    for language in ("en", "es"):
        for path, expected in cases:
            response = client.get(API + path, HTTP_ACCEPT_LANGUAGE=language)
            if response.status_code != 200:
                assert caller is None or response.status_code == 403, (path, response.content)
                continue
            body = expected(context_of(response, caller))
            rendered = response.accepted_renderer.render(body, response.accepted_media_type, response.renderer_context)
            assert response.content == rendered, f"{path} ({language})"
            checked += 1
    return checked


@pytest.mark.parametrize(("who", "answers"), [("admin", 28), ("member", 26), ("outsider", 24), ("anonymous", 10)])
def test_process_lists_and_trees_answer_as_the_serializers(request, world, who, answers):
    """Every 200 answer (the count pins which paths the caller may read) equals the serializers'."""
    caller = None if who == "anonymous" else request.getfixturevalue(who)
    first, third = world["first"], world["third"]
    cases = [
        ("/coproductionprocesses/public", public_processes()),
        ("/coproductionprocesses/public?page=2&size=1", public_processes(page=2, size=1)),
        ("/coproductionprocesses/public?search=Process", public_processes(search="Process")),
        ("/coproductionprocesses/public?tag=city", public_processes(tags=["city"])),
        ("/coproductionprocesses/public?search=nothing", public_processes(search="nothing")),
    ]
    if caller is not None:
        cases += [
            ("/coproductionprocesses", my_processes(caller)),
            ("/coproductionprocesses?skip=1&limit=1", my_processes(caller, skip=1, limit=1)),
            ("/coproductionprocesses?search=Process", my_processes(caller, search="Process")),
            ("/coproductionprocesses?search=nothing", my_processes(caller, search="nothing")),
            (f"/coproductionprocesses/{first.pk}/tree", tree(first)),
            (f"/coproductionprocesses/{third.pk}/tree", tree(third)),
            (
                f"/phases/{world['engage'].pk}",
                item(PhaseOutFullSerializer, selectors.phase_full_qs(), world["engage"].pk, first),
            ),
            (
                f"/objectives/{world['goal'].pk}",
                item(ObjectiveOutFullSerializer, selectors.objective_full_qs(), world["goal"].pk, first),
            ),
            (
                f"/objectives/{world['dropped'].pk}",
                item(ObjectiveOutFullSerializer, selectors.objective_full_qs(), world["dropped"].pk, first),
            ),
        ]
    assert assert_answers_as_the_serializers(caller, cases) == answers


def test_notification_templates_answer_as_the_serializer(admin):
    factories.NotificationFactory()
    factories.NotificationFactory(event="add_team_copro", language="es", subtitle="", icon="/static/i.png")
    factories.NotificationFactory(title="", language="lv", url_link="https://example.org")

    def expected(context):
        return NotificationSerializer(selectors.notification_template_list(), many=True, context=context).data

    assert assert_answers_as_the_serializers(admin, [("/notifications", expected)]) == 2
