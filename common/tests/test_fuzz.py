"""Schemathesis over every operation of the OpenAPI document, against the live production server (issue #12).

The demo data is written to the test databases (committed, so the server process sees it),
granian (``config.serve``) serves them as the runtime role, and the schemathesis CLI runs once per kind of
caller with a bounded number of examples per operation (``FUZZ_MAX_EXAMPLES``, 3 by
default: the five runs take a few minutes on two cores). Any server error, undocumented
status code, response not matching its schema or wrong content type fails the test;
deliberate exceptions are in ``config/schemathesis.toml``. ``make fuzz`` is the full-size run.
"""

import os
import socket

import pytest
from django.conf import settings
from django.core.management import call_command

from common import fuzz
from common.testing import login_default_as
from config.databases import ALIASES

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "3"))
# The coverage phase (every boundary of every parameter, ~75 requests per operation) is left to
# `make fuzz`: here the examples and the random (positive and negative) fuzzing.
PHASES = os.environ.get("FUZZ_PHASES", "examples,fuzzing")
CALLERS = ["anonymous", "user", "superuser", "medsync-initdata", "matar-token"]


def _port() -> int:
    if os.environ.get("FUZZ_PORT"):
        return int(os.environ["FUZZ_PORT"])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def live(django_db_setup, django_db_blocker):
    """The demo data committed, the production server on the test databases, the callers' credentials."""
    from matar.models import User as MatarUser

    with django_db_blocker.unblock():
        login_default_as("admin")
        try:
            with open(os.devnull, "w") as devnull:
                call_command("seed_demo", stdout=devnull, stderr=devnull)
            who = fuzz.callers(
                user_email=settings.FIRST_USER,
                superuser_email=settings.FIRST_SUPERUSER,
                password=settings.FIRST_USER_PASSWORD,
                matar_user_id=str(MatarUser.objects.order_by("pk").first().pk),
            )
            server = fuzz.Server(_port(), {"DATABASE_NAME": settings.DATABASES["default"]["NAME"]})
            try:
                yield server, {caller.name: caller for caller in who}
            finally:
                server.stop()
        finally:
            for alias in ALIASES:
                call_command("flush", database=alias, interactive=False, verbosity=0)
            login_default_as("app")


@pytest.mark.parametrize("caller", CALLERS)
def test_every_operation_conforms_and_never_fails(live, caller):
    server, callers = live
    code, output = fuzz.run_schemathesis(server.url, callers[caller], max_examples=MAX_EXAMPLES, seed=12, phases=PHASES)
    assert fuzz.counts(output)["generated"] > 0, output[-3000:]
    assert code == 0, f"schemathesis as {caller}:\n{output[-20000:]}\nserver log:\n{server.read_log()[-5000:]}"


def test_the_server_logged_no_traceback(live):
    """Runs after the callers' runs (same module, in order): no request ended in an exception."""
    server, _ = live
    log = server.read_log()
    assert "Traceback" not in log, log[log.index("Traceback") - 2000 :][:8000]
