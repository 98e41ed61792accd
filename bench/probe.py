"""In-process measurements run as the runtime role: SQL queries and bytes per request,
bearer tokens for the load tool, and the row-level-security overhead at SQL level.

Prints one JSON object. Run by bench/run.py with the benchmark's environment:
``python -m bench.probe <scale> [dataset]`` probes the endpoints of one dataset
(bench/endpoints.py: ``generated``, the default, with the RLS overhead; or ``real``).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DJANGO_DB_ROLE", "app")

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.tokens import create_access_token  # noqa: E402
from bench.datasets import bench_user_id  # noqa: E402
from bench.endpoints import ENDPOINTS  # noqa: E402
from config.roles import role_credentials  # noqa: E402

IDENTITIES = {"user": 500, "superuser": 1}


def tokens(scale: str) -> dict:
    numbers = dict(IDENTITIES)
    if scale == "smoke":
        numbers["user"] = 2
    from matar.tokens import create_access_token as matar_access_token

    result = {name: create_access_token(bench_user_id(number)) for name, number in numbers.items()}
    result["matar"] = matar_access_token("BU1")
    return result


def resolve(path: str) -> str:
    """Fill the placeholders of a benchmark path with ids from the datasets."""
    if "{process}" in path:
        from bench.datasets import bench_process_id

        path = path.replace("{process}", bench_process_id())
    return path


def probe_endpoints(auth_tokens: dict, dataset: str) -> list[dict]:
    client = Client()
    results = []
    for endpoint in (endpoint for endpoint in ENDPOINTS if endpoint.dataset == dataset):
        path = resolve(endpoint.path)
        headers = {}
        if endpoint.auth:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {auth_tokens[endpoint.auth]}"
        client.get(path, **headers)  # warm caches and the connection
        aliases = list(connections)
        contexts = [CaptureQueriesContext(connections[alias]) for alias in aliases]
        for context in contexts:
            context.__enter__()
        response = client.get(path, **headers)
        for context in contexts:
            context.__exit__(None, None, None)
        results.append(
            {
                "app": endpoint.app,
                "dataset": endpoint.dataset,
                "name": endpoint.name,
                "path": path,
                "auth": endpoint.auth,
                "status": response.status_code,
                "queries": sum(len(context) for context in contexts),
                "bytes": len(response.content),
            }
        )
    return results


def _median_ms(cursor, statements, runs=200) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        cursor.execute("BEGIN")
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description:
                cursor.fetchall()
        cursor.execute("COMMIT")
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def rls_overhead(user_number: int) -> dict:
    """A user's page of 100 items and the count, with the policies vs a role that bypasses them."""
    settings_dict = connection.settings_dict
    user_id = bench_user_id(user_number)
    page = (
        "SELECT id, title, description, owner_id FROM item WHERE owner_id = %s ORDER BY created_at, id LIMIT 100",
        [user_id],
    )
    count = ("SELECT count(*) FROM item WHERE owner_id = %s", [user_id])
    identity = ("SELECT set_config('app.user_id', %s, true), set_config('app.role', 'user', true)", [user_id])
    bypass_role = role_credentials("maintenance", "", "")

    def connect(user, password):
        return psycopg2.connect(
            dbname=settings_dict["NAME"],
            user=user,
            password=password or None,
            host=settings_dict.get("HOST") or None,
            port=settings_dict.get("PORT") or None,
        )

    with connect(settings_dict["USER"], settings_dict["PASSWORD"]) as app, connect(*bypass_role) as bypass:
        with app.cursor() as app_cursor, bypass.cursor() as bypass_cursor:
            with_policies = _median_ms(app_cursor, [identity, page, count])
            policies_only = _median_ms(
                app_cursor,
                [
                    identity,
                    (page[0].replace("WHERE owner_id = %s ", ""), []),
                    (count[0].replace(" WHERE owner_id = %s", ""), []),
                ],
            )
            bypassing = _median_ms(bypass_cursor, [identity, page, count])
    return {
        "with_policies_ms": round(with_policies, 3),
        "policies_without_owner_filter_ms": round(policies_only, 3),
        "bypassing_role_ms": round(bypassing, 3),
        "ratio": round(with_policies / bypassing, 2),
    }


def main() -> None:
    scale = sys.argv[1] if len(sys.argv) > 1 else "full"
    dataset = sys.argv[2] if len(sys.argv) > 2 else "generated"
    auth_tokens = tokens(scale)
    report = {"tokens": auth_tokens, "endpoints": probe_endpoints(auth_tokens, dataset)}
    if dataset == "generated":
        report["rls"] = rls_overhead(IDENTITIES["user"] if scale == "full" else 2)
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
