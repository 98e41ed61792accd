"""Pickers for catalogue ids stored in co-production columns (another database, no foreign key).

The widget is the admin's own select2 autocomplete, fed by a view of the process admin that
searches the catalogue database (``coproduction.catalogue.catalogue_search``); the form field
refuses an id the catalogue does not have.
"""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse

from common.exceptions import APIError
from coproduction import catalogue

PAGE = 20
URL_NAME = "coproduction_catalogue_picker"

_LABELS = {
    "schema": "co-production schema",
    "treeitem": "schema tree item",
    "softwareinterlinker": "software interlinker",
    "knowledgeinterlinker": "knowledge interlinker",
    "externalinterlinker": "external interlinker",
    "problemprofile": "problem profile",
}


def _labels(kind: str, values) -> dict[str, str]:
    try:
        return catalogue.catalogue_labels(kind, values)
    except APIError:
        return {}


class CataloguePickerMixin:
    kind: str

    @property
    def media(self):
        suffix = "" if settings.DEBUG else ".min"
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{suffix}.js",
                f"admin/js/vendor/select2/select2.full{suffix}.js",
                "admin/js/jquery.init.js",
                "admin/js/autocomplete.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{suffix}.css", "admin/css/autocomplete.css")},
        )

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs.setdefault("class", "")
        attrs.update(
            {
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-ajax--url": reverse(f"admin:{URL_NAME}", kwargs={"kind": self.kind}),
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "false" if self.is_required else "true",
                "data-placeholder": f"Search the catalogue's {_LABELS[self.kind]}s",
                "lang": "en",
                "class": attrs["class"] + (" " if attrs["class"] else "") + "admin-autocomplete",
            }
        )
        return attrs

    def optgroups(self, name, value, attrs=None):
        selected = [str(v) for v in value if v not in (None, "")]
        labels = _labels(self.kind, selected)
        groups = [] if self.allow_multiple_selected else [(None, [self.create_option(name, "", "", False, 0)], 0)]
        for index, item in enumerate(selected, start=1):
            label = labels.get(item, f"{item} (not in the catalogue)")
            groups.append((None, [self.create_option(name, item, label, True, index)], index))
        return groups


class CataloguePicker(CataloguePickerMixin, forms.Select):
    def __init__(self, kind: str, attrs=None):
        self.kind = kind
        super().__init__(attrs=attrs)


class CatalogueMultiPicker(CataloguePickerMixin, forms.SelectMultiple):
    def __init__(self, kind: str, attrs=None):
        self.kind = kind
        super().__init__(attrs=attrs)


def _check_exist(kind: str, values: list[str]) -> None:
    try:
        found = catalogue.catalogue_labels(kind, values)
    except APIError as error:
        raise forms.ValidationError(error.detail) from None
    missing = [v for v in values if v not in found]
    if missing:
        raise forms.ValidationError(f"Not a {_LABELS[kind]} of the catalogue: {', '.join(missing)}.")


class CatalogueIdField(forms.Field):
    """One catalogue id (a UUID except for problem profiles), checked against the catalogue."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", CataloguePicker(kind))
        super().__init__(**kwargs)
        self.widget.is_required = self.required

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.kind == "problemprofile":
            return str(value)
        try:
            return uuid.UUID(str(value))
        except ValueError:
            raise forms.ValidationError(f"Not a {_LABELS[self.kind]} id: {value}") from None

    def validate(self, value):
        super().validate(value)
        if value is not None:
            _check_exist(self.kind, [str(value)])

    def has_changed(self, initial, data):
        return str(initial or "") != str(data or "")


class CatalogueIdsField(forms.Field):
    """Several catalogue ids (an array column), each checked against the catalogue."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", CatalogueMultiPicker(kind))
        super().__init__(**kwargs)
        self.widget.is_required = self.required

    def to_python(self, value):
        return [str(v) for v in (value or []) if v]

    def validate(self, value):
        super().validate(value)
        if value:
            _check_exist(self.kind, value)

    def has_changed(self, initial, data):
        return sorted(map(str, initial or [])) != sorted(map(str, data or []))


def picker_view(request, kind: str):
    """select2's JSON: ``{results: [{id, text}], pagination: {more}}``."""
    if kind not in catalogue.PICKER_KINDS:
        return JsonResponse({"error": f"Unknown catalogue picker: {kind}"}, status=404)
    try:
        page = max(int(request.GET.get("page") or 1), 1)
    except ValueError:
        return JsonResponse({"error": "page must be a number"}, status=400)
    try:
        rows = catalogue.catalogue_search(
            kind, term=request.GET.get("term", ""), offset=(page - 1) * PAGE, limit=PAGE + 1
        )
    except APIError as error:
        return JsonResponse({"error": error.detail}, status=error.status_code)
    return JsonResponse({"results": rows[:PAGE], "pagination": {"more": len(rows) > PAGE}})
