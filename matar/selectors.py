"""Reads of the Matar domain: each list in a fixed number of queries, whatever the page holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db import router
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery, Value, Window
from django.db.models.functions import RowNumber

from common.compiled import CompiledQuery, any_of
from matar.models import ACTIVITY_TYPES, ActivityType, Category, Organization, Post, PostActivity, User

PAGE_SIZE = 10
ANSWER_ORDER = [F("sort_order").asc(nulls_last=True), F("created_at").desc(nulls_last=True), F("id").asc()]
QUESTION_ORDER = [F("created_at").desc(nulls_last=True), F("id").asc()]


@dataclass
class Page:
    """One page of a paged list (spec §5.1): ``next_offset = min(start + 10, total)``."""

    items: list
    current_start: int
    total: int

    @property
    def next_offset(self) -> int:
        return min(self.current_start + PAGE_SIZE, self.total)

    def details(self) -> dict:
        return {"current_start": self.current_start, "next_offset": self.next_offset, "total": self.total}


def _for_viewer(post: Post, seen: dict[str, set[str]], answers: Page | None = None) -> Post:
    """Attach what the feed shows besides the row: the viewer's activity types, the answer page."""
    post.viewer_activity_types = seen.get(post.pk, set())
    if answers is not None:
        post.answer_page = answers
    return post


def active(queryset: QuerySet) -> QuerySet:
    """Rows whose ``is_active`` is not false (legacy NULLs count as active)."""
    return queryset.exclude(is_active=False)


def organization_list() -> list[Organization]:
    return list(active(Organization.objects.all()).order_by(F("sort_order").asc(nulls_last=True), "id"))


def organization_get(organization_id: str | None) -> Organization | None:
    return Organization.objects.filter(pk=organization_id).first() if organization_id else None


def category_list(*, organization: Organization) -> list[Category]:
    return list(Category.objects.filter(organization=organization).order_by(F("sort_order").asc(nulls_last=True), "id"))


def activity_type_list() -> list[ActivityType]:
    """Upstream's order (reply, like, downvote, …); any other row after them by id."""
    position = {title: index for index, title in enumerate(ACTIVITY_TYPES)}
    return sorted(ActivityType.objects.all(), key=lambda t: (position.get(t.pk, len(position)), t.pk))


#: The active activity types of a viewer on some posts (``post_ids``: a list, ``= ANY``).
VIEWER_ACTIVITY_ROWS = CompiledQuery(
    lambda viewer_id, post_ids: active(PostActivity.objects.filter(any_of("post_id", post_ids)))
    .filter(user_id=Value(viewer_id), post_activity_type__isnull=False)
    .order_by()
    .values_list("post_id", "post_activity_type_id")
    .distinct(),
    "viewer_id",
    "post_ids",
)


def viewer_activities(*, viewer: User, post_ids: Iterable[str]) -> dict[str, set[str]]:
    """For each post, the activity types the viewer has an active row of."""
    found: dict[str, set[str]] = defaultdict(set)
    post_ids = list(post_ids)
    if not post_ids:
        return found
    for post_id, type_id in VIEWER_ACTIVITY_ROWS.rows(viewer_id=viewer.pk, post_ids=post_ids):
        found[post_id].add(type_id)
    return found


#: A post's columns in model order (``Post.from_db``), then its author's: whether the
#: ``user_id`` names a row (``user__id`` would be read from ``post.user_id`` itself, the
#: join trimmed), its image and name. For reads compiled once (``common.compiled``).
POST_COLUMNS = tuple(field.attname for field in Post._meta.concrete_fields)
AUTHOR_COLUMNS = ("author_exists", "user__image_url", "user__name")


def _with_author_columns(posts: QuerySet) -> QuerySet:
    return posts.annotate(author_exists=Exists(User.objects.filter(pk=OuterRef("user_id"))))


def _post_from_row(row: tuple, database: str) -> Post:
    """The ``Post`` of a row of ``POST_COLUMNS + AUTHOR_COLUMNS``, its ``user`` already loaded
    (the brief fields only, the others deferred) or None, as ``select_related`` leaves it.
    ``from_db`` takes values in the model's field order."""
    post = Post.from_db(database, POST_COLUMNS, row[: len(POST_COLUMNS)])
    exists, image_url, name = row[len(POST_COLUMNS) : len(POST_COLUMNS) + len(AUTHOR_COLUMNS)]
    user = User.from_db(database, ("id", "name", "image_url"), (post.user_id, name, image_url)) if exists else None
    Post.user.field.set_cached_value(post, user)
    return post


#: The first page of active answers of each question (``question_ids``: a list), with the
#: number of its active answers: one query, window functions, compiled once.
ANSWER_ROWS = CompiledQuery(
    lambda question_ids: _with_author_columns(active(Post.objects.filter(any_of("parent_post_id", question_ids))))
    .annotate(
        rank=Window(RowNumber(), partition_by=[F("parent_post_id")], order_by=ANSWER_ORDER),
        sibling_count=Window(Count("*"), partition_by=[F("parent_post_id")]),
    )
    .filter(rank__lte=PAGE_SIZE)
    .order_by("parent_post_id", "rank")
    .values_list(*POST_COLUMNS, *AUTHOR_COLUMNS, "sibling_count"),
    "question_ids",
    converted=True,
)


def _first_answer_pages(question_ids: list[str]) -> dict[str, Page]:
    """The first page of active answers of each question, in one query (``ANSWER_ROWS``).

    Rows are read as values and made into posts here: building and compiling the windowed
    queryset, then the model instances of ``select_related``, cost 2 ms of CPU a feed page
    (10 questions, 40 answers on the bench set) against 0.13 ms for PostgreSQL to answer.
    """
    if not question_ids:
        return {}
    database = router.db_for_read(Post)
    pages = {pk: Page(items=[], current_start=0, total=0) for pk in question_ids}
    for row in ANSWER_ROWS.rows(question_ids=question_ids):
        answer = _post_from_row(row, database)
        page = pages[answer.parent_post_id]
        page.items.append(answer)
        page.total = row[-1]
    return pages


def _with_viewer(posts: list[Post], viewer: User, extra: Iterable[Post] = ()) -> dict[str, set[str]]:
    return viewer_activities(viewer=viewer, post_ids=[p.pk for p in (*posts, *extra)])


def feed(*, organization: Organization, viewer: User, category_id: str | None = None, offset: int = 0) -> Page:
    """Active questions of the organisation (and category), newest first, each with its first answers."""
    questions = active(Post.objects.filter(organization=organization, parent_post__isnull=True))
    if category_id is not None:
        questions = questions.filter(category_ids__contains=[category_id])
    total = questions.count()
    page = list(questions.select_related("user").order_by(*QUESTION_ORDER)[offset : offset + PAGE_SIZE])
    answer_pages = _first_answer_pages([q.pk for q in page])
    answers = [a for p in answer_pages.values() for a in p.items]
    seen = _with_viewer(page, viewer, answers)
    items = []
    for question in page:
        answer_page = answer_pages[question.pk]
        answer_page.items = [_for_viewer(a, seen) for a in answer_page.items]
        items.append(_for_viewer(question, seen, answer_page))
    return Page(items=items, current_start=offset, total=total)


def question_detail(
    *, post_id: str, viewer: User, offset: int = 0, organization_ids: list[str] | None = None
) -> Post | None:
    """One post (with its author) and its active answers from ``offset``; with
    ``organization_ids``, only a post of one of those organisations."""
    posts = Post.objects.select_related("user").filter(pk=post_id)
    if organization_ids is not None:
        posts = posts.filter(organization_id__in=organization_ids)
    post = posts.first()
    if post is None:
        return None
    answers_qs = active(Post.objects.filter(parent_post=post))
    total = answers_qs.count()
    answers = list(answers_qs.select_related("user").order_by(*ANSWER_ORDER)[offset : offset + PAGE_SIZE])
    seen = _with_viewer([post], viewer, answers)
    answer_page = Page(items=[_for_viewer(a, seen) for a in answers], current_start=offset, total=total)
    return _for_viewer(post, seen, answer_page)


def user_activity_posts(
    *, organization: Organization, viewer: User, activity_type: str | None = None, offset: int = 0
) -> Page:
    """The organisation's posts on which the viewer has an active activity (of a type), newest activity first.

    One query answers the page, the total (``COUNT(*) OVER ()``) and, per post, every type the
    viewer acted with (an array sub-select), where counting, paging and looking up the viewer's
    activities took three, the first two each joining the viewer's activities to the
    organisation's posts (a scan of its posts apiece). Only a page past the end, which has no
    row to carry the total, counts on its own.
    """
    activities = active(PostActivity.objects.filter(user=viewer, post=OuterRef("pk")))
    of_type = activities if activity_type is None else activities.filter(post_activity_type_id=activity_type)
    latest = of_type.order_by(F("created_at").desc(nulls_last=True)).values("created_at")[:1]
    viewer_types = activities.filter(post_activity_type__isnull=False).order_by().values("post_activity_type_id")
    posts = active(Post.objects.filter(organization=organization)).filter(Exists(of_type))
    page = list(
        posts.annotate(
            last_activity_at=Subquery(latest),
            viewer_types=ArraySubquery(viewer_types.distinct()),
            total=Window(Count("*")),
        )
        .select_related("user")
        .order_by(F("last_activity_at").desc(nulls_last=True), F("id").asc())[offset : offset + PAGE_SIZE]
    )
    if page:
        total = page[0].total
    else:
        total = posts.count() if offset else 0
    for post in page:
        post.viewer_activity_types = set(post.viewer_types)
    return Page(items=page, current_start=offset, total=total)
