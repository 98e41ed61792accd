"""``manage.py catalogue_demo``: import the project's small demo catalogue (idempotent)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_SEED = Path(__file__).resolve().parents[2] / "demo_seed"


class Command(BaseCommand):
    help = "Import catalogue/demo_seed (the upstream seed format) with import_catalogue; re-runs change nothing."

    def handle(self, *args, **options):
        call_command("import_catalogue", str(DEMO_SEED), no_progress=True, stdout=self.stdout, stderr=self.stderr)
