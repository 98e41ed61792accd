"""Telegram WebApp ``initData`` validation (https://core.telegram.org/bots/webapps).

Hand-written on purpose: the algorithm is a dozen lines of the standard library, and the
libraries that ship it (aiogram, python-telegram-bot) are whole bot frameworks. It follows
Telegram's specification, which decodes each value once (upstream decoded twice).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TelegramUser:
    id: int
    username: str | None
    full_name: str


@dataclass(frozen=True)
class InitData:
    fields: dict[str, str]
    user: TelegramUser | None


def secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields))


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The ``hash`` Telegram would put next to these fields (used by tests and tools)."""
    return hmac.new(secret_key(bot_token), data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def validate(init_data: str, *, bot_token: str | None = None, max_age: int | None = None) -> InitData | None:
    """The parsed initData if its hash is valid, else ``None``.

    Invalid: no bot token configured, a malformed query string, a missing ``hash``, a repeated
    key, a wrong hash, a ``user`` that is not a JSON object with an integer ``id``, or (when
    ``max_age`` / ``MEDSYNC_INITDATA_MAX_AGE`` is set) an ``auth_date`` older than that.
    """
    token = settings.MEDSYNC_BOT_TOKEN if bot_token is None else bot_token
    if max_age is None:
        max_age = settings.MEDSYNC_INITDATA_MAX_AGE
    if not token:
        logger.warning("MEDSYNC_BOT_TOKEN is not set: Telegram initData cannot be validated and is rejected.")
        return None
    if not isinstance(init_data, str) or not init_data:
        return None
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True, errors="strict")
    except (ValueError, UnicodeDecodeError):
        return None
    fields = dict(pairs)
    if len(fields) != len(pairs) or "hash" not in fields:
        return None
    received = fields.pop("hash")
    if not hmac.compare_digest(sign(fields, token).encode(), received.lower().encode()):
        return None
    if max_age is not None:
        try:
            auth_date = int(fields["auth_date"])
        except (KeyError, ValueError):
            return None
        if time.time() - auth_date > max_age:
            return None
    user = None
    if "user" in fields:
        user = _user(fields["user"])
        if user is None:
            return None
    return InitData(fields=fields, user=user)


def _user(raw: str) -> TelegramUser | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    user_id = data.get("id")
    if isinstance(user_id, bool) or not isinstance(user_id, int) or not -(2**63) <= user_id < 2**63:
        return None
    username = data.get("username") if isinstance(data.get("username"), str) else None
    names = [data.get(key) for key in ("first_name", "last_name")]
    full_name = " ".join(name for name in names if isinstance(name, str) and name).strip()
    full_name = (full_name or username or str(user_id)).replace("\x00", "")
    username = username.replace("\x00", "") if username else None
    return TelegramUser(id=user_id, username=username[:128] if username else None, full_name=full_name[:128])
