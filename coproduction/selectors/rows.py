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


def grouped(key_values: Iterable[tuple]) -> dict[object, list]:
    """``{key: [value, ...]}`` from ``(key, value)`` pairs, in their order."""
    groups = defaultdict(list)
    for key, value in key_values:
        groups[key].append(value)
    return groups


def _in(ids, sql_type: str = "uuid") -> RawSQL:
    """``IN`` one array parameter: the same SQL whatever the number of ids, so it compiles once."""
    return RawSQL(f"SELECT unnest(%s::{sql_type}[])", (ids,))


def _permissions() -> QuerySet:
    """Permissions oldest first, with ``treeitem_disabled``: whether the item they are on, or one
    above it, is disabled."""
    return models.Permission.objects.annotate(
        treeitem_disabled=ExpressionWrapper(DISABLED, output_field=BooleanField())
    ).order_by("created_at", "id")


BY_USER = ("user__full_name", "user_id")
#: The reads of the lean paths, each a function of one parameter: a process id, or an array of
#: ids (``_in``). Lists of users come in the users' order, of teams in the teams'.
READS = {
    "phases": lambda process_id: models.Phase.objects.filter(coproductionprocess_id=process_id),
    "objectives": lambda process_id: models.Objective.objects.filter(phase__coproductionprocess_id=process_id),
    "tasks": lambda process_id: models.Task.objects.filter(objective__phase__coproductionprocess_id=process_id),
    "permissions": lambda process_id: _permissions().filter(coproductionprocess_id=process_id),
    "prerequisites": lambda item_ids: models.TreeItemPrerequisite.objects.filter(
        treeitem_a_id__in=_in(item_ids)
    ).order_by("treeitem_b__created_at", "treeitem_b_id"),
    "permissions of processes": lambda process_ids: _permissions().filter(coproductionprocess_id__in=_in(process_ids)),
    "administrators of processes": lambda process_ids: models.User.objects.filter(
        coproductionprocessadministrator__coproductionprocess_id__in=_in(process_ids)
    )
    .annotate(process_id=F("coproductionprocessadministrator__coproductionprocess_id"))
    .order_by("full_name", "id"),
    "administrator ids of processes": lambda process_ids: models.CoproductionProcessAdministrator.objects.filter(
        coproductionprocess_id__in=_in(process_ids)
    ).order_by(*BY_USER),
    "tags of processes": lambda process_ids: models.Tag.objects.filter(
        coproductionprocesstag__coproductionprocess_id__in=_in(process_ids)
    )
    .annotate(process_id=F("coproductionprocesstag__coproductionprocess_id"))
    .order_by("name"),
    "teams": lambda team_ids: models.Team.objects.filter(pk__in=_in(team_ids)),
    "members": lambda team_ids: models.TeamMember.objects.filter(team_id__in=_in(team_ids)).order_by(*BY_USER),
    "team administrators": lambda team_ids: models.TeamAdministrator.objects.filter(team_id__in=_in(team_ids)).order_by(
        *BY_USER
    ),
    "appliers": lambda team_ids: models.TeamApply.objects.filter(team_id__in=_in(team_ids)).order_by(*BY_USER),
    "users": lambda user_ids: models.User.objects.filter(pk__in=_in(user_ids, "varchar")),
    "teams of users": lambda user_ids: models.TeamMember.objects.filter(user_id__in=_in(user_ids, "varchar")).order_by(
        "team__created_at", "team_id"
    ),
}
#: The marker standing for one process id (a UUID column takes no integer marker).
PROCESS_MARKER = uuid.UUID("00000000-0000-4000-8000-0000000c0de0")
BY_PROCESS_ID = {"phases", "objectives", "tasks", "permissions"}


@functools.cache
def _compiled(read: str, columns: tuple[str, ...]) -> tuple[CompiledQuery, type]:
    """``READS[read]`` of ``columns`` compiled once per process (building and compiling the
    querysets cost more CPU than running them), and the named tuple of its rows."""
    compiled = CompiledQuery(
        lambda value: READS[read](value).values_list(*columns),
        "value",
        markers={"value": PROCESS_MARKER} if read in BY_PROCESS_ID else None,
    )
    return compiled, namedtuple("Row", columns)


def rows(read: str, value, columns: Iterable[str]) -> list:
    """``READS[read]``'s rows for ``value`` as named tuples of ``columns``."""
    compiled, row = _compiled(read, tuple(columns))
    return [row._make(values) for values in compiled.rows(value=value)]


def pairs(read: str, value, key: str, item: str) -> dict:
    """``{key: [item, ...]}`` of ``READS[read]``'s rows for ``value``."""
    compiled, _ = _compiled(read, (key, item))
    return grouped(compiled.rows(value=value))


@dataclass
class PeopleRows:
    """Teams and users one response shows, with who belongs where (ids, in the models' orders)."""

    teams: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)
    team_administrators: dict = field(default_factory=dict)
    appliers: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    user_teams: dict = field(default_factory=dict)


def people_rows(*, team_ids: Iterable, users: dict, team_columns: list[str], user_columns: list[str]):
    """The teams ``team_ids`` with their members, administrators and applicants, and the users
    (``users``: rows already read, and the teams' members) with the ids of their teams. No
    query for an empty set."""
    people = PeopleRows(users=dict(users))
    team_ids = list(set(team_ids))
    if team_ids:
        people.teams = {row.id: row for row in rows("teams", team_ids, team_columns)}
        people.members = pairs("members", team_ids, "team_id", "user_id")
        people.team_administrators = pairs("team administrators", team_ids, "team_id", "user_id")
        people.appliers = pairs("appliers", team_ids, "team_id", "user_id")
    unread = list(set().union(*people.members.values()) - people.users.keys())
    if unread:
        people.users.update((row.id, row) for row in rows("users", unread, user_columns))
    if people.users:
        people.user_teams = pairs("teams of users", list(people.users), "user_id", "team_id")
    return people


@dataclass(frozen=True)
class Columns:
    """What the lean shapes read of each table (``coproduction.api.serializers.lean.COLUMNS``)."""

    user: list[str]
    team: list[str]
    permission: list[str]
    tag: list[str]


@dataclass
class ProcessPermissionRows:
    permissions: list
    people: PeopleRows


def process_permission_rows(process_id, columns: Columns) -> ProcessPermissionRows:
    """A process's permissions (oldest first) with their teams."""
    permissions = rows("permissions", process_id, [*columns.permission, "treeitem_disabled"])
    people = people_rows(
        team_ids=(p.team_id for p in permissions if p.team_id is not None),
        users={},
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
    if full:
        administrator_rows = rows("administrators of processes", process_ids, [*columns.user, "process_id"])
        administrators = grouped((row.process_id, row.id) for row in administrator_rows)
    else:
        administrators = pairs("administrator ids of processes", process_ids, "coproductionprocess_id", "user_id")
    tags = grouped(
        (row.process_id, row) for row in rows("tags of processes", process_ids, [*columns.tag, "process_id"])
    )
    permissions = (
        rows("permissions of processes", process_ids, [*columns.permission, "treeitem_disabled"]) if full else []
    )
    people = (
        people_rows(
            team_ids=(p.team_id for p in permissions if p.team_id is not None),
            users={row.id: row for row in administrator_rows},
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


def tree_rows(process_id, columns: dict[str, list[str]]) -> TreeRows:
    """A process's phases, objectives and tasks (disabled ones included; ``columns`` of each
    kind) and the prerequisites of each (``{item id: [prerequisite id, ...]}``, oldest first)."""
    phases, objectives, tasks = (rows(f"{kind}s", process_id, columns[kind]) for kind in TREE_SHAPE_KINDS)
    item_ids = [row.id for items in (phases, objectives, tasks) for row in items]
    prerequisites = pairs("prerequisites", item_ids, "treeitem_a_id", "treeitem_b_id") if item_ids else {}
    return TreeRows(phases, objectives, tasks, prerequisites)
