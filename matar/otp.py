"""Delivering login OTPs: a pluggable sender (setting ``MATAR_OTP_SENDER``), console by default."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("matar.otp")


class OTPSender(Protocol):
    def send(self, phone_number: str, otp: str) -> None: ...


class ConsoleOTPSender:
    """Development and tests: logs ``OTP for <phone>: <otp>`` (logger ``matar.otp``, level
    WARNING so the default console logging shows it); sends no SMS."""

    def send(self, phone_number: str, otp: str) -> None:
        logger.warning("OTP for %s: %s", phone_number, otp)


def get_sender() -> OTPSender:
    return import_string(settings.MATAR_OTP_SENDER)()
