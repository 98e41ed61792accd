"""Write (or check) the Mermaid ERD of every app, and optionally its SVG/PNG images."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from common.erd import diagram

ERD_DIR = Path(settings.BASE_DIR) / "docs" / "erd"


class Command(BaseCommand):
    help = "Write docs/erd/<app>.mmd for every app (deterministic); --check fails when they are stale."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="app labels (default: GRAPH_MODELS['app_labels'])")
        parser.add_argument("--check", action="store_true", help="exit 1 if a committed diagram is stale")
        parser.add_argument(
            "--images", action="store_true", help="also write SVG and PNG per app and for the project (graph_models)"
        )
        parser.add_argument("--output-dir", default=str(ERD_DIR))

    def handle(self, *args, **options):
        labels = options["apps"] or settings.GRAPH_MODELS["app_labels"]
        out_dir = Path(options["output_dir"])
        stale = []
        written = []
        for label in labels:
            text = diagram(label)
            if text is None:
                continue
            path = out_dir / f"{label}.mmd"
            if options["check"]:
                if not path.exists() or path.read_text() != text:
                    stale.append(str(path))
                continue
            out_dir.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
            written.append(label)
            if options["images"]:
                for extension in ("svg", "png"):
                    call_command("graph_models", label, output=str(out_dir / f"{label}.{extension}"))
        if options["check"]:
            if stale:
                raise CommandError(
                    "Stale ERDs (the models changed; run `python manage.py erd` and commit): " + ", ".join(stale)
                )
            self.stdout.write(self.style.SUCCESS("ERDs are up to date."))
            return
        if options["images"]:
            with_models = [label for label in labels if diagram(label) is not None]
            for extension in ("svg", "png"):
                call_command("graph_models", *with_models, output=str(out_dir / f"project.{extension}"))
        self.stdout.write(self.style.SUCCESS(f"Wrote ERDs for: {', '.join(written)}"))
