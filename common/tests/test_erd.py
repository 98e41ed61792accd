"""The Mermaid ERDs: generated from the models, committed, checked, valid for the real parser."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from common.erd import diagram

ERD_DIR = Path(settings.BASE_DIR) / "docs" / "erd"
NODE_VALIDATOR = Path(settings.BASE_DIR) / "scripts" / "validate_mermaid.mjs"


def test_committed_diagrams_are_current():
    call_command("erd", "--check")


def test_a_stale_diagram_fails_the_check(tmp_path):
    call_command("erd", "accounts", "--output-dir", str(tmp_path))
    stale = tmp_path / "accounts.mmd"
    stale.write_text(stale.read_text().replace("string title", "string headline"))
    with pytest.raises(CommandError, match="Stale ERDs"):
        call_command("erd", "accounts", "--check", "--output-dir", str(tmp_path))


def test_generation_is_the_same_in_separate_processes(tmp_path):
    """Two fresh processes with different hash seeds (set and dict order) write identical files."""
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        result = subprocess.run(
            [sys.executable, "manage.py", "erd", "--output-dir", str(folder)],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        outputs.append({path.name: path.read_text() for path in sorted(folder.glob("*.mmd"))})
    assert set(outputs[0]) == {
        "accounts.mmd",
        "catalogue.mmd",
        "coproduction.mmd",
        "medsync.mmd",
        "matar.mmd",
        "interlink_auth.mmd",
    }
    assert outputs[0] == outputs[1]
    assert outputs[0]["accounts.mmd"] == (ERD_DIR / "accounts.mmd").read_text()


def test_accounts_diagram_has_the_published_erd_elements():
    text = diagram("accounts")
    assert 'USER ||--o{ ITEM : "owns items (RLS enforced)"' in text
    assert 'ITEM["ITEM \N{LOCK}"] {' in text
    assert 'uuid owner_id FK "NOT NULL, RLS"' in text
    assert 'string email UK "NOT NULL"' in text
    assert 'uuid id PK "NOT NULL"' in text
    assert "string hashed_password" in text
    assert 'datetime last_login "NULL"' in text


@pytest.mark.skipif(
    shutil.which("node") is None or not (Path(settings.BASE_DIR) / "node_modules" / "mermaid").exists(),
    reason="Node.js and `npm ci` are needed for the Mermaid parser (make install does it)",
)
def test_real_mermaid_parser_accepts_the_diagrams_and_rejects_broken_ones(tmp_path):
    files = sorted(str(p) for p in ERD_DIR.glob("*.mmd"))
    assert files
    ok = subprocess.run(["node", str(NODE_VALIDATOR), *files], capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert ok.returncode == 0, ok.stderr
    broken = tmp_path / "broken.mmd"
    broken.write_text(diagram("accounts").replace("||--o{", "||~~o{"))
    bad = subprocess.run(
        ["node", str(NODE_VALIDATOR), str(broken)], capture_output=True, text=True, cwd=settings.BASE_DIR
    )
    assert bad.returncode == 1 and "INVALID" in bad.stderr
