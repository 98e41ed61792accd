"""The parity comparison itself: an unlisted difference fails, a listed one passes."""

import json

import pytest
from django.db import connections

from common import parity


@pytest.mark.django_db
def test_an_unlisted_difference_is_reported(tmp_path, monkeypatch):
    reference = json.loads((parity.REFERENCE_DIR / "template.json").read_text())
    reference["tables"]["item"]["columns"].append(
        {"name": "priority", "type": "integer", "nullable": False, "default": None, "identity": None, "generated": None}
    )
    (tmp_path / "template.json").write_text(json.dumps(reference))
    monkeypatch.setattr(parity, "REFERENCE_DIR", tmp_path)
    unexplained, unused = parity.compare("template", connections["default"].settings_dict)
    assert [d["text"] for d in unexplained] == ["column priority integer NOT NULL"]
    assert unused == []


def test_a_deviation_without_reason_is_refused(tmp_path):
    path = tmp_path / "deviations.toml"
    path.write_text('[[template.deviation]]\ntable = "item"\ntext = "x"\nreason = ""\n')
    with pytest.raises(ValueError, match="no reason"):
        parity.load_deviations("template", path)
