"""Load every app's demo data: each app names its own command in its AppConfig (``demo_command``)."""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and print the admin login."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            command = getattr(config, "demo_command", None)
            if command:
                self.stdout.write(f"Demo data: {config.label} ({command})")
                call_command(command, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(
            self.style.SUCCESS(
                "\nAdmin:   http://127.0.0.1:8000/admin/\n"
                f"Login:   {settings.FIRST_SUPERUSER} / {settings.FIRST_SUPERUSER_PASSWORD}\n"
                f"User:    {settings.FIRST_USER} / {settings.FIRST_USER_PASSWORD}\n"
                "API:     http://127.0.0.1:8000/api/docs/\n"
            )
        )
