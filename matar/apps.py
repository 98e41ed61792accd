from django.apps import AppConfig


class MatarConfig(AppConfig):
    """Matar voice Q&A communities (Gramhal-Foundation/matar), database alias ``matar``.

    The parity test compares only what the reference describes: ``matar.json`` is partial
    (written by hand from upstream's developer documentation, whose source repository was not
    available) and lists ``organization`` alone. The other five tables are unknown to it, not
    absent, so ``parity_options`` ignores tables the reference does not describe; their shape
    is defined by the project's spec and pinned by this app's own tests instead.
    """

    name = "matar"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Matar"
    #: Reference snapshot (docs/reference-schemas/<name>.json) the parity test compares with.
    parity_reference = "matar"
    #: The reference describes only ``organization`` (see the class docstring).
    parity_options = {"ignore_extra_tables": True}
    #: Command that loads this app's demo data (manage.py seed_demo runs them all).
    demo_command = "seed_matar_demo"
