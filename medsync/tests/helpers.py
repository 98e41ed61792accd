"""Helpers of the MedSync tests: signed initData, future slots, the API prefix."""

import datetime as dt
import json
from urllib.parse import urlencode

from medsync import initdata

BOT_TOKEN = "1234567:medsync-test-bot-token"
API = "/medsync/api"


def signed_init_data(user: dict | None = None, *, token: str = BOT_TOKEN, **extra) -> str:
    """A Mini App ``initData`` string signed like Telegram does with ``token``."""
    fields = {"auth_date": str(int(dt.datetime.now(dt.UTC).timestamp())), "query_id": "AAHdF6IQAAAAAN0XohDhrOrc"}
    if user is not None:
        fields["user"] = json.dumps(user, separators=(",", ":"))
    fields.update(extra)
    return urlencode({**fields, "hash": initdata.sign(fields, token)})


def future_slot(days: int = 3, hour: int = 10) -> dt.datetime:
    """A whole hour ``days`` from today, UTC (the tests' clinic time zone)."""
    day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def iso_z(instant: dt.datetime) -> str:
    """How the Mini App sends times: UTC with ``Z``."""
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
