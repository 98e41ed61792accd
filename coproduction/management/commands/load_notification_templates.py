"""Load the 69 notification templates (coproduction/fixtures/notification_templates.json).

Idempotent: rows are matched by (event, language) and updated in place.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from coproduction.models import Notification

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "notification_templates.json"


def load_notification_templates() -> tuple[int, int]:
    created = updated = 0
    for row in json.loads(FIXTURE.read_text()):
        key = {"event": row["event"], "language": row["language"]}
        values = {k: row.get(k) or ("" if k in {"title", "text"} else None) for k in row if k not in key}
        existing = Notification.objects.filter(**key).order_by("created_at").first()
        if existing is None:
            Notification.objects.create(**key, **values)
            created += 1
        elif any(getattr(existing, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(existing, k, v)
            existing.save()
            updated += 1
    return created, updated


class Command(BaseCommand):
    help = "Load the in-app notification templates (18 events; en, es, it, lv). Idempotent."

    def handle(self, *args, **options):
        with transaction.atomic(using="coproduction"):
            created, updated = load_notification_templates()
        self.stdout.write(f"Notification templates: {created} created, {updated} updated.")
