"""``manage.py import_catalogue PATH [--dry-run]``: load a folder in upstream's seed format."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from catalogue.importer import SUMMARY_KINDS, SeedImporter, SeedInvalid, load_seed


class Command(BaseCommand):
    help = (
        "Import problem profiles, co-production schemas and interlinkers from a folder in the "
        "upstream catalogue seed format (validated against its JSON Schemas; idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Seed folder, e.g. ../shared/data/catalogue-seed or catalogue/demo_seed")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report without writing.")
        parser.add_argument("--no-progress", action="store_true", help="Plain lines instead of progress bars.")

    def handle(self, *args, path, dry_run=False, no_progress=False, **options):
        interactive = not no_progress and sys.stderr.isatty()

        def progress(iterable, label, total):
            if interactive:
                return tqdm(iterable, desc=label, total=total, unit="item", leave=False, file=sys.stderr)
            self.stdout.write(f"Importing {label}: {total}")
            return iterable

        try:
            seed = load_seed(path)
        except SeedInvalid as invalid:
            raise CommandError(
                f"The seed folder {path} is invalid; nothing was written:\n" + "\n".join(invalid.errors)
            ) from None
        try:
            result = SeedImporter(seed, dry_run=dry_run, progress=progress).run()
        except (DatabaseError, OSError, ValueError) as exc:
            raise CommandError(f"Import failed and was rolled back; nothing was written: {exc}") from exc
        self._summary(result, dry_run)

    def _summary(self, result, dry_run: bool) -> None:
        write = self.stdout.write
        write("")
        write("Dry run: nothing was written." if dry_run else "Catalogue import finished.")
        header = f"{'object':<34}{'created':>9}{'updated':>9}{'unchanged':>11}{'deleted':>9}"
        write(header)
        write("-" * len(header))
        for kind in SUMMARY_KINDS:
            c = result.counts[kind]
            write(f"{kind:<34}{c.created:>9}{c.updated:>9}{c.unchanged:>11}{c.deleted:>9}")
        if result.stored_files:
            write("referenced files: " + ", ".join(f"{n} {kind}" for kind, n in sorted(result.stored_files.items())))
        if result.skipped:
            write(self.style.WARNING(f"\nSkipped items ({len(result.skipped)}), not written, as upstream's seeder:"))
            for line in result.skipped:
                write(f"  {line}")
        if result.missing:
            write(self.style.WARNING(f"\nMissing files ({len(result.missing)}):"))
            for line in result.missing:
                write(f"  {line}")
        if result.warnings:
            write(self.style.WARNING(f"\nWarnings ({len(result.warnings)}):"))
            for line in result.warnings:
                write(f"  {line}")
