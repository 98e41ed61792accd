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


# Pickers for the admin: catalogue ids typed into co-production columns ----------------------

#: kind -> (FROM clause, id column, label SQL, search columns). Labels carry context, so two
#: template tasks called the same read apart ("Gather feedback — task — Objective — Schema X").
_PICKERS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "schema": (
        "coproductionschema s JOIN artefact a ON a.id = s.id",
        "s.id",
        "COALESCE(a.name_translations -> %(lang)s, a.name_translations -> 'en', s.id::text)",
        ("a.name_translations::text",),
    ),
    "treeitem": (
        "treeitemmetadata t LEFT JOIN treeitemmetadata p ON p.id = t.parent_id "
        "LEFT JOIN treeitemmetadata pp ON pp.id = p.parent_id "
        "LEFT JOIN artefact a ON a.id = COALESCE(t.coproductionschema_id, p.coproductionschema_id, "
        "pp.coproductionschema_id)",
        "t.id",
        "concat_ws(' — ', COALESCE(t.name_translations -> %(lang)s, t.name_translations -> 'en', t.id::text), "
        "t.type, COALESCE(p.name_translations -> %(lang)s, p.name_translations -> 'en'), "
        "COALESCE(a.name_translations -> %(lang)s, a.name_translations -> 'en'))",
        ("t.name_translations::text",),
    ),
    "softwareinterlinker": (
        "softwareinterlinker i JOIN artefact a ON a.id = i.id",
        "i.id",
        "COALESCE(a.name_translations -> %(lang)s, a.name_translations -> 'en', i.id::text)",
        ("a.name_translations::text",),
    ),
    "knowledgeinterlinker": (
        "knowledgeinterlinker i JOIN artefact a ON a.id = i.id",
        "i.id",
        "COALESCE(a.name_translations -> %(lang)s, a.name_translations -> 'en', i.id::text)",
        ("a.name_translations::text",),
    ),
    "externalinterlinker": (
        "interlinker i JOIN artefact a ON a.id = i.id",
        "i.id",
        "COALESCE(a.name_translations -> %(lang)s, a.name_translations -> 'en', i.id::text) || ' — ' || i.nature",
        ("a.name_translations::text",),
    ),
    "problemprofile": (
        "problemprofile pr",
        "pr.id",
        "pr.id || ': ' || COALESCE(pr.name_translations -> %(lang)s, pr.name_translations -> 'en', '')",
        ("pr.id", "pr.name_translations::text"),
    ),
}
#: Interlinker natures an ``externalinterlinker_id`` may point to.
_EXTERNAL_NATURES = ("externalsoftwareinterlinker", "externalknowledgeinterlinker")
PICKER_KINDS = tuple(_PICKERS)


def _picker(kind: str):
    if kind not in _PICKERS:
        raise APIError(404, f"Unknown catalogue picker: {kind}")
    return _PICKERS[kind]


def _picker_where(kind: str) -> str:
    return " AND i.nature = ANY(%(natures)s)" if kind == "externalinterlinker" else ""


def catalogue_search(kind: str, *, term: str, language: str = "en", offset: int = 0, limit: int = 20) -> list[dict]:
    """``[{id, text}]`` of catalogue rows of ``kind`` whose name (or id) contains ``term``, by label."""
    table, id_column, label, search = _picker(kind)
    where = " OR ".join(f"{column} ILIKE %(term)s" for column in (*search, f"{id_column}::text"))
    rows = _rows(
        f"SELECT {id_column}::text AS id, {label} AS text FROM {table} WHERE ({where}){_picker_where(kind)} "
        f"ORDER BY 2, 1 OFFSET %(offset)s LIMIT %(limit)s",
        {"term": f"%{term}%", "lang": language, "offset": offset, "limit": limit, "natures": list(_EXTERNAL_NATURES)},
    )
    return rows


def catalogue_labels(kind: str, ids, language: str = "en") -> dict[str, str]:
    """``{id: label}`` for the given ids that exist in the catalogue (missing ids are left out)."""
    ids = [str(value) for value in ids if value]
    if not ids:
        return {}
    table, id_column, label, _ = _picker(kind)
    rows = _rows(
        f"SELECT {id_column}::text AS id, {label} AS text FROM {table} "
        f"WHERE {id_column}::text = ANY(%(ids)s){_picker_where(kind)}",
        {"ids": ids, "lang": language, "natures": list(_EXTERNAL_NATURES)},
    )
    return {row["id"]: row["text"] for row in rows}
