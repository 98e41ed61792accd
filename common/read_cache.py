"""Rendered GET responses kept in the shared cache until their database is written (issue 16).

A ``ReadCache`` serves some list endpoints of one database alias (the catalogue) from Django's
cache alias ``read`` (``CACHES``: the shared backend, database cache or Redis, so every worker
and instance sees the same entries). Keys carry a *generation* token stored in that cache;
any write to the database gives a new token, so every cached response is dropped at once:

* ``watch_writes`` wraps every statement on the alias's connections (``execute_wrapper``):
  an INSERT, UPDATE, DELETE, TRUNCATE… from the API, the admin, the importer, a management
  command or a signal receiver all end the generation, when the write commits (at once in
  autocommit). What other workers store meanwhile, from the data as it was, is stored under
  the old generation, which nobody asks for any more.
* While a transaction that wrote is open on the connection, its own reads neither use nor
  fill the cache: they see the uncommitted rows, which must not reach the shared cache.
* Writes made outside Django (``psql``) are not seen: ``manage.py clear_read_cache`` ends
  the generation, and entries expire after ``READ_CACHE_SECONDS`` anyway.
* What else shapes a body is in its key: the settings named in ``settings_keys`` (link bases)
  and a digest of the source of the ``code`` packages, so a release that changes an output
  never serves what the previous one stored.

What is cached is the exact body the view rendered (after content negotiation: the key holds
the renderer and the accepted media type), for a 200 only; a hit is rendered by
``PrerenderedRenderer`` and passes through DRF's response handling like any other.

Each worker also keeps the bodies it used last in its own memory (``LocalBodies``, at most
``READ_CACHE_LOCAL_BYTES``), by the same keys: the generation is still read from the shared
cache on every request (one small read), but a large body (a schema list is 0.8 MB) is not
fetched and decoded again from the database cache each time.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import re
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from rest_framework.response import Response

logger = logging.getLogger(__name__)

CACHE_ALIAS = "read"
#: Every ``ReadCache`` made (``manage.py clear_read_cache`` renews them all).
READ_CACHES: list[ReadCache] = []
#: Statements that never write; ``WITH`` writes only with a data-modifying part; anything else
#: on the watched alias ends the generation (an unknown statement errs on the safe side).
READ_STATEMENT = re.compile(r"[\s(]*(SELECT|SHOW|EXPLAIN|SET|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT)\b", re.IGNORECASE)
WITH_STATEMENT = re.compile(r"\s*WITH\b", re.IGNORECASE)
MODIFYING = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)


def is_write(sql: str) -> bool:
    """Whether a statement may change data (what ends a ``ReadCache`` generation)."""
    if READ_STATEMENT.match(sql):
        return False
    if WITH_STATEMENT.match(sql):
        return bool(MODIFYING.search(sql))
    return True


class PrerenderedRenderer:
    """Stands in for the negotiated renderer of a cache hit: same media type, stored bytes."""

    def __init__(self, renderer, content: bytes):
        self.media_type, self.format, self.charset = renderer.media_type, renderer.format, renderer.charset
        self.content = content

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return self.content


class PrerenderedResponse(Response):
    def __init__(self, content: bytes):
        super().__init__(data=None)
        self.prerendered = content

    @property
    def rendered_content(self):
        self.accepted_renderer = PrerenderedRenderer(self.accepted_renderer, self.prerendered)
        return super().rendered_content


class LocalBodies:
    """Least recently used bodies of this process, by key, within a byte budget (thread-safe)."""

    def __init__(self):
        self.bodies: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            body = self.bodies.get(key)
            if body is not None:
                self.bodies.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        budget = settings.READ_CACHE_LOCAL_BYTES
        with self.lock:
            if key in self.bodies or len(body) > budget:
                return
            self.bodies[key] = body
            self.size += len(body)
            while self.size > budget:
                self.size -= len(self.bodies.popitem(last=False)[1])

    def clear(self) -> None:
        with self.lock:
            self.bodies.clear()
            self.size = 0


class ReadCache:
    def __init__(self, scope: str, *, database: str, code: Sequence[str], settings_keys: Sequence[str] = ()):
        self.scope, self.database, self.code, self.settings_keys = scope, database, code, settings_keys
        self.generation_key = f"{scope}:generation"
        self._code_digest = None
        self.local = LocalBodies()
        READ_CACHES.append(self)

    def code_digest(self) -> str:
        """A digest of every ``.py`` file of the ``code`` packages (read once per process)."""
        if self._code_digest is None:
            digest = hashlib.sha256()
            for package in self.code:
                folder = Path(importlib.import_module(package).__file__).parent
                for path in sorted(folder.rglob("*.py")):
                    digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
            self._code_digest = digest.hexdigest()
        return self._code_digest

    @property
    def cache(self):
        return caches[CACHE_ALIAS]

    def generation(self) -> str:
        token = self.cache.get(self.generation_key)
        if token is None:
            token = self.renew()
        return token

    def renew(self) -> str:
        token = uuid.uuid4().hex
        self.cache.set(self.generation_key, token, None)
        return token

    def response(self, view, build: Callable[[], Response], *, vary: tuple = ()) -> Response:
        """The cached body of this GET, or ``build()``'s response, stored once rendered if 200.

        ``vary``: what else the body depends on (the request language); the full path, the
        host and scheme (absolute links) and the negotiated renderer are always in the key.
        """
        if self._renewal_pending(connections[self.database]):
            return build()
        request = view.request
        renderer = request.accepted_renderer
        parts = (
            self.generation(),
            self.code_digest(),
            *(getattr(settings, name) for name in self.settings_keys),
            request.build_absolute_uri(),
            f"{type(renderer).__module__}.{type(renderer).__qualname__}",
            request.accepted_media_type,
            *vary,
        )
        key = f"{self.scope}:" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
        content = self.local.get(key)
        if content is None:
            content = self.cache.get(key)
            if content is not None:
                self.local.put(key, content)
        if content is not None:
            return PrerenderedResponse(content)
        response = build()
        if response.status_code == 200:
            response.add_post_render_callback(lambda rendered: self._store(key, rendered))
        return response

    def _store(self, key: str, response) -> None:
        self.cache.set(key, response.content, settings.READ_CACHE_SECONDS)
        self.local.put(key, response.content)

    def watch_writes(self) -> None:
        """End the generation on every write to ``database`` (see the module docstring)."""
        connection_created.connect(self._wrap_connection, weak=False, dispatch_uid=f"read-cache-{self.scope}")
        if connections[self.database].connection is not None:
            self._wrap_connection(connection=connections[self.database])

    def _wrap_connection(self, sender=None, connection=None, **kwargs) -> None:
        if connection.alias == self.database and self._on_statement not in connection.execute_wrappers:
            connection.execute_wrappers.append(self._on_statement)

    def _on_statement(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if is_write(sql):
            self._written(context["connection"])
        return result

    def _written(self, connection) -> None:
        if not connection.in_atomic_block:
            self.renew_after_write()
        elif not self._renewal_pending(connection):
            transaction.on_commit(self.renew_after_write, using=connection.alias)

    def renew_after_write(self) -> None:
        """``renew`` once a write is in: the write stands whatever the cache does. When the
        shared cache cannot be reached (its table not created yet, as during the first
        ``migrate``; Redis down) the failure is logged, this worker's own bodies are dropped,
        and entries others stored expire after ``READ_CACHE_SECONDS``."""
        try:
            self.renew()
        except Exception as error:
            self.local.clear()
            logger.warning("%s: the read cache could not be renewed after a write: %s", self.scope, error)

    def _renewal_pending(self, connection) -> bool:
        """Whether the connection's open transaction wrote (its renewal waits for the commit)."""
        return connection.in_atomic_block and any(
            entry[1] == self.renew_after_write for entry in connection.run_on_commit
        )
