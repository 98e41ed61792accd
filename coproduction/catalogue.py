"""Reads from the catalogue database (another service's tables, no cross-database relation).

Queries use the catalogue's upstream table and column names, which the catalogue app
reproduces exactly (its schema-parity test), so this module does not import the catalogue
app's models. Translated columns are resolved in SQL: the wanted language, then ``en``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import DatabaseError, connections, transaction

from common.exceptions import APIError
from common.tree_order import prerequisite_order

ALIAS = "catalogue"
UNAVAILABLE = "The catalogue database has no catalogue tables yet (run its migrations)."


def _rows(sql: str, params) -> list[dict]:
    try:
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute(sql, params)
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except DatabaseError as error:
        if "does not exist" in str(error):
            raise APIError(501, UNAVAILABLE) from error
        raise


def _tr(column: str, alias: str) -> str:
    return f"COALESCE({column} -> %(lang)s, {column} -> 'en') AS {alias}"


def schema_tree(schema_id, language: str) -> dict:
    """A catalogue co-production schema as upstream's ``CoproductionSchemaOutFull`` body."""
    try:
        schema_id = uuid.UUID(str(schema_id))
    except ValueError:
        raise APIError(404, "Coproduction schema not found") from None
    params = {"id": schema_id, "lang": language}
    if not _rows("SELECT id FROM coproductionschema WHERE id = %(id)s", params):
        raise APIError(404, "Coproduction schema not found")
    items = _rows(
        "WITH RECURSIVE tree AS ("
        " SELECT t.*, 0 AS depth FROM treeitemmetadata t WHERE t.coproductionschema_id = %(id)s AND t.parent_id IS NULL"
        " UNION ALL SELECT c.*, tree.depth + 1 FROM treeitemmetadata c JOIN tree ON c.parent_id = tree.id"
        " WHERE tree.depth < 3) "
        f"SELECT id, type, parent_id, is_part_of_codelivery, {_tr('name_translations', 'name')}, "
        f"{_tr('description_translations', 'description')} FROM tree ORDER BY depth, created_at, id",
        params,
    )
    ids = [item["id"] for item in items]
    prerequisites: dict = {}
    profiles: dict = {}
    if ids:
        for row in _rows(
            "SELECT treeitemmetadata_a_id AS a, treeitemmetadata_b_id AS b FROM treeitemmetadata_prerequisites "
            "WHERE treeitemmetadata_a_id = ANY(%(ids)s)",
            {"ids": ids},
        ):
            prerequisites.setdefault(row["a"], []).append(str(row["b"]))
        for row in _rows(
            "SELECT treeitemmetadata_a_id AS a, problemprofile_id AS p "
            "FROM treeitemmetadata_problemprofiles_association "
            "WHERE treeitemmetadata_a_id = ANY(%(ids)s)",
            {"ids": ids},
        ):
            profiles.setdefault(row["a"], []).append({"id": row["p"]})
    nodes = {}
    for item in items:
        nodes[item["id"]] = {
            "id": str(item["id"]),
            "type": item["type"],
            "name": item["name"],
            "description": item["description"],
            "is_part_of_codelivery": bool(item["is_part_of_codelivery"]),
            "prerequisites_ids": prerequisites.get(item["id"], []),
            "problemprofiles": profiles.get(item["id"], []),
            "children": [],
        }
    roots = []
    for item in items:
        node = nodes[item["id"]]
        parent = nodes.get(item["parent_id"])
        (parent["children"] if parent else roots).append(node)
    # Children as upstream presents them (prerequisites first, then insertion order), so that
    # set_schema creates them in that order even when the catalogue rows share created_at.
    position = {str(item["id"]): index for index, item in enumerate(items)}

    def ordered(nodes_: list[dict]) -> list[dict]:
        return prerequisite_order(
            nodes_,
            lambda node: node["prerequisites_ids"],
            pk_of=lambda node: node["id"],
            sort_key=lambda node: position[node["id"]],
        )

    for node in nodes.values():
        node["children"] = ordered(node["children"])
    return {"id": str(schema_id), "children": ordered([node for node in roots if node["type"] == "phase"])}


def _backend(row: dict) -> str:
    protocol = getattr(settings, "CATALOGUE_PROTOCOL", "http://")
    server = row.get("domain") or getattr(settings, "CATALOGUE_SERVER_NAME", "localhost")
    api_path = row.get("api_path") or ""
    if row.get("is_subdomain"):
        return f"{protocol}{row.get('path') or ''}.{server}{api_path}"
    return f"{protocol}{server}/{row.get('path') or ''}{api_path}"


CAPABILITIES = ("clone", "view", "edit", "delete", "download")


def software_interlinkers(ids, language: str = "en") -> dict:
    """id -> {backend, capabilities, name, description, logotype} for the given software interlinkers."""
    ids = [uuid.UUID(str(i)) for i in ids if i]
    if not ids:
        return {}
    rows = _rows(
        "SELECT s.id, s.domain, s.path, s.is_subdomain, s.api_path, s.clone, s.view, s.edit, s.delete, s.download, "
        f"i.logotype, {_tr('a.name_translations', 'name')}, {_tr('a.description_translations', 'description')} "
        "FROM softwareinterlinker s JOIN interlinker i ON i.id = s.id JOIN artefact a ON a.id = s.id "
        "WHERE s.id = ANY(%(ids)s)",
        {"ids": ids, "lang": language},
    )
    return {
        row["id"]: {
            "backend": _backend(row),
            "capabilities": {name: row[name] for name in CAPABILITIES},
            "name": row["name"],
            "description": row["description"],
            "logotype": row["logotype"],
        }
        for row in rows
    }


def knowledge_interlinkers(ids, language: str = "en") -> dict:
    ids = [uuid.UUID(str(i)) for i in ids if i]
    if not ids:
        return {}
    rows = _rows(
        "SELECT k.id, k.softwareinterlinker_id, "
        f"{_tr('k.genesis_asset_id_translations', 'genesis_asset_id')}, i.logotype, "
        f"{_tr('a.name_translations', 'name')}, {_tr('a.description_translations', 'description')} "
        "FROM knowledgeinterlinker k JOIN interlinker i ON i.id = k.id JOIN artefact a ON a.id = k.id "
        "WHERE k.id = ANY(%(ids)s)",
        {"ids": ids, "lang": language},
    )
    return {row["id"]: row for row in rows}


def logotype_link(value: str | None, request=None) -> str:
    """A catalogue logotype's URL, built as the catalogue API builds it (either column form)."""
    from catalogue.files import file_link

    return file_link(value, request)


def schema_choices(language: str = "en") -> list[tuple[str, str]]:
    """(id, name) of the catalogue's co-production schemas, for the admin's schema picker."""
    rows = _rows(
        f"SELECT s.id, {_tr('a.name_translations', 'name')} FROM coproductionschema s "
        "JOIN artefact a ON a.id = s.id ORDER BY 2, s.id",
        {"lang": language},
    )
    return [(str(row["id"]), row["name"] or str(row["id"])) for row in rows]
