"""Writes of the Matar domain, with its rules: OTP login, profiles, posts, activity counters, sorting."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.crypto import constant_time_compare, salted_hmac

from matar import audio, tokens
from matar.errors import MatarError, bad_request, not_found
from matar.ids import now_ms
from matar.models import (
    DEFAULT_LANGUAGE,
    ActivityType,
    Category,
    Language,
    Organization,
    Post,
    PostActivity,
    User,
    default_roles,
)
from matar.otp import get_sender
from matar.permissions import require_may_join

OTP_DIGITS = 5
OTP_MAX_ATTEMPTS = 5
AUDIO_DIRECTORY = "matar/audio"
SCORE_PLUS = ("like", "upvote")
SCORE_MINUS = ("dislike", "downvote")


# Login --------------------------------------------------------------------------------


def _otp_hash(user: User, otp: str) -> str:
    return salted_hmac("matar.otp", f"{user.pk}:{otp}").hexdigest()


def otp_send(*, phone_number: str, name: str | None) -> User:
    """Create the user on a first contact, then issue a new 5-digit OTP (replacing any pending one)."""
    user = User.objects.filter(phone_number=phone_number).first()
    if user is None:
        try:
            with transaction.atomic(using="matar"):
                user = User.objects.create(
                    phone_number=phone_number, name=name, language=DEFAULT_LANGUAGE, roles=default_roles()
                )
        except IntegrityError:  # created meanwhile by a parallel request
            user = User.objects.get(phone_number=phone_number)
    otp = "".join(secrets.choice("0123456789") for _ in range(OTP_DIGITS))
    user.otp_hash = _otp_hash(user, otp)
    user.otp_created_at = now_ms()
    user.save(update_fields=["otp_hash", "otp_created_at"])
    get_sender().send(phone_number, otp)
    return user


def otp_submit(*, phone_number: str, otp: str) -> dict:
    """Tokens for a matching, fresh OTP (which is then used up); upstream's 400 answers otherwise.

    Hardening: after ``OTP_MAX_ATTEMPTS`` wrong codes the pending OTP is dropped, so a
    5-digit code cannot be guessed by trying them all; the user asks for a new one.
    """
    failures_key = f"matar:otp-failures:{phone_number}"
    with transaction.atomic(using="matar"):
        user = User.objects.select_for_update().filter(phone_number=phone_number).first()
        if user is None or not user.otp_hash:
            outcome = "invalid"
        elif not constant_time_compare(user.otp_hash, _otp_hash(user, otp)):
            outcome = "invalid"
            # Counted in the shared cache, so every worker and instance adds to the same count.
            cache.add(failures_key, 0, timeout=settings.MATAR_OTP_TTL_SECONDS)
            try:
                failures = cache.incr(failures_key)
            except ValueError:  # expired between the two calls
                failures = 1
                cache.set(failures_key, failures, timeout=settings.MATAR_OTP_TTL_SECONDS)
            if failures >= OTP_MAX_ATTEMPTS:
                _otp_clear(user)
                cache.delete(failures_key)
        else:
            outcome = (
                "expired" if now_ms() - (user.otp_created_at or 0) > settings.MATAR_OTP_TTL_SECONDS * 1000 else "ok"
            )
            _otp_clear(user)
            cache.delete(failures_key)
    if outcome == "invalid":
        raise bad_request("Invalid OTP")
    if outcome == "expired":
        raise bad_request("expired otp please try again", is_expired_otp=True)
    session = tokens.new_session()
    return {
        "access_token": tokens.create_access_token(user.pk, fresh=True, session=session),
        "refresh_token": tokens.create_refresh_token(user.pk, session=session),
    }


def _otp_clear(user: User) -> None:
    user.otp_hash = None
    user.otp_created_at = None
    user.save(update_fields=["otp_hash", "otp_created_at"])


def user_edit(
    *,
    user: User,
    name: str | None = None,
    language: str | None = None,
    organization_id: str | None = None,
    image_url: str | None = None,
) -> User:
    """Update the profile; the chosen organisation becomes the membership (``roles.default``)."""
    if language is not None and language not in Language.values:
        raise bad_request("Invalid language")
    if organization_id is not None:
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is None:
            raise not_found()
        if organization_id not in user.organization_ids:
            require_may_join(organization)
        roles = dict(user.roles) if isinstance(user.roles, dict) else default_roles()
        roles["default"] = [organization_id]
        user.roles = roles
    for field, value in (("name", name), ("language", language), ("image_url", image_url)):
        if value is not None:
            setattr(user, field, value)
    user.save()
    return user


def user_join(*, user: User, organization: Organization) -> User:
    """Add an organisation to the user's memberships (``roles.default``), keeping the others."""
    roles = dict(user.roles) if isinstance(user.roles, dict) else default_roles()
    if organization.pk not in user.organization_ids:
        roles["default"] = [*user.organization_ids, organization.pk]
        user.roles = roles
        user.save(update_fields=["roles"])
    return user


# Posts --------------------------------------------------------------------------------


def post_create(
    *,
    user: User,
    organization: Organization,
    category: Category,
    audio_file,
    parent: Post | None = None,
    absolute_url: Callable[[str], str] = lambda url: url,
) -> Post:
    """Store the audio through Django's storage and create the post (an answer when ``parent``)."""
    try:
        info = audio.read_audio(audio_file)
    except audio.UnreadableAudio as error:
        raise bad_request(f"Unreadable audio: {error}") from None
    except ValidationError as error:
        raise bad_request(error.messages[0]) from None
    if info.duration > audio.MAX_DURATION_SECONDS:
        raise bad_request(f"Audio longer than {audio.MAX_DURATION_SECONDS} seconds")
    post = Post(
        user=user,
        organization=organization,
        parent_post=parent,
        category_ids=[category.pk],
        is_chatgpt_enabled=organization.is_chatgpt_enabled,
        data={"duration": round(info.duration, 2)},
        is_active=True,
    )
    audio_file.seek(0)
    name = default_storage.save(f"{AUDIO_DIRECTORY}/{post.pk}.{info.extension}", File(audio_file))
    post.audio_url = absolute_url(default_storage.url(name))
    try:
        post.save()
    except Exception:
        default_storage.delete(name)
        raise
    return post


def post_delete(*, user: User, post: Post) -> Post:
    """Soft delete (``is_active = false``), by its author only."""
    if post.user_id != user.pk:
        raise MatarError(403, {"message": "Not allowed"})
    post.is_active = False
    post.save(update_fields=["is_active"])
    return post


# Activities ---------------------------------------------------------------------------


def post_activity_create(
    *,
    user: User,
    post_id: str,
    activity_type: ActivityType,
    organization_id: str | None,
    data=None,
) -> tuple[PostActivity, Post]:
    """Record the activity and add one to the post's counter of its type, atomically.

    The post row is locked (``SELECT … FOR UPDATE``) for the transaction, so N concurrent
    activities raise the counter by exactly N. Every call counts (no toggle, no per-user
    de-duplication: upstream documents none).
    """
    with transaction.atomic(using="matar"):
        posts = Post.objects.select_for_update().filter(pk=post_id)
        if organization_id is not None:  # a post of another organisation is answered as missing
            posts = posts.filter(organization_id=organization_id)
        post = posts.first()
        if post is None:
            raise not_found()
        activity = PostActivity.objects.create(
            post=post,
            user=user,
            post_activity_type=activity_type,
            organization_id=organization_id,
            data=data,
            is_active=True,
        )
        counters = dict(post.data) if isinstance(post.data, dict) else {}
        counters[activity_type.pk] = post.counter(activity_type.pk) + 1
        post.data = counters
        post.save(update_fields=["data"])
    return activity, post


# Sorting ------------------------------------------------------------------------------


def answer_score(answer: Post) -> int:
    """The project's score: likes + upvotes − dislikes − downvotes (missing counters are 0)."""
    return sum(answer.counter(t) for t in SCORE_PLUS) - sum(answer.counter(t) for t in SCORE_MINUS)


def question_sort_answers(*, question_id: str, now: int | None = None) -> bool:
    """Rank one question's active answers by score (ties newest first); False if it vanished."""
    now = now_ms() if now is None else now
    with transaction.atomic(using="matar"):
        question = Post.objects.select_for_update().filter(pk=question_id, parent_post__isnull=True).first()
        if question is None:
            return False
        answers = list(Post.objects.select_for_update().filter(parent_post=question))
        active = [a for a in answers if a.is_active is not False]
        active.sort(key=lambda a: a.id)
        active.sort(key=lambda a: a.created_at or 0, reverse=True)
        active.sort(key=answer_score, reverse=True)
        ranks = {a.pk: rank for rank, a in enumerate(active, start=1)}
        changed = []
        for answer in answers:
            rank = ranks.get(answer.pk)
            if answer.sort_order != rank:
                answer.sort_order = rank
                changed.append(answer)
        Post.objects.bulk_update(changed, ["sort_order"])
        question.sorted_at = now
        question.save(update_fields=["sorted_at"])
    return True


def posts_sort(*, limit: int = 50, min_age_minutes: int = 30) -> dict:
    """Re-rank the answers of up to ``limit`` questions not sorted for ``min_age_minutes``."""
    now = now_ms()
    threshold = now - min_age_minutes * 60_000
    due = (
        Post.objects.filter(parent_post__isnull=True)
        .filter(Q(sorted_at__isnull=True) | Q(sorted_at__lt=threshold))
        .order_by(F("sorted_at").asc(nulls_first=True), "id")
        .values_list("id", flat=True)[:limit]
    )
    sorted_count = sum(question_sort_answers(question_id=pk, now=now) for pk in list(due))
    return {"message": "posts sorted", "posts_sorted": sorted_count}


def post_links_problems(
    *, organization: Organization, user: User | None, category_ids: list[str], parent: Post | None = None
) -> dict[str, str]:
    """What is wrong with the links of a post typed in by hand (the admin), by field.

    The API builds them from the caller, the organisation of the request and one category;
    by hand each must hold the same way: the author is a member of the post's organisation,
    every category exists and belongs to it, and an answer's question is of the same one.
    """
    problems: dict[str, str] = {}
    if user is not None and not user.is_member_of(organization.pk):
        problems["user"] = f"{user} is not a member of the organisation {organization}."
    found = dict(Category.objects.filter(pk__in=category_ids).values_list("pk", "organization_id"))
    unknown = [pk for pk in category_ids if pk not in found]
    foreign = [pk for pk in category_ids if pk in found and found[pk] != organization.pk]
    if unknown:
        problems["category_ids"] = f"No such category: {', '.join(unknown)}."
    elif foreign:
        problems["category_ids"] = f"Not a category of {organization}: {', '.join(foreign)}."
    if parent is not None and parent.organization_id != organization.pk:
        problems["parent_post"] = "The question belongs to another organisation."
    return problems
