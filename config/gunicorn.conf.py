"""Gunicorn for bench/servers.py's comparison and two tests: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

Production runs granian (``python -m config.serve``, issue 16: chosen by measurement, see
docs/benchmarks-analysis.md), and so do the fuzzing and concurrency tests (common/fuzz.py).
The shared-state and WebSocket tests (common.testing.ServerProcess) start gunicorn with this
file, as a WSGI server of another make beside uvicorn.

Every setting can be overridden from the environment (``GUNICORN_*``). Worker processes
share nothing local: authentication is a JWT or a session stored in the database, files go
through Django's storage, so any number of instances can serve the same databases.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
backlog = 2048
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
