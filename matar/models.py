"""The Matar domain: organisations (communities), their users, categories, posts and activities.

Only ``organization`` is documented exactly upstream (Gramhal-Foundation/matar, "Matar DB
tables"); the other five tables are inferred from the upstream API documentation
(the project's matar spec, §3) and each model's docstring marks every inferred column.

Conventions shared by every table (spec §3):

* String primary keys in the column ``_id`` (``varchar`` without a length), drawn by the
  application: 6 random uppercase letters and digits, 10 for posts. Legacy ids of other
  shapes (``129487316``) are valid. A generated id that collides is redrawn (up to 5 times).
* Timestamps are ``bigint`` epoch milliseconds set by the application.
* Link columns are ``ForeignKey(db_constraint=False, on_delete=DO_NOTHING)``: navigation in
  Django, no constraint in the database (upstream declares none).
* Defaults are application-side only (no database defaults), so legacy rows may hold NULL.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import IntegrityError, models, router, transaction
from django.db.models import F, Q

from matar.ids import ID_ATTEMPTS, GeneratedId, new_id, new_post_id, now_ms


class Language(models.TextChoices):
    """Upstream's languages, in its order (code → label as the ``/languages`` endpoint shows)."""

    HINDI = "hi-IN", "हिंदी"
    KANNADA = "kn-IN", "ಕನ್ನಡ"
    URDU = "ur-IN", "اردو"
    MARATHI = "mr-IN", "मराठी"
    TAMIL = "ta-IN", "தமிழ்"
    TELUGU = "te-IN", "తెలుగు"
    ENGLISH = "en-IN", "English"


DEFAULT_LANGUAGE = Language.HINDI.value


class OrgType(models.IntegerChoices):
    OPEN = 0, "open (anyone joins)"
    CLOSED = 1, "closed (access code)"
    INVITE_ONLY = 2, "invite-only (invite link)"


def default_roles() -> dict:
    return {"default": []}


def empty_list() -> list:
    return []


def empty_object() -> dict:
    return {}


def string_pk(generator, **kwargs) -> models.CharField:
    """The ``_id`` primary key: ``varchar`` without a length."""
    return models.CharField(primary_key=True, db_column="_id", default=generator, max_length=None, **kwargs)


def link(to: str, *, column: str | None = None, related_name: str = "+", **kwargs) -> models.ForeignKey:
    """A link column: a foreign key in Django, a plain nullable ``varchar`` in the database."""
    return models.ForeignKey(
        to,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        db_column=column,
        related_name=related_name,
        **kwargs,
    )


class RandomIdModel(models.Model):
    """Retries the insert with a fresh id when a generated primary key is already taken."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding or not isinstance(self.pk, GeneratedId):
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        generator = self._meta.pk.default
        for attempt in range(1, ID_ATTEMPTS + 1):
            try:
                with transaction.atomic(using=using):
                    super().save(*args, **kwargs)
                self.pk = str(self.pk)  # stored now: no longer a value to redraw
                return
            except IntegrityError as error:
                constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
                if constraint != f"{self._meta.db_table}_pkey" or attempt == ID_ATTEMPTS:
                    raise
                self.pk = generator()
                self._state.adding = True


class Organization(RandomIdModel):
    """A community (table ``organization``): exactly as upstream's model documents it.

    ``max_post_duration`` is in seconds (the model's comment; the API page says a number of
    posts; stored and returned, not enforced). ``code`` is the invite code, rendered by the
    API as ``https://matar.app.link/<code>``. ``is_chatgpt_enabled`` may be NULL on legacy
    rows (the column was added later without back-fill).
    """

    id = string_pk(new_id)
    title = models.CharField(max_length=None, null=True, blank=True)
    language = models.CharField(max_length=None, null=True, blank=True, choices=Language, default=DEFAULT_LANGUAGE)
    is_chatgpt_enabled = models.BooleanField(null=True, default=True)
    max_post_duration = models.IntegerField(null=True, blank=True, default=15)
    org_type = models.IntegerField(null=True, blank=True, choices=OrgType, default=OrgType.OPEN)
    is_active = models.BooleanField(null=True, default=True)
    description = models.CharField(max_length=None, null=True, blank=True)
    code = models.CharField(max_length=None, null=True, blank=True)
    sort_order = models.IntegerField(null=True, blank=True)

    class Meta:
        db_table = "organization"
        ordering = [models.F("sort_order").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return self.title or self.id


class User(RandomIdModel):
    """A Matar user (table ``user``), logging in by phone OTP; distinct from ``accounts.User``.

    Inferred columns (from the upstream API documentation): ``_id``; ``name``;
    ``phone_number`` (with country prefix, ``917254326789``; unique, spec decision 13);
    ``image_url``; ``language`` (default ``hi-IN``); ``roles`` (JSON
    ``{"default": [<organization _id>, …]}``: the organisations the user joined — membership
    lives here, not in a join table); ``created_at`` (epoch ms).
    Project additions for the OTP login (upstream's OTP storage is undocumented):
    ``otp_hash`` (hash of the pending OTP) and ``otp_created_at`` (its issue time, epoch ms).
    """

    id = string_pk(new_id)
    name = models.CharField(max_length=None, null=True, blank=True)
    phone_number = models.CharField(max_length=None, null=True, blank=True, unique=True)
    image_url = models.CharField(max_length=None, null=True, blank=True)
    language = models.CharField(max_length=None, null=True, blank=True, choices=Language, default=DEFAULT_LANGUAGE)
    roles = models.JSONField(null=True, blank=True, default=default_roles)
    created_at = models.BigIntegerField(null=True, blank=True, default=now_ms)
    otp_hash = models.CharField(max_length=None, null=True, blank=True, editable=False)
    otp_created_at = models.BigIntegerField(null=True, blank=True, editable=False)

    # A Matar user authenticated by its own bearer token (matar.authentication).
    is_authenticated = True
    is_anonymous = False

    class Meta:
        db_table = "user"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name or '?'} ({self.phone_number or self.id})"

    @property
    def organization_ids(self) -> list[str]:
        """The organisations the user joined (``roles.default``)."""
        roles = self.roles if isinstance(self.roles, dict) else {}
        default = roles.get("default")
        return [str(item) for item in default] if isinstance(default, list) else []

    def is_member_of(self, organization_id: str) -> bool:
        return organization_id in self.organization_ids


class Category(RandomIdModel):
    """A category of an organisation's posts (table ``category``), possibly nested.

    Inferred columns (from the upstream API documentation): ``_id``; ``title`` (science,
    happiness, society, fitness…); ``parent_category_id`` (link → ``category._id``, the
    hierarchy); ``sort_order``; ``is_active`` (default true); ``organization_id`` (link →
    ``organization._id``; categories are listed per organisation).
    """

    id = string_pk(new_id)
    title = models.CharField(max_length=None, null=True, blank=True)
    parent_category = link("self", related_name="subcategories")
    sort_order = models.IntegerField(null=True, blank=True)
    is_active = models.BooleanField(null=True, default=True)
    organization = link(Organization, related_name="categories")

    class Meta:
        db_table = "category"
        ordering = [models.F("sort_order").asc(nulls_last=True), "id"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.title or self.id

    def ancestors(self) -> list[Category]:
        """Parent, grandparent, … (stops on a cycle, which the database does not prevent)."""
        chain, seen, node = [], {self.pk}, self.parent_category
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent_category
        return chain


class ActivityType(models.Model):
    """A kind of activity on a post (table ``activity_type``); rows from migration 0003.

    Inferred columns (from the upstream API documentation): ``_id`` (equal to ``title``:
    ``reply``, ``like``, ``downvote``, ``dislike``, ``share``, ``upvote``, ``block``,
    ``view``); ``title``; ``is_active`` (default true).
    """

    id = models.CharField(primary_key=True, db_column="_id", max_length=None)
    title = models.CharField(max_length=None, null=True, blank=True)
    is_active = models.BooleanField(null=True, default=True)

    class Meta:
        db_table = "activity_type"

    def __str__(self) -> str:
        return self.title or self.id


#: The activity types in upstream's order (migration 0003 creates them).
ACTIVITY_TYPES = ("reply", "like", "downvote", "dislike", "share", "upvote", "block", "view")


class Post(RandomIdModel):
    """A question or an answer, recorded as audio (table ``post``).

    Inferred columns (from the upstream API documentation): ``_id`` (10 characters);
    ``user_id`` (link → ``user._id``, the author); ``organization_id`` (link →
    ``organization._id``); ``parent_post_id`` (link → ``post._id``: NULL for a question, the
    question's id for an answer); ``category_ids`` (``varchar[]`` of category ids);
    ``text`` (display text); ``audio_url``; ``audio_text`` (transcript); ``audio_translation``;
    ``audio_data`` (JSON); ``data`` (JSON, e.g. ``{"duration": 4.56, "like": 1}``: the
    duration in seconds and one integer counter per activity type, kept by
    ``services.post_activity_create``); ``is_active`` (soft delete / moderation);
    ``is_chatgpt_enabled`` (copied from the organisation); ``chatgpt_query_id`` and
    ``whisper_id`` (requests to ChatGPT / Whisper, stored only); ``sort_order`` (rank among
    the answers of one question); ``sorted_at`` (epoch ms of the last re-sorting of a
    question's answers; default 0 so new questions are picked up); ``created_at`` (epoch ms).
    """

    id = string_pk(new_post_id)
    user = link(User, related_name="posts")
    organization = link(Organization, related_name="posts")
    parent_post = link("self", related_name="answers")
    category_ids = ArrayField(models.CharField(max_length=None), null=True, blank=True, default=empty_list)
    text = models.CharField(max_length=None, null=True, blank=True)
    audio_url = models.CharField(max_length=None, null=True, blank=True)
    audio_text = models.CharField(max_length=None, null=True, blank=True)
    audio_translation = models.CharField(max_length=None, null=True, blank=True)
    audio_data = models.JSONField(null=True, blank=True)
    data = models.JSONField(null=True, blank=True, default=empty_object)
    is_active = models.BooleanField(null=True, default=True)
    is_chatgpt_enabled = models.BooleanField(null=True, blank=True)
    chatgpt_query_id = models.CharField(max_length=None, null=True, blank=True)
    whisper_id = models.CharField(max_length=None, null=True, blank=True)
    sort_order = models.IntegerField(null=True, blank=True)
    sorted_at = models.BigIntegerField(null=True, blank=True, default=0)
    created_at = models.BigIntegerField(null=True, blank=True, default=now_ms)

    class Meta:
        db_table = "post"
        ordering = ["-created_at", "id"]
        indexes = [
            # Additive (issue 16): a community's feed page (its questions, newest first, the
            # order of ``selectors.QUESTION_ORDER``) read from the index instead of sorting
            # every question of the community on each request.
            models.Index(
                F("organization"),
                F("created_at").desc(nulls_last=True),
                F("id"),
                name="post_question_feed_idx",
                condition=Q(parent_post__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        kind = "answer" if self.parent_post_id else "question"
        return f"{kind} {self.id}"

    @property
    def is_question(self) -> bool:
        return self.parent_post_id is None

    def counter(self, activity_type: str) -> int:
        """The post's counter of one activity type (missing or not a number → 0)."""
        value = (self.data or {}).get(activity_type) if isinstance(self.data, dict) else None
        return value if isinstance(value, int) and not isinstance(value, bool) else 0


class PostActivity(RandomIdModel):
    """One user's activity on a post (table ``post_activity``): a like, a view, a share…

    Inferred columns (from the upstream API documentation): ``_id``; ``post_id`` (link →
    ``post._id``); ``user_id`` (link → ``user._id``); ``post_activity_type`` (link →
    ``activity_type._id``); ``data`` (arbitrary client JSON, sample ``{"hi": "hello"}``);
    ``is_active`` (default true); ``created_at`` (epoch ms). ``organization_id`` (link →
    ``organization._id``) is the one column whose revision is known: migration 0002 adds it
    as upstream's Alembic revision ``01ea0e75088a`` (down-revision ``4640e9af0234``) did.
    """

    id = string_pk(new_id)
    post = link(Post, related_name="activities")
    user = link(User, related_name="post_activities")
    post_activity_type = link(ActivityType, column="post_activity_type", related_name="post_activities")
    data = models.JSONField(null=True, blank=True)
    is_active = models.BooleanField(null=True, default=True)
    created_at = models.BigIntegerField(null=True, blank=True, default=now_ms)
    organization = link(Organization, related_name="post_activities")

    class Meta:
        db_table = "post_activity"
        ordering = ["-created_at", "id"]
        verbose_name_plural = "post activities"

    def __str__(self) -> str:
        return f"{self.post_activity_type_id} on {self.post_id} by {self.user_id}"
