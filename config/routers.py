"""Send each domain app to its own database alias; Django's own apps and accounts to default."""

from django.conf import settings

from config.databases import DOMAIN_ALIASES


class DomainRouter:
    """An app named like a domain alias lives in that database and nowhere else.

    Nothing relates across databases, so relations are allowed only within one alias. When
    ``<domain>_replica`` is configured (``<DOMAIN>_REPLICA_DATABASE_URL``), that domain's
    reads go to the replica and its writes to the primary; ``default`` always stays on its
    primary, where each request's row-level-security identity is set.
    """

    def _alias(self, app_label: str) -> str:
        return app_label if app_label in DOMAIN_ALIASES else "default"

    def db_for_read(self, model, **hints):
        alias = self._alias(model._meta.app_label)
        replica = f"{alias}_replica"
        return replica if alias != "default" and replica in settings.DATABASES else alias

    def db_for_write(self, model, **hints):
        return self._alias(model._meta.app_label)

    def allow_relation(self, obj1, obj2, **hints):
        return self._alias(obj1._meta.app_label) == self._alias(obj2._meta.app_label)

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == self._alias(app_label)
