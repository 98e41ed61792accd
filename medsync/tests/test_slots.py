"""Free slots: working hours minus bookings, in the clinic time zone (spec medsync §4.3, §5.3)."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connections

from medsync import slots
from medsync.tests import factories
from medsync.tests.helpers import API, future_slot

KYIV = ZoneInfo("Europe/Kyiv")
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def hours(*rows):
    return [SimpleNamespace(weekday_index=w, start_time=s, end_time=e) for w, s, e in rows]


# The computation --------------------------------------------------------------------------


def test_sunday_is_weekday_zero_and_end_hour_is_exclusive():
    monday = dt.date(2024, 5, 6)
    result = slots.free_slots(
        working_hours=hours((1, 9, 12)),
        booked=[],
        date_from=monday - dt.timedelta(days=1),
        date_to=monday + dt.timedelta(days=5),
        zone=KYIV,
        now=LONG_AGO,
    )
    assert [slot.isoformat() for slot in result] == [
        "2024-05-06T09:00:00+03:00",
        "2024-05-06T10:00:00+03:00",
        "2024-05-06T11:00:00+03:00",
    ]


def test_bookings_are_removed_by_instant_whatever_their_offset():
    monday = dt.date(2024, 5, 6)
    booked_in_utc = dt.datetime(2024, 5, 6, 7, 0, tzinfo=dt.UTC)  # 10:00 in Kyiv
    result = slots.free_slots(
        working_hours=hours((1, 9, 12)),
        booked=[booked_in_utc],
        date_from=monday,
        date_to=monday,
        zone=KYIV,
        now=LONG_AGO,
    )
    assert [slot.hour for slot in result] == [9, 11]


def test_only_slots_strictly_after_now():
    monday = dt.date(2024, 5, 6)
    now = dt.datetime(2024, 5, 6, 10, 0, tzinfo=KYIV)
    result = slots.free_slots(
        working_hours=hours((1, 9, 13)), booked=[], date_from=monday, date_to=monday, zone=KYIV, now=now
    )
    assert [slot.hour for slot in result] == [11, 12]


def test_overlapping_rows_give_each_slot_once():
    monday = dt.date(2024, 5, 6)
    result = slots.free_slots(
        working_hours=hours((1, 9, 11), (1, 10, 12)),
        booked=[],
        date_from=monday,
        date_to=monday,
        zone=KYIV,
        now=LONG_AGO,
    )
    assert [slot.hour for slot in result] == [9, 10, 11]


def test_dst_gap_hour_is_skipped_and_ambiguous_hour_taken_once():
    spring = dt.date(2024, 3, 31)  # Kyiv: 03:00 -> 04:00, a Sunday (weekday_index 0)
    result = slots.free_slots(
        working_hours=hours((0, 2, 5)), booked=[], date_from=spring, date_to=spring, zone=KYIV, now=LONG_AGO
    )
    assert [slot.isoformat() for slot in result] == ["2024-03-31T02:00:00+02:00", "2024-03-31T04:00:00+03:00"]
    autumn = dt.date(2024, 10, 27)  # Kyiv: 04:00 -> 03:00, a Sunday
    result = slots.free_slots(
        working_hours=hours((0, 3, 4)), booked=[], date_from=autumn, date_to=autumn, zone=KYIV, now=LONG_AGO
    )
    assert [slot.isoformat() for slot in result] == ["2024-10-27T03:00:00+03:00"]  # the first 03:00


def test_slot_problem_accepts_exactly_the_offered_slots():
    working = hours((1, 9, 12))
    monday_10 = dt.datetime(2024, 5, 6, 10, tzinfo=KYIV)
    assert slots.slot_problem(monday_10, working_hours=working, zone=KYIV, now=LONG_AGO) is None
    assert slots.slot_problem(monday_10.replace(minute=15), working_hours=working, zone=KYIV, now=LONG_AGO)
    assert slots.slot_problem(monday_10.replace(hour=12), working_hours=working, zone=KYIV, now=LONG_AGO) == (
        "Outside the location's working hours."
    )
    assert slots.slot_problem(monday_10, working_hours=working, zone=KYIV, now=monday_10) == "The slot is in the past."
    # The second 03:00 of the autumn change is not a slot (the first one is).
    second = dt.datetime(2024, 10, 27, 3, tzinfo=KYIV, fold=1)
    assert slots.slot_problem(second, working_hours=hours((0, 3, 4)), zone=KYIV, now=LONG_AGO)
    first = dt.datetime(2024, 10, 27, 3, tzinfo=KYIV)
    assert slots.slot_problem(first, working_hours=hours((0, 3, 4)), zone=KYIV, now=LONG_AGO) is None


def test_month_window_is_the_next_occurrence_from_today():
    now = dt.datetime(2024, 5, 17, 15, tzinfo=dt.UTC)
    start, end = slots.month_window(4, zone=dt.UTC, now=now)  # May: this month, from today
    assert (start.isoformat(), end.isoformat()) == ("2024-05-17T00:00:00+00:00", "2024-06-01T00:00:00+00:00")
    start, end = slots.month_window(2, zone=dt.UTC, now=now)  # March: already past, so next year
    assert (start.date(), end.date()) == (dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    start, end = slots.month_window(11, zone=KYIV, now=now)  # December ends at New Year's midnight in Kyiv
    assert end.isoformat() == "2025-01-01T00:00:00+02:00"


# The endpoint ----------------------------------------------------------------------------


@pytest.mark.django_db(databases=["medsync"])
def test_free_slots_endpoint_renders_in_tz_and_skips_bookings(client, settings, django_assert_num_queries):
    settings.MEDSYNC_TIME_ZONE = "Europe/Kyiv"
    doctor = factories.DoctorFactory()
    factories.open_every_day(doctor.location, 9, 12)
    day = future_slot(days=5).date()
    factories.BookingFactory(doctor=doctor, booking_time=dt.datetime.combine(day, dt.time(10), tzinfo=KYIV))
    factories.BookingFactory(
        doctor=factories.DoctorFactory(location=doctor.location),
        booking_time=dt.datetime.combine(day, dt.time(11), tzinfo=KYIV),
    )

    path = f"{API}/free_slots/doctors/{doctor.doctor_id}/{doctor.location_id}"
    with django_assert_num_queries(4, connection=connections["medsync"]):
        response = client.get(path, {"date_from": day, "date_to": day, "tz": "UTC"})

    assert response.status_code == 200
    expected = [dt.datetime.combine(day, dt.time(h), tzinfo=KYIV).astimezone(dt.UTC).isoformat() for h in (9, 11)]
    assert response.json() == expected
    in_kyiv = client.get(path, {"date_from": day, "date_to": day}).json()
    assert in_kyiv == [dt.datetime.combine(day, dt.time(h), tzinfo=KYIV).isoformat() for h in (9, 11)]


@pytest.mark.django_db(databases=["medsync"])
def test_free_slots_default_range_is_30_days_from_today(client):
    doctor = factories.DoctorFactory()
    factories.open_every_day(doctor.location, 9, 10)
    result = client.get(f"{API}/free_slots/doctors/{doctor.doctor_id}/{doctor.location_id}/").json()
    today = dt.datetime.now(dt.UTC).date()
    days = [dt.date.fromisoformat(slot[:10]) for slot in result]
    assert days[-1] == today + dt.timedelta(days=30)
    assert days[0] in (today, today + dt.timedelta(days=1))  # today's 09:00 may be over


@pytest.mark.django_db(databases=["medsync"])
def test_free_slots_of_a_diagnostic(client, django_assert_num_queries):
    offer = factories.DiagnosticLocationFactory()
    factories.open_every_day(offer.location, 9, 11)
    day = future_slot(days=2).date()
    factories.BookingFactory(
        doctor=None,
        diagnostic=offer.diagnostic,
        location=offer.location,
        booking_time=dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC),
    )
    with django_assert_num_queries(5, connection=connections["medsync"]):
        response = client.get(
            f"{API}/free_slots/diagnostics/{offer.diagnostic_id}/{offer.location_id}",
            {"date_from": day, "date_to": day},
        )
    assert response.json() == [f"{day}T10:00:00+00:00"]


@pytest.mark.django_db(databases=["medsync"])
@pytest.mark.parametrize(
    ("kind", "which", "detail"),
    [
        ("doctors", "item", "Doctor not found"),
        ("doctors", "location", "Location not found"),
        ("doctors", "elsewhere", "Doctor does not work at this location"),
        ("diagnostics", "item", "Diagnostic not found"),
        ("diagnostics", "location", "Location not found"),
        ("diagnostics", "elsewhere", "Diagnostic not offered at this location"),
    ],
)
def test_free_slots_404s(client, kind, which, detail):
    doctor = factories.DoctorFactory()
    offer = factories.DiagnosticLocationFactory()
    item_id, location_id = (
        (doctor.doctor_id, doctor.location_id) if kind == "doctors" else (offer.diagnostic_id, offer.location_id)
    )
    if which == "item":
        item_id = 999999
    elif which == "location":
        location_id = 999999
    else:
        location_id = factories.LocationFactory().location_id
    response = client.get(f"{API}/free_slots/{kind}/{item_id}/{location_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


@pytest.mark.django_db(databases=["medsync"])
@pytest.mark.parametrize(
    "query",
    [
        {"tz": "Mars/Olympus_Mons"},
        {"tz": "../../etc/passwd"},
        {"date_from": "2024-13-01"},
        {"date_from": "2024-01-01", "date_to": "2024-05-01"},  # more than 92 days
        {"date_from": "2024-05-02", "date_to": "2024-05-01"},
        {"date_from": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "0001-01-02"},
    ],
)
def test_free_slots_bad_query_answers_422(client, query):
    doctor = factories.DoctorFactory()
    response = client.get(f"{API}/free_slots/doctors/{doctor.doctor_id}/{doctor.location_id}", query)
    assert response.status_code == 422
    assert response.json()
