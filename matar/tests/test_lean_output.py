"""The lean post output (``serializers.post_shapes``, common/lean.py), the one-query page of a
user's activities and the compiled reads of answers and viewer activities answer byte for
byte what the DRF serializers (``QuestionSerializer``, ``FeedPostSerializer``) and the
ORM reads before them answered.

Every request is made twice on the same data: as served, and with the views' shaping
functions put back to the serializers and the reads put back to the querysets they were
(kept below as the reference); the two bodies must be the same bytes.
"""

from collections import defaultdict

import pytest
from django.db.models import Count, Exists, F, OuterRef, Subquery, Window
from django.db.models.functions import RowNumber

from matar import selectors
from matar.api import serializers
from matar.models import Post, PostActivity
from matar.tests.conftest import client_for
from matar.tests.factories import (
    AnswerFactory,
    CategoryFactory,
    OrganizationFactory,
    PostActivityFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db(databases=["matar", "default"]), pytest.mark.usefixtures("member_everywhere")]
BASE = "/matar/api/v1"


def activities_in_three_queries(*, organization, viewer, activity_type=None, offset=0) -> selectors.Page:
    """``selectors.user_activity_posts`` as it was: count, page, then the viewer's activities."""
    activities = selectors.active(PostActivity.objects.filter(user=viewer, post=OuterRef("pk")))
    if activity_type is not None:
        activities = activities.filter(post_activity_type_id=activity_type)
    latest = activities.order_by(F("created_at").desc(nulls_last=True)).values("created_at")[:1]
    posts = (
        selectors.active(Post.objects.filter(organization=organization))
        .filter(Exists(activities))
        .annotate(last_activity_at=Subquery(latest))
    )
    total = posts.count()
    order = [F("last_activity_at").desc(nulls_last=True), F("id").asc()]
    page = list(posts.select_related("user").order_by(*order)[offset : offset + selectors.PAGE_SIZE])
    seen = selectors.viewer_activities(viewer=viewer, post_ids=[p.pk for p in page])
    return selectors.Page(items=[selectors._for_viewer(p, seen) for p in page], current_start=offset, total=total)


def viewer_activities_queryset(*, viewer, post_ids) -> dict[str, set[str]]:
    """``selectors.viewer_activities`` as it was (a queryset built per request)."""
    found = defaultdict(set)
    post_ids = list(post_ids)
    if not post_ids:
        return found
    rows = (
        selectors.active(PostActivity.objects.filter(user=viewer, post_id__in=post_ids))
        .values_list("post_id", "post_activity_type_id")
        .distinct()
    )
    for post_id, type_id in rows:
        if type_id is not None:
            found[post_id].add(type_id)
    return found


def first_answer_pages_queryset(question_ids) -> dict[str, selectors.Page]:
    """``selectors._first_answer_pages`` as it was (model instances, ``select_related``)."""
    if not question_ids:
        return {}
    rows = (
        selectors.active(Post.objects.filter(parent_post_id__in=question_ids))
        .select_related("user")
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("parent_post_id")], order_by=selectors.ANSWER_ORDER),
            sibling_count=Window(Count("*"), partition_by=[F("parent_post_id")]),
        )
        .filter(rank__lte=selectors.PAGE_SIZE)
        .order_by("parent_post_id", "rank")
    )
    pages = {pk: selectors.Page(items=[], current_start=0, total=0) for pk in question_ids}
    for answer in rows:
        page = pages[answer.parent_post_id]
        page.items.append(answer)
        page.total = answer.sibling_count
    return pages


def serializer_path(monkeypatch) -> None:
    monkeypatch.setattr(selectors, "user_activity_posts", activities_in_three_queries)
    monkeypatch.setattr(selectors, "viewer_activities", viewer_activities_queryset)
    monkeypatch.setattr(selectors, "_first_answer_pages", first_answer_pages_queryset)
    monkeypatch.setattr(
        serializers, "questions_data", lambda posts: serializers.QuestionSerializer(posts, many=True).data
    )
    monkeypatch.setattr(serializers, "question_data", lambda post: serializers.QuestionSerializer(post).data)
    monkeypatch.setattr(
        serializers, "feed_posts_data", lambda posts: serializers.FeedPostSerializer(posts, many=True).data
    )


@pytest.fixture
def community(matar_user, activity_types):
    """Questions with every kind of value the output shows, in two organisations and two categories."""
    organization = OrganizationFactory()
    other = OrganizationFactory()
    science, art = CategoryFactory(organization=organization), CategoryFactory(organization=organization)
    author = UserFactory(image_url="https://img.example.org/a.png", name='नाम ✓ \u2028 "quoted"')
    questions = []
    for n in range(14):
        question = QuestionFactory(
            organization=organization,
            user=author if n % 2 else UserFactory(name=None),
            category_ids=[science.pk] if n % 3 else [science.pk, art.pk, None],
            created_at=None if n == 5 else 1_692_923_700_000 + n * 3_600_000,
            text="ಕನ್ನಡ text" if n % 4 == 0 else None,
            audio_data={"format": "flac", "nested": [1, 2.5, None, True]} if n % 2 else None,
            data={"duration": 4.56, "like": n} if n % 5 else None,
            is_active=None if n == 7 else True,
            is_chatgpt_enabled=[None, True, False][n % 3],
            sort_order=n if n % 2 else None,
            chatgpt_query_id="q-1" if n == 3 else None,
            whisper_id="w-1" if n == 3 else None,
            audio_text="transcript" if n == 2 else None,
            audio_translation="translation" if n == 2 else None,
        )
        for m in range(n % 13):
            AnswerFactory(
                parent_post=question,
                sort_order=None if m % 3 == 0 else m,
                created_at=1_700_000_000_000 - m * 1000,
                user=author if m % 2 else UserFactory(),
            )
        questions.append(question)
    questions[4].user_id = "GONE00"  # an author row that no longer exists
    questions[4].save(update_fields=["user"])
    AnswerFactory(parent_post=questions[11], sort_order=0, user=None)
    AnswerFactory(parent_post=questions[11], sort_order=0, user_id="GONE01")
    AnswerFactory(parent_post=questions[1], is_active=False)
    QuestionFactory(organization=organization, is_active=False)
    QuestionFactory(organization=other)
    for question in questions[::2]:
        PostActivityFactory(post=question, user=matar_user, post_activity_type_id="like")
        PostActivityFactory(post=question, user=matar_user, post_activity_type_id="view", created_at=None)
    answer = AnswerFactory(parent_post=questions[12], sort_order=0)
    PostActivityFactory(post=answer, user=matar_user, post_activity_type_id="upvote")
    PostActivityFactory(post=answer, user=matar_user, post_activity_type_id="share", is_active=False)
    PostActivityFactory(post=questions[3], user=UserFactory(), post_activity_type_id="like")
    return {"organization": organization, "other": other, "science": science, "questions": questions}


def requests(community) -> list[tuple[str, dict]]:
    org, other = community["organization"].pk, community["other"].pk
    questions = community["questions"]
    return [
        ("get_post", {"organization_id": org}),
        ("get_post", {"organization_id": org, "offset": 10}),
        ("get_post", {"organization_id": org, "offset": 13}),
        ("get_post", {"organization_id": org, "offset": 500}),  # empty page
        ("get_post", {"organization_id": org, "category_id": community["science"].pk}),
        ("get_post", {"organization_id": other}),
        ("get_post", {"post_id": questions[12].pk}),
        ("get_post", {"post_id": questions[12].pk, "offset": 10}),
        ("get_post", {"post_id": questions[4].pk}),
        ("get_post", {"post_id": questions[0].pk, "offset": 3}),
        ("user_post_activities", {"organization_id": org}),
        ("user_post_activities", {"organization_id": org, "offset": 5}),
        ("user_post_activities", {"organization_id": org, "offset": 500}),
        ("user_post_activities", {"organization_id": org, "post_activity_type": "like"}),
        ("user_post_activities", {"organization_id": org, "post_activity_type": "view"}),
        ("user_post_activities", {"organization_id": org, "post_activity_type": "upvote"}),
        ("user_post_activities", {"organization_id": org, "post_activity_type": "share"}),
        ("user_post_activities", {"organization_id": other}),
    ]


def test_post_lists_are_the_serializers_bytes(api, community, monkeypatch):
    lean = []
    for path, params in requests(community):
        response = api.get(f"{BASE}/{path}", params)
        assert response.status_code == 200, (path, params)
        lean.append(response.content)
    serializer_path(monkeypatch)
    for (path, params), body in zip(requests(community), lean, strict=True):
        assert api.get(f"{BASE}/{path}", params).content == body, (path, params)
    assert b"GONE00" in lean[0] and b"GONE01" in lean[0] and b'"user":null' in lean[0]
    assert b'"posts":[]' in lean[3]


def test_other_viewers_see_their_own_activities_in_the_same_bytes(community, monkeypatch):
    other_viewer = UserFactory(roles={"default": [community["organization"].pk]})
    PostActivityFactory(post=community["questions"][13], user=other_viewer, post_activity_type_id="dislike")
    client = client_for(other_viewer)
    paths = [("get_post", {"organization_id": community["organization"].pk})]
    paths.append(("user_post_activities", {"organization_id": community["organization"].pk}))
    lean = [client.get(f"{BASE}/{path}", params).content for path, params in paths]
    assert b'"user_post_activities":{"dislike":true}' in lean[0]
    serializer_path(monkeypatch)
    assert [client.get(f"{BASE}/{path}", params).content for path, params in paths] == lean
