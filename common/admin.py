"""What every admin of the project shares.

- The site: plain titles, "View site" goes to the API documentation.
- Autocompletes label a row with ``<ModelAdmin>.autocomplete_label(obj)`` when the admin
  defines it, so rows with the same name read apart ("Gather feedback — Objective 2 —
  Process X"); the admin's ``get_queryset`` loads what the label needs.
- Read-only columns the database fills in (``db_default``, e.g. ``created_at``) read
  "set when saved" on add pages and in the empty inline rows, never an object repr.
- ``required_fields`` on a ``ModelAdmin``: nullable columns a hand-typed row must fill.
- File columns (``UploadsMixin`` + ``with_uploads``): an upload input beside the path; the
  file is stored through Django's storage and the column gets upstream's path string.
- ``ModelAdmin`` / ``TabularInline`` / ``StackedInline``: Django's, with the above; every app's
  admin uses these.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import display_for_field
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.files.storage import default_storage
from django.core.validators import FileExtensionValidator
from django.db.models.expressions import DatabaseDefault
from django.utils.html import format_html
from django.utils.translation import get_language_info

SET_WHEN_SAVED = "set when saved"

admin.site.site_header = "Upstream schemas: data entry"
admin.site.site_title = "Upstream schemas admin"
admin.site.index_title = "Data entry"
admin.site.site_url = "/api/docs/"


class ContextAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


def _autocomplete_view(request):
    return ContextAutocompleteJsonView.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = _autocomplete_view


@cache
def _db_default_display(model, name: str):
    field = model._meta.get_field(name)

    @admin.display(description=field.verbose_name)
    def show(obj):
        value = getattr(obj, name, None) if obj is not None else None
        if obj is None or obj.pk is None or isinstance(value, DatabaseDefault):
            return SET_WHEN_SAVED
        return display_for_field(value, field, "–")

    show.__name__ = name
    show.db_default_of = name
    return show


def _db_default_names(model) -> set[str]:
    return {field.name for field in model._meta.concrete_fields if field.has_db_default()}


def _swap(model, names, db_defaults: set[str]):
    return tuple(
        _db_default_display(model, name) if isinstance(name, str) and name in db_defaults else name for name in names
    )


class DbDefaultReadonlyMixin:
    """Shows read-only ``db_default`` columns through a display that knows an unsaved row."""

    def get_readonly_fields(self, request, obj=None):
        return _swap(self.model, super().get_readonly_fields(request, obj), _db_default_names(self.model))

    def get_fieldsets(self, request, obj=None):
        db_defaults = {
            name.db_default_of for name in self.get_readonly_fields(request, obj) if hasattr(name, "db_default_of")
        }
        fieldsets = super().get_fieldsets(request, obj)
        if not db_defaults:
            return fieldsets
        swapped = []
        for title, options in fieldsets:
            fields = [
                _swap(self.model, line, db_defaults)
                if isinstance(line, (list, tuple))
                else _swap(self.model, (line,), db_defaults)[0]
                for line in options.get("fields", ())
            ]
            swapped.append((title, {**options, "fields": fields}))
        return swapped


class RequiredFieldsMixin:
    """``required_fields``: columns upstream leaves nullable that a row typed in by hand must
    have, so an empty add form gives errors instead of an empty row."""

    required_fields: tuple[str, ...] = ()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        for name in self.required_fields:
            if name in form.base_fields:
                form.base_fields[name].required = True
        return form


#: Upstream's run-together column names, as words (labels only; the columns keep their names).
PLAIN_WORDS = {
    "coproductionprocess": "co-production process",
    "coproductionprocesses": "co-production processes",
    "coproductionschema": "co-production schema",
    "softwareinterlinker": "software interlinker",
    "knowledgeinterlinker": "knowledge interlinker",
    "externalinterlinker": "external interlinker",
    "treeitem": "tree item",
    "problemprofiles": "problem profiles",
    "cloneforpub": "clone for publication",
}
_WORDS = re.compile(r"[A-Za-z]+")


def plain_label(label: str) -> str:
    text = _WORDS.sub(lambda match: PLAIN_WORDS.get(match.group(0).lower(), match.group(0)), str(label))
    return text[:1].upper() + text[1:]


def _language_choice(value, label):
    """Upstream's language codes read as names ("En" → "English (en)"), other choices as they are."""
    if not (isinstance(value, str) and value and str(label) == value.capitalize()):
        return (value, label)
    try:
        return (value, f"{get_language_info(value)['name']} ({value})")
    except KeyError:
        return (value, label)


class PlainLabelsMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and field.label:
            field.label = plain_label(field.label)
        if field is not None and "language" in db_field.name and isinstance(field, forms.TypedChoiceField):
            field.choices = [_language_choice(value, label) for value, label in field.choices]
        return field


class ModelAdmin(RequiredFieldsMixin, PlainLabelsMixin, DbDefaultReadonlyMixin, admin.ModelAdmin):
    pass


class TabularInline(PlainLabelsMixin, DbDefaultReadonlyMixin, admin.TabularInline):
    pass


class StackedInline(PlainLabelsMixin, DbDefaultReadonlyMixin, admin.StackedInline):
    pass


# File columns: an upload beside the stored path ---------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


@dataclass(frozen=True)
class Upload:
    """How a file column of upstream's is filled from the admin.

    ``folder(obj)`` is the storage folder, ``name(obj, upload)`` the storage name (default:
    ``<folder>/<file name>``), ``check(upload)`` raises ``forms.ValidationError`` on content the
    API would refuse, ``column(request, stored_name)`` is what the column holds (default: the
    storage name, as upstream stores it), ``multiple`` appends to an array column.
    """

    folder: Callable
    extensions: tuple[str, ...]
    check: Callable | None = None
    name: Callable | None = None
    column: Callable | None = None
    multiple: bool = False


def upload_field_name(column: str) -> str:
    return f"{column}_upload"


def with_uploads(form_class, uploads: dict[str, Upload]):
    """``form_class`` plus one file input per column of ``uploads`` (``<column>_upload``)."""
    attrs: dict = {}
    for column, spec in uploads.items():
        validators = [FileExtensionValidator(list(spec.extensions))]
        field_class = MultipleFileField if spec.multiple else forms.FileField
        attrs[upload_field_name(column)] = field_class(
            required=False,
            validators=validators,
            label=f"Upload {column.replace('_', ' ')}" + (" (adds to the list)" if spec.multiple else ""),
            help_text=f"Stored through the project's storage; the column gets its path. {', '.join(spec.extensions)}.",
        )

    def clean(self):
        cleaned = form_class.clean(self)
        for column, spec in uploads.items():
            files = cleaned.get(upload_field_name(column))
            for upload in (files if spec.multiple else [files]) if files else []:
                if spec.check is not None:
                    try:
                        spec.check(upload)
                    except forms.ValidationError as error:
                        self.add_error(upload_field_name(column), error)
        return cleaned

    attrs["clean"] = clean
    return type(form_class.__name__, (form_class,), attrs)


class UploadsMixin:
    """Stores the files of ``uploads`` (see :class:`Upload`) and writes their paths on save."""

    uploads: dict[str, Upload] = {}

    def save_model(self, request, obj, form, change):
        for column, spec in self.uploads.items():
            files = form.cleaned_data.get(upload_field_name(column))
            if not files:
                continue
            names = []
            for upload in files if spec.multiple else [files]:
                wanted = spec.name(obj, upload) if spec.name else f"{spec.folder(obj)}/{upload.name}"
                stored = default_storage.save(wanted, upload)
                names.append(spec.column(request, stored) if spec.column else stored)
            if spec.multiple:
                setattr(obj, column, [*(getattr(obj, column) or []), *names])
            else:
                setattr(obj, column, names[0])
        super().save_model(request, obj, form, change)


def ratings_summary_html(counts: dict[int, int], url: str):
    """``{stars: how many}`` as one line with a link to the filtered rating list.

    Used instead of an inline of every rating, which grows without bound (a doctor with 208
    ratings, an artefact rated by a whole pilot).
    """
    total = sum(counts.values())
    if not total:
        return format_html('none yet (<a href="{}">ratings</a>)', url)
    average = sum(star * n for star, n in counts.items()) / total
    stars = ", ".join(f"{star}★ {counts[star]}" for star in sorted(counts, reverse=True))
    return format_html(
        '{} ratings, average {} ({}) — <a href="{}">see the ratings</a>', total, f"{average:.2f}", stars, url
    )
