"""Admin of the Matar domain: communities with their categories, questions with their answers."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.storage import default_storage
from django.db.models import Count, Q
from django.utils.html import format_html, format_html_join

from common.admin import ModelAdmin, TabularInline, Upload, UploadsMixin, with_uploads
from matar import audio, services
from matar.api.serializers import format_created_at
from matar.models import ActivityType, Category, Organization, Post, PostActivity, User


class CreatedAtMixin:
    """Shows the epoch-millisecond ``created_at`` as a date (India time, as the API prints it)."""

    @admin.display(description="created (IST)", ordering="created_at")
    def created(self, obj) -> str:
        return format_created_at(obj.created_at) or "–"


class TypedIdWithInlinesMixin:
    """Keeps an ``_id`` typed into the add form of a model whose admin has inlines.

    Django's inline formsets blank a new parent's primary key when it has a default (so it is
    "regenerated on save"), which would replace a typed id such as ``129487316`` by a random one.
    """

    def save_model(self, request, obj, form, change):
        if not change and form.cleaned_data.get("id"):
            obj.pk = form.cleaned_data["id"]
        super().save_model(request, obj, form, change)


def counters_table(data) -> str:
    """``data`` (duration and one counter per activity type) as a small table."""
    if not isinstance(data, dict) or not data:
        return "–"
    rows = format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", ((key, data[key]) for key in sorted(data)))
    return format_html('<table class="counters">{}</table>', rows)


class CategoryInline(TabularInline):
    model = Category
    fk_name = "organization"
    fields = ("id", "title", "parent_category", "sort_order", "is_active")
    raw_id_fields = ("parent_category",)
    extra = 0
    show_change_link = True


@admin.register(Organization)
class OrganizationAdmin(TypedIdWithInlinesMixin, ModelAdmin):
    required_fields = ("title", "language")
    list_display = ("title", "id", "language", "org_type", "is_active", "is_chatgpt_enabled", "sort_order")
    list_filter = ("language", "org_type", "is_active", "is_chatgpt_enabled")
    search_fields = ("title", "id")
    inlines = [CategoryInline]


@admin.register(User)
class UserAdmin(CreatedAtMixin, ModelAdmin):
    required_fields = ("name", "phone_number")
    list_display = ("name", "phone_number", "id", "language", "memberships", "created")
    list_filter = ("language",)
    search_fields = ("name", "phone_number", "id")
    readonly_fields = ("created_at", "created", "otp_pending")
    fields = ("id", "name", "phone_number", "image_url", "language", "roles", "created", "created_at", "otp_pending")

    @admin.display(description="organisations (roles.default)")
    def memberships(self, user: User) -> str:
        return ", ".join(user.organization_ids) or "–"

    @admin.display(description="OTP pending", boolean=True)
    def otp_pending(self, user: User) -> bool:
        return bool(user.otp_hash)


@admin.register(Category)
class CategoryAdmin(ModelAdmin):
    required_fields = ("title", "organization")
    list_display = ("title", "id", "organization", "parent_category", "sort_order", "is_active")
    list_filter = ("organization", "is_active")
    search_fields = ("title", "id")
    list_select_related = ("organization", "parent_category")
    autocomplete_fields = ("organization", "parent_category")


@admin.register(ActivityType)
class ActivityTypeAdmin(ModelAdmin):
    list_display = ("id", "title", "is_active")
    list_filter = ("is_active",)
    search_fields = ("id", "title")


class AnswerInline(CreatedAtMixin, TabularInline):
    model = Post
    fk_name = "parent_post"
    verbose_name = "answer"
    verbose_name_plural = "answers"
    fields = ("id", "user", "audio_url", "text", "sort_order", "is_active", "counters", "created")
    readonly_fields = ("counters", "created")
    raw_id_fields = ("user",)
    extra = 0
    show_change_link = True
    ordering = ("sort_order", "-created_at")

    @admin.display(description="counters")
    def counters(self, post: Post) -> str:
        return counters_table(post.data)


class QuestionFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("question", "questions"), ("answer", "answers")]

    def queryset(self, request, queryset):
        if self.value() == "question":
            return queryset.filter(parent_post__isnull=True)
        if self.value() == "answer":
            return queryset.filter(parent_post__isnull=False)
        return queryset


class CategoryIdFilter(admin.SimpleListFilter):
    """``category_ids`` is an array: filter on membership of one category."""

    title = "category"
    parameter_name = "category"

    most = 30

    def lookups(self, request, model_admin):
        categories = Category.objects.select_related("organization").order_by("title", "id")
        listed = list(categories[: self.most + 1])
        if len(listed) > self.most:  # too many to list: only the chosen one (search or use its link)
            listed = list(categories.filter(pk=self.value())) if self.value() else []
        return [(c.pk, f"{c.title or c.pk} ({c.organization or c.organization_id})") for c in listed]

    def queryset(self, request, queryset):
        return queryset.filter(category_ids__contains=[self.value()]) if self.value() else queryset


class PostForm(forms.ModelForm):
    """The post's author, categories and question must belong to its organisation
    (``services.post_links_problems``)."""

    class Meta:
        model = Post
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization")
        if organization is None:
            return cleaned
        problems = services.post_links_problems(
            organization=organization,
            user=cleaned.get("user"),
            category_ids=[str(pk) for pk in cleaned.get("category_ids") or []],
            parent=cleaned.get("parent_post"),
        )
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned


def _audio_check(upload) -> None:
    """The API's checks of a post's audio (``matar.audio``): FLAC mono or M4A, not too long."""
    try:
        info = audio.read_audio(upload)
    except audio.UnreadableAudio as error:
        raise forms.ValidationError(f"Unreadable audio: {error}") from None
    if info.duration > audio.MAX_DURATION_SECONDS:
        raise forms.ValidationError(f"Audio longer than {audio.MAX_DURATION_SECONDS} seconds")


POST_UPLOADS = {
    "audio_url": Upload(
        folder=lambda post: services.AUDIO_DIRECTORY,
        name=lambda post, upload: f"{services.AUDIO_DIRECTORY}/{post.pk}.{audio.read_audio(upload).extension}",
        extensions=("flac", "m4a"),
        check=_audio_check,
        column=lambda request, name: request.build_absolute_uri(default_storage.url(name)),
    )
}


@admin.register(Post)
class PostAdmin(TypedIdWithInlinesMixin, UploadsMixin, CreatedAtMixin, ModelAdmin):
    uploads = POST_UPLOADS
    form = with_uploads(PostForm, POST_UPLOADS)
    required_fields = ("organization", "user")
    list_display = ("id", "kind", "organization", "user", "answer_count", "counters", "is_active", "created")
    list_filter = (QuestionFilter, "organization", CategoryIdFilter, "is_active")
    search_fields = ("id", "text", "audio_text", "user__name", "user__phone_number")
    list_select_related = ("organization", "user")
    raw_id_fields = ("user", "parent_post")
    autocomplete_fields = ("organization",)
    readonly_fields = ("counters", "sorted_at", "created_at", "created")
    inlines = [AnswerInline]
    fieldsets = (
        (None, {"fields": ("id", "organization", "user", "parent_post", "category_ids", "is_active")}),
        (
            "Audio",
            {"fields": ("audio_url", "audio_url_upload", "text", "audio_text", "audio_translation", "audio_data")},
        ),
        (
            "ChatGPT and transcription (stored only)",
            {"fields": ("is_chatgpt_enabled", "chatgpt_query_id", "whisper_id")},
        ),
        ("Counters and ranking", {"fields": ("counters", "sort_order", "sorted_at", "created", "created_at")}),
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(active_answers=Count("answers", filter=~Q(answers__is_active=False)))
        )

    @admin.display(description="kind")
    def kind(self, post: Post) -> str:
        return "question" if post.is_question else "answer"

    @admin.display(description="answers", ordering="active_answers")
    def answer_count(self, post: Post) -> int:
        return post.active_answers

    @admin.display(description="counters")
    def counters(self, post: Post) -> str:
        return counters_table(post.data)


@admin.register(PostActivity)
class PostActivityAdmin(CreatedAtMixin, ModelAdmin):
    required_fields = ("post_activity_type", "post", "user", "organization")
    list_display = ("id", "post_activity_type", "post", "user", "organization", "is_active", "created")
    list_filter = ("post_activity_type", "organization", "is_active")
    search_fields = ("id", "post__id", "user__name", "user__phone_number")
    list_select_related = ("post_activity_type", "post", "user", "organization")
    raw_id_fields = ("post", "user")
    autocomplete_fields = ("organization",)
    readonly_fields = ("created_at", "created")
