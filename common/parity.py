"""Schema parity: compare a migrated database with an upstream reference snapshot.

The references (``docs/reference-schemas/<name>.json``) are what PostgreSQL reported after
each upstream's own migrations. Every difference must be listed, with its reason, in
``docs/schema-deviations.toml``; anything else fails the parity test. Entries that no longer
match anything are reported too, so the file stays true.
"""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from common.schema_snapshot import diff_snapshots, take_snapshot

REFERENCE_DIR = Path(settings.BASE_DIR) / "docs" / "reference-schemas"
DEVIATIONS_FILE = Path(settings.BASE_DIR) / "docs" / "schema-deviations.toml"


@dataclass(frozen=True)
class Deviation:
    table: str  # glob over the table name; "" for database-level differences
    sign: str  # "-", "+", "~" or "*" for any
    text: str | None
    pattern: str | None
    reason: str

    def matches(self, difference: dict) -> bool:
        if self.sign != "*" and self.sign != difference["sign"]:
            return False
        if not fnmatch.fnmatchcase(difference["table"] or "", self.table):
            return False
        if self.text is not None:
            return difference["text"] == self.text
        return re.fullmatch(self.pattern, difference["text"]) is not None


def load_deviations(reference: str, path: Path = DEVIATIONS_FILE) -> list[Deviation]:
    data = tomllib.loads(path.read_text())
    entries = data.get(reference, {}).get("deviation", [])
    deviations = []
    for entry in entries:
        if not entry.get("reason", "").strip():
            raise ValueError(f"{path}: a [{reference}] deviation has no reason: {entry}")
        if ("text" in entry) == ("pattern" in entry):
            raise ValueError(f"{path}: a [{reference}] deviation needs exactly one of text or pattern: {entry}")
        deviations.append(
            Deviation(
                table=entry.get("table", "*"),
                sign=entry.get("sign", "*"),
                text=entry.get("text"),
                pattern=entry.get("pattern"),
                reason=entry["reason"],
            )
        )
    return deviations


def dsn_for(settings_dict: dict) -> str:
    parts = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict["USER"],
        "password": settings_dict.get("PASSWORD"),
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
    }
    return " ".join(f"{key}='{value}'" for key, value in parts.items() if value)


def compare(reference: str, settings_dict: dict, **diff_options) -> tuple[list[dict], list[Deviation]]:
    """(differences not explained by the deviations file, deviations that matched nothing)."""
    expected = json.loads((REFERENCE_DIR / f"{reference}.json").read_text())
    actual = take_snapshot(dsn_for(settings_dict))
    options = {"ignore_column_order": True, **diff_options}
    differences = diff_snapshots(expected, actual, **options)
    deviations = load_deviations(reference)
    unexplained = [d for d in differences if not any(dev.matches(d) for dev in deviations)]
    unused = [dev for dev in deviations if not any(dev.matches(d) for d in differences)]
    return unexplained, unused
