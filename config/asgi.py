"""The ASGI entry point: HTTP through Django, WebSockets through Channels.

``/coproduction/api/v1/coproductionprocesses/{id}/ws`` and ``/coproduction/api/v1/users/{id}/ws``
(coproduction/consumers.py); every other WebSocket path is refused.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
os.environ.setdefault("DJANGO_DB_ROLE", "app")

from django.core.asgi import get_asgi_application  # noqa: E402

http_application = get_asgi_application()  # sets Django up before the consumers import models

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from coproduction.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter({"http": http_application, "websocket": URLRouter(websocket_urlpatterns)})
