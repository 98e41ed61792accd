"""Each app reaches its own database; a configured replica takes the domain's reads."""

from django.apps import apps
from django.conf import settings

from config.routers import DomainRouter

router = DomainRouter()


def test_each_domain_reads_and_writes_its_own_database():
    for label in ("catalogue", "coproduction", "medsync", "matar"):
        for model in apps.get_app_config(label).get_models():
            assert router.db_for_write(model) == label
            assert router.db_for_read(model) == label
    assert router.db_for_read(apps.get_model("accounts", "Item")) == "default"
    assert router.allow_migrate("medsync", "medsync") and not router.allow_migrate("default", "medsync")


def test_a_configured_replica_takes_reads_but_not_writes(monkeypatch):
    monkeypatch.setitem(settings.DATABASES, "medsync_replica", settings.DATABASES["medsync"])
    doctor = apps.get_model("medsync", "Doctor")
    assert router.db_for_read(doctor) == "medsync_replica"
    assert router.db_for_write(doctor) == "medsync"
    assert not router.allow_migrate("medsync_replica", "medsync")
    assert router.db_for_read(apps.get_model("accounts", "Item")) == "default"
