"""The one parser for ids in paths, query strings and bodies (UUID or 32-bit integer).

Bad ids never reach the database: each caller picks the answer upstream gives for them
(422 naming the field, 404 with a message, or "no such row").
"""

from __future__ import annotations

import uuid

from rest_framework import serializers

from common.exceptions import APIError

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def uuid_or_none(value) -> uuid.UUID | None:
    """``value`` as a UUID, or ``None`` when it is not one."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def parse_uuid(value, field: str = "id") -> uuid.UUID:
    """``value`` as a UUID; otherwise 422 ``{field: ["Must be a valid UUID."]}``."""
    parsed = uuid_or_none(value)
    if parsed is None:
        raise serializers.ValidationError({field: ["Must be a valid UUID."]})
    return parsed


def uuid_or_404(value, message: str) -> uuid.UUID:
    """``value`` as a UUID; otherwise 404 with upstream's not-found ``message``."""
    parsed = uuid_or_none(value)
    if parsed is None:
        raise APIError(404, message)
    return parsed


def parse_int(value, field: str) -> int:
    """``value`` as a 32-bit integer column value; otherwise 422 naming ``field`` (as FastAPI did)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise serializers.ValidationError({field: ["A valid integer is required."]}) from None
    if not INT32_MIN <= number <= INT32_MAX:
        raise serializers.ValidationError({field: ["Out of range."]})
    return number
