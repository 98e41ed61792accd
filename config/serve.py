"""The production HTTP server: granian serving ``config.wsgi`` (``python -m config.serve``).

Chosen by measurement (docs/benchmarks-analysis.md, "Server model"): granian's HTTP layer
is Rust, keeps connections alive and queues requests for the WSGI application. One WSGI
thread a worker by default: on the benchmark machine more threads lost throughput and
lengthened every tail (p99 of a co-production list 326 ms with 4 threads, 217 ms with one),
because a thread back from PostgreSQL waits for the GIL held by its siblings after each of a
request's queries. Where the database is far enough that requests mostly wait on it, raise
``HTTP_THREADS`` (or ``HTTP_WORKERS``) and measure. Every setting can be overridden from the
environment:

| variable | default | what |
|---|---|---|
| ``HTTP_BIND`` | ``127.0.0.1:8000`` | address and port |
| ``HTTP_WORKERS`` | ``2`` | processes (about one per core) |
| ``HTTP_THREADS`` | ``1`` | WSGI threads a worker (each holds its own database connections) |
| ``HTTP_BACKLOG`` | ``2048`` | pending connections the socket holds |
| ``HTTP_ACCESSLOG`` | off | ``1`` logs every request |
| ``HTTP_LOGLEVEL`` | ``warning`` | granian's own log |

The WSGI entry point refuses to start without production secrets: the worker exits, granian
sees a crash loop and stops with exit status 1 (a worker that dies after starting well is
respawned).
WebSockets stay on uvicorn with ``config.asgi`` (docs/deployment.md).
"""

from __future__ import annotations

import os

from granian import Granian
from granian.constants import Interfaces
from granian.log import LogLevels


def server_from_environment(environ=os.environ) -> Granian:
    host, _, port = environ.get("HTTP_BIND", "127.0.0.1:8000").rpartition(":")
    return Granian(
        "config.wsgi:application",
        address=host or "127.0.0.1",
        port=int(port),
        interface=Interfaces.WSGI,
        workers=int(environ.get("HTTP_WORKERS", "2")),
        blocking_threads=int(environ.get("HTTP_THREADS", "1")),
        backlog=int(environ.get("HTTP_BACKLOG", "2048")),
        log_level=LogLevels(environ.get("HTTP_LOGLEVEL", "warning")),
        log_access=environ.get("HTTP_ACCESSLOG", "") == "1",
        respawn_failed_workers=True,
    )


if __name__ == "__main__":
    server_from_environment().serve()
