"""Mermaid ``erDiagram`` text generated from the models, deterministic byte for byte.

Entities are tables (upper-cased names), attributes are columns with their keys (``PK``,
``FK``, ``UK``) and a quoted comment holding nullability; models protected by row-level
security (``row_level_security = True``, set by ``accounts.models.UserOwnedModel``) carry
a lock in their label and in the owner relationship. Auto-created many-to-many tables are
entities too, so association tables show as they exist in the database.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.postgres.fields import ArrayField, HStoreField
from django.db import connections, models, router

LOCK = "\N{LOCK}"
HEADER = "%% Generated from the Django models by `manage.py erd`; do not edit by hand."

TYPE_NAMES = {
    "AutoField": "int",
    "BigAutoField": "bigint",
    "SmallAutoField": "smallint",
    "IntegerField": "int",
    "PositiveIntegerField": "int",
    "BigIntegerField": "bigint",
    "PositiveBigIntegerField": "bigint",
    "SmallIntegerField": "smallint",
    "PositiveSmallIntegerField": "smallint",
    "BooleanField": "boolean",
    "CharField": "string",
    "TextField": "text",
    "UUIDField": "uuid",
    "DateTimeField": "datetime",
    "DateField": "date",
    "TimeField": "time",
    "DurationField": "interval",
    "DecimalField": "decimal",
    "FloatField": "float",
    "JSONField": "json",
    "BinaryField": "bytes",
    "FileField": "string",
    "ImageField": "string",
}


def _type_name(field: models.Field) -> str:
    if field.is_relation:
        return _type_name(field.target_field)
    if isinstance(field, ArrayField):
        return _type_name(field.base_field) + "[]"
    if isinstance(field, HStoreField):
        return "hstore"
    if isinstance(field, models.JSONField):
        # The column type as the model's own database would create it (no query is made).
        connection = connections[router.db_for_write(field.model)]
        return "jsonb" if field.db_type(connection) == "jsonb" else "json"
    return TYPE_NAMES.get(field.get_internal_type(), "string")


def _entity(model) -> str:
    return model._meta.db_table.upper().replace(".", "_")


def _is_unique(model, field) -> bool:
    if field.unique and not field.primary_key:
        return True
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is None:
            if list(constraint.fields) == [field.name]:
                return True
    return False


def _attribute(model, field) -> str:
    keys = []
    if field.primary_key:
        keys.append("PK")
    if field.many_to_one or field.one_to_one:
        keys.append("FK")
    if _is_unique(model, field):
        keys.append("UK")
    comment = ["NULL" if field.null else "NOT NULL"]
    if getattr(model, "row_level_security", False) and field.name == "owner":
        comment.append("RLS")
    line = f"{_type_name(field)} {field.column}"
    if keys:
        line += " " + ",".join(keys)
    return f'{line} "{", ".join(comment)}"'


def _relationship_label(model, field) -> str:
    if getattr(model, "row_level_security", False) and field.name == "owner":
        return f"owns {model._meta.db_table}s (RLS enforced)"
    if field.one_to_one and getattr(field.remote_field, "parent_link", False):
        return "is a"
    return field.column


def diagram(app_label: str) -> str | None:
    """The app's diagram, or None for an app without models."""
    app_models = sorted(
        apps.get_app_config(app_label).get_models(include_auto_created=True), key=lambda m: m._meta.db_table
    )
    app_models = [m for m in app_models if m._meta.managed or m._meta.auto_created]
    if not app_models:
        return None
    tables = {m._meta.db_table for m in app_models}
    lines = [HEADER, "erDiagram"]
    relationships = []
    for model in app_models:
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model._meta.db_table not in tables:
                continue
            target = _entity(field.related_model)
            if field.one_to_one:
                cardinality = "|o--o|" if field.null else "||--o|"
            else:
                cardinality = "|o--o{" if field.null else "||--o{"
            relationships.append(f'    {target} {cardinality} {_entity(model)} : "{_relationship_label(model, field)}"')
    lines += sorted(set(relationships))
    for model in app_models:
        name = _entity(model)
        header = f'{name}["{name} {LOCK}"]' if getattr(model, "row_level_security", False) else name
        lines.append(f"    {header} {{")
        fields = sorted(model._meta.concrete_fields, key=lambda f: not f.primary_key)
        lines += [f"        {_attribute(model, field)}" for field in fields]
        lines.append("    }")
    return "\n".join(lines) + "\n"
