from django.apps import AppConfig


class CoproductionConfig(AppConfig):
    name = "coproduction"
    default_auto_field = "django.db.models.BigAutoField"
