"""Telegram WebApp initData validation (spec medsync §5.1)."""

import hashlib
import hmac
import time
from urllib.parse import quote, urlencode

from medsync import initdata
from medsync.tests.helpers import BOT_TOKEN, signed_init_data

USER = {
    "id": 279058397,
    "first_name": "Vladislav",
    "last_name": "Kibenko",
    "username": "vdkfrost",
    "language_code": "ru",
}


def test_telegram_documented_algorithm():
    """HMAC-SHA256 over the sorted key=value lines, keyed by HMAC-SHA256("WebAppData", token)."""
    fields = {"auth_date": "1700000000", "query_id": "AAH", "user": '{"id":1,"first_name":"A"}'}
    secret = hmac.new(b"WebAppData", BOT_TOKEN.encode(), hashlib.sha256).digest()
    check = 'auth_date=1700000000\nquery_id=AAH\nuser={"id":1,"first_name":"A"}'
    expected = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    assert initdata.sign(fields, BOT_TOKEN) == expected
    assert initdata.validate(urlencode({**fields, "hash": expected}), max_age=10**10) is not None


def test_valid_init_data_gives_the_user():
    parsed = initdata.validate(signed_init_data(USER))
    assert parsed is not None
    assert parsed.user == initdata.TelegramUser(id=279058397, username="vdkfrost", full_name="Vladislav Kibenko")


def test_tampered_value_is_rejected():
    forged = signed_init_data(USER).replace("279058397", "279058398")
    assert initdata.validate(forged) is None


def test_signed_with_another_bot_token_is_rejected():
    assert initdata.validate(signed_init_data(USER, token="999:other-bot")) is None


def test_missing_hash_duplicate_keys_and_garbage_are_rejected():
    valid = signed_init_data(USER)
    assert initdata.validate(valid.split("&hash=")[0]) is None
    assert initdata.validate(valid + "&auth_date=1") is None
    assert initdata.validate("not a query string") is None
    assert initdata.validate("") is None
    assert initdata.validate("hash=%ZZ&x=%E2%82") is None
    assert initdata.validate(valid.replace("hash=", "hash=é")) is None


def test_values_are_decoded_once():
    """A value containing ``%`` after decoding is signed as decoded once (upstream decoded twice)."""
    now = str(int(time.time()))
    fields = {"auth_date": now, "start_param": "100%25"}
    digest = initdata.sign(fields, BOT_TOKEN)
    raw = f"auth_date={now}&start_param={quote('100%25')}&hash={digest}"
    assert initdata.validate(raw) is not None


def test_without_bot_token_everything_is_rejected(settings, caplog):
    settings.MEDSYNC_BOT_TOKEN = ""
    assert initdata.validate(signed_init_data(USER)) is None
    assert "MEDSYNC_BOT_TOKEN" in caplog.text


def test_init_data_older_than_a_day_is_refused_by_default(settings):
    assert settings.MEDSYNC_INITDATA_MAX_AGE == 24 * 60 * 60
    hour_old = signed_init_data(USER, auth_date=str(int(time.time()) - 3600))
    assert initdata.validate(hour_old) is not None
    assert initdata.validate(signed_init_data(USER, auth_date=str(int(time.time()) - 25 * 3600))) is None
    assert initdata.validate(signed_init_data(USER, auth_date="1420070400")) is None  # 2015
    assert initdata.validate(signed_init_data(USER, auth_date="soon")) is None


def test_the_maximum_age_is_configurable(settings):
    hour_old = signed_init_data(USER, auth_date=str(int(time.time()) - 3600))
    settings.MEDSYNC_INITDATA_MAX_AGE = 600
    assert initdata.validate(hour_old) is None
    assert initdata.validate(signed_init_data(USER)) is not None


def test_user_full_name_falls_back_to_username_then_id():
    assert initdata.validate(signed_init_data({"id": 5, "username": "nick"})).user.full_name == "nick"
    assert initdata.validate(signed_init_data({"id": 6})).user.full_name == "6"
    assert initdata.validate(signed_init_data({"first_name": "No id"})) is None
    fields = {"auth_date": "1700000000", "user": "[1,2]"}
    assert initdata.validate(urlencode({**fields, "hash": initdata.sign(fields, BOT_TOKEN)})) is None
