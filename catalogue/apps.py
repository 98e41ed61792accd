from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Catalogue (INTERLINK)"
    default_auto_field = "django.db.models.BigAutoField"
    parity_reference = "catalogue"
    demo_command = "catalogue_demo"

    def ready(self):
        from catalogue import signals  # noqa: F401  (connects the rating-aggregate receivers)
        from catalogue.cache import catalogue_reads

        catalogue_reads.watch_writes()
