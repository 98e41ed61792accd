"""Co-production's long answers without DRF's per-row machinery (issue 16): the process lists, a
process's tree and the notification templates, built from ``coproduction.selectors.rows`` with
``common.lean.Shape``.

The serializers stay the definition (fields, order, OpenAPI); each ``Shape`` reads them once.
Users and teams repeat across an answer (the same administrator on every process, the same
team on every permission and tree item): ``People`` renders each once per request. Output is
byte for byte the serializers' (``coproduction/tests/test_lean_output.py``).
"""

from __future__ import annotations

import functools
from operator import attrgetter

from common.lean import Shape, memoized
from common.tree_order import prerequisite_order
from coproduction import models
from coproduction.api.serializers.labels import TagSerializer
from coproduction.api.serializers.links import file_link
from coproduction.api.serializers.notifications import NotificationSerializer
from coproduction.api.serializers.objectives import ObjectiveOutFullSerializer
from coproduction.api.serializers.permissions import PermissionOutFullSerializer
from coproduction.api.serializers.phases import PhaseOutFullSerializer
from coproduction.api.serializers.processes import ProcessOutFullSerializer, ProcessOutSerializer
from coproduction.api.serializers.tasks import TaskOutFullSerializer
from coproduction.api.serializers.teams import TeamOutSerializer
from coproduction.api.serializers.users import UserOutSerializer
from coproduction.selectors.rows import (
    Columns,
    PeopleRows,
    ProcessPermissionRows,
    ProcessRelatedRows,
    TreeRows,
    grouped,
)


def columns(shape: Shape, *extra: str) -> list[str]:
    """The columns ``shape`` reads from a row, then ``extra`` (what its computed fields read)."""
    return list(dict.fromkeys([*(source for _, source, _ in shape.steps if source), *extra]))


def _link(value, context: dict) -> str:
    return memoized(context, "file links", value, lambda: file_link(value, context.get("request")))


def _ids(values) -> list[str]:
    return [str(value) for value in values]


def _caller_in(user_ids, context: dict) -> bool:
    user = context.get("user")
    return user is not None and user.pk in user_ids


class People:
    """The users and teams of one answer (``selectors.rows.people_rows``), each rendered once."""

    def __init__(self, rows: PeopleRows, context: dict):
        self.rows = rows
        self.context = {**context, "people": self}
        self.users: dict = {}
        self.teams: dict = {}

    def user(self, user_id) -> dict:
        if user_id not in self.users:
            self.users[user_id] = shapes()["user"](self.rows.users[user_id], self.context)
        return self.users[user_id]

    def team(self, team_id) -> dict | None:
        if team_id not in self.teams:
            row = self.rows.teams.get(team_id)
            self.teams[team_id] = None if row is None else shapes()["team"](row, self.context)
        return self.teams[team_id]


def _people(context: dict) -> People:
    return context["people"]


def _team_participation(row, context: dict) -> list[str]:
    """``AdministeredMixin.participation`` of a team row."""
    if context.get("user") is None:
        return []
    rows = _people(context).rows
    roles = []
    if _caller_in(rows.team_administrators.get(row.id, ()), context):
        roles.append("administrator")
    if _caller_in(rows.members.get(row.id, ()), context):
        roles.append("member")
    return roles


def _enabled_permissions(row, context: dict) -> list:
    """``ProcessOutFullSerializer._enabled``: permissions whose tree item is not disabled."""
    return [p for p in context["permissions"].get(row.id, ()) if p.treeitem_id is None or not p.treeitem_disabled]


def _process_administrators(row, context: dict) -> list:
    return context["administrators"].get(row.id, ())


def _progress(row, context: dict) -> int:
    """``TreeItemOutSerializer.get_progress``: a task has no ``progress`` column."""
    progress = getattr(row, "progress", None)
    if progress is None:
        return 100 if row.status == models.Status.FINISHED else 0
    return int(progress)


@functools.cache
def shapes() -> dict[str, Shape]:
    people_fields = {
        "logotype_link": lambda row, context: _link(row.logotype, context),
    }
    user = Shape(
        UserOutSerializer,
        computed={"teams_ids": lambda row, context: _ids(_people(context).rows.user_teams.get(row.id, ()))},
    )
    team = Shape(
        TeamOutSerializer,
        computed={
            **people_fields,
            "users": lambda row, context: [
                _people(context).user(user_id) for user_id in _people(context).rows.members.get(row.id, ())
            ],
            "administrators_ids": lambda row, context: _ids(_people(context).rows.team_administrators.get(row.id, ())),
            "appliers_ids": lambda row, context: _ids(_people(context).rows.appliers.get(row.id, ())),
            "current_user_participation": _team_participation,
        },
    )
    permission = Shape(
        PermissionOutFullSerializer,
        computed={
            "team": lambda row, context: None if row.team_id is None else _people(context).team(row.team_id),
        },
    )
    tag = Shape(TagSerializer)
    notification = Shape(NotificationSerializer)
    process_fields = {
        **people_fields,
        "administrators_ids": lambda row, context: _ids(_process_administrators(row, context)),
        "current_user_participation": lambda row, context: (
            ["administrator"] if _caller_in(_process_administrators(row, context), context) else ["collaborator"]
        ),
        "tags": lambda row, context: [tag(t, context) for t in context["tags"].get(row.id, ())],
    }
    process = Shape(ProcessOutSerializer, computed=process_fields)
    process_full = Shape(
        ProcessOutFullSerializer,
        computed={
            **process_fields,
            "administrators": lambda row, context: [
                _people(context).user(user_id) for user_id in _process_administrators(row, context)
            ],
            "enabled_teams": lambda row, context: [
                _people(context).team(team_id)
                for team_id in dict.fromkeys(
                    p.team_id for p in _enabled_permissions(row, context) if p.team_id is not None
                )
            ],
            "enabled_permissions": lambda row, context: [
                permission(p, context) for p in _enabled_permissions(row, context)
            ],
        },
    )
    tree_items = {kind: Shape(serializer, computed=_tree_item_fields(kind)) for kind, serializer in TREE_SHAPES.items()}
    return {
        "user": user,
        "team": team,
        "permission": permission,
        "tag": tag,
        "notification": notification,
        "process": process,
        "process_full": process_full,
        **tree_items,
    }


TREE_SHAPES = {"phase": PhaseOutFullSerializer, "objective": ObjectiveOutFullSerializer, "task": TaskOutFullSerializer}


def _tree_item_fields(kind: str) -> dict:
    """The computed fields of a tree item's "full" shape; the answer's ``Tree`` is ``context["tree"]``."""

    def path(row, context) -> set:
        return {row.id, *context["tree"].ancestors(kind, row)}

    fields = {
        "prerequisites_ids": lambda row, context: _ids(context["tree"].prerequisites.get(row.id, ())),
        "progress": _progress,
        "is_disabled": lambda row, context: row.disabled_on is not None
        or not context["tree"].disabled.isdisjoint(context["tree"].ancestors(kind, row)),
        "permissions": lambda row, context: context["tree"].permissions.permissions_on(path(row, context)),
        "teams": lambda row, context: context["tree"].permissions.teams_on(path(row, context)),
    }
    if kind == "task":
        fields["phase_id"] = lambda row, context: (
            None if row.objective_id is None else str(context["tree"].phase_of[row.objective_id])
        )
    else:
        child = "objective" if kind == "phase" else "task"
        fields["children"] = lambda row, context: [
            shapes()[child](item, context) for item in context["tree"].children(child, row)
        ]
    return fields


class RenderedPermissions:
    """A process's permissions, each rendered once for a request: every tree item's "full" shape
    shows those on its path, and a tree repeats the same few permissions and teams on each of its
    items (rendering them per item was most of a tree's time). ``permissions``: rows or instances
    with ``id``, ``treeitem_id`` and ``team_id`` (oldest first); ``permission_data`` and
    ``team_data``: their rendered shapes by id. Passed to the serializers as ``process_permissions``."""

    def __init__(self, permissions: list, permission_data: dict, team_data: dict):
        self.permissions = permissions
        self.permission_data = permission_data
        self.team_data = team_data

    @classmethod
    def of_rows(cls, rows: ProcessPermissionRows, context: dict) -> RenderedPermissions:
        """From ``selectors.rows.process_permission_rows``."""
        people = People(rows.people, context)
        team_ids = dict.fromkeys(p.team_id for p in rows.permissions if p.team_id is not None)
        return cls(
            rows.permissions,
            {p.id: shapes()["permission"](p, people.context) for p in rows.permissions},
            {team_id: people.team(team_id) for team_id in team_ids},
        )

    def on_path(self, path: set) -> list:
        """Process-wide permissions and those on an item of ``path`` (an item and those above it)."""
        return [p for p in self.permissions if p.treeitem_id is None or p.treeitem_id in path]

    def permissions_on(self, path: set) -> list[dict]:
        return [self.permission_data[p.id] for p in self.on_path(path)]

    def teams_on(self, path: set) -> list[dict]:
        team_ids = dict.fromkeys(p.team_id for p in self.on_path(path) if p.team_id is not None)
        return [self.team_data[team_id] for team_id in team_ids]


class Tree:
    """A process's tree (``selectors.rows.tree_rows``) and what its items' shapes look up."""

    def __init__(self, rows: TreeRows, permissions: RenderedPermissions):
        self.phases = rows.phases
        self.by_parent = {
            "objective": grouped((row.phase_id, row) for row in rows.objectives),
            "task": grouped((row.objective_id, row) for row in rows.tasks),
        }
        self.phase_of = {row.id: row.phase_id for row in rows.objectives}
        self.prerequisites = rows.prerequisites
        self.disabled = {row.id for row in (*rows.phases, *rows.objectives) if row.disabled_on is not None}
        self.permissions = permissions

    def ancestors(self, kind: str, row) -> list:
        """``tree_items.ancestor_ids`` of a row."""
        if kind == "task":
            return [row.objective_id, self.phase_of[row.objective_id]] if row.objective_id else []
        if kind == "objective":
            return [row.phase_id]
        return []

    def ordered(self, rows) -> list:
        """Siblings in upstream's order (``tree_items.chain_order``)."""
        return prerequisite_order(rows, lambda row: self.prerequisites.get(row.id, ()), pk_of=attrgetter("id"))

    def children(self, kind: str, parent) -> list:
        return self.ordered(self.by_parent[kind].get(parent.id, ()))


@functools.cache
def related_columns() -> Columns:
    """What the shapes of users, teams, permissions and tags read (``selectors.rows``)."""
    return Columns(
        user=columns(shapes()["user"]),
        team=columns(shapes()["team"]),
        permission=columns(shapes()["permission"], "treeitem_id", "team_id", "coproductionprocess_id"),
        tag=columns(shapes()["tag"]),
    )


@functools.cache
def tree_columns() -> dict[str, list[str]]:
    """The columns each tree shape reads (``selectors.rows.tree_rows``)."""
    extra = {"phase": ("status", "progress"), "objective": ("status", "progress"), "task": ("status",)}
    return {kind: columns(shapes()[kind], "disabled_on", *extra[kind]) for kind in TREE_SHAPES}


def tree_data(rows: TreeRows, permissions: RenderedPermissions, context: dict) -> list[dict]:
    """A process's tree as ``PhaseOutFullSerializer(many=True)`` shows it."""
    tree = Tree(rows, permissions)
    context = {**context, "tree": tree}
    return [shapes()["phase"](row, context) for row in tree.ordered(tree.phases)]


@functools.cache
def process_columns(full: bool) -> list[str]:
    return columns(shapes()["process_full" if full else "process"], "logotype")


def processes_data(rows: list, related: ProcessRelatedRows, context: dict, *, full: bool) -> list[dict]:
    """Processes as ``ProcessOutFullSerializer`` (``full``) or ``ProcessOutSerializer`` show them."""
    context = People(related.people, context).context
    context["administrators"] = related.administrators
    context["tags"] = related.tags
    context["permissions"] = grouped((p.coproductionprocess_id, p) for p in related.permissions)
    shape = shapes()["process_full" if full else "process"]
    return [shape(row, context) for row in rows]


def notification_columns() -> list[str]:
    return columns(shapes()["notification"])


def notifications_data(rows, context: dict) -> list[dict]:
    """Notification templates as ``NotificationSerializer`` shows them."""
    return shapes()["notification"].many(rows, context)
