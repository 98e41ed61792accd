"""Admin of the catalogue: per-language inputs for translated columns, the schema tree as inlines.

The three association tables have composite primary keys, which Django 5.2's admin cannot
register or use as inlines; they are edited as multi-select (autocomplete) fields on the
parent's form (``problemprofiles`` of artefacts and tree items, ``prerequisites`` of tree
items), saved with the related manager's ``set()``.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from catalogue import files, models, services
from common.admin import (
    ModelAdmin,
    StackedInline,
    Upload,
    UploadsMixin,
    ratings_summary_html,
    with_uploads,
)
from common.translation_admin import translation_fieldset, translations_form
from common.translations import SUPPORTED_LANGUAGES
from common.tree_order import PrerequisiteOrderedInlineFormSet
from common.uploads import validate_image

READONLY_ARTEFACT = ("artefact_type", "rating", "ratings_count", "created_at", "updated_at")
NAME_SEARCH = tuple(f"name_translations__{language}" for language in SUPPORTED_LANGUAGES)


class LanguageFilter(admin.SimpleListFilter):
    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(language, language) for language in SUPPORTED_LANGUAGES]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(languages__contains=[self.value()])
        return queryset


def with_links(form_class, **links: str):
    """``form_class`` plus autocomplete multi-selects for many-to-many relations with a ``through`` model.

    ``links`` maps a form field name to the model's many-to-many field; the admin cannot
    put such fields in a form itself (admin.E013), so they are declared here and saved with
    the related manager's ``set()`` once the row exists.
    """
    model = form_class._meta.model
    attrs: dict = {}
    for form_name, m2m_name in links.items():
        db_field = model._meta.get_field(m2m_name)
        attrs[form_name] = forms.ModelMultipleChoiceField(
            queryset=db_field.remote_field.model._default_manager.all(),
            required=False,
            widget=AutocompleteSelectMultiple(db_field, admin.site),
            label=db_field.verbose_name,
        )

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        if not self.instance._state.adding:
            for form_name, m2m_name in links.items():
                self.initial.setdefault(form_name, list(getattr(self.instance, m2m_name).values_list("pk", flat=True)))

    def _save_m2m(self):
        form_class._save_m2m(self)
        for form_name, m2m_name in links.items():
            getattr(self.instance, m2m_name).set(self.cleaned_data.get(form_name) or [])

    attrs.update(__init__=__init__, _save_m2m=_save_m2m)
    return type(form_class.__name__, (form_class,), attrs)


def artefact_form(model):
    return with_links(translations_form(model), problemprofile_links="problemprofiles")


def artefact_fieldsets(*extra: tuple) -> tuple:
    return (
        ("Names and texts", {"fields": (*translation_fieldset("name_translations"),)}),
        ("Description", {"fields": translation_fieldset("description_translations"), "classes": ("collapse",)}),
        (
            "Constraints, regulations and tags",
            {
                "fields": (
                    *translation_fieldset("constraints_and_limitations_translations"),
                    *translation_fieldset("regulations_and_standards_translations"),
                    *translation_fieldset("tags_translations"),
                ),
                "classes": ("collapse",),
                "description": "Tags: one ';'-separated list per language.",
            },
        ),
        ("Catalogue", {"fields": ("languages", "is_public", "licence", "problemprofile_links", "creator_id")}),
        *extra,
        ("Computed", {"fields": (*READONLY_ARTEFACT, "ratings_summary")}),
    )


INTERLINKER_FIELDSETS = (
    (
        "Interlinker",
        {
            "fields": (
                "nature",
                "published",
                "is_sustainability_related",
                "difficulty",
                "targets",
                "types",
                "administrative_scopes",
                "process",
                "form",
                "format",
                ("logotype", "logotype_upload"),
                ("snapshots", "snapshots_upload"),
            )
        },
    ),
    ("Instructions", {"fields": translation_fieldset("instructions_translations"), "classes": ("collapse",)}),
)


class ArtefactAdminBase(ModelAdmin):
    list_display = ("display_name", "artefact_type", "licence", "rating", "ratings_count", "is_public", "created_at")
    list_filter = ("licence", LanguageFilter, "is_public")
    search_fields = NAME_SEARCH
    readonly_fields = (*READONLY_ARTEFACT, "ratings_summary")
    ordering = ("-created_at", "id")

    @admin.display(description="ratings")
    def ratings_summary(self, obj):
        """A count per value and a link to the artefact's ratings (they are written there, through
        ``catalogue.services``, which keeps ``rating`` and ``ratings_count`` in step)."""
        if obj is None or obj.pk is None:
            return "none yet"
        counts = dict(
            models.Rating.objects.filter(artefact_id=obj.pk, value__isnull=False)
            .values_list("value")
            .annotate(n=Count("id"))
            .order_by()
        )
        url = reverse("admin:catalogue_rating_changelist") + f"?artefact__id__exact={obj.pk}"
        return ratings_summary_html(counts, url)

    @admin.display(description="name", ordering="name_translations__en")
    def display_name(self, obj):
        return obj.name or obj.pk

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("problemprofiles")


IMAGES = ("png", "jpg", "jpeg", "gif", "webp")
#: Stored like the catalogue import (``catalogue/<folder>/logotype.png``, ``…/snapshots/<name>``,
#: the folder being the interlinker's id here); the column gets upstream's ``/static/…`` form
#: (``catalogue.files``).
INTERLINKER_UPLOADS = {
    "logotype": Upload(
        folder=lambda obj: f"catalogue/{obj.pk}",
        name=lambda obj, upload: f"catalogue/{obj.pk}/logotype.{validate_image(upload).extension}",
        extensions=IMAGES,
        check=validate_image,
        column=lambda request, name: files.static_path(name),
    ),
    "snapshots": Upload(
        folder=lambda obj: f"catalogue/{obj.pk}/snapshots",
        extensions=IMAGES,
        check=validate_image,
        multiple=True,
        column=lambda request, name: files.static_path(name),
    ),
}


def interlinker_form(model):
    return with_uploads(artefact_form(model), INTERLINKER_UPLOADS)


class InterlinkerAdminBase(UploadsMixin, ArtefactAdminBase):
    uploads = INTERLINKER_UPLOADS
    list_display = ("display_name", "nature", "licence", "difficulty", "rating", "ratings_count", "published")
    list_filter = ("licence", "difficulty", LanguageFilter, "published", "is_sustainability_related")
    readonly_fields = (*READONLY_ARTEFACT, "ratings_summary", "nature")


@admin.register(models.Artefact)
class ArtefactAdmin(ArtefactAdminBase):
    """Every artefact, whatever its kind; create them through their own kind's admin."""

    list_filter = ("artefact_type", "licence", LanguageFilter)
    form = artefact_form(models.Artefact)
    fieldsets = artefact_fieldsets()

    def has_add_permission(self, request):
        return False


@admin.register(models.Interlinker)
class InterlinkerAdmin(InterlinkerAdminBase):
    """Every interlinker with a link to its kind's admin; create them through their own kind's admin."""

    list_display = ("display_name", "nature", "licence", "difficulty", "rating", "ratings_count", "edit_link")
    list_filter = ("nature", "licence", "difficulty", LanguageFilter, "published")
    form = interlinker_form(models.Interlinker)
    fieldsets = artefact_fieldsets(*INTERLINKER_FIELDSETS)

    def has_add_permission(self, request):
        return False

    @admin.display(description="edit as")
    def edit_link(self, obj):
        model = {
            models.Nature.SOFTWARE: "softwareinterlinker",
            models.Nature.KNOWLEDGE: "knowledgeinterlinker",
            models.Nature.EXTERNALSOFTWARE: "externalsoftwareinterlinker",
            models.Nature.EXTERNALKNOWLEDGE: "externalknowledgeinterlinker",
        }.get(obj.nature)
        if not model:
            return "-"
        return format_html('<a href="{}">{}</a>', reverse(f"admin:catalogue_{model}_change", args=[obj.pk]), obj.nature)


@admin.register(models.SoftwareInterlinker)
class SoftwareInterlinkerAdmin(InterlinkerAdminBase):
    list_display = ("display_name", "service_name", "licence", "difficulty", "rating", "ratings_count", "status")
    search_fields = (*NAME_SEARCH, "service_name")
    form = interlinker_form(models.SoftwareInterlinker)
    fieldsets = artefact_fieldsets(
        *INTERLINKER_FIELDSETS,
        (
            "Software",
            {
                "fields": (
                    "supported_by",
                    "service_name",
                    "domain",
                    "path",
                    "is_subdomain",
                    "api_path",
                    "auth_method",
                    "supports_internationalization",
                    "is_responsive",
                    "status",
                    ("instantiate", "view", "edit", "clone", "can_delete", "download", "preview"),
                    ("open_in_modal", "shortcut"),
                )
            },
        ),
        (
            "Button labels",
            {
                "fields": tuple(
                    name
                    for capability in ("instantiate", "view", "edit", "delete", "clone", "download", "preview")
                    for name in translation_fieldset(f"{capability}_text_translations")
                ),
                "classes": ("collapse",),
            },
        ),
    )


@admin.register(models.KnowledgeInterlinker)
class KnowledgeInterlinkerAdmin(InterlinkerAdminBase):
    list_display = ("display_name", "softwareinterlinker", "form", "format", "licence", "difficulty", "rating")
    list_select_related = ("softwareinterlinker",)
    autocomplete_fields = ("softwareinterlinker", "parent")
    form = interlinker_form(models.KnowledgeInterlinker)
    fieldsets = artefact_fieldsets(
        *INTERLINKER_FIELDSETS,
        (
            "Knowledge",
            {"fields": ("softwareinterlinker", "parent", *translation_fieldset("genesis_asset_id_translations"))},
        ),
    )


class ExternalInterlinkerAdmin(InterlinkerAdminBase):
    fieldsets = artefact_fieldsets(
        *INTERLINKER_FIELDSETS,
        (
            "External resource",
            {
                "fields": (
                    *translation_fieldset("uri_translations"),
                    *translation_fieldset("asset_name_translations"),
                )
            },
        ),
    )


@admin.register(models.ExternalSoftwareInterlinker)
class ExternalSoftwareInterlinkerAdmin(ExternalInterlinkerAdmin):
    form = interlinker_form(models.ExternalSoftwareInterlinker)


@admin.register(models.ExternalKnowledgeInterlinker)
class ExternalKnowledgeInterlinkerAdmin(ExternalInterlinkerAdmin):
    form = interlinker_form(models.ExternalKnowledgeInterlinker)


# --- co-production schemas and their trees -------------------------------------------------


class TreeItemForm(
    with_links(
        translations_form(models.TreeItemMetadata),
        prerequisite_links="prerequisites",
        problemprofile_links="problemprofiles",
    )
):
    def clean(self):
        cleaned = super().clean()
        prerequisites = cleaned.get("prerequisite_links")
        if prerequisites:
            try:
                services.treeitem_prerequisites_check(self.instance, [item.pk for item in prerequisites])
            except services.PrerequisiteCycle as cycle:
                self.add_error("prerequisite_links", str(cycle))
        return cleaned


# Inline rows edit names and kinds only; their links are edited on the item's own page.
TreeItemInlineForm = translations_form(models.TreeItemMetadata)

TREE_ITEM_FIELDS = (
    "type",
    "is_part_of_codelivery",
    *translation_fieldset("name_translations"),
    *translation_fieldset("description_translations"),
)


class PhaseInline(StackedInline):
    """A schema's phases (tree items without a parent)."""

    model = models.TreeItemMetadata
    fk_name = "coproductionschema"
    form = TreeItemInlineForm
    formset = PrerequisiteOrderedInlineFormSet
    fields = TREE_ITEM_FIELDS
    extra = 0
    show_change_link = True
    verbose_name = "phase"
    verbose_name_plural = "phases (open one to edit its objectives)"


class ChildInline(StackedInline):
    """An item's children: a phase's objectives, an objective's tasks."""

    model = models.TreeItemMetadata
    fk_name = "parent"
    form = TreeItemInlineForm
    formset = PrerequisiteOrderedInlineFormSet
    fields = TREE_ITEM_FIELDS
    extra = 0
    show_change_link = True
    verbose_name = "child item"
    verbose_name_plural = "children (objectives of a phase, tasks of an objective)"


@admin.register(models.CoproductionSchema)
class CoproductionSchemaAdmin(ArtefactAdminBase):
    list_display = ("display_name", "licence", "phase_count", "rating", "ratings_count", "is_public", "created_at")
    form = artefact_form(models.CoproductionSchema)
    fieldsets = artefact_fieldsets()
    inlines = (PhaseInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(phases=Count("children"))

    @admin.display(description="phases", ordering="phases")
    def phase_count(self, obj):
        return obj.phases


@admin.register(models.PublicService)
class PublicServiceAdmin(ArtefactAdminBase):
    list_display = ("display_name", "public_organization", "location", "status", "created_at")
    form = artefact_form(models.PublicService)
    fieldsets = artefact_fieldsets(
        (
            "Public service",
            {
                "fields": (
                    "language",
                    "processing_time",
                    "location",
                    "status",
                    "public_organization",
                    "output",
                    "cost",
                )
            },
        ),
    )


@admin.register(models.TreeItemMetadata)
class TreeItemMetadataAdmin(ModelAdmin):
    form = TreeItemForm
    list_display = ("display_name", "type", "parent", "coproductionschema", "is_part_of_codelivery", "created_at")
    list_filter = ("type", "is_part_of_codelivery", "coproductionschema")
    list_select_related = ("parent", "coproductionschema")
    search_fields = NAME_SEARCH
    autocomplete_fields = ("parent", "coproductionschema")
    readonly_fields = ("created_at", "updated_at")
    inlines = (ChildInline,)
    fieldsets = (
        (None, {"fields": ("type", "coproductionschema", "parent", "is_part_of_codelivery")}),
        ("Name", {"fields": translation_fieldset("name_translations")}),
        ("Description", {"fields": translation_fieldset("description_translations"), "classes": ("collapse",)}),
        ("Links", {"fields": ("prerequisite_links", "problemprofile_links")}),
        ("Timestamps", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description="name", ordering="name_translations__en")
    def display_name(self, obj):
        return obj.name or obj.pk

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("parent", "coproductionschema", "parent__coproductionschema")
        )

    def autocomplete_label(self, obj):
        """ "Gather feedback — task — Listen — Schema X": same-named items read apart."""
        schema = obj.coproductionschema or (obj.parent.coproductionschema if obj.parent else None)
        parts = [
            obj.name or str(obj.pk),
            obj.type,
            obj.parent.name if obj.parent else None,
            schema.name if schema else None,
        ]
        return " — ".join(str(part) for part in parts if part)


@admin.register(models.ProblemProfile)
class ProblemProfileAdmin(ModelAdmin):
    form = translations_form(models.ProblemProfile)
    list_display = ("id", "display_name", "created_at", "updated_at")
    search_fields = ("id", *NAME_SEARCH)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("id",)}),
        ("Name", {"fields": translation_fieldset("name_translations")}),
        ("Description", {"fields": translation_fieldset("description_translations"), "classes": ("collapse",)}),
        ("Functionality", {"fields": translation_fieldset("functionality_translations"), "classes": ("collapse",)}),
        ("Timestamps", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description="name", ordering="name_translations__en")
    def display_name(self, obj):
        return obj.name

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return ("id", *readonly) if obj else readonly


@admin.register(models.Rating)
class RatingAdmin(ModelAdmin):
    list_display = ("artefact", "value", "title", "user_id", "created_at")
    list_filter = ("value",)
    list_select_related = ("artefact",)
    search_fields = ("title", "text", "user_id")
    autocomplete_fields = ("artefact",)
    readonly_fields = ("created_at", "updated_at")
    fields = ("artefact", "value", "title", "text", "user_id", "created_at", "updated_at")
