"""Model fields several apps share."""

from django.contrib.postgres.fields import HStoreField


class TranslationsField(HStoreField):
    """An HSTORE column of per-language texts (``<field>_translations``), read as JSON.

    The column stays ``hstore`` (schema parity); only what SELECT returns changes:
    ``hstore_to_json(column)`` is decoded by the driver's C JSON parser, where psycopg2's
    HSTORE parser is pure Python and took half the time of a catalogue page with long
    descriptions (docs/benchmarks.md). Writes, filters and lookups are plain HSTORE.
    """

    def select_format(self, compiler, sql, params):
        return f"hstore_to_json({sql})", params
