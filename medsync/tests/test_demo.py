"""``manage.py seed_medsync_demo``: the spec's deterministic catalogue, and a no-op when data exists."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from medsync.models import Diagnostic, DiagnosticLocation, Doctor, DoctorRating, Location, Specialty, WorkingHour

pytestmark = pytest.mark.django_db(databases=["medsync"], transaction=True)


def snapshot():
    return (
        list(Location.objects.values_list("location_id", "name", "address")),
        list(Doctor.objects.values_list("doctor_id", "full_name", "location_id", "price", "specialty_id")),
        list(Diagnostic.objects.values_list("diagnostic_id", "price")),
        list(WorkingHour.objects.values_list("location_id", "weekday_index", "start_time", "end_time")),
        list(DoctorRating.objects.values_list("doctor_id", "rating")),
    )


def test_demo_catalogue_follows_the_spec(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_medsync_demo", stdout=StringIO())

    assert Location.objects.count() == 3
    assert all(len(address) <= 25 for address in Location.objects.values_list("address", flat=True))
    assert list(Diagnostic.objects.values_list("diagnostic_id", "photo_url"))[2] == (3, "/images/get-tested/x-ray.png")
    assert Diagnostic.objects.get(pk=12).type_name == "Colonoscopy"
    assert DiagnosticLocation.objects.count() == 36
    assert list(Specialty.objects.order_by("pk").values_list("specialty_name", flat=True))[:2] == [
        "Cardiologist",
        "Dermatologist",
    ]
    doctors = Doctor.objects.select_related("specialty").order_by("pk")
    assert [d.doctor_id for d in doctors] == list(range(1, 13))
    assert [d.specialty.specialty_name for d in doctors][:4] == [
        "Neurologist",
        "Ophthalmologist",
        "Neurologist",
        "Hematologist",
    ]
    assert doctors[3].photo_url == "/images/doctors-listing/profiles/5.png"
    assert all(50 <= d.price <= 200 for d in doctors)
    assert "neurologist" in doctors[0].experience and "EEG interpretation" in doctors[0].services.splitlines()
    per_day = WorkingHour.objects.values("weekday_index").annotate(n=Count("pk"))
    assert {row["weekday_index"]: row["n"] for row in per_day} == {
        day: 3 for day in range(1, 7)
    }  # Monday-Saturday; 0 (Sunday) closed
    counts = DoctorRating.objects.values("doctor_id").annotate(n=Count("pk")).values_list("n", flat=True)
    assert all(50 <= n <= 250 for n in counts) and len(counts) == 12
    assert set(DoctorRating.objects.values_list("rating", flat=True)) <= {1, 2, 3, 4, 5}
    assert (tmp_path / "results" / "colonoscopy.pdf").read_bytes().startswith(b"%PDF")

    doctors_api = client.get("/medsync/api/doctors/").json()
    assert len(doctors_api) == 12 and all(4 <= d["avg_rating"] <= 5 for d in doctors_api)
    assert len(client.get("/medsync/api/specialties/").json()) == 6


def test_demo_is_deterministic_and_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_medsync_demo", stdout=StringIO())
    first = snapshot()

    out = StringIO()
    call_command("seed_medsync_demo", stdout=out)  # make run / make test run it every time
    assert "nothing changed" in out.getvalue()
    assert snapshot() == first

    call_command("seed_medsync_demo", "--reset", stdout=StringIO())
    assert snapshot() == first  # same seed, ids from 1 again
    call_command("seed_medsync_demo", "--reset", "--seed", "7", stdout=StringIO())
    assert snapshot() != first
