"""Slot arithmetic (spec medsync §5.3), free of the database.

Slots last one hour and start on whole hours of the clinic time zone (``MEDSYNC_TIME_ZONE``).
A location's ``workinghours`` rows say, per weekday (0 = Sunday, the Mini App's ``getDay()``),
which hours are open:
``start_time <= hour < end_time``. A wall time skipped by a DST jump has no slot; an
ambiguous one (clocks going back) takes its first occurrence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings

from medsync.models import Weekday

UTC = dt.UTC


def clinic_zone() -> ZoneInfo:
    return ZoneInfo(settings.MEDSYNC_TIME_ZONE)


def open_hours(working_hours: Iterable) -> dict[int, set[int]]:
    """Weekday index -> the set of opening hours (0-23), merged over overlapping rows."""
    hours: dict[int, set[int]] = defaultdict(set)
    for row in working_hours:
        hours[row.weekday_index].update(range(max(row.start_time, 0), min(row.end_time, 24)))
    return hours


def wall_slot(day: dt.date, hour: int, zone: ZoneInfo) -> dt.datetime | None:
    """``day`` at ``hour``:00 in ``zone``; ``None`` when that wall time does not exist (DST gap)."""
    local = dt.datetime.combine(day, dt.time(hour), tzinfo=zone)  # fold=0: the first occurrence
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return local


def free_slots(
    *,
    working_hours: Iterable,
    booked: Iterable[dt.datetime],
    date_from: dt.date,
    date_to: dt.date,
    zone: ZoneInfo,
    now: dt.datetime,
) -> list[dt.datetime]:
    """Slot starts (aware, in ``zone``) from ``date_from`` to ``date_to`` inclusive, after ``now``, not booked."""
    hours = open_hours(working_hours)
    taken = {instant.timestamp() for instant in booked}
    slots: dict[float, dt.datetime] = {}
    day = date_from
    while day <= date_to:
        for hour in sorted(hours.get(Weekday.of(day), ())):
            slot = wall_slot(day, hour, zone)
            if slot is None or slot <= now:
                continue
            stamp = slot.timestamp()
            if stamp not in taken:
                slots[stamp] = slot
        day += dt.timedelta(days=1)
    return [slots[stamp] for stamp in sorted(slots)]


def slot_problem(instant: dt.datetime, *, working_hours: Iterable, zone: ZoneInfo, now: dt.datetime) -> str | None:
    """Why ``instant`` is not a slot :func:`free_slots` would offer (bookings aside), or ``None``."""
    try:
        local = instant.astimezone(zone)
        slot = wall_slot(local.date(), local.hour, zone)
    except (OverflowError, ValueError):  # beyond the calendar (year 1 or 9999 shifted by an offset)
        return "Not a slot start in the clinic's time zone."
    if (local.minute, local.second, local.microsecond) != (0, 0, 0):
        return "A slot starts on a whole hour of the clinic's time zone."
    if slot is None or slot.timestamp() != instant.timestamp():
        return "Not a slot start in the clinic's time zone."
    if local.hour not in open_hours(working_hours).get(Weekday.of(local), set()):
        return "Outside the location's working hours."
    if instant <= now:
        return "The slot is in the past."
    return None


def month_window(month_index: int, *, zone: ZoneInfo, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the next occurrence of a 0-based month (JavaScript's) from today, from today on.

    This year if the month is the current one or later, otherwise next year; the start is
    never before the beginning of today. Boundaries are midnights in ``zone``.
    """
    today = now.astimezone(zone).date()
    month = month_index + 1
    year = today.year if month >= today.month else today.year + 1
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    start = max(first, today)
    return (
        dt.datetime.combine(start, dt.time(0), tzinfo=zone),
        dt.datetime.combine(following, dt.time(0), tzinfo=zone),
    )
