"""Demo data of Matar (idempotent, fixed ids): communities, categories, users, questions, answers, activities."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction

from matar import services
from matar.audio import silent_flac
from matar.models import Category, Organization, Post, PostActivity, User

DEMO_BASE_URL = "http://127.0.0.1:8000"

# The upstream documentation's sample organisations (spec §6), "ur-IN" for Telugu included (sic).
ORGANIZATIONS = [
    ("129487316", "matar", "hi-IN", 1),
    ("685QVK", "Tisser - DFLT Kannada", "kn-IN", 2),
    ("XYBT7P", "Tisser - Indian Artisans", "hi-IN", 3),
    ("K7QUEV", "Tisser - DFLT Telugu", "ur-IN", 4),
]
# id, organisation, title, parent, sort order
CATEGORIES = [
    ("TFTWNI", "129487316", "Health", None, 1),
    ("AK9OPI", "129487316", "Science", None, 2),
    ("HPN3SS", "129487316", "Happiness", None, 3),
    ("FTN3SS", "129487316", "Fitness", "TFTWNI", 4),
    ("KRSH1K", "685QVK", "ಕೃಷಿ (Farming)", None, 1),
    ("M4RK3T", "685QVK", "ಮಾರುಕಟ್ಟೆ (Markets)", None, 2),
]
# id, name, phone, language, organisations
USERS = [
    ("39501T", "Sri", "917254326789", "hi-IN", ["129487316"]),
    ("A5H4K1", "Asha", "919800000001", "hi-IN", ["129487316"]),
    ("MNJ7R2", "Manju", "919800000002", "kn-IN", ["685QVK", "129487316"]),
]
# id, organisation, author, category, parent, seconds of audio, created_at (epoch ms)
POSTS = [
    ("VAGDWM8YZP", "129487316", "39501T", "TFTWNI", None, 4.56, 1_692_923_700_000),  # 25/08/2023 , 06:05 AM IST
    ("Q7SCI3NCE1", "129487316", "A5H4K1", "AK9OPI", None, 6.0, 1_692_927_300_000),
    ("KNQ0FARM01", "685QVK", "MNJ7R2", "KRSH1K", None, 5.0, 1_692_930_900_000),
    ("ANSW3R0001", "129487316", "A5H4K1", "TFTWNI", "VAGDWM8YZP", 8.0, 1_692_934_500_000),
    ("ANSW3R0002", "129487316", "MNJ7R2", "TFTWNI", "VAGDWM8YZP", 3.5, 1_692_938_100_000),
    ("ANSW3R0003", "129487316", "39501T", "AK9OPI", "Q7SCI3NCE1", 7.25, 1_692_941_700_000),
    ("KNANSW3R01", "685QVK", "39501T", "KRSH1K", "KNQ0FARM01", 4.0, 1_692_945_300_000),
]
# id, post, user, type
ACTIVITIES = [
    ("4RAY29", "ANSW3R0001", "39501T", "like"),
    ("LK0002", "ANSW3R0001", "MNJ7R2", "like"),
    ("UP0001", "ANSW3R0001", "MNJ7R2", "upvote"),
    ("DL0001", "ANSW3R0002", "39501T", "dislike"),
    ("LK0003", "ANSW3R0002", "A5H4K1", "like"),
    ("VW0001", "VAGDWM8YZP", "A5H4K1", "view"),
    ("VW0002", "VAGDWM8YZP", "MNJ7R2", "view"),
    ("LK0004", "VAGDWM8YZP", "MNJ7R2", "like"),
    ("SH0001", "Q7SCI3NCE1", "39501T", "share"),
    ("UP0002", "ANSW3R0003", "A5H4K1", "upvote"),
    ("LK0005", "KNANSW3R01", "MNJ7R2", "like"),
]


class Command(BaseCommand):
    help = "Load Matar's demo data (fixed ids; running it again changes nothing), then rank the answers."

    def handle(self, *args, **options):
        with transaction.atomic(using="matar"):
            for pk, title, language, sort_order in ORGANIZATIONS:
                Organization.objects.update_or_create(
                    id=pk,
                    defaults=dict(
                        title=title,
                        language=language,
                        max_post_duration=15,
                        org_type=0,
                        is_active=True,
                        is_chatgpt_enabled=None,
                        code=None,
                        description=None,
                        sort_order=sort_order,
                    ),
                )
            for pk, organization_id, title, parent_id, sort_order in CATEGORIES:
                Category.objects.update_or_create(
                    id=pk,
                    defaults=dict(
                        organization_id=organization_id,
                        title=title,
                        parent_category_id=parent_id,
                        sort_order=sort_order,
                        is_active=True,
                    ),
                )
            for pk, name, phone, language, organizations in USERS:
                User.objects.update_or_create(
                    id=pk,
                    defaults=dict(name=name, phone_number=phone, language=language, roles={"default": organizations}),
                )
            for pk, organization_id, user_id, category_id, parent_id, seconds, created_at in POSTS:
                Post.objects.update_or_create(
                    id=pk,
                    defaults=dict(
                        organization_id=organization_id,
                        user_id=user_id,
                        parent_post_id=parent_id,
                        category_ids=[category_id],
                        audio_url=DEMO_BASE_URL + self._audio(pk, seconds),
                        is_active=True,
                        created_at=created_at,
                    ),
                )
            for pk, post_id, user_id, type_id in ACTIVITIES:
                organization_id = next(p[1] for p in POSTS if p[0] == post_id)
                PostActivity.objects.update_or_create(
                    id=pk,
                    defaults=dict(
                        post_id=post_id,
                        user_id=user_id,
                        post_activity_type_id=type_id,
                        organization_id=organization_id,
                        is_active=True,
                    ),
                )
            self._recount({p[0]: p[5] for p in POSTS})
        result = services.posts_sort(limit=len(POSTS), min_age_minutes=0)
        self.stdout.write(
            f"  organizations: {Organization.objects.count()}, categories: {Category.objects.count()}, "
            f"users: {User.objects.count()}, posts: {Post.objects.count()}, "
            f"activities: {PostActivity.objects.count()}; {result['posts_sorted']} questions ranked"
        )
        self.stdout.write("  Matar API: http://127.0.0.1:8000/matar/api/v1/ (log in by OTP, see README)")

    @staticmethod
    def _audio(post_id: str, seconds: float) -> str:
        name = f"{services.AUDIO_DIRECTORY}/{post_id}.flac"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(silent_flac(seconds)))
        return default_storage.url(name)

    @staticmethod
    def _recount(durations: dict[str, float]) -> None:
        """Each demo post's ``data``: its duration and a counter per activity type, from the activity rows."""
        for post in Post.objects.filter(pk__in=durations):
            counters: dict = {"duration": durations[post.pk]}
            for activity in PostActivity.objects.filter(post=post).exclude(is_active=False):
                type_id = activity.post_activity_type_id
                counters[type_id] = counters.get(type_id, 0) + 1
            post.data = counters
            post.save(update_fields=["data"])
