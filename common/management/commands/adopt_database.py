"""``manage.py adopt_database --database=<alias> [--check]``: move in on an upstream-built database."""

from django.core.management.base import BaseCommand, CommandError

from common.adoption import AdoptionRefused, adopt
from config.databases import ALIASES


class Command(BaseCommand):
    help = (
        "Adopt a database built by the upstream's own Alembic migrations: check it is upstream's at the "
        "expected head, give its objects to the maintenance role, record our migrations as applied and "
        "apply our hardening, all in one transaction (nothing is changed if anything is refused). "
        "Runs as the server's administrative login. --check reports without changing anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", required=True, choices=ALIASES, help="the database alias to adopt")
        parser.add_argument(
            "--check", action="store_true", help="only report what would be done (the transaction is rolled back)"
        )

    def handle(self, *args, database, check, **options):
        try:
            report = adopt(database, check_only=check)
        except AdoptionRefused as refused:
            lines = [f"{database}: not adopted, nothing was changed:"]
            lines += [f"  {problem}" for problem in refused.problems]
            raise CommandError("\n".join(lines)) from None
        verb = "would" if check else "did"
        out = self.stdout.write
        out(f"{database}: upstream {report.reference} at Alembic head {report.head} ({report.app_label})")
        out(f"  ownership to the maintenance role ({verb}): {len(report.owners_changed)} object(s)")
        for line in report.owners_changed:
            out(f"    {line}")
        out(f"  migrations applied for real ({verb}): {', '.join(report.migrations_applied) or 'none'}")
        out(f"  migrations recorded as applied ({verb}): {', '.join(report.migrations_recorded)}")
        if report.data_migrations_not_run:
            out(f"  data migrations recorded without running: {', '.join(report.data_migrations_not_run)}")
        out(f"  schema changes ({verb}): {len(report.steps)}")
        for line in report.steps:
            out(f"    {line}")
        out("  alembic_version is left as upstream wrote it (owner and row).")
        if check:
            out(self.style.WARNING(f"{database}: check only, nothing changed (all of the above was rolled back)."))
        else:
            out(self.style.SUCCESS(f"{database}: adopted. Now run: manage.py migrate --database={database}"))
