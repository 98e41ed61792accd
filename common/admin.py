"""What every admin of the project shares.

- The site: plain titles, "View site" goes to the API documentation.
- Autocompletes label a row with ``<ModelAdmin>.autocomplete_label(obj)`` when the admin
  defines it, so rows with the same name read apart ("Gather feedback — Objective 2 —
  Process X"); the admin's ``get_queryset`` loads what the label needs.
- Read-only columns the database fills in (``db_default``, e.g. ``created_at``) read
  "set when saved" on add pages and in the empty inline rows, never an object repr.
- ``required_fields`` on a ``ModelAdmin``: nullable columns a hand-typed row must fill.
- ``ModelAdmin`` / ``TabularInline`` / ``StackedInline``: Django's, with the above; every app's
  admin uses these.
"""

from __future__ import annotations

import re
from functools import cache

from django.contrib import admin
from django.contrib.admin.utils import display_for_field
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models.expressions import DatabaseDefault

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


class PlainLabelsMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and field.label:
            field.label = plain_label(field.label)
        return field


class ModelAdmin(RequiredFieldsMixin, PlainLabelsMixin, DbDefaultReadonlyMixin, admin.ModelAdmin):
    pass


class TabularInline(PlainLabelsMixin, DbDefaultReadonlyMixin, admin.TabularInline):
    pass


class StackedInline(PlainLabelsMixin, DbDefaultReadonlyMixin, admin.StackedInline):
    pass
