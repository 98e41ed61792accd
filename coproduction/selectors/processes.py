"""Co-production processes (``/coproductionprocesses``): who sees and administers which."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, Q, QuerySet

from common.compiled import CompiledQuery
from coproduction import models
from coproduction.selectors.permissions import permissions_qs
from coproduction.selectors.users import users_qs


def processes_qs() -> QuerySet:
    return models.CoproductionProcess.objects.prefetch_related(
        Prefetch("administrators", queryset=users_qs()),
        "tags",
        Prefetch("permissions", queryset=permissions_qs()),
    )


def public_processes_qs() -> QuerySet:
    return models.CoproductionProcess.objects.prefetch_related(Prefetch("administrators", queryset=users_qs()), "tags")


def _visible_ids(administrator, permitted, member) -> QuerySet:
    """Ids of the processes the user administers or holds a permission on (directly or through a
    team); the user given once per way (a compiled query binds each parameter once)."""
    return models.CoproductionProcess.objects.filter(
        Q(administrators=administrator) | Q(permissions__user=permitted) | Q(permissions__team__users=member)
    ).values("pk")


def processes_visible_to(user: models.User) -> QuerySet:
    """Processes the user administers or holds a permission on (directly or through a team)."""
    return processes_qs().filter(pk__in=_visible_ids(user, user, user))


def process_list(user: models.User, *, search: str | None = None) -> QuerySet:
    """The processes the user sees (``processes_visible_to``) whose name holds ``search``, oldest first."""
    processes = processes_visible_to(user)
    if search:
        processes = processes.filter(name__icontains=search)
    return processes.order_by("created_at", "id")


def public_process_list(*, minimum_rating: float | None = None, search: str | None = None, tags=()) -> QuerySet:
    """Public processes rated at least ``minimum_rating``, whose name or description holds
    ``search``, carrying every tag named in ``tags`` (each filter only when given)."""
    processes = public_processes_qs().filter(is_public=True)
    if minimum_rating is not None:
        processes = processes.filter(rating__gte=minimum_rating)
    if search:
        processes = processes.filter(Q(name__icontains=search) | Q(description__icontains=search))
    for tag in tags:
        processes = processes.filter(tags__name=tag)
    return processes.distinct()


def _readable_process(process_id, administrator, permitted, member) -> QuerySet:
    visible = _visible_ids(administrator, permitted, member)
    return models.CoproductionProcess.objects.filter(pk__in=visible).filter(pk=process_id).values_list("pk")[:1]


#: ``can_read_process``'s SQL, compiled once (every read of a process or its tree asks it); the
#: caller's id is bound three times, once per way of seeing the process.
READABLE_PROCESS = CompiledQuery(
    _readable_process,
    "process_id",
    "administrator",
    "permitted",
    "member",
    markers={
        "process_id": uuid.UUID("00000000-0000-4000-8000-00000000ead0"),
        "administrator": "marker: administrator",
        "permitted": "marker: permitted",
        "member": "marker: member",
    },
)


def can_read_process(user: models.User, process_id) -> bool:
    """Whether the process is among ``processes_visible_to(user)``."""
    process_id = models.CoproductionProcess._meta.pk.to_python(process_id)
    return bool(READABLE_PROCESS.rows(process_id=process_id, administrator=user.pk, permitted=user.pk, member=user.pk))


def is_process_administrator(user: models.User | None, process_id) -> bool:
    if user is None:
        return False
    return models.CoproductionProcessAdministrator.objects.filter(coproductionprocess_id=process_id, user=user).exists()


def administered_process_ids(user: models.User) -> QuerySet:
    """The ids of the processes the user administers (a subquery)."""
    return models.CoproductionProcessAdministrator.objects.filter(user=user).values("coproductionprocess_id")
