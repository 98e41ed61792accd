"""The ASGI entry point: HTTP through Django, WebSockets through Channels.

``/coproduction/api/v1/coproductionprocesses/{id}/ws`` and ``/coproduction/api/v1/users/{id}/ws``
(coproduction/consumers.py); every other WebSocket path is refused.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
os.environ.setdefault("DJANGO_DB_ROLE", "app")

from django.core.asgi import get_asgi_application  # noqa: E402

http_application = get_asgi_application()  # sets Django up before the consumers import models

from django.conf import settings  # noqa: E402

# Django's persistent connections belong to a thread, and under ASGI each request's sync code
# runs in a thread of its own: kept connections would pile up until PostgreSQL refuses more
# (seen in the benchmark). Django's advice for ASGI: no persistent connections (PgBouncer in
# front, docs/deployment.md). The dicts are the ones the connection handler already holds.
for database in settings.DATABASES.values():
    database["CONN_MAX_AGE"] = 0

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from coproduction.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter({"http": http_application, "websocket": URLRouter(websocket_urlpatterns)})
