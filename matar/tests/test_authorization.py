"""docs/authorization.md, Matar rows: a community's feed, categories, posts and activities are
for its members; a member of one community is refused another's, with nothing changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from matar import services
from matar.audio import silent_flac
from matar.models import OrgType, Post, PostActivity, User
from matar.tests.conftest import client_for
from matar.tests.factories import CategoryFactory, OrganizationFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db(databases=["matar", "default"])
BASE = "/matar/api/v1"
NOT_A_MEMBER = {"message": "Not a member of this organization"}


@pytest.fixture
def communities(activity_types, settings, tmp_path):
    """Two communities; ``ours`` has the caller as a member, ``theirs`` a question and a category."""
    settings.MEDIA_ROOT = tmp_path
    ours, theirs = OrganizationFactory(title="Ours"), OrganizationFactory(title="Theirs")
    caller = services.user_join(user=UserFactory(), organization=ours)
    neighbour = services.user_join(user=UserFactory(), organization=theirs)
    return {
        "ours": ours,
        "theirs": theirs,
        "our category": CategoryFactory(organization=ours),
        "their category": CategoryFactory(organization=theirs),
        "our question": QuestionFactory(organization=ours, user=caller),
        "their question": QuestionFactory(organization=theirs, user=neighbour),
        "caller": caller,
        "client": client_for(caller),
    }


def snapshot() -> dict:
    return {
        "posts": sorted(Post.objects.values_list("id", "is_active", "data", "parent_post_id")),
        "activities": PostActivity.objects.count(),
        "roles": sorted(User.objects.values_list("id", "roles")),
    }


def audio():
    return SimpleUploadedFile("q.flac", silent_flac(2), content_type="audio/flac")


def test_finding_6_a_member_of_one_community_cannot_read_another_s_feed_or_categories(communities):
    """Issue 10, finding 6."""
    client, theirs = communities["client"], communities["theirs"]
    feed = client.get(f"{BASE}/get_post", {"organization_id": theirs.pk})
    categories = client.get(f"{BASE}/categories", {"organization_id": theirs.pk})
    assert (feed.status_code, feed.json()) == (403, NOT_A_MEMBER)
    assert (categories.status_code, categories.json()) == (403, NOT_A_MEMBER)
    own = client.get(f"{BASE}/get_post", {"organization_id": communities["ours"].pk}).json()
    assert [p["_id"] for p in own["posts"]] == [communities["our question"].pk]
    own_categories = client.get(f"{BASE}/categories", {"organization_id": communities["ours"].pk}).json()
    assert [c["_id"] for c in own_categories["categories"]] == [communities["our category"].pk]


def requests(c):
    """(name, refused request, expected refusal, allowed request) for each rule."""
    ours, theirs = c["ours"].pk, c["theirs"].pk
    client = c["client"]
    return {
        "read another community's question": (
            lambda: client.get(f"{BASE}/get_post", {"post_id": c["their question"].pk}),
            404,
            lambda: client.get(f"{BASE}/get_post", {"post_id": c["our question"].pk}),
        ),
        "post in another community": (
            lambda: client.post(
                f"{BASE}/new_post?organization_id={theirs}", {"file": audio(), "category_id": c["their category"].pk}
            ),
            403,
            lambda: client.post(
                f"{BASE}/new_post?organization_id={ours}", {"file": audio(), "category_id": c["our category"].pk}
            ),
        ),
        "post with another community's category": (
            lambda: client.post(
                f"{BASE}/new_post?organization_id={ours}", {"file": audio(), "category_id": c["their category"].pk}
            ),
            404,
            lambda: client.post(
                f"{BASE}/new_post?organization_id={ours}", {"file": audio(), "category_id": c["our category"].pk}
            ),
        ),
        "answer another community's question": (
            lambda: client.post(
                f"{BASE}/new_post?organization_id={ours}",
                {"file": audio(), "category_id": c["our category"].pk, "parent_post_id": c["their question"].pk},
            ),
            404,
            lambda: client.post(
                f"{BASE}/new_post?organization_id={ours}",
                {"file": audio(), "category_id": c["our category"].pk, "parent_post_id": c["our question"].pk},
            ),
        ),
        "delete in another community": (
            lambda: client.post(
                f"{BASE}/delete_post?organization_id={theirs}", {"post_id": c["their question"].pk}, format="json"
            ),
            403,
            lambda: client.post(
                f"{BASE}/delete_post?organization_id={ours}", {"post_id": c["our question"].pk}, format="json"
            ),
        ),
        "act on another community's post": (
            lambda: client.post(
                f"{BASE}/post_activity?organization_id={theirs}",
                {"post_activity_type": "like", "post_id": c["their question"].pk},
                format="json",
            ),
            403,
            lambda: client.post(
                f"{BASE}/post_activity?organization_id={ours}",
                {"post_activity_type": "like", "post_id": c["our question"].pk},
                format="json",
            ),
        ),
        "act on another community's post through one's own": (
            lambda: client.post(
                f"{BASE}/post_activity?organization_id={ours}",
                {"post_activity_type": "like", "post_id": c["their question"].pk},
                format="json",
            ),
            404,
            lambda: client.post(
                f"{BASE}/post_activity?organization_id={ours}",
                {"post_activity_type": "view", "post_id": c["our question"].pk},
                format="json",
            ),
        ),
        "list activities in another community": (
            lambda: client.get(f"{BASE}/user_post_activities", {"organization_id": theirs}),
            403,
            lambda: client.get(f"{BASE}/user_post_activities", {"organization_id": ours}),
        ),
        "join a closed community": (
            lambda: client.post(f"{BASE}/edit_user", {"organization_id": c["closed"].pk}, format="json"),
            403,
            lambda: client.post(f"{BASE}/edit_user", {"organization_id": theirs}, format="json"),
        ),
    }


RULES = [
    "read another community's question",
    "post in another community",
    "post with another community's category",
    "answer another community's question",
    "delete in another community",
    "act on another community's post",
    "act on another community's post through one's own",
    "list activities in another community",
    "join a closed community",
]


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_refuses_outside_the_caller_s_communities(rule, communities):
    communities["closed"] = OrganizationFactory(org_type=OrgType.CLOSED)
    refused, status, allowed = requests(communities)[rule]
    before = snapshot()
    response = refused()
    assert response.status_code == status, response.content
    assert snapshot() == before
    response = allowed()
    assert response.status_code == 200, response.content
    if rule not in ("read another community's question", "list activities in another community"):
        assert snapshot() != before


def test_joining_an_open_community_then_reading_it(communities):
    client, theirs = communities["client"], communities["theirs"]
    joined = client.post(f"{BASE}/edit_user", {"organization_id": theirs.pk}, format="json").json()
    assert joined["roles"]["default"] == [theirs.pk]
    feed = client.get(f"{BASE}/get_post", {"organization_id": theirs.pk}).json()
    assert [p["_id"] for p in feed["posts"]] == [communities["their question"].pk]
    # edit_user replaces the membership (upstream's documented sample): the first community is left
    left = client.get(f"{BASE}/get_post", {"organization_id": communities["ours"].pk})
    assert left.status_code == 403
