"""Admin for the co-production schema.

The eight association tables have composite primary keys, which Django 5.2's admin cannot
register or edit inline; they are edited as multi-select fields on their owners (processes:
administrators and tags; organisations: administrators; teams: members, administrators,
applicants; stories: keywords; tree items: prerequisite). Changes to tasks run the
status/progress and date rules (``coproduction.services``) in the admin's transaction.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db import transaction
from django.utils.html import format_html

from common.exceptions import APIError
from common.translations import SUPPORTED_LANGUAGES
from common.tree_order import PrerequisiteOrderedInlineFormSet
from coproduction import catalogue, services
from coproduction import models as m

TIMESTAMPS = ("created_at", "updated_at")


# Multi-select fields over through models ------------------------------------------------------


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


class ThroughFieldsAdmin(admin.ModelAdmin):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if isinstance(form, ThroughFieldsForm):
            form.save_through_fields()


def multi_select(queryset, label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=queryset, required=False, label=label, widget=FilteredSelectMultiple(label, is_stacked=False)
    )


USERS = m.User.objects.order_by("full_name", "id")


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


@admin.register(m.User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "id", "is_superuser", "agree_terms_of_use", "last_login")
    list_filter = ("is_superuser", "agree_terms_of_use")
    search_fields = ("full_name", "email", "id")
    readonly_fields = ("last_login", *TIMESTAMPS)


class TeamInline(admin.TabularInline):
    model = m.Team
    fields = ("name", "type", "description", "users_count")
    readonly_fields = ("users_count",)
    extra = 0
    show_change_link = True


class OrganizationForm(TranslationsForm):
    translated_fields = ("name", "description")
    through_fields = {"administrator_users": (m.OrganizationAdministrator, "organization", "user")}
    name_en = _text("Name (en)")
    name_es = _text("Name (es)")
    name_lv = _text("Name (lv)")
    name_it = _text("Name (it)")
    description_en = _text("Description (en)", area=True)
    description_es = _text("Description (es)", area=True)
    description_lv = _text("Description (lv)", area=True)
    description_it = _text("Description (it)", area=True)
    administrator_users = multi_select(USERS, "Administrators")

    class Meta:
        model = m.Organization
        exclude = ("name_translations", "description_translations")  # noqa: DJ006 (edited per language)


@admin.register(m.Organization)
class OrganizationAdmin(ThroughFieldsAdmin):
    form = OrganizationForm
    list_display = ("__str__", "default_team_type", "team_creation_permission", "public", "created_at")
    list_filter = ("public", "default_team_type", "team_creation_permission")
    search_fields = ("name_translations__en", "name_translations__es", "id")
    raw_id_fields = ("creator",)
    readonly_fields = TIMESTAMPS
    inlines = [TeamInline]


class TeamForm(ThroughFieldsForm):
    through_fields = {
        "member_users": (m.TeamMember, "team", "user"),
        "administrator_users": (m.TeamAdministrator, "team", "user"),
        "applicant_users": (m.TeamApply, "team", "user"),
    }
    member_users = multi_select(USERS, "Members")
    administrator_users = multi_select(USERS, "Administrators")
    applicant_users = multi_select(USERS, "Applicants")

    class Meta:
        model = m.Team
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)


@admin.register(m.Team)
class TeamAdmin(ThroughFieldsAdmin):
    form = TeamForm
    list_display = ("name", "type", "organization", "users_count", "created_at")
    list_filter = ("type",)
    search_fields = ("name", "description", "id")
    autocomplete_fields = ("organization",)
    raw_id_fields = ("creator",)
    readonly_fields = ("users_count", *TIMESTAMPS)


# Processes and tree -------------------------------------------------------------------------


class PhaseInline(admin.TabularInline):
    model = m.Phase
    fk_name = "coproductionprocess"
    formset = PrerequisiteOrderedInlineFormSet
    fields = ("name", "status", "progress", "start_date", "end_date", "disabled_on")
    readonly_fields = ("status", "progress", "start_date", "end_date", "disabled_on")
    extra = 0
    show_change_link = True


class PermissionInline(admin.TabularInline):
    model = m.Permission
    fk_name = "coproductionprocess"
    fields = ("team", "treeitem", "access_assets_permission", "create_assets_permission", "delete_assets_permission")
    raw_id_fields = ("team", "treeitem")
    extra = 0


class ProcessForm(ThroughFieldsForm):
    through_fields = {
        "administrator_users": (m.CoproductionProcessAdministrator, "coproductionprocess", "user"),
        "tag_list": (m.CoproductionProcessTag, "coproductionprocess", "tag"),
    }
    administrator_users = multi_select(USERS, "Administrators")
    tag_list = multi_select(m.Tag.objects.all(), "Tags")
    apply_schema_id = forms.TypedChoiceField(
        required=False,
        coerce=str,
        empty_value=None,
        label="Apply a catalogue schema",
        help_text="Builds phases, objectives and tasks from a co-production schema of the catalogue database, "
        "in the process language.",
    )
    apply_schema_json = forms.CharField(
        required=False,
        label="…or apply a schema body (JSON)",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Upstream's set_schema body: {id, children: [phases {children: [objectives {children: [tasks]}]}]}.",
    )

    class Meta:
        model = m.CoproductionProcess
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            choices = catalogue.schema_choices()
        except APIError:
            choices = []
        self.fields["apply_schema_id"].choices = [("", "—")] + choices

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


@admin.register(m.CoproductionProcess)
class CoproductionProcessAdmin(ThroughFieldsAdmin):
    form = ProcessForm
    list_display = ("name", "language", "status", "is_public", "organization", "start_date", "end_date", "created_at")
    list_filter = ("status", "language", "is_public", "is_part_of_publication")
    search_fields = ("name", "description", "id")
    autocomplete_fields = ("organization",)
    raw_id_fields = ("creator", "cloned_from")
    readonly_fields = ("rating", "ratings_count", "start_date", "end_date", *TIMESTAMPS)
    inlines = [PhaseInline, PermissionInline]

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
        queryset=m.TreeItem.objects.none(), required=False, help_text="At most one; no self-links or cycles."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        siblings = m.TreeItem.objects.none()
        instance = self.instance
        if not instance._state.adding:
            parent_filter = {
                m.Phase: {"as_phase__coproductionprocess_id": getattr(instance, "coproductionprocess_id", None)},
                m.Objective: {"as_objective__phase_id": getattr(instance, "phase_id", None)},
                m.Task: {"as_task__objective_id": getattr(instance, "objective_id", None)},
            }[type(instance)]
            siblings = m.TreeItem.objects.filter(**parent_filter).exclude(pk=instance.pk)
            self.initial["prerequisite"] = instance.prerequisites.values_list("pk", flat=True).first()
        self.fields["prerequisite"].queryset = siblings

    def clean(self):
        cleaned = super().clean()
        prerequisite = cleaned.get("prerequisite")
        if prerequisite is not None and not self.instance._state.adding:
            if services.creates_prerequisite_cycle(self.instance.pk, prerequisite.pk):
                self.add_error("prerequisite", "This prerequisite would create a cycle.")
        return cleaned


class TreeItemAdmin(admin.ModelAdmin):
    form = PrerequisiteForm
    search_fields = ("name", "description", "id")
    list_filter = ("status",)
    raw_id_fields = ("creator", "disabler")
    readonly_fields = ("type", "is_disabled_display", *TIMESTAMPS)

    @admin.display(description="disabled (itself or an ancestor)", boolean=True)
    def is_disabled_display(self, obj):
        return obj.is_disabled if obj.pk else False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "prerequisite" in form.cleaned_data and change:
            prerequisite = form.cleaned_data["prerequisite"]
            services.treeitem_set_prerequisite(item=obj, prerequisite_id=prerequisite.pk if prerequisite else None)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if isinstance(obj, m.Phase):
            for objective in obj.children.all():
                services.refresh_status_and_progress(objective)
                services.refresh_dates(objective)
            services.refresh_status_and_progress(obj)
            services.refresh_dates(obj)
            services.refresh_dates(obj.coproductionprocess)
        else:
            if isinstance(obj, m.Objective):
                services.refresh_status_and_progress(obj)
                services.refresh_dates(obj)
            services.refresh_ancestors(obj)


class ObjectiveInline(admin.TabularInline):
    model = m.Objective
    fk_name = "phase"
    formset = PrerequisiteOrderedInlineFormSet
    fields = ("name", "status", "progress", "start_date", "end_date", "disabled_on")
    readonly_fields = ("status", "progress", "start_date", "end_date")
    extra = 0
    show_change_link = True


class TaskInline(admin.TabularInline):
    model = m.Task
    fk_name = "objective"
    formset = PrerequisiteOrderedInlineFormSet
    fields = ("name", "status", "start_date", "end_date", "disabled_on")
    extra = 0
    show_change_link = True


class ExternalAssetInline(admin.TabularInline):
    model = m.ExternalAsset
    fk_name = "task"
    fields = ("name", "uri", "externalinterlinker_id", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


class InternalAssetInline(admin.TabularInline):
    model = m.InternalAsset
    fk_name = "task"
    fields = ("softwareinterlinker_id", "knowledgeinterlinker_id", "external_asset_id", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


@admin.register(m.Phase)
class PhaseAdmin(TreeItemAdmin):
    list_display = ("name", "coproductionprocess", "status", "progress", "start_date", "end_date", "disabled_on")
    autocomplete_fields = ("coproductionprocess",)
    readonly_fields = ("status", "progress", "start_date", "end_date", *TreeItemAdmin.readonly_fields)
    inlines = [ObjectiveInline]


@admin.register(m.Objective)
class ObjectiveAdmin(TreeItemAdmin):
    list_display = ("name", "phase", "status", "progress", "start_date", "end_date", "disabled_on")
    autocomplete_fields = ("phase",)
    readonly_fields = ("status", "progress", "start_date", "end_date", *TreeItemAdmin.readonly_fields)
    inlines = [TaskInline]


@admin.register(m.Task)
class TaskAdmin(TreeItemAdmin):
    list_display = ("name", "objective", "status", "start_date", "end_date", "disabled_on")
    autocomplete_fields = ("objective",)
    inlines = [InternalAssetInline, ExternalAssetInline]


@admin.register(m.TreeItem)
class TreeItemRootAdmin(admin.ModelAdmin):
    """Read-only view of every tree item (edit through Phase / Objective / Task)."""

    list_display = ("name", "type", "status", "disabled_on", "created_at")
    list_filter = ("type", "status")
    search_fields = ("name", "id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Permissions ----------------------------------------------------------------------------------


@admin.register(m.Permission)
class PermissionAdmin(admin.ModelAdmin):
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


@admin.register(m.Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ("id", "type", "task", "coproductionprocess_id", "created_at")
    list_filter = ("type",)
    search_fields = ("id",)
    readonly_fields = ("type", "objective", "phase", "coproductionprocess", *TIMESTAMPS)
    raw_id_fields = ("task", "creator")


@admin.register(m.InternalAsset)
class InternalAssetAdmin(admin.ModelAdmin):
    list_display = ("id", "task", "softwareinterlinker_id", "external_asset_id", "created_at")
    search_fields = ("id", "external_asset_id")
    raw_id_fields = ("task", "creator")
    readonly_fields = ("type", "objective", "phase", "coproductionprocess", *TIMESTAMPS)


@admin.register(m.ExternalAsset)
class ExternalAssetAdmin(admin.ModelAdmin):
    list_display = ("name", "uri", "task", "created_at")
    search_fields = ("name", "uri", "id")
    raw_id_fields = ("task", "creator")
    readonly_fields = ("type", "objective", "phase", "coproductionprocess", *TIMESTAMPS)


class ClaimInline(admin.TabularInline):
    model = m.Claim
    fk_name = "assignment"
    fields = ("user", "title", "state", "claim_type")
    raw_id_fields = ("user",)
    extra = 0


@admin.register(m.Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "asset", "state", "created_at")
    list_filter = ("state",)
    search_fields = ("title", "user__full_name", "user__email")
    raw_id_fields = ("user", "asset", "task", "coproductionprocess")
    readonly_fields = TIMESTAMPS
    inlines = [ClaimInline]


@admin.register(m.Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "asset", "state", "claim_type", "created_at")
    list_filter = ("state", "claim_type")
    search_fields = ("title", "user__full_name", "user__email")
    raw_id_fields = ("user", "asset", "task", "coproductionprocess", "assignment")
    readonly_fields = TIMESTAMPS


# Notifications, requests, stories, tags, ratings -----------------------------------------------


@admin.register(m.Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("event", "language", "title", "icon")
    list_filter = ("language",)
    search_fields = ("event", "title", "text")
    readonly_fields = TIMESTAMPS


@admin.register(m.UserNotification)
class UserNotificationAdmin(admin.ModelAdmin):
    list_display = ("notification", "user", "state", "is_archived", "coproductionprocess_id", "created_at")
    list_filter = ("state", "is_archived", "channel", "notification__event")
    search_fields = ("notification__event", "user__full_name", "user__email", "user__id")
    raw_id_fields = ("user", "notification", "coproductionprocess")
    readonly_fields = TIMESTAMPS
    list_select_related = ("notification", "user")


@admin.register(m.CoproductionProcessNotification)
class CoproductionProcessNotificationAdmin(admin.ModelAdmin):
    list_display = ("notification", "coproductionprocess", "user", "claim_type", "created_at")
    list_filter = ("notification__event", "claim_type")
    search_fields = ("notification__event", "coproductionprocess__name", "user__full_name", "user__email")
    raw_id_fields = ("coproductionprocess", "notification", "user")
    readonly_fields = TIMESTAMPS
    list_select_related = ("notification", "coproductionprocess", "user")


@admin.register(m.ParticipationRequest)
class ParticipationRequestAdmin(admin.ModelAdmin):
    list_display = ("candidate", "coproductionprocess", "is_archived", "created_at")
    list_filter = ("is_archived",)
    search_fields = ("candidate__full_name", "candidate__email", "razon")
    raw_id_fields = ("candidate", "coproductionprocess")
    readonly_fields = TIMESTAMPS


class StoryForm(ThroughFieldsForm):
    through_fields = {"keyword_list": (m.StoryKeyword, "story", "keyword")}
    keyword_list = multi_select(m.Keyword.objects.all(), "Keywords")

    class Meta:
        model = m.Story
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)


@admin.register(m.Story)
class StoryAdmin(ThroughFieldsAdmin):
    form = StoryForm
    list_display = ("__str__", "coproductionprocess", "state", "rating", "ratings_count", "published_date")
    list_filter = ("state",)
    search_fields = ("data_story__title", "coproductionprocess__name")
    raw_id_fields = ("coproductionprocess", "coproductionprocess_cloneforpub", "user")
    readonly_fields = ("rating", "ratings_count", *TIMESTAMPS)


@admin.register(m.Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "description")
    search_fields = ("name",)
    readonly_fields = TIMESTAMPS


@admin.register(m.Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ("name", "description")
    search_fields = ("name",)
    readonly_fields = TIMESTAMPS


@admin.register(m.Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("artefact_type", "artefact_id", "value", "user_id", "created_at")
    list_filter = ("artefact_type", "value")
    search_fields = ("artefact_id", "user_id", "title")
    readonly_fields = TIMESTAMPS

    def save_model(self, request, obj, form, change):
        services.rating_save(rating=obj)

    def delete_model(self, request, obj):
        services.rating_delete(rating=obj)
