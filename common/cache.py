"""The shared cache's database connection (see the ``uploads and shared security state`` settings).

Django's database cache writes through the router (the cache's model has the app label
``django_cache``). Its rows live in the ``default`` database, read and written through
``CACHE_DATABASE_ALIAS``: in production a second connection to that same database, so that
a request whose transaction is rolled back (``accounts.middleware`` rolls back every 4xx)
keeps its throttle counts and wrong-OTP counts; in the tests the ``default`` connection itself.
"""

from django.conf import settings

CACHE_APP_LABEL = "django_cache"


class CacheRouter:
    def db_for_read(self, model, **hints):
        return settings.CACHE_DATABASE_ALIAS if model._meta.app_label == CACHE_APP_LABEL else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """``createcachetable --database default`` creates the table; no other alias has one."""
        return db == "default" if app_label == CACHE_APP_LABEL else None
