"""Production settings: what the WSGI and ASGI entry points use unless told otherwise.

The process refuses to start, naming every missing or unsafe variable at once, unless the
environment gives a strong ``SECRET_KEY``, ``ALLOWED_HOSTS``, the two RLS login passwords and
``MEDSYNC_BOT_TOKEN``; no development value is ever accepted. DEBUG is off and the HTTPS
settings are those ``manage.py check --deploy`` asks for (docs/deployment.md).
"""

import os

from django.core.exceptions import ImproperlyConfigured

# Values that were ever published with the project (development and test defaults).
_PUBLISHED = {
    "dev-only-secret-key-change-me-in-production-0123456789",
    "test-only-secret-key-not-for-any-deployment-0123456789abcdef",
    "maintenance-dev-password",
    "app-dev-password",
    "123456789:medsync-development-token",
    "1234567:medsync-test-bot-token",
}


def _weak_secret_key(value: str) -> bool:
    # Django's own rule (security.W009): at least 50 characters, 5 distinct, not generated
    # by startproject as an insecure placeholder.
    return len(value) < 50 or len(set(value)) < 5 or value.startswith("django-insecure-")


def configuration_problems(environ) -> list[str]:
    """Every variable production needs and does not have, one line each."""
    problems = []
    secret_key = environ.get("SECRET_KEY", "")
    if not secret_key:
        problems.append("SECRET_KEY is not set")
    elif secret_key in _PUBLISHED or _weak_secret_key(secret_key):
        problems.append("SECRET_KEY is weak (use at least 50 random characters, e.g. `openssl rand -base64 48`)")
    if not any(host.strip() for host in environ.get("ALLOWED_HOSTS", "").split(",")):
        problems.append("ALLOWED_HOSTS is not set (comma-separated host names this server answers to)")
    for name in ("RLS_APP_PASSWORD", "RLS_MAINTENANCE_ADMIN_PASSWORD", "MEDSYNC_BOT_TOKEN"):
        value = environ.get(name, "")
        if not value:
            problems.append(f"{name} is not set")
        elif value in _PUBLISHED:
            problems.append(f"{name} is a published development value")
    matar_secret = environ.get("MATAR_JWT_SECRET")
    if matar_secret is not None and (matar_secret in _PUBLISHED or _weak_secret_key(matar_secret)):
        problems.append("MATAR_JWT_SECRET is weak (unset it to use SECRET_KEY, or give 50 random characters)")
    oidc = ("OIDC_DISCOVERY_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")
    if any(name in environ for name in oidc):
        for name in oidc:
            if not environ.get(name, "").strip():
                problems.append(
                    f"{name} is empty or missing (OIDC_* settings go together; unset all three for accounts' login)"
                )
    return problems


# Checked before anything else runs (no database is touched when the answer is no).
_problems = configuration_problems(os.environ)
if _problems:
    raise ImproperlyConfigured(
        "Refusing to start with production settings (config.settings.production):\n  - "
        + "\n  - ".join(_problems)
        + "\nSee docs/deployment.md; for development use config.settings.dev."
    )

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import env_bool, env_list  # noqa: E402

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
MATAR_JWT_SECRET = os.environ.get("MATAR_JWT_SECRET") or SECRET_KEY
MEDSYNC_BOT_TOKEN = os.environ["MEDSYNC_BOT_TOKEN"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# HTTPS, as `check --deploy` wants it. Behind a proxy that terminates TLS, the proxy sets
# X-Forwarded-Proto; SECURE_SSL_REDIRECT=false leaves the redirect to it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"
AUTH_TOKEN_COOKIE_SECURE = True
