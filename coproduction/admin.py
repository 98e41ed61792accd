"""Admin for the co-production schema.

The eight association tables have composite primary keys, which Django 5.2's admin cannot
register or edit inline; they are edited as multi-select fields on their owners (processes:
administrators and tags; organisations: administrators; teams: members, administrators,
applicants; stories: keywords; tree items: prerequisite). Changes to tasks run the
status/progress and date rules (``coproduction.services``) in the admin's transaction.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import transaction
from django.urls import path
from django.utils.html import format_html

from common.admin import ModelAdmin as BaseModelAdmin
from common.admin import TabularInline, Upload, UploadsMixin, with_uploads
from common.exceptions import APIError
from common.translations import SUPPORTED_LANGUAGES
from common.tree_order import PrerequisiteOrderedInlineFormSet
from common.uploads import validate_image
from coproduction import activitylog, catalogue, models, services
from coproduction.admin_catalogue import URL_NAME, CatalogueIdField, CatalogueIdsField, picker_view

TIMESTAMPS = ("created_at", "updated_at")


# Multi-select fields over through models ------------------------------------------------------


class ModelAdmin(BaseModelAdmin):
    """Writes through these pages are logged as the signed-in account (the activity log's
    ``user_id``, the co-production user id the API would log for it), not as "anonymous"."""

    def changeform_view(self, request, *args, **kwargs):
        with activitylog.request_scope(request.user.pk):
            return super().changeform_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with activitylog.request_scope(request.user.pk):
            return super().changelist_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with activitylog.request_scope(request.user.pk):
            return super().delete_view(request, *args, **kwargs)


class ThroughFieldsForm(forms.ModelForm):
    """Declares ``through_fields = {form_field: (through_model, owner_field, other_field)}``.

    Each form field is declared on the subclass with ``multi_select()``.
    """

    through_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (through, owner, other) in self.through_fields.items():
            if not self.instance._state.adding and name in self.fields:
                self.initial[name] = list(
                    through.objects.filter(**{owner: self.instance}).values_list(f"{other}_id", flat=True)
                )

    def save_through_fields(self):
        for name, (through, owner, other) in self.through_fields.items():
            if name not in self.cleaned_data:
                continue
            wanted = {obj.pk for obj in self.cleaned_data.get(name, [])}
            rows = through.objects.filter(**{owner: self.instance})
            current = set(rows.values_list(f"{other}_id", flat=True))
            for row in rows.filter(**{f"{other}_id__in": current - wanted}):
                row.delete()
            for pk in wanted - current:
                through.objects.create(**{owner: self.instance, f"{other}_id": pk})


IMAGES = ("png", "jpg", "jpeg", "gif", "webp")


def logotype(folder: str) -> dict[str, Upload]:
    """The API's logotype upload: an image checked by its content (``common.uploads``), stored
    through Django's storage as ``<folder>/<id>/<name>.<its real extension>``."""
    return {
        "logotype": Upload(
            folder=lambda obj: f"{folder}/{obj.pk}",
            extensions=IMAGES,
            check=validate_image,
            name=lambda obj, upload: f"{folder}/{obj.pk}/{Path(upload.name).stem}.{validate_image(upload).extension}",
        )
    }


class ThroughFieldsAdmin(UploadsMixin, ModelAdmin):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if isinstance(form, ThroughFieldsForm):
            form.save_through_fields()


def multi_select(queryset, label: str, through, other: str) -> forms.ModelMultipleChoiceField:
    """An autocomplete over ``through.<other>``'s target: renders only the chosen rows, searches the rest."""
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        required=False,
        label=label,
        widget=AutocompleteSelectMultiple(through._meta.get_field(other), admin.site),
    )


USERS = models.User.objects.order_by("full_name", "id")


# Translated HSTORE fields, one input per language ------------------------------------------------


class TranslationsForm(ThroughFieldsForm):
    """``<field>_<language>`` inputs (declared on the subclass) over ``<field>_translations``."""

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.translated_fields:
            values = getattr(self.instance, f"{field}_translations", None) or {}
            for language in SUPPORTED_LANGUAGES:
                self.initial[f"{field}_{language}"] = values.get(language, "")

    def clean(self):
        cleaned = super().clean()
        for field in self.translated_fields:
            values = {
                language: cleaned.get(f"{field}_{language}")
                for language in SUPPORTED_LANGUAGES
                if cleaned.get(f"{field}_{language}")
            }
            setattr(self.instance, f"{field}_translations", values or None)
        return cleaned


def _text(label: str, area: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}) if area else forms.TextInput()
    )


# Users, organisations, teams ------------------------------------------------------------------


@admin.register(models.User)
class UserAdmin(ModelAdmin):
    list_display = ("full_name", "email", "id", "is_superuser", "agree_terms_of_use", "last_login")
    list_filter = ("is_superuser", "agree_terms_of_use")
    search_fields = ("full_name", "email", "id")
    readonly_fields = ("last_login", *TIMESTAMPS)


class TeamInline(TabularInline):
    model = models.Team
    fields = ("name", "type", "description", "users_count")
    readonly_fields = ("users_count",)
    extra = 0
    show_change_link = True


class OrganizationForm(TranslationsForm):
    translated_fields = ("name", "description")
    through_fields = {"administrator_users": (models.OrganizationAdministrator, "organization", "user")}
    name_en = _text("Name (en)")
    name_es = _text("Name (es)")
    name_lv = _text("Name (lv)")
    name_it = _text("Name (it)")
    description_en = _text("Description (en)", area=True)
    description_es = _text("Description (es)", area=True)
    description_lv = _text("Description (lv)", area=True)
    description_it = _text("Description (it)", area=True)
    administrator_users = multi_select(USERS, "Administrators", models.OrganizationAdministrator, "user")

    class Meta:
        model = models.Organization
        exclude = ("name_translations", "description_translations")  # noqa: DJ006 (edited per language)


@admin.register(models.Organization)
class OrganizationAdmin(ThroughFieldsAdmin):
    uploads = logotype("organizations")
    form = with_uploads(OrganizationForm, uploads)
    list_display = ("__str__", "default_team_type", "team_creation_permission", "public", "created_at")
    list_filter = ("public", "default_team_type", "team_creation_permission")
    search_fields = ("name_translations__en", "name_translations__es", "id")
    raw_id_fields = ("creator",)
    readonly_fields = TIMESTAMPS
    inlines = [TeamInline]


class TeamForm(ThroughFieldsForm):
    through_fields = {
        "member_users": (models.TeamMember, "team", "user"),
        "administrator_users": (models.TeamAdministrator, "team", "user"),
        "applicant_users": (models.TeamApply, "team", "user"),
    }
    member_users = multi_select(USERS, "Members", models.TeamMember, "user")
    administrator_users = multi_select(USERS, "Administrators", models.TeamAdministrator, "user")
    applicant_users = multi_select(USERS, "Applicants", models.TeamApply, "user")

    class Meta:
        model = models.Team
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)


@admin.register(models.Team)
class TeamAdmin(ThroughFieldsAdmin):
    uploads = logotype("teams")
    form = with_uploads(TeamForm, uploads)
    list_display = ("name", "type", "organization", "users_count", "created_at")
    list_select_related = ("organization",)
    list_filter = ("type",)
    search_fields = ("name", "description", "id")
    autocomplete_fields = ("organization",)
    raw_id_fields = ("creator",)
    readonly_fields = ("users_count", *TIMESTAMPS)


# Processes and tree -------------------------------------------------------------------------


class PhaseInline(TabularInline):
    model = models.Phase
    fk_name = "coproductionprocess"
    formset = PrerequisiteOrderedInlineFormSet
    fields = ("name", "status", "progress", "start_date", "end_date", "disabled_on")
    readonly_fields = ("status", "progress", "start_date", "end_date", "disabled_on")
    extra = 0
    show_change_link = True


class PermissionInline(TabularInline):
    model = models.Permission
    fk_name = "coproductionprocess"
    fields = ("team", "treeitem", "access_assets_permission", "create_assets_permission", "delete_assets_permission")
    raw_id_fields = ("team", "treeitem")
    extra = 0


class ProcessForm(ThroughFieldsForm):
    through_fields = {
        "administrator_users": (models.CoproductionProcessAdministrator, "coproductionprocess", "user"),
        "tag_list": (models.CoproductionProcessTag, "coproductionprocess", "tag"),
    }
    administrator_users = multi_select(USERS, "Administrators", models.CoproductionProcessAdministrator, "user")
    tag_list = multi_select(models.Tag.objects.all(), "Tags", models.CoproductionProcessTag, "tag")
    schema_used = CatalogueIdField("schema", label="Schema used")
    apply_schema_id = CatalogueIdField(
        "schema",
        label="Apply a catalogue schema",
        help_text="Builds phases, objectives and tasks from a co-production schema of the catalogue database, "
        "in the process language. Refused when the process already has phases.",
    )
    apply_schema_json = forms.CharField(
        required=False,
        label="…or apply a schema body (JSON)",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Upstream's set_schema body: {id, children: [phases {children: [objectives {children: [tasks]}]}]}.",
    )

    class Meta:
        model = models.CoproductionProcess
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)

    def clean_apply_schema_json(self):
        text = self.cleaned_data.get("apply_schema_json")
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError as error:
            raise forms.ValidationError(f"Not JSON: {error}") from None
        if not isinstance(value, dict) or not isinstance(value.get("children"), list):
            raise forms.ValidationError("A JSON object with a children list is required.")
        return value

    def clean(self):
        cleaned = super().clean()
        applying = cleaned.get("apply_schema_id") or cleaned.get("apply_schema_json")
        if applying and not self.instance._state.adding:
            phases = models.Phase.objects.filter(coproductionprocess=self.instance).count()
            if phases:
                raise forms.ValidationError(
                    f"This process already has a tree ({phases} phase{'s' if phases != 1 else ''}); applying a "
                    "schema would add a second one. Delete its phases first, or clone the process."
                )
        return cleaned


@admin.register(models.CoproductionProcess)
class CoproductionProcessAdmin(ThroughFieldsAdmin):
    uploads = logotype("coproductionprocesses")
    form = with_uploads(ProcessForm, uploads)
    list_display = ("name", "language", "status", "is_public", "organization", "start_date", "end_date", "created_at")
    list_filter = ("status", "language", "is_public", "is_part_of_publication")
    search_fields = ("name", "description", "id")
    autocomplete_fields = ("organization",)
    raw_id_fields = ("creator", "cloned_from")
    readonly_fields = ("rating", "ratings_count", "start_date", "end_date", *TIMESTAMPS)
    inlines = [PhaseInline, PermissionInline]
    ordering = ("name", "id")

    def get_urls(self):
        return [
            path(
                "catalogue-picker/<str:kind>/",
                self.admin_site.admin_view(self.catalogue_picker),
                name=URL_NAME,
            ),
            *super().get_urls(),
        ]

    def catalogue_picker(self, request, kind):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return picker_view(request, kind)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schema = form.cleaned_data.get("apply_schema_json")
        schema_id = form.cleaned_data.get("apply_schema_id")
        try:
            if schema is None and schema_id:
                schema = catalogue.schema_tree(schema_id, form.instance.language or "en")
        except APIError as error:
            self.message_user(request, f"Schema not applied: {error.detail}", messages.ERROR)
            return
        if schema is not None:
            try:
                with transaction.atomic(using=services.DB):
                    services.set_schema(process=form.instance, schema=schema, creator=None)
            except APIError as error:
                self.message_user(request, f"Schema not applied: {error.detail}", messages.ERROR)
                return
            self.message_user(request, "The schema was applied: phases, objectives and tasks were created.")


class PrerequisiteForm(forms.ModelForm):
    prerequisite = forms.ModelChoiceField(
        queryset=models.TreeItem.objects.none(), required=False, help_text="At most one; no self-links or cycles."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        siblings = models.TreeItem.objects.none()
        instance = self.instance
        if not instance._state.adding:
            parent_filter = {
                models.Phase: {"as_phase__coproductionprocess_id": getattr(instance, "coproductionprocess_id", None)},
                models.Objective: {"as_objective__phase_id": getattr(instance, "phase_id", None)},
                models.Task: {"as_task__objective_id": getattr(instance, "objective_id", None)},
            }[type(instance)]
            siblings = models.TreeItem.objects.filter(**parent_filter).exclude(pk=instance.pk)
            self.initial["prerequisite"] = instance.prerequisites.values_list("pk", flat=True).first()
        self.fields["prerequisite"].queryset = siblings

    def clean(self):
        cleaned = super().clean()
        prerequisite = cleaned.get("prerequisite")
        if prerequisite is not None and not self.instance._state.adding:
            if services.creates_prerequisite_cycle(self.instance.pk, prerequisite.pk):
                self.add_error("prerequisite", "This prerequisite would create a cycle.")
        return cleaned


def treeitem_label(item) -> str:
    """A tree item's name with its ancestors and process: "Gather feedback — Objective 2 — Process X"."""
    parts = [item.name or str(item.pk)]
    node = item
    for parent in ("objective", "phase", "coproductionprocess"):
        if hasattr(node, parent):
            node = getattr(node, parent)
            if node is None:
                break
            parts.append(node.name or str(node.pk))
    return " — ".join(parts)


#: select_related paths from each tree item model to its process.
PROCESS_PATH = {models.Phase: "coproductionprocess", models.Objective: "phase__coproductionprocess"}
PROCESS_PATH[models.Task] = "objective__phase__coproductionprocess"


class ProcessFilter(admin.SimpleListFilter):
    """Filter by process: lists the processes when there are few, else only the chosen one
    (open a process's phases, objectives or tasks from its change page, or search by its name)."""

    title = "process"
    parameter_name = "process"
    most = 30

    def lookups(self, request, model_admin):
        processes = models.CoproductionProcess.objects.order_by("name", "id").only("id", "name")
        listed = list(processes[: self.most + 1])
        if len(listed) > self.most:
            listed = list(processes.filter(pk=self.value())) if self._valid() else []
        return [(str(p.pk), p.name or str(p.pk)) for p in listed]

    def _valid(self) -> bool:
        try:
            uuid.UUID(str(self.value()))
        except ValueError:
            return False
        return True

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self._valid():
            return queryset.none()
        return queryset.filter(**{f"{PROCESS_PATH[queryset.model]}_id": self.value()})


class TreeItemForm(PrerequisiteForm):
    from_item = CatalogueIdField("treeitem", label="From schema item")
    from_schema = CatalogueIdField("schema", label="From schema")


class TreeItemAdmin(ModelAdmin):
    form = TreeItemForm
    list_filter = (ProcessFilter, "status")
    raw_id_fields = ("creator", "disabler")
    readonly_fields = ("type", "is_disabled_display", *TIMESTAMPS)
    ordering = ("name", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(PROCESS_PATH[self.model])

    def autocomplete_label(self, obj):
        return treeitem_label(obj)

    @admin.display(description="process")
    def process(self, obj):
        return treeitem_label(obj).split(" — ")[-1]

    @admin.display(description="disabled (itself or an ancestor)", boolean=True)
    def is_disabled_display(self, obj):
        return obj.is_disabled if obj.pk else False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("coproductionprocess", "phase", "objective"):
            path = PROCESS_PATH.get(db_field.related_model)
            if path:
                field.queryset = field.queryset.select_related(path)
            field.label_from_instance = treeitem_label
        return field

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "prerequisite" in form.cleaned_data and change:
            prerequisite = form.cleaned_data["prerequisite"]
            services.treeitem_set_prerequisite(item=obj, prerequisite_id=prerequisite.pk if prerequisite else None)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if isinstance(obj, models.Phase):
            for objective in obj.children.all():
                services.refresh_status_and_progress(objective)
                services.refresh_dates(objective)
            services.refresh_status_and_progress(obj)
            services.refresh_dates(obj)
            services.refresh_dates(obj.coproductionprocess)
        else:
            if isinstance(obj, models.Objective):
                services.refresh_status_and_progress(obj)
                services.refresh_dates(obj)
            services.refresh_ancestors(obj)


class ObjectiveInline(TabularInline):
    model = models.Objective
    fk_name = "phase"
    formset = PrerequisiteOrderedInlineFormSet
    fields = ("name", "status", "progress", "start_date", "end_date", "disabled_on")
    readonly_fields = ("status", "progress", "start_date", "end_date")
    extra = 0
    show_change_link = True


class TaskInline(TabularInline):
    model = models.Task
    fk_name = "objective"
    formset = PrerequisiteOrderedInlineFormSet
    fields = ("name", "status", "start_date", "end_date", "disabled_on")
    extra = 0
    show_change_link = True


class ExternalAssetForm(forms.ModelForm):
    externalinterlinker_id = CatalogueIdField("externalinterlinker", label="External interlinker")

    class Meta:
        model = models.ExternalAsset
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)


class InternalAssetForm(forms.ModelForm):
    softwareinterlinker_id = CatalogueIdField("softwareinterlinker", label="Software interlinker")
    knowledgeinterlinker_id = CatalogueIdField("knowledgeinterlinker", label="Knowledge interlinker")

    class Meta:
        model = models.InternalAsset
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)


class ExternalAssetInline(TabularInline):
    model = models.ExternalAsset
    form = ExternalAssetForm
    fk_name = "task"
    fields = ("name", "uri", "externalinterlinker_id", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


class InternalAssetInline(TabularInline):
    model = models.InternalAsset
    form = InternalAssetForm
    fk_name = "task"
    fields = ("softwareinterlinker_id", "knowledgeinterlinker_id", "external_asset_id", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


@admin.register(models.Phase)
class PhaseAdmin(TreeItemAdmin):
    list_display = ("name", "coproductionprocess", "status", "progress", "start_date", "end_date", "disabled_on")
    search_fields = ("name", "description", "=id", "coproductionprocess__name")
    autocomplete_fields = ("coproductionprocess",)
    readonly_fields = ("status", "progress", "start_date", "end_date", *TreeItemAdmin.readonly_fields)
    inlines = [ObjectiveInline]


@admin.register(models.Objective)
class ObjectiveAdmin(TreeItemAdmin):
    list_display = ("name", "phase", "process", "status", "progress", "start_date", "end_date", "disabled_on")
    search_fields = ("name", "description", "=id", "phase__name", "phase__coproductionprocess__name")
    autocomplete_fields = ("phase",)
    readonly_fields = ("status", "progress", "start_date", "end_date", *TreeItemAdmin.readonly_fields)
    inlines = [TaskInline]


class TaskForm(TreeItemForm):
    problemprofiles = CatalogueIdsField("problemprofile", label="Problem profiles")


@admin.register(models.Task)
class TaskAdmin(TreeItemAdmin):
    form = TaskForm
    list_display = ("name", "objective_name", "phase_name", "process", "status", "start_date", "end_date")
    search_fields = ("name", "description", "=id", "objective__name", "objective__phase__coproductionprocess__name")
    autocomplete_fields = ("objective",)
    inlines = [InternalAssetInline, ExternalAssetInline]

    @admin.display(description="objective", ordering="objective__name")
    def objective_name(self, obj):
        return obj.objective.name if obj.objective else "–"

    @admin.display(description="phase", ordering="objective__phase__name")
    def phase_name(self, obj):
        return obj.objective.phase.name if obj.objective and obj.objective.phase else "–"


@admin.register(models.TreeItem)
class TreeItemRootAdmin(ModelAdmin):
    """Read-only view of every tree item (edit through Phase / Objective / Task)."""

    list_display = ("name", "type", "status", "disabled_on", "created_at")
    list_filter = ("type", "status")
    search_fields = ("name", "=id")
    ordering = ("name", "id")
    raw_id_fields = ("creator", "disabler")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Permissions ----------------------------------------------------------------------------------


@admin.register(models.Permission)
class PermissionAdmin(ModelAdmin):
    list_display = (
        "team",
        "coproductionprocess",
        "scope",
        "access_assets_permission",
        "create_assets_permission",
        "delete_assets_permission",
        "created_at",
    )
    list_filter = ("access_assets_permission", "create_assets_permission", "delete_assets_permission")
    search_fields = ("team__name", "coproductionprocess__name", "treeitem__name")
    autocomplete_fields = ("team", "coproductionprocess")
    raw_id_fields = ("treeitem", "user", "creator")
    readonly_fields = TIMESTAMPS
    list_select_related = ("team", "coproductionprocess", "treeitem")

    @admin.display(description="on")
    def scope(self, obj):
        if obj.treeitem_id is None:
            return "whole process"
        return format_html("{} <small>({})</small>", obj.treeitem.name, obj.treeitem.type)


# Assets, assignments, claims ------------------------------------------------------------------


@admin.register(models.Asset)
class AssetAdmin(ModelAdmin):
    list_display = ("id", "type", "task", "coproductionprocess", "created_at")
    list_filter = ("type",)
    search_fields = ("=id", "task__name", "coproductionprocess__name")
    list_select_related = ("task", "coproductionprocess")
    readonly_fields = ("type", "objective", "phase", "coproductionprocess", *TIMESTAMPS)
    raw_id_fields = ("task", "creator")


@admin.register(models.InternalAsset)
class InternalAssetAdmin(ModelAdmin):
    form = InternalAssetForm
    list_display = (
        "id",
        "task",
        "coproductionprocess",
        "softwareinterlinker_id",
        "knowledgeinterlinker_id",
        "created_at",
    )
    search_fields = ("=id", "external_asset_id", "task__name", "coproductionprocess__name")
    list_select_related = ("task", "coproductionprocess")
    raw_id_fields = ("task", "creator")
    readonly_fields = ("type", "objective", "phase", "coproductionprocess", *TIMESTAMPS)


@admin.register(models.ExternalAsset)
class ExternalAssetAdmin(ModelAdmin):
    form = ExternalAssetForm
    list_display = ("name", "uri", "task", "coproductionprocess", "created_at")
    search_fields = ("name", "uri", "=id", "task__name", "coproductionprocess__name")
    list_select_related = ("task", "coproductionprocess")
    raw_id_fields = ("task", "creator")
    readonly_fields = ("type", "objective", "phase", "coproductionprocess", *TIMESTAMPS)


class ClaimInline(TabularInline):
    model = models.Claim
    fk_name = "assignment"
    fields = ("user", "title", "state", "claim_type")
    raw_id_fields = ("user",)
    extra = 0


@admin.register(models.Assignment)
class AssignmentAdmin(ModelAdmin):
    list_display = ("title", "user", "asset", "state", "created_at")
    list_select_related = ("user", "asset")
    list_filter = ("state",)
    search_fields = ("title", "user__full_name", "user__email")
    raw_id_fields = ("user", "asset", "task", "coproductionprocess")
    readonly_fields = TIMESTAMPS
    inlines = [ClaimInline]


@admin.register(models.Claim)
class ClaimAdmin(ModelAdmin):
    list_display = ("title", "user", "asset", "state", "claim_type", "created_at")
    list_select_related = ("user", "asset")
    list_filter = ("state", "claim_type")
    search_fields = ("title", "user__full_name", "user__email")
    raw_id_fields = ("user", "asset", "task", "coproductionprocess", "assignment")
    readonly_fields = TIMESTAMPS


# Notifications, requests, stories, tags, ratings -----------------------------------------------


@admin.register(models.Notification)
class NotificationAdmin(ModelAdmin):
    list_display = ("event", "language", "title", "icon")
    list_filter = ("language",)
    search_fields = ("event", "title", "text")
    readonly_fields = TIMESTAMPS


@admin.register(models.UserNotification)
class UserNotificationAdmin(ModelAdmin):
    list_display = ("notification", "user", "state", "is_archived", "coproductionprocess_id", "created_at")
    list_filter = ("state", "is_archived", "channel", "notification__event")
    search_fields = ("notification__event", "user__full_name", "user__email", "user__id")
    raw_id_fields = ("user", "notification", "coproductionprocess")
    readonly_fields = TIMESTAMPS
    list_select_related = ("notification", "user")


@admin.register(models.CoproductionProcessNotification)
class CoproductionProcessNotificationAdmin(ModelAdmin):
    list_display = ("notification", "coproductionprocess", "user", "claim_type", "created_at")
    list_filter = ("notification__event", "claim_type")
    search_fields = ("notification__event", "coproductionprocess__name", "user__full_name", "user__email")
    raw_id_fields = ("coproductionprocess", "notification", "user")
    readonly_fields = TIMESTAMPS
    list_select_related = ("notification", "coproductionprocess", "user")


@admin.register(models.ParticipationRequest)
class ParticipationRequestAdmin(ModelAdmin):
    list_display = ("candidate", "coproductionprocess", "is_archived", "created_at")
    list_filter = ("is_archived",)
    search_fields = ("candidate__full_name", "candidate__email", "razon", "coproductionprocess__name")
    raw_id_fields = ("candidate", "coproductionprocess")
    list_select_related = ("candidate", "coproductionprocess")
    readonly_fields = TIMESTAMPS


class StoryForm(ThroughFieldsForm):
    through_fields = {"keyword_list": (models.StoryKeyword, "story", "keyword")}
    keyword_list = multi_select(
        models.Keyword.objects.order_by("name", "id"), "Keywords", models.StoryKeyword, "keyword"
    )
    data_story = forms.JSONField(
        required=False,
        label="Story content (JSON)",
        encoder=None,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100, "style": "font-family: monospace"}),
        help_text="The story as upstream stores it: an object with title, description and sections.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.initial.get("data_story")
        if isinstance(value, (dict, list)):
            self.initial["data_story"] = json.dumps(value, indent=2, ensure_ascii=False)

    class Meta:
        model = models.Story
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)


@admin.register(models.Story)
class StoryAdmin(ThroughFieldsAdmin):
    form = StoryForm
    list_display = ("__str__", "coproductionprocess", "state", "rating", "ratings_count", "published_date")
    list_select_related = ("coproductionprocess",)
    list_filter = ("state",)
    search_fields = ("data_story__title", "coproductionprocess__name")
    raw_id_fields = ("coproductionprocess", "coproductionprocess_cloneforpub", "user")
    readonly_fields = ("rating", "ratings_count", *TIMESTAMPS)


@admin.register(models.Tag)
class TagAdmin(ModelAdmin):
    list_display = ("name", "description")
    search_fields = ("name",)
    readonly_fields = TIMESTAMPS


@admin.register(models.Keyword)
class KeywordAdmin(ModelAdmin):
    list_display = ("name", "description")
    search_fields = ("name",)
    readonly_fields = TIMESTAMPS


@admin.register(models.Rating)
class RatingAdmin(ModelAdmin):
    list_display = ("artefact_type", "artefact_id", "value", "user_id", "created_at")
    list_filter = ("artefact_type", "value")
    search_fields = ("artefact_id", "user_id", "title")
    readonly_fields = TIMESTAMPS

    def save_model(self, request, obj, form, change):
        services.rating_save(rating=obj)

    def delete_model(self, request, obj):
        services.rating_delete(rating=obj)


@admin.register(models.ActivityLog)
class ActivityLogAdmin(ModelAdmin):
    """The activity log (what upstream sends to its logging service): read only."""

    list_display = ("timestamp", "action", "model", "object_id", "user_id", "coproductionprocess_id")
    list_filter = ("action", "model")
    search_fields = ("=object_id", "=user_id", "action")
    date_hierarchy = "timestamp"
    ordering = ("-timestamp", "-id")
    readonly_fields = (
        "id",
        "timestamp",
        "service",
        "action",
        "model",
        "object_id",
        "user_id",
        "coproductionprocess_id",
        "data",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
