"""DRF throttles counted in the shared cache (``CACHES``), rates from ``DEFAULT_THROTTLE_RATES``.

A throttled request answers 429 with ``Retry-After`` (DRF). Rates are read when the throttle
is built, not when this module is imported, so changing the setting takes effect.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ScopedAddressThrottle(SimpleRateThrottle):
    """``view.throttle_scope`` per client address (anonymous and authenticated alike)."""

    def __init__(self):
        pass  # the scope comes from the view, in allow_request

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.scope = getattr(view, "throttle_scope", None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class KeyedThrottle(SimpleRateThrottle):
    """A fixed ``scope`` counted per ``key(request)``; a request without a key is not counted."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def key(self, request, view) -> str | None:
        raise NotImplementedError

    def get_cache_key(self, request, view):
        key = self.key(request, view)
        return None if key is None else self.cache_format % {"scope": self.scope, "ident": key}
