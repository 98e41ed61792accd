from django.apps import AppConfig


class MatarConfig(AppConfig):
    name = "matar"
    default_auto_field = "django.db.models.BigAutoField"
