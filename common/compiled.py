"""Reads whose SQL the ORM compiles once per process (hot, small read paths).

For a read that returns a dozen rows, building the queryset (``annotate`` and
``select_related`` clone and deep-copy the query) and compiling it costs the Python process
several times what PostgreSQL takes to answer: 1.4 ms of CPU against 0.2 ms for MedSync's
one-doctor read (``python -m bench.cpu``, docs/benchmarks-analysis.md). ``CompiledQuery``
builds the queryset once, with a marker value standing for each parameter, keeps the SQL,
and then runs it with the request's values.

Rows are tuples as psycopg2 returns them: the ``from_db_value`` converters of ``values_list``
do not run. Use it for columns the driver already returns as the API shows them (integers,
text, ``numeric`` as ``Decimal``); convert anything else where the rows are read (an
``AVG`` is ``numeric``: ``float()`` it as the ORM's ``FloatField`` would), or pass
``converted=True``: the compiler's converters (``JSONField`` parsing…) are kept and applied
to every row, as ``values_list`` would.

A list parameter (``WHERE id IN …`` of a page's keys) is a filter ``any_of("id", marker)``:
``id = ANY(%s)`` with the list as one array parameter.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections
from django.db.models import BooleanField, F, Func, QuerySet, Value

#: Parameter markers: values no real parameter of these reads takes.
MARKER_BASE = -987_654_000


class EqualsAny(Func):
    """``column = ANY(%s)``: a filter on a list parameter, passed at run time as one array."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def any_of(column: str, marker: int) -> EqualsAny:
    """``.filter(any_of("id", marker))``: ``id = ANY(%s)``, the marker standing for a list."""
    return EqualsAny(F(column), Value(marker))


class CompiledQuery:
    """``build(**markers)`` compiled on first use; ``rows(**values)`` runs it with real values.

    ``build`` receives each parameter name bound to a distinct marker integer, or to the value
    ``markers`` gives for it (a parameter compared with a column that takes no integer: a
    ``uuid.UUID`` for a UUID column); every marker must reach the SQL parameters exactly once
    (checked at compile time), so a filter the ORM rewrites or drops cannot silently run with
    the marker.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *parameters: str,
        markers: dict | None = None,
        converted: bool = False,
    ):
        self.build = build
        self.parameters = parameters
        self.markers = markers or {}
        self.converted = converted
        self.compiled: tuple[str, str, tuple, dict[str, int], list] | None = None

    def compile(self) -> tuple[str, str, tuple, dict[str, int], list]:
        markers = {name: self.markers.get(name, MARKER_BASE - index) for index, name in enumerate(self.parameters)}
        queryset = self.build(**markers)
        alias = queryset.db
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        positions = {}
        for name, marker in markers.items():
            found = [index for index, value in enumerate(params) if value == marker]
            if len(found) != 1:
                raise ValueError(f"parameter {name!r} reaches the SQL {len(found)} times, not once: {sql}")
            positions[name] = found[0]
        converters = []
        if self.converted:
            selected = [column for column, _, _ in compiler.select[: compiler.col_count]]
            converters = list(compiler.get_converters(selected).items())
        return alias, sql, tuple(params), positions, converters

    def rows(self, **values) -> list[tuple]:
        if self.compiled is None:
            self.compiled = self.compile()
        alias, sql, params, positions, converters = self.compiled
        if positions:
            params = list(params)
            for name, position in positions.items():
                params[position] = values[name]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                for function in functions:
                    row[position] = function(row[position], expression, connection)
            converted.append(tuple(row))
        return converted
