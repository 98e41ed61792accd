"""Reads with joins and prefetches: each list is fetched in a fixed number of queries."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet

from coproduction import models


def users_qs() -> QuerySet:
    return models.User.objects.prefetch_related("teams")


def teams_qs() -> QuerySet:
    return models.Team.objects.prefetch_related(
        Prefetch("users", queryset=users_qs()),
        Prefetch("administrators", queryset=users_qs()),
        "applies",
    )


def organizations_qs() -> QuerySet:
    return models.Organization.objects.prefetch_related(
        Prefetch("administrators", queryset=users_qs()),
        Prefetch("teams", queryset=teams_qs()),
    )


_DISABLED = (
    Q(treeitem__disabled_on__isnull=False)
    | Q(treeitem__as_objective__phase__disabled_on__isnull=False)
    | Q(treeitem__as_task__objective__disabled_on__isnull=False)
    | Q(treeitem__as_task__objective__phase__disabled_on__isnull=False)
)


def permissions_qs() -> QuerySet:
    return models.Permission.objects.prefetch_related(Prefetch("team", queryset=teams_qs())).annotate(
        treeitem_disabled=ExpressionWrapper(_DISABLED, output_field=BooleanField())
    )


def processes_qs() -> QuerySet:
    return models.CoproductionProcess.objects.prefetch_related(
        Prefetch("administrators", queryset=users_qs()),
        "tags",
        Prefetch("permissions", queryset=permissions_qs()),
    )


def public_processes_qs() -> QuerySet:
    return models.CoproductionProcess.objects.prefetch_related(Prefetch("administrators", queryset=users_qs()), "tags")


def processes_visible_to(user: models.User) -> QuerySet:
    """Processes the user administers or holds a permission on (directly or through a team)."""
    ids = models.CoproductionProcess.objects.filter(
        Q(administrators=user) | Q(permissions__user=user) | Q(permissions__team__users=user)
    ).values("pk")
    return processes_qs().filter(pk__in=ids)


def can_read_process(user: models.User, process_id) -> bool:
    return processes_visible_to(user).filter(pk=process_id).exists()


def tasks_qs() -> QuerySet:
    return models.Task.objects.select_related("objective").prefetch_related("prerequisites")


def objectives_qs() -> QuerySet:
    return models.Objective.objects.prefetch_related("prerequisites")


def phases_qs() -> QuerySet:
    return models.Phase.objects.prefetch_related("prerequisites")


def tree_qs(process_id) -> QuerySet:
    """Phases of a process with objectives and tasks (disabled ones included)."""
    return (
        phases_qs()
        .filter(coproductionprocess_id=process_id)
        .prefetch_related(
            Prefetch("children", queryset=objectives_qs().prefetch_related(Prefetch("children", queryset=tasks_qs())))
        )
    )


def disabled_item_ids(process_id=None) -> set:
    items = models.TreeItem.objects.filter(disabled_on__isnull=False)
    if process_id is not None:
        items = items.filter(
            Q(as_phase__coproductionprocess_id=process_id) | Q(as_objective__phase__coproductionprocess_id=process_id)
        )
    return set(items.values_list("pk", flat=True))


def process_permissions(process_id) -> list:
    return list(
        models.Permission.objects.filter(coproductionprocess_id=process_id).prefetch_related(
            Prefetch("team", queryset=teams_qs())
        )
    )


def assets_qs() -> QuerySet:
    return models.Asset.objects.select_related("as_internalasset", "as_externalasset")


# Stories, notifications, participation requests, claims and assignments ------------------------


def stories_qs() -> QuerySet:
    return models.Story.objects.prefetch_related("keywords")


def story_list(*, minimum_rating: float | None = None, search: str | None = None, keyword: str | None = None):
    """Stories rated at least ``minimum_rating``, whose title or description holds ``search``,
    whose keywords hold ``keyword`` (each filter only when given)."""
    stories = stories_qs()
    if minimum_rating is not None:
        stories = stories.filter(rating__gte=minimum_rating)
    if search:
        stories = stories.filter(Q(data_story__title__icontains=search) | Q(data_story__description__icontains=search))
    if keyword:
        stories = stories.filter(data_story__keywords__icontains=keyword)
    return stories


def user_notifications_qs() -> QuerySet:
    return models.UserNotification.objects.select_related("notification").order_by("-created_at", "id")


def process_notifications_qs() -> QuerySet:
    return models.CoproductionProcessNotification.objects.select_related("notification").order_by("-created_at", "id")


def participation_requests_qs() -> QuerySet:
    return (
        models.ParticipationRequest.objects.select_related("candidate")
        .prefetch_related("candidate__teams")
        .order_by("created_at", "id")
    )


def claims_qs() -> QuerySet:
    return (
        models.Claim.objects.select_related("user", "asset__as_internalasset", "asset__as_externalasset")
        .prefetch_related("user__teams")
        .order_by("-created_at", "id")
    )


def assignments_qs() -> QuerySet:
    return (
        models.Assignment.objects.select_related("user", "asset__as_internalasset", "asset__as_externalasset")
        .prefetch_related("user__teams", Prefetch("claims", queryset=claims_qs()))
        .order_by("-created_at", "id")
    )
