"""No API view writes to the ORM: writes and their rules live in services (style.md, issue 14).

Every ``*/api/views*.py`` (and every module of an ``api/views/`` package) is parsed with
``ast``; a call of an ORM write method is a failure naming the file and line.
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
}
VIEW_MODULES = sorted(
    path
    for pattern in ("*/api/views.py", "*/api/views/*.py")
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts
)


def orm_writes(source: str) -> list[tuple[int, str]]:
    """(line, method) of every call ``<something>.<write method>(...)`` in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in WRITE_CALLS or name.startswith("bulk_"):
                found.append((node.lineno, name))
    return found


def test_the_check_finds_a_planted_write():
    planted = (
        "def post(self, request):\n"
        "    row = Thing.objects.get(pk=1)\n"
        "    row.save()\n"
        "    Thing.objects.bulk_create([])\n"
    )
    assert orm_writes(planted) == [(3, "save"), (4, "bulk_create")]


def test_view_modules_are_found():
    assert any(
        path.parts[-3:] == ("coproduction", "api", "views") or "coproduction" in path.parts for path in VIEW_MODULES
    )
    assert len(VIEW_MODULES) >= 5


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_view_writes_to_the_orm(path):
    writes = orm_writes(path.read_text())
    assert not writes, f"{path.relative_to(ROOT)} writes to the ORM (move it into a service): " + ", ".join(
        f"line {line} .{name}(" for line, name in writes
    )
