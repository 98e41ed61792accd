"""Output in a DRF serializer's shape without DRF's per-row machinery (issue 16).

A DRF serializer spends most of a long list on bookkeeping, not on values: building it
deep-copies every field, and each row walks ``_readable_fields``, ``get_attribute`` and
``SkipField`` checks per field. ``Shape`` reads the serializer's fields once (names, order,
sources and their ``to_representation``) and then turns each row into a dict with one
attribute read and one conversion per field: the same keys in the same order and the same
values, so the rendered JSON is byte for byte the serializer's (tests compare the two).

Fields that are computed (``SerializerMethodField``) or nested serializers are given as
``computed``: a function of the row and the request's ``context`` dict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers

Computed = Callable[[Any, dict], Any]


class Shape:
    def __init__(self, serializer_class: type[serializers.Serializer], *, computed: dict[str, Computed] | None = None):
        computed = dict(computed or {})
        self.steps: list[tuple[str, str | None, Callable | None]] = []
        for name, field in serializer_class().fields.items():
            if name in computed:
                self.steps.append((name, None, computed.pop(name)))
            elif (
                isinstance(field, serializers.SerializerMethodField | serializers.BaseSerializer) or "." in field.source
            ):
                raise ImproperlyConfigured(f"{serializer_class.__name__}.{name} needs a computed value")
            else:
                self.steps.append((name, field.source, field.to_representation))
        if computed:
            raise ImproperlyConfigured(f"{serializer_class.__name__} has no field {sorted(computed)}")

    def __call__(self, row, context: dict) -> dict:
        """``row``'s output (an object read by attribute, as DRF reads a model instance)."""
        out = {}
        for name, source, convert in self.steps:
            if source is None:
                out[name] = convert(row, context)
            else:
                value = getattr(row, source)
                out[name] = None if value is None else convert(value)
        return out

    def many(self, rows: Iterable, context: dict) -> list[dict]:
        return [self(row, context) for row in rows]


def memoized(context: dict, table: str, key, compute: Callable[[], Any]):
    """``compute()`` once per request for ``key``: ``context`` is the request's shared dict."""
    cache = context.setdefault(table, {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]
