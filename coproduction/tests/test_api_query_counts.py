"""Every list endpoint runs a fixed number of queries, whatever the amount of data (pinned).

Counts are on the coproduction database and include the caller lookup and the request's
transaction savepoints.
"""

import pytest

from coproduction import models, services
from coproduction.tests import factories

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])


def _grow(admin, process):
    """One more of everything a list shows, inside the admin's process."""
    phase = factories.PhaseFactory(coproductionprocess=process)
    objective = factories.ObjectiveFactory(phase=phase)
    task = factories.TaskFactory(objective=objective)
    task.prerequisites.add(factories.TaskFactory(objective=objective))
    asset = factories.ExternalAssetFactory(task=task)
    factories.InternalAssetFactory(task=task)
    team = factories.TeamFactory(members=[admin.user, factories.UserFactory()])
    factories.PermissionFactory(team=team, coproductionprocess=process, treeitem=phase)
    template = factories.NotificationFactory()
    models.UserNotification.objects.create(user=admin.user, notification=template, coproductionprocess=process)
    models.CoproductionProcessNotification.objects.create(coproductionprocess=process, notification=template)
    story = factories.StoryFactory(coproductionprocess=process)
    story.keywords.add(models.Keyword.objects.create(name=f"k{story.pk}"))
    services.rating_save(rating=models.Rating(artefact_type="story", artefact_id=process.pk, value=3))
    assignment = models.Assignment.objects.create(user=admin.user, asset=asset, coproductionprocess=process)
    models.Claim.objects.create(user=admin.user, asset=asset, assignment=assignment, coproductionprocess=process)
    models.ParticipationRequest.objects.create(candidate=factories.UserFactory(), coproductionprocess=process)
    return task


PATHS = {
    "/coproductionprocesses/{process}/tree": 16,
    "/phases": 6,
    "/objectives": 6,
    "/tasks": 6,
    "/assets?task_id={task}": 9,
    "/stories": 6,
    "/stories/listStories": 5,
    "/ratings": 5,
    "/notifications": 4,
    "/usernotifications": 4,
    "/coproductionprocessnotifications": 4,
    "/participationrequests": 5,
    "/claims": 5,
    "/assignments": 7,
    "/tags": 4,
    "/keywords": 4,
    "/users/search?by=x": 4,
    "/permissions": 9,
    "/usernotifications/{process}/listNotificationsbyCopro": 4,
    "/participationrequests/{process}/listFullParticipationRequestsbyCoproId": 5,
}


@pytest.mark.parametrize(("path", "queries"), PATHS.items())
def test_list_endpoint_query_count_is_fixed(admin, coproduction_queries, path, queries):
    process = factories.ProcessFactory(administrators=[admin.user])
    task = _grow(admin, process)
    url = path.format(process=process.pk, task=task.pk)
    with coproduction_queries(queries):
        small = admin.get(url)
    assert small.status_code == 200, small.content
    for _ in range(3):
        _grow(admin, process)
    with coproduction_queries(queries):
        assert admin.get(url).status_code == 200
