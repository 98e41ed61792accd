from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Accounts"
    #: Reference snapshot (docs/reference-schemas/<name>.json) the parity test compares with.
    parity_reference = "template"
    #: Command that loads this app's demo data (manage.py seed_demo runs them all).
    demo_command = "seed_accounts"

    def ready(self):
        from accounts import schema  # noqa: F401  (registers the OpenAPI authentication extension)
