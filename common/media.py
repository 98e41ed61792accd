"""Serving uploaded files (MEDIA_URL) from Django, in development only (``SERVE_MEDIA``, by
default ``DEBUG``).

Uploaded files are the users' bytes: a file is answered with ``X-Content-Type-Options:
nosniff`` and a ``Content-Security-Policy`` sandbox, and anything that is not a raster image
(PNG, JPEG, GIF, WebP; SVG can carry script) as ``Content-Disposition: attachment``, so a
browser never renders uploaded HTML on this origin. In production the front web server
serves MEDIA_URL, from its own domain, with the same headers (docs/deployment.md).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

INLINE_CONTENT_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def serve_media(request, path: str):
    enabled = settings.DEBUG if settings.SERVE_MEDIA is None else settings.SERVE_MEDIA
    if not enabled:
        raise Http404("Media files are served by the web server.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    return with_media_headers(response)


def with_media_headers(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if response.status_code == 200 and content_type not in INLINE_CONTENT_TYPES:
        disposition = response.get("Content-Disposition", "")  # FileResponse: inline; filename=...
        response["Content-Disposition"] = (
            "attachment" + disposition[disposition.find(";") :] if ";" in disposition else "attachment"
        )
    return response


def media_urlpatterns() -> list:
    prefix = settings.MEDIA_URL.lstrip("/")
    if not prefix or "://" in prefix:
        return []
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]
