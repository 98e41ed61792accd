"""Cached catalogue lists (common/read_cache.py): served without a query, dropped by every write path.

The writes here commit (as in production): the cache is dropped when a write commits, and a
transaction that wrote reads around the cache until then, which a test's wrapping transaction
would always be.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from rest_framework.test import APIClient

from accounts.models import User
from catalogue import models
from catalogue.cache import catalogue_reads
from catalogue.management.commands.catalogue_demo import DEMO_SEED
from catalogue.tests import factories


@pytest.fixture(autouse=True)
def committed(app_role_transactional_db):
    """Committed rows; the catalogue database is emptied afterwards (default by the fixture)."""
    yield
    call_command("flush", database="catalogue", interactive=False, verbosity=0)


API = "/catalogue/api/v1"
PROFILES = f"{API}/problemprofiles"
SCHEMAS = f"{API}/coproductionschemas"
INTERLINKERS = f"{API}/interlinkers"


def names(response) -> list[str]:
    body = response.json()
    return [row["name"] for row in (body["items"] if isinstance(body, dict) else body)]


def test_a_second_request_is_answered_from_the_cache_without_a_catalogue_query(api, django_assert_num_queries):
    factories.SoftwareInterlinkerFactory(name_translations={"en": "Pad", "es": "Bloc"}, languages=["en", "es"])
    first = api.get(INTERLINKERS)
    with django_assert_num_queries(0, using="catalogue"):
        second = api.get(INTERLINKERS)
    assert second.content == first.content and names(second) == ["Pad"]
    # the request language, the query and the renderer are part of the key
    assert names(api.get(INTERLINKERS, HTTP_ACCEPT_LANGUAGE="es")) == ["Bloc"]
    assert api.get(INTERLINKERS, {"size": 1}).json()["size"] == 1
    assert api.get(INTERLINKERS, {"format": "api"})["Content-Type"].startswith("text/html")
    assert api.get(INTERLINKERS, {"size": 0}).status_code == 422


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_writes_drop_the_cached_lists(api):
    curator_api = client_of(User.objects.create_superuser("curator@example.com", "secret-password"))
    auth_api = client_of(User.objects.create_user("rater@example.com", "secret-password"))
    profile = factories.ProblemProfileFactory(id="P1", name_translations={"en": "First"})
    schema = factories.CoproductionSchemaFactory(name_translations={"en": "Plan"})
    assert names(api.get(PROFILES)) == ["First"] and names(api.get(SCHEMAS)) == ["Plan"]

    curator_api.put(f"{PROFILES}/P1", {"name_translations": {"en": "Renamed"}}, format="json")
    curator_api.put(f"{SCHEMAS}/{schema.pk}", {"name_translations": {"en": "Plan B"}}, format="json")
    assert names(api.get(PROFILES)) == ["Renamed"] and names(api.get(SCHEMAS)) == ["Plan B"]

    # a rating changes the rated schema's aggregate in the list
    auth_api.post(f"{API}/ratings", {"artefact_id": str(schema.pk), "value": 4, "text": "ok"}, format="json")
    assert api.get(SCHEMAS).json()["items"][0]["rating"] == 4.0

    curator_api.delete(f"{PROFILES}/{profile.pk}")
    assert api.get(PROFILES).json() == []


def test_admin_writes_drop_the_cached_lists(api, client):
    client.force_login(User.objects.create_superuser("boss@example.com", "secret-password"))
    profile = factories.ProblemProfileFactory(id="P1")
    assert len(api.get(PROFILES).json()) == 1
    response = client.post(f"/admin/catalogue/problemprofile/{profile.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert api.get(PROFILES).json() == []


def test_an_import_drops_the_cached_lists(api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert api.get(SCHEMAS).json()["items"] == []
    call_command("import_catalogue", str(DEMO_SEED), "--no-progress", stdout=StringIO())
    assert api.get(SCHEMAS).json()["total"] == models.CoproductionSchema.objects.count() > 0


def test_raw_sql_writes_and_the_clear_command_drop_the_cached_lists(api):
    factories.ProblemProfileFactory(id="P1", name_translations={"en": "First"})
    assert names(api.get(PROFILES)) == ["First"]
    with connections["catalogue"].cursor() as cursor:
        cursor.execute("UPDATE problemprofile SET name_translations = hstore('en', 'Raw')")
    assert names(api.get(PROFILES)) == ["Raw"]

    generation = catalogue_reads.generation()
    call_command("clear_read_cache", stdout=StringIO())
    assert catalogue_reads.generation() != generation


def test_a_transaction_drops_the_cache_when_it_commits_and_reads_around_it_until_then(api):
    factories.ProblemProfileFactory(id="P1", name_translations={"en": "First"})
    assert names(api.get(PROFILES)) == ["First"]
    before = catalogue_reads.generation()
    with transaction.atomic(using="catalogue"):
        models.ProblemProfile.objects.filter(pk="P1").update(name_translations={"en": "Second"})
        models.ProblemProfile.objects.filter(pk="P1").update(name_translations={"en": "Third"})
        assert catalogue_reads.generation() == before  # other workers keep the committed answer
        assert names(api.get(PROFILES)) == ["Third"]  # this transaction reads its own rows
        assert catalogue_reads.generation() == before
    after = catalogue_reads.generation()
    assert after != before
    assert names(api.get(PROFILES)) == ["Third"]
    with transaction.atomic(using="catalogue"):
        models.ProblemProfile.objects.filter(pk="P1").update(name_translations={"en": "Undone"})
        transaction.set_rollback(True, using="catalogue")
    assert catalogue_reads.generation() == after  # nothing committed, nothing dropped


def test_link_settings_are_part_of_the_key(api, settings):
    factories.SoftwareInterlinkerFactory(logotype="/static/pad/logotype.png")
    assert api.get(INTERLINKERS).json()["items"][0]["logotype_link"].startswith("http://testserver/")
    settings.CATALOGUE_PUBLIC_BASE_URL = "https://interlink.example.org/catalogue"
    link = api.get(INTERLINKERS).json()["items"][0]["logotype_link"]
    assert link == "https://interlink.example.org/catalogue/static/pad/logotype.png"


def test_a_write_stands_when_the_shared_cache_cannot_be_renewed(settings, caplog):
    """As during a first ``migrate`` before ``createcachetable``, or with Redis down: the renewal
    is logged, never a failed write."""
    settings.CACHES = {
        **settings.CACHES,
        "read": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "no_such_cache_table"},
    }
    with transaction.atomic(using="catalogue"):
        factories.ProblemProfileFactory(id="P9", name_translations={"en": "Kept"})
    factories.ProblemProfileFactory(id="P10", name_translations={"en": "Autocommit"})
    assert set(models.ProblemProfile.objects.values_list("id", flat=True)) == {"P9", "P10"}
    assert caplog.text.count("the read cache could not be renewed after a write") >= 2
