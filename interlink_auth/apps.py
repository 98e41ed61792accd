from django.apps import AppConfig, apps


class InterlinkAuthConfig(AppConfig):
    """INTERLINK's auth service (upstream interlink-project/backend-auth) inside this project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "interlink_auth"
    verbose_name = "INTERLINK auth"

    def ready(self):
        from interlink_auth import schema  # noqa: F401  (registers the OpenAPI authentication extension)

        if apps.is_installed("oauth2_provider"):
            _unregister_test_provider_admin()


def _unregister_test_provider_admin() -> None:
    """django-oauth-toolkit is installed only as the tests' OpenID Connect provider
    (config/settings/test.py); its admin pages are not part of this project's admin."""
    from django.contrib import admin
    from oauth2_provider import models as dot

    for model in (
        dot.get_application_model(),
        dot.get_access_token_model(),
        dot.get_grant_model(),
        dot.get_refresh_token_model(),
        dot.get_id_token_model(),
    ):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
