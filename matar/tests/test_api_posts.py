import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from matar import services
from matar.audio import silent_flac
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
POST_KEYS = {
    "_id",
    "audio_data",
    "audio_text",
    "audio_translation",
    "audio_url",
    "category_ids",
    "chatgpt_query_id",
    "created_at",
    "data",
    "is_active",
    "is_chatgpt_enabled",
    "organization_id",
    "parent_post_id",
    "sort_order",
    "text",
    "user_id",
    "whisper_id",
}


def _feed_data(organization, viewer, *, questions: int, answers: int):
    category = CategoryFactory(organization=organization)
    made = []
    for n in range(questions):
        question = QuestionFactory(
            organization=organization, category_ids=[category.pk], created_at=1_700_000_000_000 + n
        )
        AnswerFactory.create_batch(answers, parent_post=question)
        PostActivityFactory(post=question, user=viewer)
        made.append(question)
    return category, made


@pytest.mark.parametrize("questions, answers", [(2, 1), (12, 13)])
def test_feed_pages_questions_with_answers_in_fixed_queries(
    api, matar_user, matar_queries, activity_types, questions, answers
):
    organization = OrganizationFactory()
    category, made = _feed_data(organization, matar_user, questions=questions, answers=answers)
    QuestionFactory(organization=organization, is_active=False)  # deleted
    QuestionFactory()  # another organisation
    with matar_queries(6):  # caller, organisation, count, questions, answers, viewer's activities
        response = api.get(f"{BASE}/get_post", {"organization_id": organization.pk})
    assert response.status_code == 200
    body = response.json()
    assert body["page_details"] == {"current_start": 0, "next_offset": min(10, questions), "total": questions}
    posts = body["posts"]
    assert [p["_id"] for p in posts] == [q.pk for q in reversed(made)][:10], "newest first"
    first = posts[0]
    assert POST_KEYS | {"user", "user_post_activities", "child_posts", "child_posts_details"} == set(first)
    assert first["user"] == {"_id": made[-1].user_id, "image_url": None, "name": made[-1].user.name}
    assert first["user_post_activities"] == {"like": True}
    assert len(first["child_posts"]) == min(answers, 10)
    assert set(first["child_posts"][0]) == POST_KEYS | {"user", "user_post_activities"}
    assert first["child_posts_details"] == {
        "current_start": 0,
        "cursor": 0,
        "next_offset": min(10, answers),
        "total": answers,
    }
    with matar_queries(7):  # and the category check
        by_category = api.get(f"{BASE}/get_post", {"organization_id": organization.pk, "category_id": category.pk})
    assert by_category.json()["page_details"]["total"] == questions


def test_feed_second_page_and_bad_offsets(api, activity_types):
    organization = OrganizationFactory()
    QuestionFactory.create_batch(12, organization=organization)
    page = api.get(f"{BASE}/get_post", {"organization_id": organization.pk, "offset": 10}).json()
    assert page["page_details"] == {"current_start": 10, "next_offset": 12, "total": 12}
    assert len(page["posts"]) == 2
    for offset in ("-1", "ten", "99999999999999999999"):
        response = api.get(f"{BASE}/get_post", {"organization_id": organization.pk, "offset": offset})
        assert response.status_code == 400 and "offset" in response.json()["errors"]
    assert api.get(f"{BASE}/get_post", {"organization_id": "NOPE"}).status_code == 404
    assert api.get(f"{BASE}/get_post", {"organization_id": organization.pk, "category_id": "NOPE"}).status_code == 404


def test_answers_are_ordered_by_rank_then_newest(api):
    question = QuestionFactory()
    unranked_new = AnswerFactory(parent_post=question, created_at=9_000, sort_order=None)
    unranked_old = AnswerFactory(parent_post=question, created_at=1_000, sort_order=None)
    second = AnswerFactory(parent_post=question, sort_order=2)
    first = AnswerFactory(parent_post=question, sort_order=1)
    AnswerFactory(parent_post=question, sort_order=0, is_active=False)
    feed = api.get(f"{BASE}/get_post", {"organization_id": question.organization_id}).json()
    order = [a["_id"] for a in feed["posts"][0]["child_posts"]]
    assert order == [first.pk, second.pk, unranked_new.pk, unranked_old.pk]


def test_one_question_with_its_answers_from_an_offset(api, matar_user, matar_queries):
    question = QuestionFactory(created_at=1_692_923_700_000)
    answers = [AnswerFactory(parent_post=question, sort_order=n) for n in range(1, 13)]
    PostActivityFactory(post=answers[10], user=matar_user, post_activity_type__id="upvote")
    with matar_queries(5):  # caller, post, count, answers, viewer's activities
        response = api.get(f"{BASE}/get_post", {"post_id": question.pk, "offset": 10})
    body = response.json()
    assert body["_id"] == question.pk and body["created_at"] == "25/08/2023 , 06:05 AM"
    assert [a["_id"] for a in body["child_posts"]] == [answers[10].pk, answers[11].pk]
    assert body["child_posts"][0]["user_post_activities"] == {"upvote": True}
    assert body["child_posts_details"] == {"current_start": 10, "cursor": 10, "next_offset": 12, "total": 12}
    assert api.get(f"{BASE}/get_post", {"post_id": "NOPE"}).json() == {"message": "Ain't no cake like that."}


def test_new_question_and_answer_store_audio(api, matar_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organization = OrganizationFactory(is_chatgpt_enabled=False)
    category = CategoryFactory(organization=organization)
    upload = SimpleUploadedFile("q.flac", silent_flac(4.5), content_type="audio/flac")
    response = api.post(
        f"{BASE}/new_post?organization_id={organization.pk}", {"file": upload, "category_id": category.pk}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["message"] == "Post received"
    post = body["post"]
    assert set(post) == POST_KEYS
    assert post["data"] == {"duration": 4.5} and post["category_ids"] == [category.pk]
    assert post["user_id"] == matar_user.pk and post["is_chatgpt_enabled"] is False
    assert post["audio_text"] is None and post["text"] is None and post["parent_post_id"] is None
    assert post["audio_url"] == f"http://testserver/media/matar/audio/{post['_id']}.flac"
    assert default_storage.open(f"matar/audio/{post['_id']}.flac").read()[:4] == b"fLaC"
    answer = api.post(
        f"{BASE}/new_post?organization_id={organization.pk}",
        {
            "file": SimpleUploadedFile("a.flac", silent_flac(2)),
            "category_id": category.pk,
            "parent_post_id": post["_id"],
        },
    )
    assert answer.json()["post"]["parent_post_id"] == post["_id"]
    assert Post.objects.get(pk=post["_id"]).answers.count() == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not audio at all", "Unreadable audio: audio must be FLAC (mono) or M4A"),
        (silent_flac(1, channels=2), "Unreadable audio: FLAC audio must be mono"),
        (silent_flac(121), "Audio longer than 120 seconds"),
    ],
)
def test_new_post_rejects_bad_audio(api, settings, tmp_path, content, message):
    settings.MEDIA_ROOT = tmp_path
    category = CategoryFactory()
    response = api.post(
        f"{BASE}/new_post?organization_id={category.organization_id}",
        {"file": SimpleUploadedFile("x.flac", content), "category_id": category.pk},
    )
    assert response.status_code == 400 and response.json() == {"message": message}
    assert not Post.objects.exists() and not list(tmp_path.rglob("*.flac"))


def test_new_post_unknown_ids_are_404(api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    category = CategoryFactory()
    url = f"{BASE}/new_post?organization_id={category.organization_id}"
    assert (
        api.post(url, {"file": SimpleUploadedFile("x.flac", silent_flac(1)), "category_id": "NOPE"}).status_code == 404
    )
    response = api.post(
        url,
        {"file": SimpleUploadedFile("x.flac", silent_flac(1)), "category_id": category.pk, "parent_post_id": "NOPE"},
    )
    assert response.status_code == 404
    assert api.post(f"{BASE}/new_post?organization_id=NOPE", {"category_id": category.pk}).status_code == 404


def test_delete_post_is_for_its_author(api, matar_user):
    own = QuestionFactory(user=matar_user)
    other = QuestionFactory(organization=own.organization)
    url = f"{BASE}/delete_post?organization_id={own.organization_id}"
    forbidden = api.post(url, {"post_id": other.pk}, format="json")
    assert forbidden.status_code == 403 and forbidden.json() == {"message": "Not allowed"}
    assert api.post(url, {"post_id": own.pk}, format="json").json() == {"message": "Post deleted"}
    feed = api.get(f"{BASE}/get_post", {"organization_id": own.organization_id}).json()
    assert [p["_id"] for p in feed["posts"]] == [other.pk]
    assert api.post(url, {"post_id": "NOPE"}, format="json").status_code == 404


def test_post_activity_records_and_counts(api, matar_user, activity_types, matar_queries):
    question = QuestionFactory(data={"duration": 2.0})
    url = f"{BASE}/post_activity?organization_id={question.organization_id}"
    # caller, organisation, type; then (savepoints: the transaction, the id retry guard) lock, insert, update
    with matar_queries(10):
        response = api.post(
            url, {"post_activity_type": "like", "post_id": question.pk, "data": {"hi": "hello"}}, format="json"
        )
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "New user activity on post"
    activity = body["post_activity"]
    assert activity == {
        "_id": activity["_id"],
        "data": {"hi": "hello"},
        "is_active": True,
        "organization_id": question.organization_id,
        "post_activity_type": "like",
        "post_id": question.pk,
        "user_id": matar_user.pk,
    }
    question.refresh_from_db()
    assert question.data == {"duration": 2.0, "like": 1}
    assert api.post(url, {"post_activity_type": "hug", "post_id": question.pk}, format="json").status_code == 404
    assert api.post(url, {"post_activity_type": "like", "post_id": "NOPE"}, format="json").status_code == 404
    assert api.post(url, {"post_activity_type": "like"}, format="json").status_code == 400
    assert PostActivity.objects.count() == 1


@pytest.mark.parametrize("count", [2, 12])
def test_user_post_activities_newest_activity_first(api, matar_user, activity_types, matar_queries, count):
    organization = OrganizationFactory()
    posts = QuestionFactory.create_batch(count, organization=organization)
    for n, post in enumerate(posts):
        PostActivityFactory(post=post, user=matar_user, post_activity_type__id="like", created_at=1_000 + n)
    PostActivityFactory(post=posts[0], user=matar_user, post_activity_type__id="view", created_at=5_000)
    PostActivityFactory(post=QuestionFactory(organization=organization), user=matar_user, is_active=False)
    PostActivityFactory(post=QuestionFactory(organization=organization))  # someone else's
    with matar_queries(4):  # caller, organisation, type, posts (with the total and the viewer's types)
        response = api.get(
            f"{BASE}/user_post_activities", {"organization_id": organization.pk, "post_activity_type": "like"}
        )
    body = response.json()
    assert body["page_details"] == {"current_start": 0, "next_offset": min(count, 10), "total": count}
    assert [p["_id"] for p in body["posts"]] == [p.pk for p in reversed(posts)][:10]
    assert body["posts"][0]["user"]["_id"] == posts[-1].user_id
    with matar_queries(3):  # caller, organisation, posts
        every = api.get(f"{BASE}/user_post_activities", {"organization_id": organization.pk}).json()
    assert every["posts"][0]["_id"] == posts[0].pk
    assert every["posts"][0]["user_post_activities"] == {"like": True, "view": True}
    assert every["page_details"]["total"] == count
    with matar_queries(4):  # a page past the end has no row to carry the total: counted on its own
        past = api.get(f"{BASE}/user_post_activities", {"organization_id": organization.pk, "offset": 50}).json()
    assert past == {"page_details": {"current_start": 50, "next_offset": count, "total": count}, "posts": []}
    assert api.get(f"{BASE}/user_post_activities", {"organization_id": "NOPE"}).status_code == 404


def test_chatgpt_answers_and_transcription_are_not_built(api):
    organization = OrganizationFactory(is_chatgpt_enabled=None)
    post = QuestionFactory(organization=organization, is_chatgpt_enabled=None)
    response = api.get(f"{BASE}/get_gpt_answer", {"post_id": post.pk, "organization_id": organization.pk})
    assert response.status_code == 501
    assert response.json() == {"message": "ChatGPT answers are not available in this project."}
    disabled = QuestionFactory(organization=organization, is_chatgpt_enabled=False)
    response = api.get(f"{BASE}/get_gpt_answer", {"post_id": disabled.pk, "organization_id": organization.pk})
    assert response.status_code == 400 and response.json() == {"message": "chatgpt not enabled for this post"}
    assert api.get(f"{BASE}/get_gpt_answer", {"post_id": "NOPE", "organization_id": organization.pk}).status_code == 404
    transcribe = api.post(f"{BASE}/transcribe")
    assert transcribe.status_code == 501 and "Transcription is not available" in transcribe.json()["message"]


def test_an_answer_liked_by_two_users_shows_like_2(api, matar_user, activity_types, settings, tmp_path):
    """The newcomer's flow: answer a question, two users like the answer, the feed shows it."""
    settings.MEDIA_ROOT = tmp_path
    question = QuestionFactory()
    category = CategoryFactory(organization=question.organization)
    org = question.organization_id
    answer = api.post(
        f"{BASE}/new_post?organization_id={org}",
        {
            "file": SimpleUploadedFile("a.flac", silent_flac(3)),
            "category_id": category.pk,
            "parent_post_id": question.pk,
        },
    ).json()["post"]
    neighbour = services.user_join(user=UserFactory(), organization=question.organization)  # a fellow member
    for client in (api, client_for(neighbour)):
        liked = client.post(
            f"{BASE}/post_activity?organization_id={org}",
            {"post_activity_type": "like", "post_id": answer["_id"]},
            format="json",
        )
        assert liked.status_code == 200
    feed = api.get(f"{BASE}/get_post", {"organization_id": org}).json()
    [shown] = [a for a in feed["posts"][0]["child_posts"] if a["_id"] == answer["_id"]]
    assert shown["data"] == {"duration": 3.0, "like": 2}
    assert shown["user_post_activities"] == {"like": True}


@pytest.mark.parametrize(
    "query, body",
    [
        ({"organization_id": "A\x00B"}, {"post_activity_type": "like", "post_id": "X"}),
        ({}, {"post_activity_type": "like", "post_id": "X"}),
        (None, {"post_activity_type": "like", "post_id": "X\x00"}),
        (None, {"post_activity_type": "like", "post_id": "X", "data": {"a": "b\x00"}}),
        (None, ["not", "an", "object"]),
    ],
)
def test_bad_input_is_400_never_500(api, activity_types, query, body):
    question = QuestionFactory()
    query = {"organization_id": question.organization_id} if query is None else query
    response = api.post(f"{BASE}/post_activity?" + "&".join(f"{k}={v}" for k, v in query.items()), body, format="json")
    assert response.status_code == 400, response.content
    assert "message" in response.json()
    assert not PostActivity.objects.exists()
