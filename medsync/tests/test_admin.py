"""The admin pages a clinic operator uses: lists, filters, search, inlines."""

import pytest
from rest_framework.test import APIClient

from accounts.models import User as AccountUser
from medsync.models import WorkingHour
from medsync.tests import factories as f

pytestmark = pytest.mark.django_db(databases=["medsync", "default"])


@pytest.fixture
def admin_client():
    client = APIClient()
    client.force_login(AccountUser.objects.create_user("ops@example.com", "changethis", is_superuser=True))
    return client


@pytest.fixture
def data():
    booking = f.BookingFactory(user_full_name="Searchable Patient", user_email="find.me@example.com")
    f.DoctorRatingFactory(doctor=booking.doctor, rating=4)
    f.DoctorRatingFactory(doctor=booking.doctor, rating=5)
    f.WorkingHourFactory(location=booking.location, weekday_index=0)
    offer = f.DiagnosticLocationFactory(location=booking.location)
    f.DiagnosticResultFactory(
        booking=f.BookingFactory(doctor=None, diagnostic=offer.diagnostic, location=offer.location)
    )
    f.TelegramUserFactory(user_id=123456789, username="tg_find_me")
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
