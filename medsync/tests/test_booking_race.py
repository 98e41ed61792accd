"""N simultaneous requests for one slot, over real concurrent connections: exactly one booking."""

import threading

import pytest
from django.db import connections
from rest_framework.test import APIClient

from medsync.models import Booking, DiagnosticResult, User
from medsync.tests import factories
from medsync.tests.helpers import API, future_slot, iso_z, signed_init_data

N = 8


def _race(path: str, bodies: list[dict]) -> list[tuple[int, dict]]:
    """POST every body at once from its own thread and connection; (status, json) per request."""
    barrier = threading.Barrier(len(bodies))
    results: list = [None] * len(bodies)

    def book(index: int) -> None:
        try:
            client = APIClient()
            barrier.wait(timeout=10)
            response = client.post(path, bodies[index], format="json")
            results[index] = (response.status_code, response.json())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(index,)) for index in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _body(when, index: int, **item) -> dict:
    return {
        **item,
        "booking_date_time": iso_z(when),
        "user_name": f"Patient{index}",
        "user_surname": "Race",
        "user_phone": f"+38050000{index:04d}",
        "user_email": f"p{index}@example.com",
    }


@pytest.mark.django_db(databases=["medsync"], transaction=True)
def test_simultaneous_doctor_bookings_of_one_slot_give_exactly_one_booking():
    doctor = factories.DoctorFactory()
    factories.open_every_day(doctor.location)
    when = future_slot(hour=10)
    bodies = [
        _body(
            when,
            index,
            doctor_id=doctor.doctor_id,
            location_id=doctor.location_id,
            # Half of them as one Telegram user (concurrent upserts of one user row too).
            **({"userInitData": signed_init_data({"id": 4242, "first_name": "Same"})} if index % 2 else {}),
        )
        for index in range(N)
    ]

    results = _race(f"{API}/doctors/book_slot", bodies)

    assert sorted(status for status, _ in results) == [200] + [400] * (N - 1)
    assert [body for status, body in results if status == 400] == [{"detail": "Invalid payload"}] * (N - 1)
    winner = next(body for status, body in results if status == 200)
    assert list(Booking.objects.values_list("booking_id", flat=True)) == [winner["booking_id"]]
    assert Booking.objects.get().booking_time == when
    # The losers' transactions rolled back, their user upserts with them.
    winner_index = next(index for index, (status, _) in enumerate(results) if status == 200)
    assert list(User.objects.values_list("user_id", flat=True)) == ([4242] if winner_index % 2 else [])


@pytest.mark.django_db(databases=["medsync"], transaction=True)
def test_simultaneous_diagnostic_bookings_of_one_slot_give_one_booking_and_one_result():
    offer = factories.DiagnosticLocationFactory()
    factories.open_every_day(offer.location)
    when = future_slot(hour=11)
    bodies = [
        _body(when, index, diagnostic_id=offer.diagnostic_id, location_id=offer.location_id) for index in range(N)
    ]

    results = _race(f"{API}/diagnostics/book_slot", bodies)

    assert sorted(status for status, _ in results) == [200] + [400] * (N - 1)
    assert Booking.objects.count() == 1
    assert DiagnosticResult.objects.get().booking_id == Booking.objects.get().booking_id


@pytest.mark.django_db(databases=["medsync"], transaction=True)
def test_simultaneous_bookings_of_different_slots_all_succeed():
    doctor = factories.DoctorFactory()
    factories.open_every_day(doctor.location)
    bodies = [
        _body(future_slot(hour=8 + index), index, doctor_id=doctor.doctor_id, location_id=doctor.location_id)
        for index in range(N)
    ]
    results = _race(f"{API}/doctors/book_slot", bodies)
    assert [status for status, _ in results] == [200] * N
    assert Booking.objects.count() == N
