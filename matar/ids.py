"""Upstream-style values the application fills in: random string ids and epoch milliseconds."""

from __future__ import annotations

import secrets
import string
import time

ID_ALPHABET = string.ascii_uppercase + string.digits
ID_LENGTH = 6
POST_ID_LENGTH = 10
ID_ATTEMPTS = 5


class GeneratedId(str):
    """An id drawn by the application (not given by a caller): safe to redraw on a collision."""


def random_id(length: int = ID_LENGTH) -> GeneratedId:
    return GeneratedId("".join(secrets.choice(ID_ALPHABET) for _ in range(length)))


def new_id() -> GeneratedId:
    """A 6-character id (organization ``685QVK``, user ``39501T``, category ``TFTWNI``)."""
    return random_id(ID_LENGTH)


def new_post_id() -> GeneratedId:
    """A 10-character post id (``VAGDWM8YZP``)."""
    return random_id(POST_ID_LENGTH)


def now_ms() -> int:
    """Upstream's "current ms": the time as integer epoch milliseconds."""
    return time.time_ns() // 1_000_000
