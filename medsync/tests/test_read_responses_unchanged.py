"""The read endpoints answer the demo catalogue byte for byte as before the lean read path.

``data/demo_read_responses.json`` holds the answers (status, the headers clients read, body)
captured from the serializer-based views on ``seed_medsync_demo``'s data. A deliberate
change of output is written back with ``MEDSYNC_CAPTURE_READS=1`` and shows in the diff.
"""

import datetime as dt
import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from medsync.tests.helpers import API

pytestmark = pytest.mark.django_db(databases=["medsync"])

CAPTURED = Path(__file__).parent / "data" / "demo_read_responses.json"
ORIGIN = "https://mini-app.example.org"
HEADERS = ("Content-Type", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Vary", "Allow")

PATHS = [
    "/doctors/",
    "/doctors",
    *(f"/doctors/{doctor_id}" for doctor_id in range(1, 13)),
    "/doctors/13",
    "/doctors/0",
    "/doctors/abc",
    "/doctors/99999999999",
    "/specialties/",
    "/specialties",
    "/diagnostics/",
    "/diagnostics/1/locations",
    "/diagnostics/99/locations",
    "/locations/1",
    "/locations/4",
    "/working_hours/1",
    "/working_hours/abc",
]


#: The demo rows' ``created_at`` (the time of seeding) set to one instant, so answers repeat.
SEEDED_AT = dt.datetime(2024, 3, 5, 6, 7, 8, 123456, tzinfo=dt.UTC)


def seed_demo_at_fixed_time() -> None:
    call_command("seed_medsync_demo", stdout=StringIO())
    for model in apps.get_app_config("medsync").get_models():
        if any(field.name == "created_at" for field in model._meta.fields):
            model.objects.update(created_at=SEEDED_AT)


def answers(client) -> dict:
    result = {}
    for path in PATHS:
        for origin in (None, ORIGIN):
            response = client.get(API + path, **({"HTTP_ORIGIN": origin} if origin else {}))
            result[f"{path} origin={origin}"] = {
                "status": response.status_code,
                "headers": {name: response[name] for name in HEADERS if name in response},
                "body": response.content.decode(),
            }
    return result


def test_read_answers_are_the_captured_bytes(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed_demo_at_fixed_time()
    current = answers(client)
    if os.environ.get("MEDSYNC_CAPTURE_READS") == "1":
        CAPTURED.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n")
    captured = json.loads(CAPTURED.read_text())
    assert current.keys() == captured.keys()
    for key, answer in captured.items():
        assert current[key] == answer, key
