from django.apps import AppConfig


class MedsyncConfig(AppConfig):
    name = "medsync"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "MedSync"
    #: Reference snapshot (docs/reference-schemas/<name>.json) the parity test compares with.
    parity_reference = "medsync"
    #: Command that loads this app's demo data (manage.py seed_demo runs them all).
    demo_command = "seed_medsync_demo"

    def ready(self):
        from corsheaders.signals import check_request_enabled

        from medsync.cache import medsync_reads
        from medsync.cors import allow_any_origin_for_medsync_api

        check_request_enabled.connect(allow_any_origin_for_medsync_api, dispatch_uid="medsync-cors-any-origin")
        medsync_reads.watch_writes()
