"""Limits on sending login OTPs (each one is an SMS): per phone number and per client address."""

from __future__ import annotations

import hashlib

from common.throttling import KeyedThrottle


def _sends_otp(request) -> bool:
    data = request.data
    return hasattr(data, "get") and data.get("action") == "send_otp"


class OTPSendPhoneThrottle(KeyedThrottle):
    scope = "otp_send_phone"

    def key(self, request, view):
        if not _sends_otp(request):
            return None
        phone = str(request.data.get("phone_number") or "").strip().removeprefix("+").replace(" ", "")
        return hashlib.sha256(phone.encode()).hexdigest()[:32] if phone else None


class OTPSendAddressThrottle(KeyedThrottle):
    scope = "otp_send_address"

    def key(self, request, view):
        return self.get_ident(request) if _sends_otp(request) else None
