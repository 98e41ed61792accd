"""The admin pages a clinic operator uses: lists, filters, search, inlines."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from accounts.models import User as AccountUser
from medsync.models import WorkingHour
from medsync.tests import factories
from medsync.tests.helpers import future_slot

pytestmark = pytest.mark.django_db(databases=["medsync", "default"])


@pytest.fixture
def admin_client():
    client = APIClient()
    client.force_login(AccountUser.objects.create_user("ops@example.com", "changethis", is_superuser=True))
    return client


@pytest.fixture
def data():
    booking = factories.BookingFactory(user_full_name="Searchable Patient", user_email="find.me@example.com")
    factories.DoctorRatingFactory(doctor=booking.doctor, rating=4)
    factories.DoctorRatingFactory(doctor=booking.doctor, rating=5)
    factories.WorkingHourFactory(location=booking.location, weekday_index=0)
    offer = factories.DiagnosticLocationFactory(location=booking.location)
    factories.DiagnosticResultFactory(
        booking=factories.BookingFactory(doctor=None, diagnostic=offer.diagnostic, location=offer.location)
    )
    factories.TelegramUserFactory(user_id=123456789, username="tg_find_me")
    return booking


@pytest.mark.parametrize(
    "model",
    ["location", "specialty", "doctor", "doctorrating", "diagnostic", "diagnosticlocation", "workinghour",
     "booking", "diagnosticresult", "user"],
)  # fmt: skip
def test_every_model_has_a_working_list_and_add_page(admin_client, data, model):
    assert admin_client.get(f"/admin/medsync/{model}/").status_code == 200
    assert admin_client.get(f"/admin/medsync/{model}/add/").status_code == 200


def test_doctor_list_shows_average_rating_and_reviews(admin_client, data):
    page = admin_client.get("/admin/medsync/doctor/", {"specialty__specialty_id__exact": data.doctor.specialty_id})
    content = page.content.decode()
    assert data.doctor.full_name in content
    assert "4.50" in content


def test_location_page_has_working_hours_by_weekday_name(admin_client, data):
    content = admin_client.get(f"/admin/medsync/location/{data.location_id}/change/").content.decode()
    assert "Monday" in content and "Sunday" in content  # the weekday select
    assert str(WorkingHour.objects.get(weekday_index=0, location=data.location)) == "Sunday 8:00-17:00"
    list_page = admin_client.get("/admin/medsync/workinghour/", {"location__location_id__exact": data.location_id})
    assert "Sunday" in list_page.content.decode()


def test_bookings_filter_and_search(admin_client, data):
    found = admin_client.get("/admin/medsync/booking/", {"q": "find.me"}).content.decode()
    assert "Searchable Patient" in found
    by_location = admin_client.get("/admin/medsync/booking/", {"location__location_id__exact": data.location_id})
    assert by_location.status_code == 200 and "Searchable Patient" in by_location.content.decode()
    day = data.booking_time
    by_day = {"booking_time__year": day.year, "booking_time__month": day.month, "booking_time__day": day.day}
    assert "Searchable Patient" in admin_client.get("/admin/medsync/booking/", by_day).content.decode()
    other_year = admin_client.get("/admin/medsync/booking/", {"booking_time__year": day.year + 5})
    assert "Searchable Patient" not in other_year.content.decode()


def test_telegram_users_searchable_by_id_and_username(admin_client, data):
    assert "tg_find_me" in admin_client.get("/admin/medsync/user/", {"q": "123456789"}).content.decode()
    assert "tg_find_me" in admin_client.get("/admin/medsync/user/", {"q": "find_me"}).content.decode()


# Bookings typed in the admin follow the API's rules (services.booking_check) ------------------


def _booking_form(doctor=None, diagnostic=None, location=None, when=None):
    when = when or future_slot(days=3, hour=10)
    return {
        "booking_time_0": when.strftime("%Y-%m-%d"),
        "booking_time_1": when.strftime("%H:%M:%S"),
        "location": location.pk if location else "",
        "doctor": doctor.pk if doctor else "",
        "diagnostic": diagnostic.pk if diagnostic else "",
        "user_full_name": "Walk-in Patient",
        "user_email": "walk.in@example.com",
        "user_phone_number": "+380501112233",
        "user_message": "",
        "results-TOTAL_FORMS": "0",
        "results-INITIAL_FORMS": "0",
        "diagnosticresult_set-TOTAL_FORMS": "0",
        "diagnosticresult_set-INITIAL_FORMS": "0",
    }


@pytest.fixture
def open_doctor():
    doctor = factories.DoctorFactory()
    factories.open_every_day(doctor.location, 8, 17)
    return doctor


def test_a_booking_in_working_hours_is_saved(admin_client, open_doctor):
    from medsync.models import Booking

    response = admin_client.post(
        "/admin/medsync/booking/add/", _booking_form(open_doctor, location=open_doctor.location)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Booking.objects.get().user_full_name == "Walk-in Patient"


@pytest.mark.parametrize(
    "when, message",
    [
        (lambda: future_slot(days=3, hour=3), "Outside the location&#x27;s working hours."),
        (lambda: dt.datetime(2020, 3, 2, 10, tzinfo=dt.UTC), "The slot is in the past."),
    ],
)
def test_a_booking_outside_hours_or_in_the_past_is_refused(admin_client, open_doctor, when, message):
    from medsync.models import Booking

    form = _booking_form(open_doctor, location=open_doctor.location, when=when())
    response = admin_client.post("/admin/medsync/booking/add/", form)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Booking.objects.exists()


def test_a_doctor_at_another_clinic_or_no_item_is_refused_in_plain_words(admin_client, open_doctor):
    from medsync.models import Booking

    elsewhere = factories.LocationFactory()
    factories.open_every_day(elsewhere, 8, 17)
    response = admin_client.post("/admin/medsync/booking/add/", _booking_form(open_doctor, location=elsewhere))
    assert "The doctor does not work at this location." in response.content.decode()
    response = admin_client.post("/admin/medsync/booking/add/", _booking_form(location=open_doctor.location))
    text = response.content.decode()
    assert "Choose either a doctor or a diagnostic test (exactly one)." in text and "both" not in text
    assert not Booking.objects.exists()


def test_a_doctors_page_summarises_ratings_and_links_to_them(admin_client, open_doctor):
    for stars in (5, 5, 4):
        factories.DoctorRatingFactory(doctor=open_doctor, rating=stars)
    text = admin_client.get(f"/admin/medsync/doctor/{open_doctor.pk}/change/").content.decode()
    assert "3 ratings, average 4.67 (5★ 2, 4★ 1)" in text
    assert f"/admin/medsync/doctorrating/?doctor__doctor_id__exact={open_doctor.pk}" in text
    assert "doctorrating_set-TOTAL_FORMS" not in text and "ratings-TOTAL_FORMS" not in text
