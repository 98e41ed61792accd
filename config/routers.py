"""Send each domain app to its own database alias; Django's own apps and accounts to default."""

from config.databases import DOMAIN_ALIASES


class DomainRouter:
    """An app named like a domain alias lives in that database and nowhere else.

    Nothing relates across databases, so relations are allowed only within one alias.
    """

    def _alias(self, app_label: str) -> str:
        return app_label if app_label in DOMAIN_ALIASES else "default"

    def db_for_read(self, model, **hints):
        return self._alias(model._meta.app_label)

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        return self._alias(obj1._meta.app_label) == self._alias(obj2._meta.app_label)

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == self._alias(app_label)
