"""Upstream's read endpoints: paths, JSON shapes, ordering, errors and fixed query counts."""

import datetime as dt

import pytest
from django.db import connections

from medsync.tests import factories
from medsync.tests.helpers import API

pytestmark = pytest.mark.django_db(databases=["medsync"])


@pytest.fixture
def medsync_queries(django_assert_num_queries):
    def assert_queries(number):
        return django_assert_num_queries(number, connection=connections["medsync"])

    return assert_queries


def test_doctors_list_has_upstream_shape_ratings_and_reviews(client):
    rated = factories.DoctorFactory(price="150.00")
    factories.DoctorRatingFactory(doctor=rated, rating=4)
    factories.DoctorRatingFactory(doctor=rated, rating=5)
    factories.DoctorRatingFactory(doctor=rated, rating=5)
    unrated = factories.DoctorFactory()

    response = client.get(f"{API}/doctors/")

    assert response.status_code == 200
    first, second = response.json()
    assert first == {
        "doctor_id": rated.doctor_id,
        "location_id": rated.location_id,
        "full_name": rated.full_name,
        "specialty_name": rated.specialty.specialty_name,
        "specialty_id": rated.specialty_id,
        "price": 150.0,
        "photo_url": rated.photo_url,
        "location_name": rated.location.name,
        "location_address": rated.location.address,
        "avg_rating": pytest.approx(14 / 3),
        "reviews": 3,
    }
    assert second["doctor_id"] == unrated.doctor_id
    assert (second["avg_rating"], second["reviews"]) == (0, 0)


def test_doctors_list_runs_two_queries_whatever_the_data_size(client, medsync_queries):
    for _ in range(6):
        doctor = factories.DoctorFactory()
        factories.DoctorRatingFactory.create_batch(3, doctor=doctor)
    with medsync_queries(2):  # doctors with location and specialty; ratings grouped by doctor
        response = client.get(f"{API}/doctors")
    assert len(response.json()) == 6
    assert [d["reviews"] for d in response.json()] == [3] * 6


@pytest.mark.parametrize("path", ["/doctors", "/doctors/", "/specialties", "/specialties/", "/diagnostics/"])
def test_paths_answer_with_and_without_final_slash(client, path):
    response = client.get(API + path)
    assert response.status_code == 200
    assert response.json() == []


def test_doctor_detail_has_about_texts_and_rating(client, medsync_queries):
    doctor = factories.DoctorFactory(services="Consultation\nEEG")
    factories.DoctorRatingFactory(doctor=doctor, rating=3)
    with medsync_queries(1):
        response = client.get(f"{API}/doctors/{doctor.doctor_id}")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == [
        "doctor_id",
        "location_id",
        "full_name",
        "specialty_name",
        "specialty_id",
        "price",
        "photo_url",
        "location_address",
        "experience",
        "certificates",
        "location_name",
        "avg_rating",
        "reviews",
        "services",
    ]
    assert body["services"] == "Consultation\nEEG"
    assert (body["avg_rating"], body["reviews"]) == (3.0, 1)


@pytest.mark.parametrize(
    ("path", "status", "detail"),
    [
        ("/doctors/999999", 404, "Doctor not found"),
        ("/locations/999999", 404, "Location not found"),
        ("/diagnostics/999999/locations", 404, "Locations not found"),
    ],
)
def test_unknown_ids_answer_404_with_upstream_message(client, path, status, detail):
    response = client.get(API + path)
    assert response.status_code == status
    assert response.json() == {"detail": detail}


@pytest.mark.parametrize(
    "path",
    [
        "/doctors/abc",
        "/doctors/99999999999999999999",
        "/locations/1.5",
        "/working_hours/x",
        "/diagnostics/x/locations",
        "/slots/doctors/1/1/12",
        "/slots/doctors/1/1/-1",
        "/slots/diagnostics/a/1/3",
    ],
)
def test_bad_path_parameters_answer_422(client, path):
    response = client.get(API + path)
    assert response.status_code == 422
    assert response.json()


def test_specialties_lists_only_those_with_doctors_by_name(client, medsync_queries):
    zoology = factories.SpecialtyFactory(specialty_name="Zoologist")
    cardio = factories.SpecialtyFactory(specialty_name="Cardiologist")
    factories.SpecialtyFactory(specialty_name="Nobody's specialty")
    factories.DoctorFactory.create_batch(2, specialty=zoology)
    factories.DoctorFactory(specialty=cardio)
    with medsync_queries(1):
        response = client.get(f"{API}/specialties/")
    assert response.json() == [
        {"specialty_id": cardio.specialty_id, "specialty_name": "Cardiologist"},
        {"specialty_id": zoology.specialty_id, "specialty_name": "Zoologist"},
    ]


def test_diagnostics_lists_offered_ones_with_clinics_count(client, medsync_queries):
    mri, blood, _never_offered = (
        factories.DiagnosticFactory(price="161.19"),
        factories.DiagnosticFactory(),
        factories.DiagnosticFactory(),
    )
    a, b = factories.LocationFactory(), factories.LocationFactory()
    factories.DiagnosticLocationFactory(diagnostic=mri, location=a)
    factories.DiagnosticLocationFactory(diagnostic=mri, location=b)
    factories.DiagnosticLocationFactory(diagnostic=blood, location=a)
    with medsync_queries(1):
        response = client.get(f"{API}/diagnostics/")
    assert response.json() == [
        {
            "diagnostic_id": mri.diagnostic_id,
            "type_name": mri.type_name,
            "description": mri.description,
            "price": 161.19,
            "photo_url": mri.photo_url,
            "clinics_count": 2,
        },
        {
            "diagnostic_id": blood.diagnostic_id,
            "type_name": blood.type_name,
            "description": blood.description,
            "price": 75.0,
            "photo_url": blood.photo_url,
            "clinics_count": 1,
        },
    ]


def test_diagnostic_locations_by_location_id(client, medsync_queries):
    diagnostic = factories.DiagnosticFactory()
    later, earlier = factories.LocationFactory(), factories.LocationFactory()
    factories.DiagnosticLocationFactory(diagnostic=diagnostic, location=earlier)
    factories.DiagnosticLocationFactory(diagnostic=diagnostic, location=later)
    factories.DiagnosticLocationFactory()  # another diagnostic elsewhere
    with medsync_queries(1):
        response = client.get(f"{API}/diagnostics/{diagnostic.diagnostic_id}/locations")
    assert response.json() == [
        {"location_id": loc.location_id, "name": loc.name, "address": loc.address} for loc in (later, earlier)
    ]


def test_location_detail(client):
    location = factories.LocationFactory(name="Smith Medical Center", address="1 Main St")
    response = client.get(f"{API}/locations/{location.location_id}/")
    assert response.json() == {
        "location_id": location.location_id,
        "name": "Smith Medical Center",
        "address": "1 Main St",
    }


def test_working_hours_by_weekday_sunday_first(client, medsync_queries):
    location = factories.LocationFactory()
    saturday = factories.WorkingHourFactory(location=location, weekday_index=6, start_time=10, end_time=14)
    monday = factories.WorkingHourFactory(location=location, weekday_index=1, start_time=8, end_time=17)
    sunday = factories.WorkingHourFactory(location=location, weekday_index=0, start_time=8, end_time=17)
    factories.WorkingHourFactory(weekday_index=0)  # another location
    with medsync_queries(1):
        response = client.get(f"{API}/working_hours/{location.location_id}")
    body = response.json()
    assert [row["working_hour_id"] for row in body] == [
        sunday.working_hour_id,
        monday.working_hour_id,
        saturday.working_hour_id,
    ]
    assert set(body[0]) == {"working_hour_id", "location_id", "start_time", "end_time", "weekday_index", "created_at"}
    assert body[0]["weekday_index"] == 0 and body[0]["start_time"] == 8 and body[0]["end_time"] == 17
    assert body[0]["created_at"].endswith("+00:00")
    assert client.get(f"{API}/working_hours/999999").json() == []


def _month_index(instant: dt.datetime) -> int:
    return instant.month - 1


def test_booked_slots_are_the_months_bookings_from_today_on(client, medsync_queries):
    doctor = factories.DoctorFactory()
    now = dt.datetime.now(dt.UTC)
    soon = (now + dt.timedelta(days=40)).replace(day=10, hour=9, minute=0, second=0, microsecond=0)
    later_same_day = soon.replace(hour=11)
    booked = [factories.BookingFactory(doctor=doctor, booking_time=t) for t in (later_same_day, soon)]
    factories.BookingFactory(doctor=doctor, booking_time=soon.replace(year=soon.year + 1))  # same month, next year
    factories.BookingFactory(
        doctor=factories.DoctorFactory(location=doctor.location), booking_time=soon
    )  # another doctor
    other_location = factories.LocationFactory()
    factories.BookingFactory(doctor=doctor, location=other_location, booking_time=soon.replace(hour=13))
    factories.BookingFactory(doctor=doctor, booking_time=(now - dt.timedelta(days=1)).replace(minute=0, second=0))

    with medsync_queries(1):
        response = client.get(f"{API}/slots/doctors/{doctor.doctor_id}/{doctor.location_id}/{_month_index(soon)}")

    assert response.status_code == 200
    assert response.json() == [booked[1].booking_time.isoformat(), booked[0].booking_time.isoformat()]
    assert response.json()[0] == soon.isoformat() and soon.isoformat().endswith("+00:00")


def test_booked_slots_of_a_diagnostic(client):
    diagnostic_location = factories.DiagnosticLocationFactory()
    when = (dt.datetime.now(dt.UTC) + dt.timedelta(days=20)).replace(hour=9, minute=0, second=0, microsecond=0)
    factories.BookingFactory(
        doctor=None, diagnostic=diagnostic_location.diagnostic, location=diagnostic_location.location, booking_time=when
    )
    path = f"{API}/slots/diagnostics/{diagnostic_location.diagnostic_id}/{diagnostic_location.location_id}"
    assert client.get(f"{path}/{_month_index(when)}").json() == [when.isoformat()]
    assert client.get(f"{path}/{(_month_index(when) + 6) % 12}").json() == []


def test_cors_allows_any_origin_without_credentials_on_the_medsync_api_only(client):
    origin = "https://mini-app.example.org"
    preflight = client.options(
        f"{API}/doctors/book_slot",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in preflight
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    read = client.get(f"{API}/doctors/", HTTP_ORIGIN=origin)
    assert read["Access-Control-Allow-Origin"] == "*" and "Access-Control-Allow-Credentials" not in read
    my_data = client.options(
        f"{API}/my/bookings",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-telegram-init-data",
    )
    assert "x-telegram-init-data" in my_data["Access-Control-Allow-Headers"]
    elsewhere = client.get("/api/v1/utils/health-check/", HTTP_ORIGIN=origin)
    assert "Access-Control-Allow-Origin" not in elsewhere
    allowed = client.get("/api/v1/utils/health-check/", HTTP_ORIGIN="http://localhost:5173")
    assert allowed["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert allowed["Access-Control-Allow-Credentials"] == "true"
