"""Demo data and notification templates load idempotently."""

import pytest
from django.core.management import call_command

from catalogue.models import CoproductionSchema
from coproduction import models

pytestmark = pytest.mark.django_db(databases=["default", "coproduction", "catalogue"])


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            models.Notification,
            models.CoproductionProcess,
            models.Team,
            models.Phase,
            models.Task,
            models.Asset,
            models.Story,
            models.Permission,
        )
    }


def test_demo_data_is_complete_and_idempotent():
    call_command("seed_accounts", stdout=open("/dev/null", "w"))
    call_command("catalogue_demo", stdout=open("/dev/null", "w"))
    call_command("seed_coproduction", stdout=open("/dev/null", "w"))
    first = _counts()
    call_command("seed_coproduction", stdout=open("/dev/null", "w"))
    assert _counts() == first
    assert models.Notification.objects.filter(language="en").count() == 18
    assert models.Notification.objects.filter(language="lv").count() == 17
    assert not models.Notification.objects.filter(event="assign_resource", language="es").exists()
    processes = models.CoproductionProcess.objects.filter(name__startswith="Demo: ")
    catalogue_schema = CoproductionSchema.objects.get()
    assert processes.count() == 2 and {p.schema_used for p in processes} == {catalogue_schema.pk}
    assert first["Story"] == 1 and first["Team"] == 2 and first["Asset"] >= 4
    process = processes.get(name="Demo: Green city mobility")
    assert process.permissions.filter(treeitem__isnull=True).exists()
    assert process.permissions.filter(treeitem__isnull=False).exists()
    assert models.Task.objects.filter(objective__phase__coproductionprocess=process, status="in_progress").exists()
