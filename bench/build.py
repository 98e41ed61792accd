"""Build every app's benchmark dataset (as the maintenance role). Prints JSON row counts.

``python -m bench.build real`` replaces the catalogue and MedSync rows by upstream's own data
(bench/datasets.py, ``REAL_DATA_LOADERS``).
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DJANGO_DB_ROLE", "maintenance")

import django  # noqa: E402

django.setup()

from bench.datasets import BUILDERS, REAL_DATA_LOADERS  # noqa: E402


def main() -> None:
    scale = sys.argv[1] if len(sys.argv) > 1 else "full"
    builders = REAL_DATA_LOADERS if scale == "real" else BUILDERS
    report = {}
    for app, builder in builders.items():
        start = time.perf_counter()
        counts = builder(scale)
        report[app] = {"counts": counts, "seconds": round(time.perf_counter() - start, 2)}
    analyze_all()
    json.dump(report, sys.stdout)


def analyze_all() -> None:
    """Vacuum and give the planner statistics of the rows just written, as autovacuum does in a
    deployment some time after a load: without statistics PostgreSQL guesses (a 13-row prefetch
    of tree prerequisites became a 33 ms hash join over every tree item), and without the
    visibility map a count cannot be an index-only scan."""
    from django.db import connections

    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
