from django.apps import AppConfig


class CoproductionConfig(AppConfig):
    name = "coproduction"
    verbose_name = "Co-production"
    default_auto_field = "django.db.models.BigAutoField"
    parity_reference = "coproduction"
    demo_command = "seed_coproduction"

    def ready(self):
        from coproduction import signals  # noqa: F401
