"""Re-rank the answers of questions by score (run it from cron, as upstream ran its job)."""

import json

from django.core.management.base import BaseCommand, CommandError

from matar import services


class Command(BaseCommand):
    help = (
        "Rank the active answers of up to --limit questions not sorted for --min-age-minutes: "
        "score = like + upvote - dislike - downvote, ties newest first; writes sort_order 1, 2, …"
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=50)
        parser.add_argument("--min-age-minutes", type=int, default=30)

    def handle(self, *args, **options):
        if options["limit"] < 0 or options["min_age_minutes"] < 0:
            raise CommandError("--limit and --min-age-minutes must not be negative")
        result = services.posts_sort(limit=options["limit"], min_age_minutes=options["min_age_minutes"])
        self.stdout.write(json.dumps(result))
        return None
