"""No admin form lists a growing table in a plain select: relations use autocomplete or raw-id widgets."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from accounts.tests.factories import UserFactory

#: Plain selects that stay small whatever the volume: the activity types (a fixed list), a
#: tree item's prerequisite (its siblings only) and a group's permissions (Django's own table).
SMALL = {("postactivity", "post_activity_type"), ("auth.group", "permissions")}
SMALL |= {(model, "prerequisite") for model in ("phase", "objective", "task")}


def _plain_selects(form_class, label):
    for name, field in form_class.base_fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # unwrap RelatedFieldWidgetWrapper
        if isinstance(field, forms.ModelChoiceField) and type(widget) in (forms.Select, forms.SelectMultiple):
            if (label, name) not in SMALL and (label.split(".")[-1], name) not in SMALL:
                yield f"{label}.{name} -> {field.queryset.model.__name__}"


@pytest.mark.django_db(databases=["default"])
def test_no_admin_form_lists_a_growing_table_in_a_plain_select():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True)
    found = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.model_name if model._meta.app_label != "auth" else f"auth.{model._meta.model_name}"
        found += _plain_selects(model_admin.get_form(request), label)
        for inline in model_admin.get_inline_instances(request):
            found += _plain_selects(inline.get_formset(request).form, f"{label} inline {inline.model._meta.model_name}")
    assert found == []
