"""Reads of the MedSync domain: each returns what an endpoint shows in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, FloatField, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.compiled import CompiledQuery
from medsync import slots
from medsync.models import (
    Booking,
    Diagnostic,
    DiagnosticLocation,
    DiagnosticResult,
    Doctor,
    DoctorRating,
    Location,
    Specialty,
    WorkingHour,
)

DOCTOR = "doctor"
DIAGNOSTIC = "diagnostic"


#: Where a doctor key of upstream's answers is read from, when not a column of its own name.
DOCTOR_LOOKUPS = {
    "specialty_name": "specialty__specialty_name",
    "location_name": "location__name",
    "location_address": "location__address",
}
#: The list's keys and the one-doctor answer's, in upstream's order (``avg_rating`` and
#: ``reviews`` come from the ratings: merged into the list, annotated on the one doctor).
DOCTOR_LIST_KEYS = (
    "doctor_id",
    "location_id",
    "full_name",
    "specialty_name",
    "specialty_id",
    "price",
    "photo_url",
    "location_name",
    "location_address",
)
DOCTOR_DETAIL_KEYS = (
    *DOCTOR_LIST_KEYS[:7],  # doctor_id … photo_url, as in the list
    "location_address",
    "experience",
    "certificates",
    "location_name",
    "avg_rating",
    "reviews",
    "services",
)


def doctor_columns(keys: tuple[str, ...]) -> list[str]:
    return [DOCTOR_LOOKUPS.get(key, key) for key in keys]


#: Ratings per doctor: (doctor_id, AVG as numeric, count).
RATINGS_BY_DOCTOR = CompiledQuery(
    lambda: DoctorRating.objects.values("doctor_id")
    .annotate(average=Avg("rating", output_field=FloatField()), count=Count("rating_id"))
    .values_list("doctor_id", "average", "count")
)
DOCTOR_ROWS = CompiledQuery(lambda: Doctor.objects.order_by("doctor_id").values_list(*doctor_columns(DOCTOR_LIST_KEYS)))
DOCTOR_DETAIL_ROW = CompiledQuery(
    lambda doctor_id: Doctor.objects.filter(pk=doctor_id)
    .annotate(
        avg_rating=Coalesce(Avg("ratings__rating", output_field=FloatField()), Value(0.0)),
        reviews=Count("ratings"),
    )
    .values_list(*doctor_columns(DOCTOR_DETAIL_KEYS)),
    "doctor_id",
)
SPECIALTY_ROWS = CompiledQuery(
    lambda: Specialty.objects.filter(doctors__isnull=False)
    .distinct()
    .order_by("specialty_name", "specialty_id")
    .values_list("specialty_id", "specialty_name")
)


def doctor_list_with_ratings() -> list[dict]:
    """Every doctor as the list shows it (upstream's keys, in order), in two queries.

    The ratings are aggregated on their own (one GROUP BY over ``doctor_ratings``) and merged
    here, and rows are read as plain values: joining the ratings to the doctors and grouping
    by every doctor column, then building model instances and serializing them, took ten
    times as long at 2,000 doctors and 300,000 ratings (docs/benchmarks-analysis.md). Both
    queries are compiled once per process (``common.compiled``); ``avg_rating`` is the
    average as a float, 0.0 without ratings.
    """
    ratings = {doctor_id: (float(average), count) for doctor_id, average, count in RATINGS_BY_DOCTOR.rows()}
    doctors = []
    for row in DOCTOR_ROWS.rows():
        doctor = dict(zip(DOCTOR_LIST_KEYS, row, strict=True))
        doctor["avg_rating"], doctor["reviews"] = ratings.get(doctor["doctor_id"], (0.0, 0))
        doctors.append(doctor)
    return doctors


def doctor_detail(doctor_id: int) -> dict | None:
    """One doctor as ``/doctors/{id}`` shows it (upstream's keys, in order), in one query; None if absent."""
    rows = DOCTOR_DETAIL_ROW.rows(doctor_id=doctor_id)
    if not rows:
        return None
    doctor = dict(zip(DOCTOR_DETAIL_KEYS, rows[0], strict=True))
    doctor["avg_rating"] = float(doctor["avg_rating"])
    return doctor


def specialty_list() -> list[dict]:
    """Specialties that at least one doctor has, by name, as ``{specialty_id, specialty_name}``."""
    return [{"specialty_id": specialty_id, "specialty_name": name} for specialty_id, name in SPECIALTY_ROWS.rows()]


def diagnostics_offered() -> QuerySet[Diagnostic]:
    """Diagnostics offered somewhere; ``clinics_count`` counts ``diagnostic_locations`` rows (as upstream)."""
    return (
        Diagnostic.objects.annotate(clinics_count=Count("diagnostic_locations"))
        .filter(clinics_count__gt=0)
        .order_by("diagnostic_id")
    )


def diagnostic_locations(diagnostic_id: int) -> list[Location]:
    """Locations offering a diagnostic, one row per ``diagnostic_locations`` row (as upstream's join)."""
    rows = (
        DiagnosticLocation.objects.filter(diagnostic_id=diagnostic_id)
        .select_related("location")
        .order_by("location_id", "diagnostic_location_id")
    )
    return [row.location for row in rows]


def location_get(location_id: int) -> Location | None:
    return Location.objects.filter(pk=location_id).first()


def working_hours(location_id: int) -> QuerySet[WorkingHour]:
    return WorkingHour.objects.filter(location_id=location_id).order_by("weekday_index", "start_time", "pk")


def _item_filter(kind: str, item_id: int) -> dict:
    return {"doctor_id": item_id} if kind == DOCTOR else {"diagnostic_id": item_id}


def booked_times(
    *, kind: str, item_id: int, location_id: int, start: dt.datetime, end: dt.datetime | None = None
) -> list[dt.datetime]:
    """``booking_time`` of the item's bookings at the location in [start, end), ascending."""
    bookings = Booking.objects.filter(location_id=location_id, booking_time__gte=start, **_item_filter(kind, item_id))
    if end is not None:
        bookings = bookings.filter(booking_time__lt=end)
    return list(bookings.order_by("booking_time").values_list("booking_time", flat=True))


def booked_in_month(*, kind: str, item_id: int, location_id: int, month_index: int) -> list[dt.datetime]:
    start, end = slots.month_window(month_index, zone=slots.clinic_zone(), now=timezone.now())
    return booked_times(kind=kind, item_id=item_id, location_id=location_id, start=start, end=end)


def free_slots(*, kind: str, item_id: int, location_id: int, date_from: dt.date, date_to: dt.date) -> list[dt.datetime]:
    """Free slot starts in the clinic zone (callers check that the item works at the location)."""
    zone = slots.clinic_zone()
    start = dt.datetime.combine(date_from - dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(date_to + dt.timedelta(days=2), dt.time(0), tzinfo=zone)
    return slots.free_slots(
        working_hours=list(working_hours(location_id)),
        booked=booked_times(kind=kind, item_id=item_id, location_id=location_id, start=start, end=end),
        date_from=date_from,
        date_to=date_to,
        zone=zone,
        now=timezone.now(),
    )


def free_slot_target_missing(*, kind: str, item_id: int, location_id: int) -> str | None:
    """Upstream-style 404 message when the item, the location or the item at that location is missing."""
    if kind == DOCTOR:
        item = Doctor.objects.filter(pk=item_id).only("location_id").first()
        missing, elsewhere = "Doctor not found", "Doctor does not work at this location"
    else:
        item = Diagnostic.objects.filter(pk=item_id).only("pk").first()
        missing, elsewhere = "Diagnostic not found", "Diagnostic not offered at this location"
    if item is None:
        return missing
    if not Location.objects.filter(pk=location_id).exists():
        return "Location not found"
    works_there = item.location_id == location_id if kind == DOCTOR else diagnostic_offered_at(item_id, location_id)
    return None if works_there else elsewhere


def diagnostic_offered_at(diagnostic_id: int, location_id: int) -> bool:
    return DiagnosticLocation.objects.filter(diagnostic_id=diagnostic_id, location_id=location_id).exists()


def user_bookings(user_id: int) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(user_id=user_id)
        .select_related("location", "doctor__specialty", "diagnostic")
        .order_by("-booking_time", "-booking_id")
    )


def user_results(user_id: int) -> QuerySet[DiagnosticResult]:
    return (
        DiagnosticResult.objects.filter(booking__user_id=user_id, booking__diagnostic__isnull=False)
        .select_related("booking__diagnostic")
        .order_by("-booking__booking_time", "-diagnostic_result_id")
    )
