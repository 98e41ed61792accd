"""The orjson renderer writes DRF's ``JSONRenderer`` bytes, on edge values and real responses."""

import datetime
import decimal
import json
import os
import uuid
import zoneinfo
from collections import OrderedDict

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from common import fuzz
from common.renderers import FastJSONRenderer
from common.testing import empty_every_database, login_default_as

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def drf_bytes(data, accepted_media_type=None, renderer_context=None):
    return JSONRenderer().render(data, accepted_media_type, renderer_context)


def fast_bytes(data, accepted_media_type=None, renderer_context=None):
    return FastJSONRenderer().render(data, accepted_media_type, renderer_context)


def nested_lists(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


EDGE_VALUES = {
    "non-ASCII text": {"name": "Ñandú – łódź – 東京 – emoji 🚀", "lv": "Ģimenes ārsts"},
    "control characters and escapes": 'tab\t nl\n cr\r bs\b ff\f nul\x00 us\x1f del\x7f quote" backslash\\ slash/',
    "line and paragraph separators": "before\u2028between\u2029after",
    "aware UTC datetime": datetime.datetime(2024, 5, 17, 9, 30, 12, 123456, tzinfo=datetime.UTC),
    "aware UTC datetime without microseconds": datetime.datetime(2024, 5, 17, 9, 30, tzinfo=datetime.UTC),
    "datetime in another zone": datetime.datetime(2024, 1, 2, 3, 4, 5, 60, tzinfo=MADRID),
    "naive datetime": datetime.datetime(2024, 1, 2, 3, 4, 5),
    "date": datetime.date(1999, 12, 31),
    "naive time": datetime.time(8, 15, 0, 5),
    "timedelta": datetime.timedelta(days=1, seconds=3.5),
    "decimals": [decimal.Decimal("5.00"), decimal.Decimal("0.1"), decimal.Decimal("1234567.89"), decimal.Decimal("0")],
    "tiny and huge decimals": [decimal.Decimal("0.00001"), decimal.Decimal("1E-7"), decimal.Decimal("1E+22")],
    "floats": [5.0, 0.1, 4.333333333333333, 1e16, 1e22, 1.5e300, -0.0, 0.0001, 100.0],
    "integers": [0, -1, 2**63 - 1, -(2**63), 2**64 - 1],
    "integer beyond 64 bits": 2**64,
    "UUID": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy string": gettext_lazy("This field is required."),
    "set": {3},
    "bytes": b"raw",
    "non-string keys": {1: "one", 2.5: "two and a half", False: "no", None: "none"},
    "DRF containers": ReturnDict(OrderedDict(a=ReturnList([1, {"b": None}], serializer=None)), serializer=None),
    "booleans and null": [True, False, None],
    "empty containers": [{}, [], ""],
    "nesting deeper than orjson goes": nested_lists(300),
}


@pytest.mark.parametrize("value", EDGE_VALUES.values(), ids=EDGE_VALUES.keys())
def test_edge_values_are_written_as_drf_writes_them(value):
    assert fast_bytes(value) == drf_bytes(value)
    assert fast_bytes({"wrapped": value, "again": [value]}) == drf_bytes({"wrapped": value, "again": [value]})


def test_nothing_is_an_empty_body():
    assert fast_bytes(None) == drf_bytes(None) == b""


@pytest.mark.parametrize("accept", ["application/json; indent=4", "application/json; indent=2"])
def test_indented_output_is_drfs(accept):
    data = {"name": "Ñandú", "when": datetime.datetime(2024, 5, 17, tzinfo=datetime.UTC)}
    assert fast_bytes(data, accept) == drf_bytes(data, accept)
    assert b"\n    " in fast_bytes(data, "application/json; indent=4")


@pytest.mark.parametrize(
    "value",
    [decimal.Decimal("NaN"), decimal.Decimal("Infinity"), datetime.time(8, 0, tzinfo=datetime.UTC), object()],
    ids=["NaN decimal", "infinite decimal", "aware time", "unknown object"],
)
def test_values_drf_refuses_are_refused_with_its_error(value):
    with pytest.raises((ValueError, TypeError)) as drf_error:
        drf_bytes({"value": value})
    with pytest.raises(type(drf_error.value)) as fast_error:
        fast_bytes({"value": value})
    assert str(fast_error.value) == str(drf_error.value)


def test_tiny_floats_differ_only_in_notation_and_read_back_the_same():
    """The documented difference (common/renderers.py): same number, orjson's exponent form."""
    tiny = [1e-07, 1e-05, 1.5212603486793025e-05, -7.1850441006303285e-09]
    assert fast_bytes(tiny) == b"[1e-7,0.00001,0.000015212603486793025,-7.1850441006303285e-9]"
    assert drf_bytes(tiny) == b"[1e-07,1e-05,1.5212603486793025e-05,-7.1850441006303285e-09]"
    assert json.loads(fast_bytes(tiny)) == json.loads(drf_bytes(tiny)) == tiny


def test_the_api_renders_with_it_by_default():
    assert settings.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"][0] == "common.renderers.FastJSONRenderer"


@pytest.fixture(scope="module")
def demo_callers(django_db_setup, django_db_blocker):
    """The demo data of every app, committed, and the headers of each kind of caller."""
    from matar.models import User as MatarUser

    with django_db_blocker.unblock():
        login_default_as("admin")
        try:
            with open(os.devnull, "w") as devnull:
                call_command("seed_demo", stdout=devnull, stderr=devnull)
            login_default_as("app")
            callers = fuzz.callers(
                user_email=settings.FIRST_USER,
                superuser_email=settings.FIRST_SUPERUSER,
                password=settings.FIRST_USER_PASSWORD,
                matar_user_id=str(MatarUser.objects.order_by("pk").first().pk),
            )
            yield {caller.name: caller.headers for caller in callers}
        finally:
            empty_every_database()


#: (caller, path): a handful of reads per app, lists and details, with translated text,
#: timestamps, decimals and error answers among them.
REAL_RESPONSES = [
    ("anonymous", "/api/v1/utils/health-check/"),
    ("user", "/api/v1/items/"),
    ("user", "/api/v1/users/me"),
    ("superuser", "/api/v1/users/"),
    ("anonymous", "/api/v1/items/"),
    ("anonymous", "/catalogue/api/v1/interlinkers?size=50"),
    ("anonymous", "/catalogue/api/v1/knowledgeinterlinkers?size=10"),
    ("anonymous", "/catalogue/api/v1/softwareinterlinkers?size=10"),
    ("anonymous", "/catalogue/api/v1/coproductionschemas"),
    ("anonymous", "/catalogue/api/v1/problemprofiles"),
    ("anonymous", "/catalogue/api/v1/interlinkers/00000000-0000-0000-0000-000000000000"),
    ("user", "/coproduction/api/v1/coproductionprocesses"),
    ("user", "/coproduction/api/v1/coproductionprocesses/public"),
    ("user", "/coproduction/api/v1/notifications"),
    ("superuser", "/coproduction/api/v1/coproductionprocesses"),
    ("anonymous", "/medsync/api/doctors/"),
    ("anonymous", "/medsync/api/doctors/1"),
    ("anonymous", "/medsync/api/specialties/"),
    ("anonymous", "/medsync/api/diagnostics/"),
    ("anonymous", "/medsync/api/locations/1"),
    ("anonymous", "/medsync/api/working_hours/1"),
    ("anonymous", "/medsync/api/doctors/999999"),
    ("anonymous", "/matar/api/v1/languages"),
    ("matar-token", "/matar/api/v1/organizations"),
    ("matar-token", "/matar/api/v1/activity_types"),
    ("anonymous", "/matar/api/v1/organizations"),
    ("user", "/auth/api/v1/users/me"),
]


def test_real_responses_of_every_app_are_drfs_bytes(demo_callers):
    """No ``django_db`` mark: the demo data is committed and flushed by the fixture (which keeps
    the database unblocked), and pytest-django runs unmarked tests last, so the flush cannot
    remove rows that migrations inserted (Matar's activity types) before other tests read them."""
    client = Client()
    seen = []
    for caller, path in REAL_RESPONSES:
        response = client.get(path, headers={**demo_callers[caller], "Accept": "application/json"})
        assert response["Content-Type"] == "application/json", (caller, path, response.status_code)
        assert response.content == drf_bytes(response.data), (caller, path)
        seen.append(response.content)
    everything = b"".join(seen)
    # The comparison covered what differs most between JSON writers.
    assert any(byte >= 0x80 for byte in everything), "no non-ASCII text in the compared responses"
    assert b'Z"' in everything or b'+00:00"' in everything, "no timestamps in the compared responses"
    assert sum(len(content) > 2000 for content in seen) >= 3, "the compared responses are all tiny"
