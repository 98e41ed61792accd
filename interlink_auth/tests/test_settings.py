"""Production refuses half an OIDC configuration, and secures the auth_token cookie."""

import subprocess
import sys

from config.tests.test_production_settings import PRODUCTION_ENV, ROOT, clean_env, start_wsgi


def test_an_empty_oidc_secret_is_refused_under_production_settings():
    env = clean_env(**PRODUCTION_ENV, OIDC_DISCOVERY_URL="https://id.example.org/.well-known/openid-configuration")
    env.update(OIDC_CLIENT_ID="interlink", OIDC_CLIENT_SECRET="")
    result = start_wsgi(env)
    assert result.returncode != 0
    assert "OIDC_CLIENT_SECRET is empty or missing" in result.stderr
    assert "OIDC_CLIENT_ID" not in result.stderr and "OIDC_DISCOVERY_URL" not in result.stderr


def test_production_sets_the_cookie_secure():
    env = clean_env(DJANGO_SETTINGS_MODULE="config.settings.production", **PRODUCTION_ENV)
    code = "import django; django.setup(); from django.conf import settings; print(settings.AUTH_TOKEN_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "True", result.stderr
