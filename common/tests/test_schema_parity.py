"""Each app's migrated database against its upstream reference snapshot.

An app takes part by naming its reference in its AppConfig (``parity_reference``); its
deviations are listed, with reasons, in docs/schema-deviations.toml.
"""

import pytest
from django.apps import apps
from django.db import connections, router

from common.parity import compare, load_deviations

PARITY_APPS = [config for config in apps.get_app_configs() if getattr(config, "parity_reference", None)]


def _alias(app_config) -> str:
    model = next(iter(app_config.get_models()))
    return router.db_for_write(model)


@pytest.mark.django_db(databases="__all__")
@pytest.mark.parametrize("app_config", PARITY_APPS, ids=lambda config: config.label)
def test_migrated_schema_matches_upstream_reference(app_config):
    options = getattr(app_config, "parity_options", {})
    unexplained, unused = compare(app_config.parity_reference, connections[_alias(app_config)].settings_dict, **options)
    lines = [f"{d['sign']} [{d['table'] or 'database'}] {d['text']}" for d in unexplained]
    assert not lines, "Differences not listed in docs/schema-deviations.toml:\n" + "\n".join(lines)
    stale = [f"[{d.table}] {d.text or d.pattern}" for d in unused]
    assert not stale, "Deviations that no longer match a difference:\n" + "\n".join(stale)


def test_every_deviation_has_a_reason():
    for app_config in PARITY_APPS:
        for deviation in load_deviations(app_config.parity_reference):
            assert len(deviation.reason) > 20, deviation
