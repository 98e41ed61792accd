"""Which statements end a read-cache generation (common/read_cache.py ``is_write``)."""

import pytest

from common.read_cache import is_write


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "artefact"."id" FROM "artefact"', False),
        ("  (SELECT 1) UNION (SELECT 2)", False),
        ("SAVEPOINT s1", False),
        ("SELECT set_config('app.role', 'admin', true)", False),
        # co-production reads a schema tree from the catalogue with a recursive CTE
        ("WITH RECURSIVE tree AS (SELECT id FROM treeitemmetadata) SELECT * FROM tree", False),
        ("WITH gone AS (DELETE FROM rating RETURNING artefact_id) SELECT count(*) FROM gone", True),
        ('INSERT INTO "problemprofile" ("id") VALUES (%s)', True),
        ("update artefact set rating = 0", True),
        ('DELETE FROM "artefact_problem" WHERE true', True),
        ("TRUNCATE artefact, problemprofile CASCADE", True),
        ("CREATE INDEX x ON artefact (id)", True),
    ],
)
def test_writes_are_told_from_reads(sql, writes):
    assert is_write(sql) is writes
