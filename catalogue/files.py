"""Catalogue file columns in upstream's form, and the links built from them.

Upstream's seeder copies an interlinker's logotype and snapshots into its ``static/<slug>/``
folder and stores ``/static/<slug>/logotype.png`` and ``/static/<slug>/snapshots/<file>``; the
service serves that folder at ``<BASE_PATH>/static``. This project writes the same column
values, keeps the files in Django storage under ``catalogue/<slug>/…`` (one fixed mapping:
``/static/<rest>`` ↔ ``catalogue/<rest>``) and answers ``/catalogue/static/<rest>`` itself, so a
row means the same thing to upstream's service and to this one. Rows written before by this
project hold storage names (``catalogue/<slug>/logotype.png``); both forms are served.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.urls import reverse

STATIC_PREFIX = "/static/"
STORAGE_PREFIX = "catalogue/"


def static_path(storage_name: str) -> str:
    """The upstream column value of a file stored at ``catalogue/<rest>``: ``/static/<rest>``."""
    if not storage_name.startswith(STORAGE_PREFIX):
        raise ValueError(f"{storage_name!r} is not a catalogue storage name")
    return STATIC_PREFIX + storage_name[len(STORAGE_PREFIX) :]


def storage_name(value: str) -> str:
    """Where this project keeps the file of a column value (either form)."""
    if value.startswith(STATIC_PREFIX):
        return STORAGE_PREFIX + value[len(STATIC_PREFIX) :]
    return value


def stored_static_file(rest: str) -> str | None:
    """The storage name behind ``/static/<rest>`` if this project holds that file."""
    name = STORAGE_PREFIX + rest
    try:
        return name if rest and default_storage.exists(name) else None
    except (SuspiciousFileOperation, ValueError):
        return None


def file_link(value: str | None, request=None) -> str:
    """Absolute URL of a logotype or snapshot value; ``""`` when there is none.

    ``/static/…`` (upstream's form, written by upstream or by this project's importer): the
    configured ``CATALOGUE_PUBLIC_BASE_URL`` + value when set (upstream's PROTOCOL + SERVER_NAME
    + BASE_PATH), else this server's ``/catalogue/static/…``. Any other value is a storage name.
    """
    if not value:
        return ""
    if value.startswith(("http://", "https://")):
        return value
    if value.startswith(STATIC_PREFIX):
        base = settings.CATALOGUE_PUBLIC_BASE_URL
        if base:
            return base.rstrip("/") + value
        url = reverse("catalogue-static", kwargs={"rest": value[len(STATIC_PREFIX) :]})
    else:
        url = default_storage.url(value)
    return request.build_absolute_uri(url) if request is not None else url
