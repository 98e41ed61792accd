"""WebSocket routes (config/asgi.py), at upstream's paths, with and without the final slash."""

from django.urls import re_path

from coproduction import consumers

PREFIX = r"^coproduction/api/v1"

websocket_urlpatterns = [
    re_path(rf"{PREFIX}/coproductionprocesses/(?P<id>[^/]+)/ws/?$", consumers.ProcessConsumer.as_asgi()),
    re_path(rf"{PREFIX}/users/(?P<id>[^/]+)/ws/?$", consumers.UserConsumer.as_asgi()),
]
