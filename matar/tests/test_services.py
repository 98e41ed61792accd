import threading

import pytest
from django.core.management import call_command
from django.db import connections

from matar import services
from matar.errors import MatarError
from matar.ids import now_ms
from matar.models import Post, PostActivity, User
from matar.tests.factories import AnswerFactory, OrganizationFactory, QuestionFactory, UserFactory


class RecordingSender:
    sent: list = []

    def send(self, phone_number, otp):
        RecordingSender.sent.append((phone_number, otp))


@pytest.fixture
def sender(settings):
    settings.MATAR_OTP_SENDER = "matar.tests.test_services.RecordingSender"
    RecordingSender.sent = []
    return RecordingSender


# Activity counters --------------------------------------------------------------------


@pytest.mark.django_db(databases=["matar", "default"])
def test_an_activity_is_recorded_and_counted_per_type(activity_types):
    like = next(t for t in activity_types if t.pk == "like")
    question = QuestionFactory(data={"duration": 4.5, "like": 3})
    user = UserFactory()
    activity, post = services.post_activity_create(
        user=user, post_id=question.pk, activity_type=like, organization_id=question.organization_id, data={"hi": "x"}
    )
    question.refresh_from_db()
    assert question.data == {"duration": 4.5, "like": 4}
    assert (activity.user_id, activity.post_id, activity.post_activity_type_id) == (user.pk, question.pk, "like")
    assert activity.organization_id == question.organization_id and activity.data == {"hi": "x"}
    services.post_activity_create(user=user, post_id=question.pk, activity_type=like, organization_id=None)
    question.refresh_from_db()
    assert question.data["like"] == 5, "every request counts: no toggle"


@pytest.mark.django_db(databases=["matar", "default"])
def test_a_missing_or_null_data_becomes_an_object(activity_types):
    view = next(t for t in activity_types if t.pk == "view")
    question = QuestionFactory(data=None)
    services.post_activity_create(user=UserFactory(), post_id=question.pk, activity_type=view, organization_id=None)
    question.refresh_from_db()
    assert question.data == {"view": 1}


@pytest.mark.django_db(databases=["matar", "default"])
def test_an_activity_on_an_unknown_post_is_404_and_writes_nothing(activity_types):
    with pytest.raises(MatarError) as error:
        services.post_activity_create(
            user=UserFactory(), post_id="NOPE", activity_type=activity_types[1], organization_id=None
        )
    assert error.value.status_code == 404
    assert not PostActivity.objects.exists()


@pytest.mark.django_db(databases=["matar"], transaction=True)
def test_parallel_likes_lose_no_count(activity_types):
    like = next(t for t in activity_types if t.pk == "like")
    question = QuestionFactory(data={"like": 0})
    users = UserFactory.create_batch(8)
    barrier = threading.Barrier(len(users))
    errors = []

    def like_it(user):
        try:
            barrier.wait(timeout=10)
            for _ in range(3):
                services.post_activity_create(
                    user=user, post_id=question.pk, activity_type=like, organization_id=question.organization_id
                )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=like_it, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    question.refresh_from_db()
    assert question.data["like"] == 24
    assert PostActivity.objects.filter(post=question).count() == 24


# Sorting ------------------------------------------------------------------------------


@pytest.mark.django_db(databases=["matar", "default"])
def test_sorting_ranks_answers_by_score_with_ties_newest_first(capsys):
    question = QuestionFactory(sorted_at=0)
    best = AnswerFactory(parent_post=question, data={"like": 3, "upvote": 1, "dislike": 1}, created_at=1000)  # 3
    tie_old = AnswerFactory(parent_post=question, data={"like": 1}, created_at=2000)  # 1
    tie_new = AnswerFactory(parent_post=question, data={"upvote": 2, "downvote": 1}, created_at=3000)  # 1
    worst = AnswerFactory(parent_post=question, data={"dislike": 2}, created_at=4000)  # -2
    unrated = AnswerFactory(parent_post=question, data=None, created_at=5000)  # 0
    hidden = AnswerFactory(parent_post=question, data={"like": 9}, is_active=False, sort_order=1)
    call_command("sort_matar_posts")
    assert '"posts_sorted": 1' in capsys.readouterr().out
    ranks = dict(Post.objects.filter(parent_post=question).values_list("id", "sort_order"))
    assert ranks == {best.pk: 1, tie_new.pk: 2, tie_old.pk: 3, unrated.pk: 4, worst.pk: 5, hidden.pk: None}
    question.refresh_from_db()
    assert question.sorted_at > now_ms() - 60_000


@pytest.mark.django_db(databases=["matar", "default"])
def test_sorting_picks_only_questions_due_oldest_first():
    recent = QuestionFactory(sorted_at=now_ms() - 5 * 60_000)
    never = QuestionFactory(sorted_at=None)
    old = QuestionFactory(sorted_at=now_ms() - 60 * 60_000)
    oldest = QuestionFactory(sorted_at=0)
    AnswerFactory(parent_post=old)
    assert services.posts_sort(limit=2) == {"message": "posts sorted", "posts_sorted": 2}
    sorted_now = {p.pk for p in Post.objects.filter(sorted_at__gt=now_ms() - 60_000)}
    assert sorted_now == {never.pk, oldest.pk} and recent.pk not in sorted_now
    assert services.posts_sort(limit=10) == {"message": "posts sorted", "posts_sorted": 1}  # old
    assert services.posts_sort(limit=10, min_age_minutes=0)["posts_sorted"] == 4


# OTP login and membership -------------------------------------------------------------


@pytest.mark.django_db(databases=["matar", "default"])
def test_send_otp_creates_the_user_and_submit_otp_gives_tokens_once(sender):
    user = services.otp_send(phone_number="919811111111", name="Ravi")
    assert (user.name, user.language, user.roles) == ("Ravi", "hi-IN", {"default": []})
    [(phone, otp)] = sender.sent
    assert phone == "919811111111" and len(otp) == 5 and otp.isdigit()
    assert otp not in (user.otp_hash or "")
    tokens = services.otp_submit(phone_number="919811111111", otp=otp)
    assert set(tokens) == {"access_token", "refresh_token"}
    with pytest.raises(MatarError, match="Invalid OTP"):
        services.otp_submit(phone_number="919811111111", otp=otp)


@pytest.mark.django_db(databases=["matar", "default"])
def test_sending_again_replaces_the_pending_otp(sender):
    services.otp_send(phone_number="919811111112", name=None)
    services.otp_send(phone_number="919811111112", name=None)
    (_, first), (_, second) = sender.sent
    assert User.objects.filter(phone_number="919811111112").count() == 1
    if first != second:
        with pytest.raises(MatarError):
            services.otp_submit(phone_number="919811111112", otp=first)
    assert services.otp_submit(phone_number="919811111112", otp=second)


@pytest.mark.django_db(databases=["matar", "default"])
def test_an_old_otp_is_expired(sender, settings):
    user = services.otp_send(phone_number="919811111113", name=None)
    User.objects.filter(pk=user.pk).update(otp_created_at=now_ms() - (settings.MATAR_OTP_TTL_SECONDS + 1) * 1000)
    with pytest.raises(MatarError) as error:
        services.otp_submit(phone_number="919811111113", otp=sender.sent[0][1])
    assert error.value.status_code == 400
    assert error.value.body == {"message": "expired otp please try again", "is_expired_otp": True}


@pytest.mark.django_db(databases=["matar", "default"])
def test_editing_the_profile_sets_the_membership():
    first, second = OrganizationFactory(), OrganizationFactory()
    user = UserFactory(roles={"default": [first.pk], "admin": [first.pk]})
    services.user_edit(user=user, organization_id=second.pk, name="Asha", language="kn-IN")
    user.refresh_from_db()
    assert user.roles == {"default": [second.pk], "admin": [first.pk]}
    assert (user.name, user.language) == ("Asha", "kn-IN")
    services.user_join(user=user, organization=first)
    assert User.objects.get(pk=user.pk).organization_ids == [second.pk, first.pk]


@pytest.mark.django_db(databases=["matar", "default"])
def test_only_the_author_deletes_a_post():
    post = QuestionFactory()
    with pytest.raises(MatarError) as error:
        services.post_delete(user=UserFactory(), post=post)
    assert error.value.status_code == 403
    services.post_delete(user=post.user, post=post)
    post.refresh_from_db()
    assert post.is_active is False


@pytest.mark.django_db(databases=["matar", "default"])
def test_five_wrong_codes_drop_the_pending_otp(sender):
    services.otp_send(phone_number="919811111114", name=None)
    otp = sender.sent[0][1]
    wrong = f"{(int(otp) + 1) % 100000:05d}"
    for _ in range(services.OTP_MAX_ATTEMPTS):
        with pytest.raises(MatarError, match="Invalid OTP"):
            services.otp_submit(phone_number="919811111114", otp=wrong)
    with pytest.raises(MatarError, match="Invalid OTP"):
        services.otp_submit(phone_number="919811111114", otp=otp)
