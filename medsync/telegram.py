"""The booking confirmation the upstream bot sends, through the Telegram Bot API.

Upstream (``webhook/routers/booking.py``) answers a booking made with initData that names a
user by sending that user (``chat_id`` = the Telegram user id) an HTML message through aiogram's
``bot.send_message``, suppressing any error. Here it is a plain ``POST
{MEDSYNC_TELEGRAM_API_URL}/bot<token>/sendMessage``; failures are logged, never raised.
"""

from __future__ import annotations

import datetime as dt
import html
import logging

import requests
from django.conf import settings

from medsync.models import Booking

logger = logging.getLogger(__name__)


def _bold(value: object) -> str:
    return f"<b>{html.escape(str(value), quote=False)}</b>"


def _code(value: object) -> str:
    return f"<code>{html.escape(str(value), quote=False)}</code>"


def booking_confirmation_text(booking: Booking) -> str:
    """Upstream's message, word for word (the time in UTC, as upstream formats it)."""
    when = booking.booking_time.astimezone(dt.UTC).strftime("%d %B %Y, %H:%M UTC")
    if booking.doctor_id:
        appointment = f"👨‍⚕️ Doctor: {_bold(booking.doctor.full_name)}\n"
    else:
        appointment = f"🔬 Diagnostic: {_bold(booking.diagnostic.type_name)}\n"
    return (
        "🎉 Congratulations! Your booking is confirmed. 🎉\n\n"
        f"📋 Booking ID: {_code(booking.booking_id)}\n"
        f"{appointment}"
        f"📆 Date & Time: {_bold(when)}\n\n"
        f"📍 Location: {_bold(booking.location.name)}: {_bold(booking.location.address)}\n\n"
        "Thank you for choosing our service! If you have any questions or need to reschedule, "
        "feel free to reach out. 📞"
    )


def send_message(*, chat_id: int, text: str) -> bool:
    """``sendMessage`` with ``parse_mode`` HTML; ``True`` if Telegram answered ``ok``. Never raises."""
    token = settings.MEDSYNC_BOT_TOKEN
    if not token:
        logger.warning("MEDSYNC_BOT_TOKEN is not set: no Telegram message to chat %s.", chat_id)
        return False
    if token == getattr(settings, "MEDSYNC_DEV_BOT_TOKEN", None):  # set by the development settings only
        logger.info("The development bot token is not a real bot: no Telegram message to chat %s.", chat_id)
        return False
    url = f"{settings.MEDSYNC_TELEGRAM_API_URL.rstrip('/')}/bot{token}/sendMessage"
    payload = {"chat_id": chat_id, "text": text, "parse_mode": "HTML"}
    try:
        response = requests.post(url, json=payload, timeout=settings.MEDSYNC_TELEGRAM_TIMEOUT)
    except requests.RequestException as error:
        logger.warning("Telegram sendMessage to chat %s failed: %s", chat_id, str(error).replace(token, "<token>"))
        return False
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.status_code != 200 or not (isinstance(answer, dict) and answer.get("ok")):
        description = answer.get("description") if isinstance(answer, dict) else None
        logger.warning(
            "Telegram sendMessage to chat %s failed: HTTP %s %s",
            chat_id,
            response.status_code,
            description or response.text[:200],
        )
        return False
    return True
