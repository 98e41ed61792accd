"""After a booking made from the Mini App, the user gets upstream's bot message (Bot API sendMessage).

A local HTTP server stands in for the Bot API (``MEDSYNC_TELEGRAM_API_URL``). The tests commit
for real (``transaction=True``): the message goes out only after the booking is committed, and
a Bot API that fails or hangs never fails the booking.
"""

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.db import connections

from medsync.models import Booking
from medsync.tests import factories
from medsync.tests.helpers import API, BOT_TOKEN, future_slot, iso_z, signed_init_data

pytestmark = pytest.mark.django_db(databases=["medsync"], transaction=True)

TELEGRAM_USER = {"id": 5511223344, "first_name": "Olena", "last_name": "Koval", "username": "olena_k"}


class FakeBotApi:
    """A Bot API on 127.0.0.1 that records each request and answers ``status`` (after ``delay`` s)."""

    def __init__(self, *, status: int = 200, delay: float = 0.0):
        self.requests: list[dict] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                bookings_visible = Booking.objects.count()  # from another connection: committed rows only
                connections.close_all()
                api.requests.append({"path": self.path, "body": body, "bookings_visible": bookings_visible})
                time.sleep(delay)
                answer = {"ok": True, "result": {"message_id": 1}} if status == 200 else {"ok": False}
                payload = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the client gave up (timeout)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bot_api(settings):
    servers = []

    def start(**options) -> FakeBotApi:
        server = FakeBotApi(**options)
        servers.append(server)
        settings.MEDSYNC_TELEGRAM_API_URL = server.url
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def doctor():
    doctor = factories.DoctorFactory(
        full_name="Dr Iryna <Bondar>",
        location=factories.LocationFactory(name="Kyiv Clinic", address="1 Khreshchatyk St"),
    )
    factories.open_every_day(doctor.location, 8, 17)
    return doctor


def book(client, doctor, when, **extra):
    body = {
        "doctor_id": doctor.doctor_id,
        "location_id": doctor.location_id,
        "booking_date_time": iso_z(when),
        "user_name": "Olena",
        "user_surname": "Koval",
        "user_phone": "+380501112233",
        "user_email": "olena@example.com",
        **extra,
    }
    return client.post(f"{API}/doctors/book_slot", body, format="json")


def test_a_mini_app_booking_sends_upstreams_confirmation_after_commit(client, doctor, bot_api):
    api = bot_api()
    when = future_slot(hour=10)
    response = book(client, doctor, when, userInitData=signed_init_data(TELEGRAM_USER))
    assert response.status_code == 200
    booking_id = response.json()["booking_id"]

    [sent] = api.requests
    assert sent["path"] == f"/bot{BOT_TOKEN}/sendMessage"
    assert sent["bookings_visible"] == 1  # the booking was committed before the message went out
    assert sent["body"]["chat_id"] == TELEGRAM_USER["id"] and sent["body"]["parse_mode"] == "HTML"
    assert sent["body"]["text"] == (
        "🎉 Congratulations! Your booking is confirmed. 🎉\n\n"
        f"📋 Booking ID: <code>{booking_id}</code>\n"
        "👨‍⚕️ Doctor: <b>Dr Iryna &lt;Bondar&gt;</b>\n"
        f"📆 Date & Time: <b>{when:%d %B %Y}, 10:00 UTC</b>\n\n"
        "📍 Location: <b>Kyiv Clinic</b>: <b>1 Khreshchatyk St</b>\n\n"
        "Thank you for choosing our service! If you have any questions or need to reschedule, "
        "feel free to reach out. 📞"
    )


def test_a_diagnostic_booking_names_the_test(client, bot_api):
    api = bot_api()
    offer = factories.DiagnosticLocationFactory(diagnostic=factories.DiagnosticFactory(type_name="X-Ray"))
    factories.open_every_day(offer.location, 8, 17)
    body = {
        "diagnostic_id": offer.diagnostic_id,
        "location_id": offer.location_id,
        "booking_date_time": iso_z(future_slot(hour=9)),
        "user_name": "Olena",
        "user_surname": "Koval",
        "user_phone": "+380501112233",
        "user_email": "olena@example.com",
        "userInitData": signed_init_data(TELEGRAM_USER),
    }
    assert client.post(f"{API}/diagnostics/book_slot", body, format="json").status_code == 200
    [sent] = api.requests
    assert "🔬 Diagnostic: <b>X-Ray</b>\n" in sent["body"]["text"]


def test_no_message_without_a_telegram_user_or_for_a_refused_booking(client, doctor, bot_api):
    api = bot_api()
    assert book(client, doctor, future_slot(hour=11)).status_code == 200  # anonymous, as upstream: no message
    closed = future_slot(hour=20)  # outside 8-17
    assert book(client, doctor, closed, userInitData=signed_init_data(TELEGRAM_USER)).status_code == 400
    assert api.requests == []


@pytest.mark.parametrize("failure", ["error", "timeout", "unreachable"])
def test_a_failing_bot_api_never_fails_the_booking(client, doctor, bot_api, settings, caplog, failure):
    settings.MEDSYNC_TELEGRAM_TIMEOUT = 0.5
    if failure == "error":
        api = bot_api(status=500)
    elif failure == "timeout":
        api = bot_api(delay=2)
    else:
        api = bot_api()
        api.close()
    started = time.monotonic()
    response = book(client, doctor, future_slot(hour=12), userInitData=signed_init_data(TELEGRAM_USER))
    assert response.status_code == 200 and response.json()["status"] == "success"
    assert time.monotonic() - started < 2
    assert Booking.objects.filter(pk=response.json()["booking_id"]).exists()
    assert "Telegram sendMessage to chat 5511223344 failed" in caplog.text
    assert BOT_TOKEN not in caplog.text
    if failure != "unreachable":
        assert len(api.requests) == 1


def test_the_time_is_given_in_utc_whatever_the_clinic_zone(client, doctor, bot_api, settings):
    settings.MEDSYNC_TIME_ZONE = "Europe/Kyiv"
    api = bot_api()
    when = dt.datetime.combine(future_slot(days=4).date(), dt.time(10), tzinfo=ZoneInfo("Europe/Kyiv"))
    assert book(client, doctor, when, userInitData=signed_init_data(TELEGRAM_USER)).status_code == 200
    [sent] = api.requests
    utc = when.astimezone(dt.UTC)
    assert f"📆 Date & Time: <b>{utc:%d %B %Y, %H:%M} UTC</b>" in sent["body"]["text"]
