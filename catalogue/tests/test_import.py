"""``import_catalogue``: the real seed, the demo seed, re-runs, dry runs and broken inputs."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue import models
from catalogue.importer import SeedImporter
from catalogue.management.commands.catalogue_demo import DEMO_SEED
from common.testing import require_shared

pytestmark = pytest.mark.django_db(databases=["catalogue"])

REAL_SEED = settings.BASE_DIR.parent / "shared" / "data" / "catalogue-seed"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_catalogue", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


def stored_files(media: Path) -> list[str]:
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()) if media.exists() else []


def summary_row(output: str, kind: str) -> list[int]:
    line = next(line for line in output.splitlines() if line.startswith(kind))
    return [int(n) for n in line[len(kind) :].split()]


def database_counts() -> dict:
    return {
        "artefacts": models.Artefact.objects.count(),
        "profiles": models.ProblemProfile.objects.count(),
        "items": models.TreeItemMetadata.objects.count(),
        "prerequisites": models.TreeItemPrerequisite.objects.count(),
        "item profiles": models.TreeItemProblemProfile.objects.count(),
        "artefact profiles": models.ArtefactProblem.objects.count(),
    }


def test_real_seed_imports_with_upstream_counts_and_twice_without_duplicates(media, django_capture_on_commit_callbacks):
    require_shared(REAL_SEED)
    with django_capture_on_commit_callbacks(using="catalogue", execute=True):
        output = run(REAL_SEED)

    natures = dict(models.Interlinker.objects.order_by().values_list("nature").annotate(n=models.models.Count("*")))
    assert natures == {
        "softwareinterlinker": 5,
        "knowledgeinterlinker": 45,  # the seed's 46 less the one whose resource file is missing
        "externalsoftwareinterlinker": 15,
        "externalknowledgeinterlinker": 12,
    }
    types = dict(models.TreeItemMetadata.objects.order_by().values_list("type").annotate(n=models.models.Count("*")))
    assert types == {"phase": 14, "objective": 40, "task": 109}
    assert models.CoproductionSchema.objects.count() == 4
    assert database_counts() == {
        "artefacts": 81,
        "profiles": 45,
        "items": 163,
        "prerequisites": 105,
        "item profiles": 330,
        "artefact profiles": 307,  # 332 less the skipped interlinker's 25
    }
    assert "interlinkers/knowledge/Gamification-Collaborative-Environment/resource.pdf" in output
    assert "Missing files (1)" in output
    assert "Skipped items (1)" in output
    assert (
        "knowledge interlinker 'How to take advantage of gamification in the Collaborative Environment' "
        "(interlinkers/knowledge/Gamification-Collaborative-Environment): en resource file "
        "./interlinkers/knowledge/Gamification-Collaborative-Environment/resource.pdf is missing" in output
    )
    assert "Warnings (12)" in output
    files = stored_files(media)
    assert len([f for f in files if "/logotype" in f]) == 18
    assert len([f for f in files if "/snapshots/" in f]) == 102  # 104 less the skipped interlinker's 2
    assert len([f for f in files if "/resources/" in f]) == 48
    # every task's profiles are its own and its objective's
    default = models.CoproductionSchema.objects.get(name_translations__en="Default schema")
    phases = models.TreeItemMetadata.objects.filter(coproductionschema=default)
    assert (phases.count(), models.TreeItemMetadata.objects.filter(parent__in=phases).count()) == (4, 17)

    before = database_counts()
    with django_capture_on_commit_callbacks(using="catalogue", execute=True):
        second = run(REAL_SEED)
    assert database_counts() == before
    for kind in ("problem profiles", "schemas", "tree items", "knowledge interlinkers", "files"):
        created, updated, _unchanged, deleted = summary_row(second, kind)
        assert (created, updated, deleted) == (0, 0, 0), kind
    assert stored_files(media) == files


def test_demo_seed_imports_and_is_idempotent(media):
    call_command("catalogue_demo", stdout=StringIO())
    counts = database_counts()
    assert counts["artefacts"] == 9 and counts["profiles"] == 3 and counts["items"] == 11
    knowledge = models.KnowledgeInterlinker.objects.get(name_translations__en="Stakeholder canvas")
    assert knowledge.softwareinterlinker.service_name == "filebox"
    assert set(knowledge.genesis_asset_id_translations) == {"en", "es"}
    assert default_storage.exists(knowledge.genesis_asset_id_translations["es"])
    external = models.ExternalSoftwareInterlinker.objects.get(name_translations__en="Meeting planner")
    assert external.instructions_translations == {"en": "https://example.org/meetings/help"}
    software = models.SoftwareInterlinker.objects.get(service_name="sharednotes")
    assert software.instructions.startswith("# Shared notes")
    assert (software.instantiate, software.can_delete, software.download) == (True, True, False)
    files = stored_files(media)

    out = StringIO()
    call_command("catalogue_demo", stdout=out)
    assert database_counts() == counts
    assert summary_row(out.getvalue(), "tree items") == [0, 0, 11, 0]
    assert stored_files(media) == files
    task = models.TreeItemMetadata.objects.get(name_translations__en="Summarise the answers")
    assert set(task.problemprofiles.values_list("id", flat=True)) == {"DEMO_PROBLEM_3"}
    assert list(task.prerequisites.values_list("name_translations__en", flat=True)) == ["Run a survey"]
    pilot_task = models.TreeItemMetadata.objects.get(name_translations__en="Write the pilot plan")
    assert set(pilot_task.problemprofiles.values_list("id", flat=True)) == {"DEMO_PROBLEM_2", "DEMO_PROBLEM_3"}


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    target = tmp_path / "seed"
    shutil.copytree(DEMO_SEED, target)
    return target


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_changes_in_the_folder_update_rows_delete_missing_items_and_replace_files(
    seed_copy, media, django_capture_on_commit_callbacks
):
    run(seed_copy)
    logo = models.SoftwareInterlinker.objects.get(service_name="sharednotes").logotype
    assert logo == "/static/shared-notes/logotype.png"
    phase_file = seed_copy / "schemas/neighbourhood/phases/try.json"
    edit_json(phase_file, lambda d: d["objectives"][0]["tasks"].pop())
    edit_json(
        seed_copy / "interlinkers/software/shared-notes/metadata.json",
        lambda d: d["description_translations"].update(en="Changed text"),
    )
    new_logo = (seed_copy / "interlinkers/software/file-box/logo.png").read_bytes()
    (seed_copy / "interlinkers/software/shared-notes/logo.png").write_bytes(new_logo)
    (seed_copy / "interlinkers/software/shared-notes/snapshots/screen1.png").unlink()
    with django_capture_on_commit_callbacks(using="catalogue", execute=True):
        output = run(seed_copy)
    assert summary_row(output, "tree items") == [0, 0, 10, 1]
    assert summary_row(output, "software interlinkers") == [0, 1, 1, 0]
    software = models.SoftwareInterlinker.objects.get(service_name="sharednotes")
    assert software.description_translations["en"] == "Changed text"
    assert software.logotype == logo  # upstream's fixed path; the file behind it is replaced
    assert default_storage.open("catalogue/shared-notes/logotype.png").read() == new_logo
    assert software.snapshots == []
    assert not default_storage.exists("catalogue/shared-notes/snapshots/screen1.png")  # deleted after the commit
    assert not models.TreeItemMetadata.objects.filter(name_translations__en="Review the results").exists()


def test_dry_run_writes_nothing(seed_copy, media):
    output = run(seed_copy, "--dry-run")
    assert "Dry run" in output
    assert summary_row(output, "knowledge interlinkers") == [2, 0, 0, 0]
    assert database_counts()["artefacts"] == 0
    assert stored_files(media) == []


def break_json(seed: Path) -> str:
    (seed / "interlinkers/knowledge/feedback-survey/metadata.json").write_text('{"id": "feedback-survey",')
    return "interlinkers/knowledge/feedback-survey/metadata.json: /: invalid JSON"


def break_schema(seed: Path) -> str:
    edit_json(seed / "interlinkers/externalsoftware/open-polls/metadata.json", lambda d: d.update(licence="free"))
    return "interlinkers/externalsoftware/open-polls/metadata.json: /licence: 'free' is not one of"


def break_software_reference(seed: Path) -> str:
    edit_json(
        seed / "interlinkers/knowledge/stakeholder-canvas/metadata.json",
        lambda d: d.update(softwareinterlinker="nosuchservice"),
    )
    return "interlinkers/knowledge/stakeholder-canvas/metadata.json: /softwareinterlinker: unknown software interlinker"


def break_profile_reference(seed: Path) -> str:
    edit_json(
        seed / "schemas/neighbourhood/phases/listen.json",
        lambda d: d["objectives"][1]["tasks"][0].update(problemprofiles=["NOPE"]),
    )
    return "schemas/neighbourhood/phases/listen.json: /objectives/1/tasks/0/problemprofiles/0: unknown problem profile"


def break_prerequisite_cycle(seed: Path) -> str:
    edit_json(
        seed / "schemas/neighbourhood/phases/listen.json",
        lambda d: d.update(prerequisites=[{"item": "phase-try", "type": "previous"}]),
    )
    return "prerequisite cycle"


def break_phase_prerequisite_shape(seed: Path) -> str:
    edit_json(seed / "schemas/neighbourhood/phases/try.json", lambda d: d.update(prerequisites={"a": "b"}))
    return "schemas/neighbourhood/phases/try.json: /prerequisites: {'a': 'b'} is not of type 'array'"


@pytest.mark.parametrize(
    "breaker",
    [
        break_json,
        break_schema,
        break_software_reference,
        break_profile_reference,
        break_prerequisite_cycle,
        break_phase_prerequisite_shape,
    ],
)
def test_broken_input_names_the_file_and_writes_nothing(seed_copy, media, breaker):
    expected = breaker(seed_copy)
    with pytest.raises(CommandError) as error:
        run(seed_copy)
    assert expected in str(error.value)
    assert "nothing was written" in str(error.value)
    assert database_counts()["artefacts"] == 0
    assert database_counts()["profiles"] == 0
    assert stored_files(media) == []


def test_every_error_is_reported_not_only_the_first(seed_copy):
    break_json(seed_copy)
    break_schema(seed_copy)
    with pytest.raises(CommandError) as error:
        run(seed_copy)
    assert "feedback-survey/metadata.json" in str(error.value)
    assert "open-polls/metadata.json" in str(error.value)


def test_a_failure_while_writing_rolls_back_rows_and_saved_files(seed_copy, media, monkeypatch):
    original = SeedImporter._interlinkers

    def fail_on_knowledge(self, kind):
        if kind == "knowledge":
            raise OSError("disk full")
        return original(self, kind)

    monkeypatch.setattr(SeedImporter, "_interlinkers", fail_on_knowledge)
    with pytest.raises(CommandError, match="rolled back"):
        run(seed_copy)
    assert database_counts()["artefacts"] == 0
    assert stored_files(media) == []


def test_a_knowledge_interlinker_with_a_missing_file_is_skipped_and_named(seed_copy, media):
    """Upstream's seeder skips such an item; a NULL genesis_asset_id made upstream's lists answer 500."""
    (seed_copy / "interlinkers/knowledge/stakeholder-canvas/canvas-es.txt").unlink()
    output = run(seed_copy)
    assert "Skipped items (1)" in output
    assert (
        "knowledge interlinker 'Stakeholder canvas' (interlinkers/knowledge/stakeholder-canvas): "
        "es resource file ./interlinkers/knowledge/stakeholder-canvas/canvas-es.txt is missing" in output
    )
    assert (
        "interlinkers/knowledge/stakeholder-canvas/canvas-es.txt (es resource file of 'Stakeholder canvas')" in output
    )
    assert summary_row(output, "knowledge interlinkers") == [1, 0, 0, 0]
    assert not models.KnowledgeInterlinker.objects.filter(name_translations__en="Stakeholder canvas").exists()
    assert not models.KnowledgeInterlinker.objects.filter(genesis_asset_id_translations__isnull=True).exists()
    assert not default_storage.exists("catalogue/stakeholder-canvas/resources/en/canvas-en.txt")


def test_an_item_imported_before_is_left_as_it_is_when_its_file_goes_missing(seed_copy, media):
    run(seed_copy)
    before = models.KnowledgeInterlinker.objects.get(name_translations__en="Stakeholder canvas")
    (seed_copy / "interlinkers/knowledge/stakeholder-canvas/canvas-en.txt").unlink()
    output = run(seed_copy)
    assert "Skipped items (1)" in output and "'Stakeholder canvas'" in output
    after = models.KnowledgeInterlinker.objects.get(pk=before.pk)
    assert after.genesis_asset_id_translations == before.genesis_asset_id_translations
    assert default_storage.exists(after.genesis_asset_id_translations["en"])


def test_a_generated_bundle_that_differs_from_the_folder_is_a_warning(seed_copy, media):
    folder = seed_copy / "schemas/neighbourhood"
    metadata = json.loads((folder / "metadata.json").read_text())
    phases = [json.loads(path.read_text()) for path in sorted((folder / "phases").glob("*.json"))]
    bundle = [{**metadata, "phases": phases}]
    (seed_copy / "schemas_DO_NOT_MODIFY.json").write_text(json.dumps(bundle))
    assert "DO_NOT_MODIFY" not in run(seed_copy, "--dry-run")
    bundle[0]["phases"][0]["name_translations"]["en"] = "Something else"
    (seed_copy / "schemas_DO_NOT_MODIFY.json").write_text(json.dumps(bundle))
    output = run(seed_copy, "--dry-run")
    assert (
        "schemas_DO_NOT_MODIFY.json: phase 'phase-listen' of schema 'Neighbourhood service redesign' differs" in output
    )
