"""Plain rows for the lean read paths (issue 16): named tuples of only the columns an output
shape shows, and the related ids as dicts, each relation read in one query without Django's
prefetch machinery (which clones a queryset per instance and relation: most of a process
list's time). ``coproduction.api.serializers.lean`` shapes them; the orders are those of the
models' ``Meta.ordering``, as the prefetches of the serializer path give them.
"""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict, namedtuple
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import BooleanField, ExpressionWrapper, F, QuerySet
from django.db.models.expressions import RawSQL

from common.compiled import CompiledQuery
from coproduction import models
from coproduction.selectors.permissions import DISABLED


def as_rows(queryset: QuerySet, columns: Iterable[str]) -> QuerySet:
    """``queryset`` (a selector's, its prefetches dropped) yielding named tuples of ``columns``
    (attribute names as the model's); still lazy, so a paginator can slice it."""
    return queryset.prefetch_related(None).values_list(*columns, named=True)


def named_rows(queryset: QuerySet, columns: Iterable[str]) -> list:
    return list(as_rows(queryset, columns))


def grouped(pairs: Iterable[tuple]) -> dict[object, list]:
    """``{key: [value, ...]}`` from ``(key, value)`` pairs, in their order."""
    groups = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return groups


@dataclass
class PeopleRows:
    """Teams and users one response shows, with who belongs where (ids, in the models' orders)."""

    teams: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)
    team_administrators: dict = field(default_factory=dict)
    appliers: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    user_teams: dict = field(default_factory=dict)


def people_rows(*, team_ids: Iterable, user_ids: Iterable, team_columns: list[str], user_columns: list[str]):
    """The teams ``team_ids`` with their members, administrators and applicants, and the users
    ``user_ids`` and the teams' members with the ids of their teams. No query for an empty set."""
    rows = PeopleRows()
    team_ids = set(team_ids)
    if team_ids:
        teams = models.Team.objects.filter(pk__in=team_ids)
        rows.teams = {row.id: row for row in named_rows(teams, team_columns)}
        by_user = ("user__full_name", "user_id")
        rows.members = grouped(
            models.TeamMember.objects.filter(team_id__in=team_ids).order_by(*by_user).values_list("team_id", "user_id")
        )
        rows.team_administrators = grouped(
            models.TeamAdministrator.objects.filter(team_id__in=team_ids)
            .order_by(*by_user)
            .values_list("team_id", "user_id")
        )
        rows.appliers = grouped(
            models.TeamApply.objects.filter(team_id__in=team_ids).order_by(*by_user).values_list("team_id", "user_id")
        )
    user_ids = set(user_ids).union(*rows.members.values())
    if user_ids:
        users = models.User.objects.filter(pk__in=user_ids)
        rows.users = {row.id: row for row in named_rows(users, user_columns)}
        rows.user_teams = grouped(
            models.TeamMember.objects.filter(user_id__in=user_ids)
            .order_by("team__created_at", "team_id")
            .values_list("user_id", "team_id")
        )
    return rows


@dataclass(frozen=True)
class Columns:
    """What the lean shapes read of each table (``coproduction.api.serializers.lean.COLUMNS``)."""

    user: list[str]
    team: list[str]
    permission: list[str]
    tag: list[str]


def permission_rows(process_ids: Iterable, columns: list[str]) -> list:
    """The permissions of the processes (oldest first), with ``treeitem_disabled``: whether
    the item they are on, or one above it, is disabled."""
    permissions = models.Permission.objects.filter(coproductionprocess_id__in=list(process_ids)).annotate(
        treeitem_disabled=ExpressionWrapper(DISABLED, output_field=BooleanField())
    )
    return named_rows(permissions.order_by("created_at", "id"), [*columns, "treeitem_disabled"])


def process_administrator_ids(process_ids: Iterable) -> dict:
    """``{process id: [user id, ...]}`` in the users' order."""
    administrators = models.CoproductionProcessAdministrator.objects.filter(coproductionprocess_id__in=process_ids)
    return grouped(
        administrators.order_by("user__full_name", "user_id").values_list("coproductionprocess_id", "user_id")
    )


def process_tag_rows(process_ids: Iterable, columns: list[str]) -> dict:
    """``{process id: [tag row, ...]}`` in the tags' order (by name)."""
    tags = (
        models.Tag.objects.filter(coproductionprocesstag__coproductionprocess_id__in=process_ids)
        .annotate(process_id=F("coproductionprocesstag__coproductionprocess_id"))
        .order_by("name")
    )
    return grouped((row.process_id, row) for row in named_rows(tags, [*columns, "process_id"]))


@dataclass
class ProcessPermissionRows:
    permissions: list
    people: PeopleRows


def process_permission_rows(process_id, columns: Columns) -> ProcessPermissionRows:
    """A process's permissions (oldest first) with their teams."""
    permissions = rows_of_process("permission", process_id, [*columns.permission, "treeitem_disabled"])
    people = people_rows(
        team_ids=(p.team_id for p in permissions if p.team_id is not None),
        user_ids=(),
        team_columns=columns.team,
        user_columns=columns.user,
    )
    return ProcessPermissionRows(permissions, people)


@dataclass
class ProcessRelatedRows:
    """What processes' shapes show besides their columns: ``{process id: [...]}`` of
    administrator ids, tag rows and (``full``) permission rows, and the people among them."""

    administrators: dict
    tags: dict
    permissions: list
    people: PeopleRows


def process_related_rows(process_ids: list, columns: Columns, *, full: bool) -> ProcessRelatedRows:
    if not process_ids:
        return ProcessRelatedRows({}, {}, [], PeopleRows())
    administrators = process_administrator_ids(process_ids)
    tags = process_tag_rows(process_ids, columns.tag)
    permissions = permission_rows(process_ids, columns.permission) if full else []
    people = (
        people_rows(
            team_ids=(p.team_id for p in permissions if p.team_id is not None),
            user_ids=(user_id for ids in administrators.values() for user_id in ids),
            team_columns=columns.team,
            user_columns=columns.user,
        )
        if full
        else PeopleRows()
    )
    return ProcessRelatedRows(administrators, tags, permissions, people)


TREE_SHAPE_KINDS = ("phase", "objective", "task")


class TreeRows(NamedTuple):
    phases: list
    objectives: list
    tasks: list
    prerequisites: dict


#: The marker standing for a process id in the compiled tree reads (``common.compiled``).
PROCESS_MARKER = uuid.UUID("00000000-0000-4000-8000-0000000c0de0")
TREE_ITEMS = {
    "phase": lambda process_id: models.Phase.objects.filter(coproductionprocess_id=process_id),
    "objective": lambda process_id: models.Objective.objects.filter(phase__coproductionprocess_id=process_id),
    "task": lambda process_id: models.Task.objects.filter(objective__phase__coproductionprocess_id=process_id),
    "permission": lambda process_id: models.Permission.objects.filter(coproductionprocess_id=process_id)
    .annotate(treeitem_disabled=ExpressionWrapper(DISABLED, output_field=BooleanField()))
    .order_by("created_at", "id"),
}
#: Prerequisites of the items whose ids are the one array parameter (``= ANY``), oldest first.
PREREQUISITES = CompiledQuery(
    lambda item_ids: models.TreeItemPrerequisite.objects.filter(
        treeitem_a_id__in=RawSQL("SELECT unnest(%s::uuid[])", (item_ids,))
    )
    .order_by("treeitem_b__created_at", "treeitem_b_id")
    .values_list("treeitem_a_id", "treeitem_b_id"),
    "item_ids",
)


@functools.cache
def _of_process(kind: str, columns: tuple[str, ...]) -> tuple[CompiledQuery, type]:
    """A read of one process's rows of ``kind`` (``TREE_ITEMS``), compiled once per process and
    columns (a tree is read on every visit of a process: building its querysets cost more CPU
    than running them), and the named tuple of its rows."""
    compiled = CompiledQuery(
        lambda process_id: TREE_ITEMS[kind](process_id).values_list(*columns),
        "process_id",
        markers={"process_id": PROCESS_MARKER},
    )
    return compiled, namedtuple(f"{kind.title()}Row", columns)


def rows_of_process(kind: str, process_id, columns: list[str]) -> list:
    compiled, row = _of_process(kind, tuple(columns))
    return [row._make(values) for values in compiled.rows(process_id=process_id)]


def tree_rows(process_id, columns: dict[str, list[str]]) -> TreeRows:
    """A process's phases, objectives and tasks (disabled ones included; ``columns`` of each
    kind) and the prerequisites of each (``{item id: [prerequisite id, ...]}``, oldest first)."""
    phases, objectives, tasks = (rows_of_process(kind, process_id, columns[kind]) for kind in TREE_SHAPE_KINDS)
    item_ids = [row.id for rows in (phases, objectives, tasks) for row in rows]
    prerequisites = grouped(PREREQUISITES.rows(item_ids=item_ids)) if item_ids else {}
    return TreeRows(phases, objectives, tasks, prerequisites)
