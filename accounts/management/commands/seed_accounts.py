"""Demo data of the template: the first superuser and one regular user, each owning items."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import rls
from accounts.models import Item, User

DEMO_ITEMS = {
    "superuser": [("Quarterly report", "Numbers for the board"), ("Server inventory", "Racks and their owners")],
    "user": [
        ("Shopping list", "Milk, bread, coffee"),
        ("Reading list", "Three books for the holidays"),
        ("Trip plan", None),
    ],
}


class Command(BaseCommand):
    help = "Create the demo superuser (FIRST_SUPERUSER) and user (FIRST_USER) with a few items. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        with rls.as_admin():
            admin = self._user(settings.FIRST_SUPERUSER, settings.FIRST_SUPERUSER_PASSWORD, "Demo Admin", True)
            user = self._user(settings.FIRST_USER, settings.FIRST_USER_PASSWORD, "Demo User", False)
            for owner, key in ((admin, "superuser"), (user, "user")):
                for title, description in DEMO_ITEMS[key]:
                    Item.objects.get_or_create(owner=owner, title=title, defaults={"description": description})
        self.stdout.write(f"  users: {User.objects.count()}, items: {Item.objects.count()} (as seen by this login)")

    def _user(self, email: str, password: str, full_name: str, superuser: bool) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, full_name=full_name, is_superuser=superuser)
        return user
