"""The cached doctor list (medsync/cache.py): served without a MedSync query, dropped by every write path.

The writes here commit (as in production): the cache is dropped when a write commits, and a
transaction that wrote reads around the cache until then, which a test's wrapping transaction
would always be.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client

from accounts.models import User
from medsync import models
from medsync.cache import medsync_reads
from medsync.tests import factories
from medsync.tests.helpers import API

DOCTORS = f"{API}/doctors/"


@pytest.fixture(autouse=True)
def committed(app_role_transactional_db):
    """Committed rows; the MedSync database is emptied afterwards (default by the fixture)."""
    yield
    call_command("flush", database="medsync", interactive=False, verbosity=0)


@pytest.fixture
def admin_browser():
    """The Django admin, logged in as a superuser (committed in ``default``)."""
    admin = Client()
    admin.force_login(User.objects.create_superuser("boss@example.com", "secret-password"))
    return admin


def reviews(client) -> list[tuple[int, float]]:
    return [(doctor["reviews"], doctor["avg_rating"]) for doctor in client.get(DOCTORS).json()]


def test_a_second_request_is_answered_from_the_cache_byte_for_byte(client, django_assert_num_queries):
    factories.DoctorRatingFactory(rating=4)
    first = client.get(DOCTORS)
    with django_assert_num_queries(0, connection=connections["medsync"]):
        second = client.get(DOCTORS, HTTP_ORIGIN="https://mini-app.example.org")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Access-Control-Allow-Origin"] == "*"
    assert client.get(DOCTORS, {"format": "api"})["Content-Type"].startswith("text/html")


def test_orm_bulk_and_raw_sql_rating_writes_drop_the_cached_list(client):
    doctor = factories.DoctorFactory()
    assert reviews(client) == [(0, 0.0)]
    models.DoctorRating.objects.create(doctor=doctor, rating=5)
    assert reviews(client) == [(1, 5.0)]
    models.DoctorRating.objects.bulk_create([models.DoctorRating(doctor=doctor, rating=2)])
    assert reviews(client) == [(2, 3.5)]
    models.DoctorRating.objects.filter(rating=2).update(rating=3)
    assert reviews(client) == [(2, 4.0)]
    with connections["medsync"].cursor() as cursor:
        cursor.execute("DELETE FROM doctor_ratings WHERE rating = 5")
    assert reviews(client) == [(1, 3.0)]


def test_admin_writes_drop_the_cached_list(client, admin_browser):
    doctor = factories.DoctorFactory()
    assert reviews(client) == [(0, 0.0)]
    response = admin_browser.post(
        "/admin/medsync/doctorrating/add/", {"doctor": doctor.pk, "rating": 4, "_save": "Save"}
    )
    assert response.status_code == 302
    assert reviews(client) == [(1, 4.0)]


def test_seeding_and_the_clear_command_drop_the_cached_list(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get(DOCTORS).json() == []
    call_command("seed_medsync_demo", stdout=StringIO())
    assert len(client.get(DOCTORS).json()) == models.Doctor.objects.count() > 0

    generation = medsync_reads.generation()
    call_command("clear_read_cache", stdout=StringIO())
    assert medsync_reads.generation() != generation


def test_a_transaction_drops_the_cache_when_it_commits_and_reads_around_it_until_then(client):
    doctor = factories.DoctorFactory()
    assert reviews(client) == [(0, 0.0)]
    before = medsync_reads.generation()
    with transaction.atomic(using="medsync"):
        models.DoctorRating.objects.create(doctor=doctor, rating=1)
        assert medsync_reads.generation() == before  # other workers keep the committed answer
        assert reviews(client) == [(1, 1.0)]  # this transaction reads its own rows
    after = medsync_reads.generation()
    assert after != before
    assert reviews(client) == [(1, 1.0)]
    with transaction.atomic(using="medsync"):
        models.DoctorRating.objects.create(doctor=doctor, rating=5)
        transaction.set_rollback(True, using="medsync")
    assert medsync_reads.generation() == after  # nothing committed, nothing dropped
    assert reviews(client) == [(1, 1.0)]
