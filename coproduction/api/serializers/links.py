"""Links to stored files and related ids, as every output serializer shows them."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage


def file_link(value: str | None, request=None) -> str:
    """Decision 20: storage URL of an uploaded file, or the public base URL + a legacy ``/static/`` value."""
    if not value:
        return ""
    if value.startswith("/static/") or value.startswith("http"):
        return value if value.startswith("http") else settings.COPRODUCTION_PUBLIC_BASE_URL + value
    url = default_storage.url(value)
    return request.build_absolute_uri(url) if request is not None else url


class LinkMixin:
    def _link(self, value):
        return file_link(value, self.context.get("request"))


def related_ids(manager) -> list[str]:
    return [str(obj.pk) for obj in manager.all()]
