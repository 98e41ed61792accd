"""No API view writes to the ORM: writes and their rules live in services (style.md, issue 14);
co-production's views do not query it either: reads live in selectors.

Every ``*/api/views*.py`` (and every module of an ``api/views/`` package) is parsed with
``ast``; a call of an ORM write method is a failure naming the file and line. Related managers'
writes count too (``process.tags.add(tag)``), so a view keeps no Python set it ``add``s to.

Co-production's views (``coproduction/api/views/``) also may not reach a model's manager
(``Model.objects``) nor run the queryset methods that only a query builder needs
(``exists``, ``values_list``, ``annotate``, ...): they call ``coproduction.selectors`` and the
shared helpers of ``coproduction/api/base.py`` (``get_or_404``, ``row_or_none``). Narrowing a
selector's queryset by the path's ids (``.filter(user_id=user_id)``) is allowed: the rows a
caller may see are decided with the request (``coproduction/api/permissions.py``). The other
apps' views are not held to this yet (accounts, catalogue and matar reach ``.objects``).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRITE_CALLS = {
    "save",
    "create",
    "delete",
    "update",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "add",
    "remove",
    "clear",
    "set",
}
QUERY_CALLS = {
    "exists",
    "values_list",
    "annotate",
    "alias",
    "aggregate",
    "select_related",
    "prefetch_related",
    "raw",
    "extra",
    "in_bulk",
}
VIEW_MODULES = sorted(
    path
    for pattern in ("*/api/views.py", "*/api/views/*.py")
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts
)
COPRODUCTION_VIEW_MODULES = sorted((ROOT / "coproduction" / "api" / "views").glob("*.py"))
# (module, function or class) left as they are, each with its reason; remove the entry when it goes.
QUERIES_LEFT: dict[tuple[str, str], str] = {}


def orm_writes(source: str) -> list[tuple[int, str]]:
    """(line, method) of every call ``<something>.<write method>(...)`` in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in WRITE_CALLS or name.startswith("bulk_"):
                found.append((node.lineno, name))
    return found


def _scopes(tree: ast.Module):
    """(qualified name, node) of every top-level function and class, and of every class's methods."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            yield node.name, node
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    yield f"{node.name}.{member.name}", member
        elif isinstance(node, ast.FunctionDef):
            yield node.name, node


def orm_queries(source: str, *, left: set[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, what) of every ``.objects`` and query-builder call in ``source``, outside the
    functions and classes named in ``left``."""
    tree = ast.parse(source)
    skipped = {
        id(inner) for name, node in _scopes(tree) if name in left for inner in ast.walk(node) if inner is not node
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append((node.lineno, ".objects"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QUERY_CALLS:
            found.append((node.lineno, f".{node.func.attr}("))
    return sorted(found)


def test_the_check_finds_a_planted_write():
    planted = (
        "def post(self, request):\n"
        "    row = Thing.objects.get(pk=1)\n"
        "    row.save()\n"
        "    Thing.objects.bulk_create([])\n"
        "    row.tags.add(tag)\n"
    )
    assert orm_writes(planted) == [(3, "save"), (4, "bulk_create"), (5, "add")]


def test_the_check_finds_a_planted_query():
    planted = (
        "class TeamView:\n"
        "    def get(self, request, id):\n"
        "        team = get_or_404(Team, id, 'Team not found')\n"
        "        if team.administrators.filter(pk=1).exists():\n"
        "            return Team.objects.first()\n"
        "\n"
        "class LeftView:\n"
        "    def get(self, request):\n"
        "        return Team.objects.all()\n"
    )
    assert orm_queries(planted) == [(4, ".exists("), (5, ".objects"), (9, ".objects")]
    assert orm_queries(planted, left={"LeftView"}) == [(4, ".exists("), (5, ".objects")]
    assert orm_queries(planted, left={"TeamView.get", "LeftView"}) == []


def test_view_modules_are_found():
    assert any(
        path.parts[-3:] == ("coproduction", "api", "views") or "coproduction" in path.parts for path in VIEW_MODULES
    )
    assert len(VIEW_MODULES) >= 5
    assert len(COPRODUCTION_VIEW_MODULES) >= 20


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_view_writes_to_the_orm(path):
    writes = orm_writes(path.read_text())
    assert not writes, f"{path.relative_to(ROOT)} writes to the ORM (move it into a service): " + ", ".join(
        f"line {line} .{name}(" for line, name in writes
    )


@pytest.mark.parametrize("path", COPRODUCTION_VIEW_MODULES, ids=lambda path: path.name)
def test_no_coproduction_view_queries_the_orm(path):
    left = {scope for module, scope in QUERIES_LEFT if module == path.name}
    queries = orm_queries(path.read_text(), left=left)
    assert not queries, f"{path.relative_to(ROOT)} queries the ORM (move it into a selector): " + ", ".join(
        f"line {line} {what}" for line, what in queries
    )


def test_every_query_left_in_a_view_still_exists():
    """An entry of ``QUERIES_LEFT`` whose code no longer queries must be removed."""
    for (module, scope), reason in QUERIES_LEFT.items():
        source = (ROOT / "coproduction" / "api" / "views" / module).read_text()
        assert scope in dict(_scopes(ast.parse(source))), f"{module}: {scope} is gone ({reason})"
        assert orm_queries(source) != orm_queries(source, left={scope}), f"{module}: {scope} no longer queries"
