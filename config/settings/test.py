"""Test settings: development values, fast hashing, mail kept in memory.

The test session creates and migrates the test databases as the admin login, then serves
every test as the runtime role ``rls_app_user`` on ``default`` (conftest.py), so row-level
security is tested as it runs in production.
"""

import os

os.environ.setdefault("DJANGO_DB_ROLE", "admin")

from config.settings.base import *  # noqa: E402,F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-deployment-0123456789abcdef"
MATAR_JWT_SECRET = SECRET_KEY
MEDSYNC_BOT_TOKEN = "1234567:medsync-test-bot-token"
PASSWORD_HASHERS = [
    "accounts.hashers.FastUpstreamBcryptHasher",  # upstream's format at cost 4; a test pins base's cost 12
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Mail kept in memory; a test worker or server process may ask for another backend.
EMAIL_BACKEND = os.environ.get("TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
MEDIA_ROOT = BASE_DIR / ".data" / "test-media"  # noqa: F405
# The database cache on the test's own connection (rolled back with each test), unless a test
# server process asks for the separate connection production uses (CACHE_DATABASE_ALIAS=cache).
if os.environ.get("CACHE_DATABASE_ALIAS", "default") == "default":
    CACHE_DATABASE_ALIAS = "default"
    DATABASES.pop("cache", None)  # noqa: F405
    # Cached read responses in the test process: in memory, so a catalogue-only test may read
    # and write the catalogue without the default database; conftest.py empties it before each
    # test. Server processes keep the shared backend (conftest.py creates its table).
    CACHES["read"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "read"}  # noqa: F405

# --- interlink auth ---
# The OpenID Connect provider the /auth/ tests log in through: this project's accounts
# published by django-oauth-toolkit (OIDC on), mounted only by the tests' URL conf
# (interlink_auth/tests/provider_urls.py). Never installed outside tests.
INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405
