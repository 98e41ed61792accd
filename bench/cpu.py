"""In-process CPU time per request, through the WSGI handler (no HTTP server, no load tool).

    python -m bench.cpu /medsync/api/doctors/1 /medsync/api/specialties/   # µs of CPU per request
    python -m bench.cpu --profile 30 /medsync/api/doctors/1                 # and cProfile's top 30

The numbers do not depend on what else the machine runs as much as wrk's do (CPU time of this
process, not wall time), so they compare two versions of the code on a busy machine. Each
path is requested once to warm up, then ``--requests`` times; a path answering 4xx/5xx stops
the run. ``--header NAME:VALUE`` adds a request header; ``--auth user|superuser|matar`` sends
a benchmark identity's bearer token (bench/probe.py), and ``{process}`` in a path is the
benchmark's process (on a database ``bench.build`` filled):

    python -m bench.cpu --auth user /coproduction/api/v1/coproductionprocesses/{process}/tree
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DJANGO_DB_ROLE", "app")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402


def environ_for(path: str, headers: dict[str, str]) -> dict:
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def request(handler: WSGIHandler, path: str, headers: dict[str, str]) -> tuple[str, int]:
    statuses = []
    body = b"".join(handler(environ_for(path, headers), lambda status, _headers: statuses.append(status)))
    status = statuses[0]
    if int(status.split()[0]) >= 400:
        raise SystemExit(f"bench.cpu: {path} answered {status}")
    return status, len(body)


def cpu_microseconds(handler: WSGIHandler, path: str, headers: dict[str, str], requests: int) -> dict:
    _, size = request(handler, path, headers)
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    for _ in range(requests):
        request(handler, path, headers)
    cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
    return {"path": path, "cpu_us": round(cpu / requests * 1e6), "wall_us": round(wall / requests * 1e6), "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's N costliest functions per path")
    parser.add_argument("--header", action="append", default=[], help="NAME:VALUE, repeatable")
    parser.add_argument("--auth", choices=("user", "superuser", "matar"), help="a benchmark identity's token")
    parser.add_argument("--scale", default="full", help="the datasets' scale, for --auth (full or smoke)")
    options = parser.parse_args()
    headers = dict(header.split(":", 1) for header in options.header)
    headers = {name.strip(): value.strip() for name, value in headers.items()}
    if options.auth or any("{" in path for path in options.paths):
        from bench.probe import resolve, tokens

        options.paths = [resolve(path) for path in options.paths]
        if options.auth:
            headers["Authorization"] = f"Bearer {tokens(options.scale)[options.auth]}"
    handler = WSGIHandler()
    for path in options.paths:
        result = cpu_microseconds(handler, path, headers, options.requests)
        print(f"{result['cpu_us']:>6} µs CPU  {result['wall_us']:>6} µs wall  {result['bytes']:>7} B  {path}")
        if options.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(options.requests):
                request(handler, path, headers)
            profiler.disable()
            stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
            stats.print_stats(options.profile)


if __name__ == "__main__":
    main()
