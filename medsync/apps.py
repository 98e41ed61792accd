from django.apps import AppConfig


class MedsyncConfig(AppConfig):
    name = "medsync"
    default_auto_field = "django.db.models.BigAutoField"
