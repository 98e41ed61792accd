"""Two requests creating the same new e-mail at once: the loser gets upstream's 400, not a 500.

A real race on the real database: another connection (its own thread) has inserted the e-mail
and not committed yet, so the look-up before the insert sees nothing; the insert then waits on
the unique index ``ix_user_email`` until the other commits, and the service answers as the
serial case does.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from accounts import services
from accounts.models import User
from common.exceptions import APIError

EMAIL = "race@example.com"


def test_the_loser_of_a_signup_race_gets_the_serial_answer(app_role_transactional_db):
    inserted, release, done = threading.Event(), threading.Event(), threading.Event()

    def winner():
        try:
            with transaction.atomic():
                User.objects.create_user(email=EMAIL, password="changethis")
                inserted.set()
                release.wait(10)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=winner)
    thread.start()
    assert inserted.wait(10)
    threading.Timer(0.5, release.set).start()  # commit while the loser waits on the index
    started = time.monotonic()
    with pytest.raises(APIError) as refused:
        services.user_create(email=EMAIL, password="changethis")
    thread.join(10)
    assert time.monotonic() - started >= 0.4, "the loser did not wait on the unique index"
    assert refused.value.status_code == 400
    assert refused.value.detail == "The user with this email already exists in the system."
    assert User.objects.filter(email=EMAIL).count() == 1
    # The request's connection is still usable (the failed insert was in a savepoint).
    assert User.objects.count() == 1
