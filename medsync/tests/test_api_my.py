"""A user's bookings and results (what the bot showed), by Telegram initData or for a superuser."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections

from accounts.models import User as AccountUser
from accounts.tokens import create_access_token
from medsync.tests import factories
from medsync.tests.helpers import API, future_slot, signed_init_data

pytestmark = pytest.mark.django_db(databases=["medsync"])

ME = {"id": 777001, "first_name": "Mariia", "username": "mariia"}


def as_me(**extra):
    return {"HTTP_X_TELEGRAM_INIT_DATA": signed_init_data(ME), **extra}


@pytest.fixture
def my_bookings():
    me = factories.TelegramUserFactory(user_id=ME["id"])
    visit = factories.BookingFactory(user=me, booking_time=future_slot(days=2))
    offer = factories.DiagnosticLocationFactory()
    test = factories.BookingFactory(
        user=me, doctor=None, diagnostic=offer.diagnostic, location=offer.location, booking_time=future_slot(days=9)
    )
    result = factories.DiagnosticResultFactory(booking=test, file_path="results/mri.pdf")
    factories.BookingFactory(user=factories.TelegramUserFactory())  # someone else's
    return visit, test, result


def test_my_bookings_newest_first_in_bot_shape(client, my_bookings, django_assert_num_queries):
    visit, test, _ = my_bookings
    with django_assert_num_queries(1, connection=connections["medsync"]):
        response = client.get(f"{API}/my/bookings", **as_me())
    assert response.status_code == 200
    latest, earlier = response.json()
    assert latest["booking_id"] == test.booking_id and earlier["booking_id"] == visit.booking_id
    assert latest["doctor"] is None
    assert latest["diagnostic"] == {"diagnostic_id": test.diagnostic_id, "type_name": test.diagnostic.type_name}
    assert earlier["doctor"] == {
        "doctor_id": visit.doctor_id,
        "full_name": visit.doctor.full_name,
        "specialty_name": visit.doctor.specialty.specialty_name,
    }
    assert earlier["location"] == {
        "location_id": visit.location_id,
        "name": visit.location.name,
        "address": visit.location.address,
    }
    assert earlier["booking_time"] == visit.booking_time.isoformat()
    assert set(earlier) == {
        "booking_id",
        "booking_time",
        "created_at",
        "user_full_name",
        "user_email",
        "user_phone_number",
        "user_message",
        "location",
        "doctor",
        "diagnostic",
    }


def test_someone_elses_booking_is_not_found(client, my_bookings):
    visit, _, _ = my_bookings
    assert client.get(f"{API}/my/bookings/{visit.booking_id}", **as_me()).json()["booking_id"] == visit.booking_id
    other = factories.BookingFactory(user=factories.TelegramUserFactory())
    response = client.get(f"{API}/my/bookings/{other.booking_id}", **as_me())
    assert (response.status_code, response.json()) == (404, {"detail": "Booking not found"})


def test_my_results_with_file_url_when_the_file_exists(
    client, my_bookings, settings, tmp_path, django_assert_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    _, test, result = my_bookings
    second = factories.BookingFactory(
        user=test.user, doctor=None, diagnostic=test.diagnostic, location=test.location, booking_time=future_slot(1)
    )
    factories.DiagnosticResultFactory(booking=second, file_path="results/ct.pdf")
    with django_assert_num_queries(1, connection=connections["medsync"]):
        listed = client.get(f"{API}/my/results", **as_me()).json()
    assert [row["booking_id"] for row in listed] == [test.booking_id, second.booking_id]
    assert listed[0]["file_url"] is None
    default_storage.save("results/mri.pdf", ContentFile(b"%PDF-1.4"))

    body = client.get(f"{API}/my/results/{result.diagnostic_result_id}", **as_me()).json()

    assert body == {
        "diagnostic_result_id": result.diagnostic_result_id,
        "booking_id": test.booking_id,
        "booking_time": test.booking_time.isoformat(),
        "diagnostic": {"diagnostic_id": test.diagnostic_id, "type_name": test.diagnostic.type_name},
        "file_path": "results/mri.pdf",
        "file_url": "http://testserver/media/results/mri.pdf",
        "file_id": None,
        "created_at": body["created_at"],
    }
    assert dt.datetime.fromisoformat(body["created_at"]).tzinfo is not None
    missing = client.get(f"{API}/my/results/999999", **as_me())
    assert (missing.status_code, missing.json()) == (404, {"detail": "Result not found"})


@pytest.mark.parametrize("header", [None, "auth_date=1&hash=00", "garbage"])
def test_without_valid_init_data_access_is_refused(client, my_bookings, header):
    extra = {"HTTP_X_TELEGRAM_INIT_DATA": header} if header else {}
    response = client.get(f"{API}/my/bookings", {"user_id": ME["id"]}, **extra)
    assert (response.status_code, response.json()) == (403, {"detail": "Invalid initData"})


@pytest.mark.django_db(databases=["medsync", "default"])
def test_accounts_superuser_reads_any_users_bookings(client, my_bookings):
    admin = AccountUser.objects.create_user("medsync-admin@example.com", "changethis", is_superuser=True)
    plain = AccountUser.objects.create_user("medsync-user@example.com", "changethis")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {create_access_token(admin.pk)}"}

    response = client.get(f"{API}/my/bookings", {"user_id": ME["id"]}, **bearer)
    assert response.status_code == 200 and len(response.json()) == 2
    assert client.get(f"{API}/my/bookings", **bearer).status_code == 422  # user_id is required

    plain_bearer = {"HTTP_AUTHORIZATION": f"Bearer {create_access_token(plain.pk)}"}
    assert client.get(f"{API}/my/bookings", {"user_id": ME["id"]}, **plain_bearer).status_code == 403


def test_init_data_from_2015_reads_nothing(client, my_bookings):
    """Finding 1/2 of issue 10: old initData, even correctly signed, no longer works."""
    old = signed_init_data(ME, auth_date="1420070400")
    response = client.get(f"{API}/my/bookings", HTTP_X_TELEGRAM_INIT_DATA=old)
    assert (response.status_code, response.json()) == (403, {"detail": "Invalid initData"})


@pytest.mark.django_db(databases=["medsync", "default"])
def test_an_admin_session_cookie_does_not_count_on_the_medsync_api(client, my_bookings):
    """The API answers any origin, so only initData or a bearer token may authenticate."""
    admin = AccountUser.objects.create_user("medsync-admin@example.com", "changethis", is_superuser=True)
    client.force_login(admin)
    response = client.get(f"{API}/my/bookings", {"user_id": ME["id"]})
    assert response.status_code == 403
