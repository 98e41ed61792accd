"""Test-session database set-up shared by every app.

The test databases are created and migrated by the admin login, the role command then
grants on them, and from then on ``default`` connects as the runtime role
``rls_app_user`` (not superuser, no BYPASSRLS, owns nothing), exactly as requests run in
production. Domain aliases keep the admin login.
"""

import pytest
from django.core.management import call_command

from common.testing import create_cache_tables
from common.testing import login_default_as as _login_default_as


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        _login_default_as("admin")
        old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
        create_cache_tables("default")  # with the read cache's, for server processes
        call_command("setup_db_roles", verbosity=0, stdout=open("/dev/null", "w"))
        _login_default_as("app")
    yield
    with django_db_blocker.unblock():
        _login_default_as("admin")
        teardown_databases(old_config, verbosity=0)


@pytest.fixture
def app_role_transactional_db(django_db_setup, django_db_blocker):
    """Committing tests on ``default`` as the runtime role (no wrapping transaction).

    Afterwards the database is emptied with ``flush``, which needs TRUNCATE, a privilege the
    runtime role rightly lacks: the admin login does it, then the runtime role is back.
    """
    django_db_blocker.unblock()
    try:
        yield
    finally:
        _login_default_as("admin")
        call_command("flush", database="default", interactive=False, verbosity=0)
        _login_default_as("app")
        django_db_blocker.restore()


@pytest.fixture(autouse=True)
def empty_read_cache():
    """Cached read responses (common/read_cache.py) never outlive the test data they were made from."""
    from django.core.cache import caches

    from common.read_cache import READ_CACHES

    caches["read"].clear()
    for read_cache in READ_CACHES:
        read_cache.local.clear()
