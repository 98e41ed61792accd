"""Entry point of the Celery worker: ``celery -A config.worker worker -l info``.

Like the WSGI/ASGI entry points it defaults to the production settings and the runtime
database role; set ``DJANGO_SETTINGS_MODULE=config.settings.dev`` on a development machine.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
os.environ.setdefault("DJANGO_DB_ROLE", "app")

import django  # noqa: E402

django.setup()

from config.celery import app  # noqa: E402

__all__ = ["app"]
