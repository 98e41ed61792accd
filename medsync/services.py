"""Writes of the MedSync domain: Telegram users from initData and safe bookings."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from rest_framework import status
from rest_framework.exceptions import APIException

from medsync import selectors, slots, telegram
from medsync.initdata import TelegramUser
from medsync.models import Booking, Diagnostic, DiagnosticResult, Doctor, Location, User

logger = logging.getLogger(__name__)

DB = "medsync"
INVALID_PAYLOAD = "Invalid payload"

#: Upstream's fixed result files per diagnostic id ("for test purposes").
RESULT_FILES = {
    1: "results/mri.pdf",
    2: "results/ct.pdf",
    3: "results/x-ray.pdf",
    4: "results/ultrasound.pdf",
    5: "results/pet.pdf",
    6: "results/blood-test.pdf",
    7: "results/urine.pdf",
    8: "results/biopsy.pdf",
    9: "results/ecg.pdf",
    10: "results/bone-density.pdf",
    11: "results/endoscopy.pdf",
    12: "results/colonoscopy.pdf",
}


class InvalidPayload(APIException):
    """400 ``{"detail": "Invalid payload", "<field>": ["<problem>"], ...}``, upstream's answer to a bad booking."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, errors: dict | None = None):
        super().__init__(detail={"detail": INVALID_PAYLOAD, **(errors or {})})


def user_upsert(telegram_user: TelegramUser) -> User:
    """Insert the Telegram user, or update username and full name (the bot's upsert on every update)."""
    user = User(user_id=telegram_user.id, username=telegram_user.username, full_name=telegram_user.full_name)
    User.objects.bulk_create(
        [user], update_conflicts=True, unique_fields=["user_id"], update_fields=["username", "full_name"]
    )
    return user


def result_file_path(diagnostic: Diagnostic) -> str:
    return RESULT_FILES.get(diagnostic.pk) or f"results/{slugify(diagnostic.type_name) or diagnostic.pk}.pdf"


def booking_create(
    *,
    kind: str,
    item_id: int,
    location_id: int,
    booking_time: dt.datetime,
    user_full_name: str,
    user_email: str,
    user_phone_number: str,
    user_message: str | None = None,
    telegram_user: TelegramUser | None = None,
) -> Booking:
    """Book a one-hour slot of a doctor or a diagnostic test, in one transaction.

    The Telegram user (if any) is upserted; the item must exist and work at / be offered at
    the location, and the slot must be a future slot of the location's working hours,
    otherwise :class:`InvalidPayload` with the field's problem. The unique constraints decide
    between simultaneous requests for one slot: the loser's insert fails in its savepoint
    and answers :class:`InvalidPayload` too. A diagnostic booking gets its result row.
    A Telegram user gets upstream's confirmation message once the transaction has committed
    (:func:`booking_confirmation_send`; a failure to send never fails the booking).
    """
    with transaction.atomic(using=DB):
        user = user_upsert(telegram_user) if telegram_user else None
        item = booking_check(kind=kind, item_id=item_id, location_id=location_id, booking_time=booking_time)
        booking = Booking(
            user=user,
            user_full_name=user_full_name,
            user_email=user_email,
            user_phone_number=user_phone_number,
            user_message=user_message,
            location_id=location_id,
            booking_time=booking_time,
            **{kind: item},
        )
        try:
            with transaction.atomic(using=DB):
                booking.save(using=DB)
        except IntegrityError:
            raise InvalidPayload() from None
        if kind == selectors.DIAGNOSTIC:
            DiagnosticResult.objects.create(booking=booking, file_path=result_file_path(item))
        if telegram_user:
            transaction.on_commit(
                partial(booking_confirmation_send, booking_id=booking.booking_id, chat_id=telegram_user.id), using=DB
            )
    return booking


def booking_check(*, kind: str, item_id: int, location_id: int, booking_time: dt.datetime) -> Doctor | Diagnostic:
    """The rules of a booking (the API's and the admin's): the item exists and works at / is
    offered at the location, and the time is a future slot of the location's working hours.
    Returns the doctor or diagnostic; raises :class:`InvalidPayload` naming the field."""
    item = _bookable_item(kind, item_id, location_id)
    problem = slots.slot_problem(
        booking_time,
        working_hours=selectors.working_hours(location_id),
        zone=slots.clinic_zone(),
        now=timezone.now(),
    )
    if problem:
        raise InvalidPayload({"booking_date_time": [problem]})
    return item


def booking_confirmation_send(*, booking_id: int, chat_id: int) -> bool:
    """Send upstream's confirmation of a committed booking to ``chat_id``; log, never raise, on failure."""
    try:
        booking = Booking.objects.select_related("doctor", "diagnostic", "location").get(pk=booking_id)
        return telegram.send_message(chat_id=chat_id, text=telegram.booking_confirmation_text(booking))
    except Exception:
        logger.exception("Booking %s: the Telegram confirmation could not be sent.", booking_id)
        return False


def _bookable_item(kind: str, item_id: int, location_id: int) -> Doctor | Diagnostic:
    model = Doctor if kind == selectors.DOCTOR else Diagnostic
    field = f"{kind}_id"
    item = model.objects.filter(pk=item_id).first()
    if item is None:
        raise InvalidPayload({field: [f"{kind.capitalize()} not found."]})
    if not Location.objects.filter(pk=location_id).exists():
        raise InvalidPayload({"location_id": ["Location not found."]})
    if kind == selectors.DOCTOR and item.location_id != location_id:
        raise InvalidPayload({"location_id": ["The doctor does not work at this location."]})
    if kind == selectors.DIAGNOSTIC and not selectors.diagnostic_offered_at(item_id, location_id):
        raise InvalidPayload({"location_id": ["The diagnostic is not offered at this location."]})
    return item
