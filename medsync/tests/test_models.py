"""What the database itself enforces: the slot uniqueness, the exactly-one CHECK, PROTECT, defaults."""

import pytest
from django.db import IntegrityError, connections, transaction
from django.db.models import ProtectedError

from medsync.models import Booking, User
from medsync.tests import factories
from medsync.tests.helpers import future_slot

pytestmark = pytest.mark.django_db(databases=["medsync"])


def test_one_doctor_cannot_be_booked_twice_for_one_slot():
    booking = factories.BookingFactory()
    with pytest.raises(IntegrityError, match="unique_doctor_location_time"), transaction.atomic(using="medsync"):
        factories.BookingFactory(doctor=booking.doctor, booking_time=booking.booking_time)
    factories.BookingFactory(
        doctor=factories.DoctorFactory(location=booking.location), booking_time=booking.booking_time
    )


def test_one_diagnostic_cannot_be_booked_twice_for_one_slot_at_one_location():
    offer = factories.DiagnosticLocationFactory()
    when = future_slot()
    factories.BookingFactory(doctor=None, diagnostic=offer.diagnostic, location=offer.location, booking_time=when)
    with pytest.raises(IntegrityError, match="unique_diagnostic_location_time"), transaction.atomic(using="medsync"):
        factories.BookingFactory(doctor=None, diagnostic=offer.diagnostic, location=offer.location, booking_time=when)
    factories.BookingFactory(
        doctor=None, diagnostic=offer.diagnostic, location=factories.LocationFactory(), booking_time=when
    )


@pytest.mark.parametrize("both", [True, False])
def test_a_booking_has_exactly_one_of_doctor_and_diagnostic(both):
    doctor = factories.DoctorFactory()
    with pytest.raises(IntegrityError, match="bookings_exactly_one_item"), transaction.atomic(using="medsync"):
        factories.BookingFactory(
            doctor=doctor if both else None,
            diagnostic=factories.DiagnosticFactory() if both else None,
            location=doctor.location,
        )


def test_deleting_a_booked_doctor_or_used_location_is_refused():
    booking = factories.BookingFactory()
    with pytest.raises(ProtectedError):
        booking.doctor.delete()
    with pytest.raises(ProtectedError):
        booking.location.delete()


def test_telegram_user_keeps_its_id_and_gets_a_server_timestamp():
    user = User.objects.create(user_id=9_000_000_000, username=None, full_name="Big Id")
    user.refresh_from_db()
    assert user.user_id == 9_000_000_000 and user.created_at is not None
    with connections["medsync"].cursor() as cursor:
        cursor.execute("SELECT now() - created_at < interval '1 minute' FROM users WHERE user_id = %s", [user.pk])
        assert cursor.fetchone() == (True,)


def test_leftover_booking_status_enum_exists():
    with connections["medsync"].cursor() as cursor:
        cursor.execute("SELECT enum_range(NULL::booking_status)::text")
        assert cursor.fetchone() == ("{Booked,Cancelled}",)


def test_booking_default_order_is_newest_slot_first():
    early = factories.BookingFactory(booking_time=future_slot(days=2))
    late = factories.BookingFactory(booking_time=future_slot(days=5))
    assert list(Booking.objects.all()) == [late, early]
