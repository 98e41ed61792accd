"""Notifications, participation requests, stories, keywords and ratings."""

from __future__ import annotations

from django.db import models

from coproduction.models.base import ChannelTypes, ClaimTypes, Languages, PlainJSONField, UUIDModel, link
from coproduction.models.organizations import User
from coproduction.models.processes import CoproductionProcess


class Notification(UUIDModel):
    """A message template, one row per (event, language), with ``{placeholders}``."""

    event = models.CharField()
    title = models.CharField()
    subtitle = models.CharField(null=True, blank=True)
    text = models.TextField()
    html_template = models.TextField(null=True, blank=True)
    url_link = models.CharField(null=True, blank=True)
    icon = models.CharField(null=True, blank=True)
    language = models.CharField(null=True, default=Languages.EN, choices=Languages.choices)

    class Meta:
        db_table = "notification"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.event} ({self.language})"


class UserNotification(UUIDModel):
    """A notification delivered to a user. ``coproductionprocess`` has no FK upstream."""

    user = models.ForeignKey(User, models.CASCADE, db_index=False, related_name="notifications")
    notification = models.ForeignKey(Notification, models.CASCADE, db_index=False, related_name="+")
    channel = models.CharField(max_length=6, choices=ChannelTypes.choices, default=ChannelTypes.IN_APP)
    state = models.BooleanField(default=False, help_text="Seen.")
    is_archived = models.BooleanField(null=True, default=False)
    coproductionprocess = models.ForeignKey(
        CoproductionProcess,
        models.CASCADE,
        null=True,
        blank=True,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    parameters = PlainJSONField(null=True, blank=True)

    class Meta:
        db_table = "usernotification"
        ordering = ["created_at", "id"]


class CoproductionProcessNotification(UUIDModel):
    """The activity log of a process. ``asset_id`` is an asset UUID stored as text (no FK)."""

    coproductionprocess = models.ForeignKey(
        CoproductionProcess, models.CASCADE, db_index=False, related_name="notifications"
    )
    asset_id = models.CharField(null=True, blank=True)
    user = link(User)
    notification = models.ForeignKey(Notification, models.CASCADE, db_index=False, related_name="+")
    parameters = PlainJSONField(null=True, blank=True)
    claim_type = models.CharField(max_length=12, null=True, blank=True, choices=ClaimTypes.choices)

    class Meta:
        db_table = "coproductionprocessnotification"
        ordering = ["created_at", "id"]


class ParticipationRequest(UUIDModel):
    """An application to contribute to a process; ``razon`` is the applicant's motivation."""

    candidate = models.ForeignKey(
        User, models.CASCADE, null=True, blank=True, db_index=False, related_name="participation_requests"
    )
    coproductionprocess = link(CoproductionProcess)
    razon = models.CharField(null=True, blank=True)
    is_archived = models.BooleanField(null=True, default=False)

    class Meta:
        db_table = "participationrequest"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Request from {self.candidate or 'an unknown user'} to join {self.coproductionprocess or 'a process'}"


class Keyword(UUIDModel):
    name = models.CharField()
    description = models.CharField(null=True, blank=True)

    class Meta:
        db_table = "keyword"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="keyword_name_key")]

    def __str__(self):
        return self.name


class Story(UUIDModel):
    """A published success story; ``coproductionprocess_cloneforpub`` is the hidden public clone (no FK)."""

    coproductionprocess = models.ForeignKey(CoproductionProcess, models.CASCADE, db_index=False, related_name="stories")
    coproductionprocess_cloneforpub = models.ForeignKey(
        CoproductionProcess,
        models.CASCADE,
        null=True,
        blank=True,
        db_constraint=False,
        db_index=False,
        related_name="publication_stories",
    )
    user = link(User)
    state = models.BooleanField(default=False)
    logotype = models.CharField(null=True, blank=True)
    data_story = models.JSONField(null=True, blank=True)
    rating = models.DecimalField(max_digits=2, decimal_places=1, null=True, default=0, editable=False)
    ratings_count = models.IntegerField(null=True, default=0, editable=False)
    published_date = models.DateField(null=True, blank=True)
    keywords = models.ManyToManyField(Keyword, through="StoryKeyword", related_name="stories", blank=True)

    class Meta:
        db_table = "story"
        ordering = ["created_at", "id"]
        verbose_name_plural = "stories"

    def __str__(self):
        title = (self.data_story or {}).get("title") if isinstance(self.data_story, dict) else None
        return title or str(self.id)


class StoryKeyword(models.Model):
    pk = models.CompositePrimaryKey("story_id", "keyword_id")
    story = models.ForeignKey(Story, models.CASCADE, db_index=False)
    keyword = models.ForeignKey(Keyword, models.CASCADE, db_index=False)

    class Meta:
        db_table = "story_keywords"

    def __str__(self):
        return f"{self.story_id} / {self.keyword_id}"


class Rating(UUIDModel):
    """Generic rating: ``artefact_id`` is a story or process id per ``artefact_type`` (no FK)."""

    user_id = models.CharField(null=True, blank=True)
    artefact_id = models.UUIDField(null=True, blank=True)
    artefact_type = models.CharField(null=True, blank=True)
    title = models.CharField(null=True, blank=True)
    text = models.TextField(null=True, blank=True)
    value = models.IntegerField(null=True, blank=True)

    class Meta:
        db_table = "rating"
        ordering = ["created_at", "id"]
