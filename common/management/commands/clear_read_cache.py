from django.core.management.base import BaseCommand

from common.read_cache import READ_CACHES


class Command(BaseCommand):
    help = "Drop every cached read response (common/read_cache.py), e.g. after writing a database with psql."

    def handle(self, *args, **options):
        for read_cache in READ_CACHES:
            read_cache.renew()
            self.stdout.write(f"{read_cache.scope}: cached responses dropped")
