from django.apps import AppConfig


class InterlinkAuthConfig(AppConfig):
    """INTERLINK's auth service (upstream interlink-project/backend-auth) inside this project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "interlink_auth"
    verbose_name = "INTERLINK auth"

    def ready(self):
        from interlink_auth import schema  # noqa: F401  (registers the OpenAPI authentication extension)
