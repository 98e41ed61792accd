import pytest
from django.core.management import call_command

from matar.models import Category, Organization, Post, PostActivity, User

pytestmark = pytest.mark.django_db(databases=["matar", "default"])


def test_demo_data_is_idempotent_and_consistent(activity_types, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_matar_demo", stdout=open("/dev/null", "w"))
    counts = [m.objects.count() for m in (Organization, Category, User, Post, PostActivity)]
    call_command("seed_matar_demo", stdout=open("/dev/null", "w"))
    assert [m.objects.count() for m in (Organization, Category, User, Post, PostActivity)] == counts
    assert {o.language for o in Organization.objects.all()} >= {"hi-IN", "kn-IN"}
    assert User.objects.get(pk="39501T").roles == {"default": ["129487316"]}
    question = Post.objects.get(pk="VAGDWM8YZP")
    assert question.category_ids == ["TFTWNI"] and question.answers.count() == 2
    for post in Post.objects.all():
        for type_id in ("like", "upvote", "dislike", "view", "share"):
            rows = PostActivity.objects.filter(post=post, post_activity_type_id=type_id).count()
            assert post.counter(type_id) == rows
    ranked = list(question.answers.order_by("sort_order").values_list("id", flat=True))
    assert ranked == ["ANSW3R0001", "ANSW3R0002"]
    assert (tmp_path / "matar" / "audio" / "VAGDWM8YZP.flac").read_bytes()[:4] == b"fLaC"
