"""``POST /doctors/book_slot`` and ``/diagnostics/book_slot``: upstream's flow with the spec's fixes."""

import datetime as dt

import pytest
from django.db import connections

from medsync.models import Booking, DiagnosticResult, User, Weekday
from medsync.tests import factories
from medsync.tests.helpers import API, future_slot, iso_z, signed_init_data

pytestmark = pytest.mark.django_db(databases=["medsync"])

TELEGRAM_USER = {"id": 5511223344, "first_name": "Olena", "last_name": "Koval", "username": "olena_k"}


@pytest.fixture
def doctor():
    doctor = factories.DoctorFactory()
    factories.open_every_day(doctor.location, 8, 17)
    return doctor


@pytest.fixture
def offered():
    """A diagnostic offered at a location open every day 8-17."""
    offer = factories.DiagnosticLocationFactory(
        diagnostic=factories.DiagnosticFactory(diagnostic_id=3, type_name="X-Ray")
    )
    factories.open_every_day(offer.location, 8, 17)
    return offer


def doctor_body(doctor, when, **extra):
    return {
        "doctor_id": doctor.doctor_id,
        "location_id": doctor.location_id,
        "booking_date_time": iso_z(when),
        "user_name": "Olena",
        "user_surname": "Koval",
        "user_phone": "+380501112233",
        "user_email": "olena@example.com",
        "user_message": "First visit",
        **extra,
    }


def test_anonymous_doctor_booking_is_stored(client, doctor):
    when = future_slot(hour=10)
    response = client.post(f"{API}/doctors/book_slot", doctor_body(doctor, when), format="json")

    assert response.status_code == 200
    body = response.json()
    assert body == {"status": "success", "booking_id": body["booking_id"]}
    booking = Booking.objects.get(pk=body["booking_id"])
    assert booking.user_id is None
    assert (booking.user_full_name, booking.user_email, booking.user_phone_number) == (
        "Olena Koval",
        "olena@example.com",
        "+380501112233",
    )
    assert (booking.doctor_id, booking.diagnostic_id, booking.location_id) == (doctor.pk, None, doctor.location_id)
    assert booking.booking_time == when
    assert booking.user_message == "First visit"


def test_booked_slot_leaves_the_free_slots_and_a_second_booking_gets_400(client, doctor):
    when = future_slot(hour=11)
    free_path = f"{API}/free_slots/doctors/{doctor.doctor_id}/{doctor.location_id}?date_from={when.date()}"
    assert when.isoformat() in client.get(free_path).json()

    assert client.post(f"{API}/doctors/book_slot", doctor_body(doctor, when), format="json").status_code == 200

    assert when.isoformat() not in client.get(free_path).json()
    again = client.post(f"{API}/doctors/book_slot", doctor_body(doctor, when, user_name="Taras"), format="json")
    assert again.status_code == 400
    assert again.json() == {"detail": "Invalid payload"}
    assert Booking.objects.filter(doctor=doctor).count() == 1
    booked = client.get(f"{API}/slots/doctors/{doctor.doctor_id}/{doctor.location_id}/{when.month - 1}").json()
    assert booked == [when.isoformat()]


def test_valid_init_data_books_as_a_new_telegram_user(client, doctor):
    body = doctor_body(doctor, future_slot(hour=9), userInitData=signed_init_data(TELEGRAM_USER))
    response = client.post(f"{API}/doctors/book_slot", body, format="json")

    assert response.status_code == 200
    user = User.objects.get(pk=TELEGRAM_USER["id"])
    assert (user.username, user.full_name) == ("olena_k", "Olena Koval")
    assert Booking.objects.get(pk=response.json()["booking_id"]).user_id == TELEGRAM_USER["id"]


def test_init_data_updates_a_known_telegram_user(client, doctor):
    factories.TelegramUserFactory(user_id=TELEGRAM_USER["id"], username="old_name", full_name="Old Name")
    body = doctor_body(doctor, future_slot(hour=12), userInitData=signed_init_data(TELEGRAM_USER))
    assert client.post(f"{API}/doctors/book_slot", body, format="json").status_code == 200
    user = User.objects.get(pk=TELEGRAM_USER["id"])
    assert (user.username, user.full_name) == ("olena_k", "Olena Koval")


def test_tampered_init_data_gets_400_and_books_nothing(client, doctor):
    forged = signed_init_data(TELEGRAM_USER).replace("Olena", "Petro")
    body = doctor_body(doctor, future_slot(hour=10), userInitData=forged)
    response = client.post(f"{API}/doctors/book_slot", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid initData"}
    assert not Booking.objects.exists() and not User.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"booking_date_time": iso_z(future_slot(hour=7))}, "booking_date_time"),  # before opening
        ({"booking_date_time": iso_z(future_slot(hour=17))}, "booking_date_time"),  # closing hour is exclusive
        ({"booking_date_time": iso_z(future_slot(hour=10) + dt.timedelta(minutes=30))}, "booking_date_time"),
        ({"booking_date_time": iso_z(future_slot(days=-2, hour=10))}, "booking_date_time"),  # in the past
        ({"booking_date_time": "next tuesday"}, "booking_date_time"),
        ({"booking_date_time": "9999-12-31T23:00:00-05:00"}, "booking_date_time"),
        ({"doctor_id": 987654}, "doctor_id"),
        ({"doctor_id": "ten"}, "doctor_id"),
        ({"location_id": 987654}, "location_id"),
        ({"user_phone": "+38050111223344556677"}, "user_phone"),
        ({"user_email": None}, "user_email"),
        ({"user_name": "x" * 200, "user_surname": "y" * 60}, "user_surname"),
    ],
)
def test_invalid_booking_gets_400_invalid_payload_naming_the_field(client, doctor, change, field):
    response = client.post(f"{API}/doctors/book_slot", doctor_body(doctor, future_slot(), **change), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid payload"
    assert body[field]
    assert not Booking.objects.exists()


def test_nul_in_a_booking_is_refused_at_the_boundary_naming_the_field(client, doctor):
    """NUL is refused for every app by the JSON parser (common/input.py), before the booking
    rules; medsync answers a body it cannot read with its own "Invalid payload"."""
    body = doctor_body(doctor, future_slot(), user_name="Nul\u0000byte")
    response = client.post(f"{API}/doctors/book_slot", body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid payload"
    assert not Booking.objects.exists()


def test_doctor_must_work_at_the_location(client, doctor):
    elsewhere = factories.LocationFactory()
    factories.open_every_day(elsewhere)
    body = doctor_body(doctor, future_slot(), location_id=elsewhere.location_id)
    response = client.post(f"{API}/doctors/book_slot", body, format="json")
    assert response.status_code == 400
    assert response.json()["location_id"] == ["The doctor does not work at this location."]


def test_closed_weekday_is_rejected(client):
    doctor = factories.DoctorFactory()
    when = future_slot(days=3, hour=10)
    for weekday in range(7):
        if weekday != Weekday.of(when):
            factories.WorkingHourFactory(location=doctor.location, weekday_index=weekday)
    response = client.post(f"{API}/doctors/book_slot", doctor_body(doctor, when), format="json")
    assert response.json() == {
        "detail": "Invalid payload",
        "booking_date_time": ["Outside the location's working hours."],
    }


def next_weekday(js_index: int, hour: int = 10) -> dt.datetime:
    """The next date (at least two days ahead) whose JavaScript ``getDay()`` is ``js_index``."""
    when = future_slot(days=2, hour=hour)
    while (when.isoweekday() % 7) != js_index:
        when += dt.timedelta(days=1)
    return when


def test_a_sunday_slot_is_booked_when_index_0_has_hours(client):
    """The Mini App offers Sunday slots from ``weekday_index`` 0 (``getDay()``); the server agrees."""
    doctor = factories.DoctorFactory()
    factories.WorkingHourFactory(location=doctor.location, weekday_index=0, start_time=9, end_time=13)
    sunday = next_weekday(0, hour=10)
    assert sunday.strftime("%A") == "Sunday"
    response = client.post(f"{API}/doctors/book_slot", doctor_body(doctor, sunday), format="json")
    assert response.status_code == 200, response.json()
    assert Booking.objects.get(pk=response.json()["booking_id"]).booking_time == sunday


def test_a_monday_slot_is_refused_when_only_index_0_is_open(client):
    doctor = factories.DoctorFactory()
    factories.WorkingHourFactory(location=doctor.location, weekday_index=0, start_time=9, end_time=13)
    monday = next_weekday(1, hour=10)
    assert monday.strftime("%A") == "Monday"
    response = client.post(f"{API}/doctors/book_slot", doctor_body(doctor, monday), format="json")
    assert response.status_code == 400
    assert response.json()["booking_date_time"] == ["Outside the location's working hours."]
    assert not Booking.objects.exists()


def test_free_slots_of_index_0_fall_on_sundays(client):
    doctor = factories.DoctorFactory()
    factories.WorkingHourFactory(location=doctor.location, weekday_index=0, start_time=9, end_time=11)
    start = future_slot(days=1).date()
    url = f"{API}/free_slots/doctors/{doctor.doctor_id}/{doctor.location_id}"
    body = client.get(url, {"date_from": start.isoformat(), "date_to": (start + dt.timedelta(days=13)).isoformat()})
    assert body.status_code == 200
    offered = [dt.datetime.fromisoformat(slot) for slot in body.json()]
    assert len(offered) == 4 and {slot.strftime("%A") for slot in offered} == {"Sunday"}


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"'])
def test_malformed_bodies_get_400_never_500(client, raw):
    response = client.post(f"{API}/doctors/book_slot", raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid payload"


def test_offset_and_naive_times_mean_the_same_instant(client, doctor):
    when = future_slot(hour=14)
    kyiv = when.astimezone(dt.timezone(dt.timedelta(hours=2))).isoformat()
    assert client.post(f"{API}/doctors/book_slot", doctor_body(doctor, when, booking_date_time=kyiv), format="json")
    naive = when.replace(tzinfo=None).isoformat()
    again = client.post(f"{API}/doctors/book_slot", doctor_body(doctor, when, booking_date_time=naive), format="json")
    assert again.status_code == 400  # same slot (naive = UTC, as upstream)
    assert Booking.objects.get().booking_time == when


def test_diagnostic_booking_creates_its_result(client, offered):
    body = {
        "diagnostic_id": offered.diagnostic_id,
        "doctor_id": 123,  # ignored, as upstream
        "location_id": offered.location_id,
        "booking_date_time": iso_z(future_slot(hour=15)),
        "user_name": "Ivan",
        "user_surname": "Franko",
        "user_phone": "+380671234567",
        "user_email": "ivan@example.com",
        "userInitData": signed_init_data(TELEGRAM_USER),
    }
    response = client.post(f"{API}/diagnostics/book_slot/", body, format="json")

    assert response.status_code == 200
    booking = Booking.objects.get(pk=response.json()["booking_id"])
    assert (booking.diagnostic_id, booking.doctor_id, booking.user_id) == (3, None, TELEGRAM_USER["id"])
    result = DiagnosticResult.objects.get(booking=booking)
    assert (result.file_path, result.file_id) == ("results/x-ray.pdf", None)


def test_diagnostic_beyond_the_fixed_map_gets_a_slug_path(client):
    offer = factories.DiagnosticLocationFactory(
        diagnostic=factories.DiagnosticFactory(diagnostic_id=4242, type_name="Allergy Panel")
    )
    factories.open_every_day(offer.location)
    body = {
        "diagnostic_id": 4242,
        "location_id": offer.location_id,
        "booking_date_time": iso_z(future_slot(hour=9)),
        "user_name": "Ivan",
        "user_surname": "",
        "user_phone": "1",
        "user_email": "i@example.com",
    }
    assert client.post(f"{API}/diagnostics/book_slot", body, format="json").status_code == 200
    assert DiagnosticResult.objects.get().file_path == "results/allergy-panel.pdf"


def test_diagnostic_must_be_offered_at_the_location(client, offered):
    elsewhere = factories.LocationFactory()
    factories.open_every_day(elsewhere)
    body = {
        "diagnostic_id": offered.diagnostic_id,
        "location_id": elsewhere.location_id,
        "booking_date_time": iso_z(future_slot()),
        "user_name": "A",
        "user_surname": "B",
        "user_phone": "1",
        "user_email": "a@example.com",
    }
    response = client.post(f"{API}/diagnostics/book_slot", body, format="json")
    assert response.status_code == 400
    assert response.json()["location_id"] == ["The diagnostic is not offered at this location."]
    assert not DiagnosticResult.objects.exists()


def test_booking_runs_a_fixed_number_of_queries(client, doctor, django_assert_num_queries):
    """Upsert, doctor, location, working hours, insert, plus the savepoints around them."""
    for day in range(5):
        factories.BookingFactory(doctor=doctor, booking_time=future_slot(days=4 + day, hour=9))
    body = doctor_body(doctor, future_slot(hour=16), userInitData=signed_init_data(TELEGRAM_USER))
    with django_assert_num_queries(9, connection=connections["medsync"]):
        assert client.post(f"{API}/doctors/book_slot", body, format="json").status_code == 200
