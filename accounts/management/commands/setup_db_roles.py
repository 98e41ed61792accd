from django.core.management.base import BaseCommand
from django.db import connections

from config.databases import ALIASES
from config.provision import provision, role_names


class Command(BaseCommand):
    help = (
        "Create the login roles rls_app_user and rls_maintenance_admin, every domain database, "
        "and their privileges. Idempotent; runs as the server's administrative login."
    )

    def handle(self, *args, **options):
        for alias in ALIASES:
            settings_dict = connections[alias].settings_dict
            provision(settings_dict)
            self.stdout.write(f"{alias}: database {settings_dict['NAME']} ready")
        (app, _), (maintenance, _) = role_names()
        self.stdout.write(self.style.SUCCESS(f"Roles {app} and {maintenance} are in place."))
