"""The MedSync endpoints are documented without drf-spectacular warnings, and the schema validates."""

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.views import APIView

from medsync.api import views


def test_medsync_paths_are_documented_without_warnings():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    messages = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    ours = [name for name, value in vars(views).items() if isinstance(value, type) and issubclass(value, APIView)]
    assert [m for m in messages if "/medsync/" in m or any(f"[{name}]" in m for name in ours)] == []
    paths = schema["paths"]
    assert "/medsync/api/doctors/{doctor_id}/" in paths
    assert "/medsync/api/free_slots/doctors/{doctor_id}/{location_id}/" in paths
    free = paths["/medsync/api/free_slots/doctors/{doctor_id}/{location_id}/"]["get"]
    assert {parameter["name"] for parameter in free["parameters"]} >= {"date_from", "date_to", "tz", "doctor_id"}
    booking = paths["/medsync/api/doctors/book_slot/"]["post"]
    assert "400" in booking["responses"]
