"""Import a folder in upstream's seed format (``catalogue/seed``) into the catalogue (spec §7).

Two stages:

1. ``load_seed(root)`` reads and validates everything (JSON Schemas shipped in the folder,
   references, prerequisite cycles) and returns a ``Seed``; every error of every file is
   collected and raised together as ``SeedInvalid`` before anything is written.
2. ``SeedImporter(seed).run()`` writes it in one transaction on the catalogue database,
   matching existing rows as upstream did (profiles by id, artefacts by English name, tree
   items by a name among their siblings), so re-runs change nothing. Files go through Django's
   storage at fixed names (``catalogue/<slug>/…``) and the logotype and snapshot columns hold
   upstream's ``/static/<slug>/…`` form (``catalogue.files``); a failed run deletes the files it
   wrote and puts back the ones it overwrote; files no longer referenced go after the commit.
   A knowledge interlinker whose resource file is missing is skipped and reported, as
   upstream's seeder skips it (it never gets a NULL ``genesis_asset_id``).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import router, transaction
from django.utils.text import slugify
from jsonschema import Draft7Validator

from catalogue import files
from catalogue.models import (
    CoproductionSchema,
    ExternalKnowledgeInterlinker,
    ExternalSoftwareInterlinker,
    Interlinker,
    KnowledgeInterlinker,
    ProblemProfile,
    SoftwareInterlinker,
    TreeItemMetadata,
    TreeItemType,
)

LANGUAGES = ("en", "es", "it", "lv")
SNAPSHOT_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tiff", ".bmp", ".gif")  # case-sensitive, as upstream
IMAGE_EXTENSIONS = (*SNAPSHOT_EXTENSIONS, ".svg", ".webp")
# Processing order (knowledge needs the software interlinkers).
KINDS = ("externalsoftware", "externalknowledge", "software", "knowledge")
MODEL_BY_KIND = {
    "software": SoftwareInterlinker,
    "knowledge": KnowledgeInterlinker,
    "externalsoftware": ExternalSoftwareInterlinker,
    "externalknowledge": ExternalKnowledgeInterlinker,
}
CAPABILITIES = ("instantiate", "view", "clone", "edit", "delete", "download", "preview", "open_in_modal", "shortcut")
CAPABILITY_TEXTS = ("instantiate", "view", "edit", "delete", "clone", "download", "preview")

PROBLEMPROFILES_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "name_translations", "description_translations", "functionality_translations"],
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "name_translations": {"type": "object"},
            "description_translations": {"type": "object"},
            "functionality_translations": {"type": "object"},
        },
    },
}
# The one correction of the shipped phase schema (spec §7.2): prerequisites are lists of objects.
PREREQUISITES_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["item"],
        "properties": {"item": {"type": "string"}, "type": {"type": "string"}, "status": {"type": "string"}},
    },
}


class SeedInvalid(Exception):
    """The folder does not validate; ``errors`` are ``<relative path>: <JSON pointer>: <message>`` lines."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class SeedInterlinker:
    kind: str
    path: str  # relative folder
    data: dict


@dataclass
class SeedSchema:
    path: str
    metadata: dict
    phases: list[dict]  # in creation order (prerequisites first, ties by id)


@dataclass
class Seed:
    root: Path
    problemprofiles: list[dict]
    schemas: list[SeedSchema]
    interlinkers: dict[str, list[SeedInterlinker]]
    warnings: list[str] = field(default_factory=list)


# --- stage 1: read and validate ---------------------------------------------------------------


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def error(self, path: Path, pointer: str, message: str) -> None:
        self.errors.append(f"{self.rel(path)}: {pointer or '/'}: {message}")

    def read_json(self, path: Path):
        if not path.is_file():
            self.error(path, "", "file not found")
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            self.error(path, "", f"invalid JSON: {exc}")
            return None

    def validate(self, validator: Draft7Validator | None, data, path: Path) -> bool:
        if validator is None or data is None:
            return data is not None
        found = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        for err in found:
            pointer = "/" + "/".join(str(part) for part in err.absolute_path)
            self.error(path, pointer, err.message)
        return not found

    def schema_validator(self, path: Path, patch: Callable[[dict], None] | None = None) -> Draft7Validator | None:
        schema = self.read_json(path)
        if schema is None:
            return None
        if patch:
            patch(schema)
        try:
            Draft7Validator.check_schema(schema)
        except Exception as exc:  # jsonschema.SchemaError
            self.error(path, "", f"not a valid JSON Schema: {exc}")
            return None
        return Draft7Validator(schema)


def _patch_phase_schema(schema: dict) -> None:
    if "prerequisites" in schema.get("properties", {}):
        schema["properties"]["prerequisites"] = copy.deepcopy(PREREQUISITES_SCHEMA)
    for definition in schema.get("definitions", {}).values():
        if "prerequisites" in definition.get("properties", {}):
            definition["properties"]["prerequisites"] = copy.deepcopy(PREREQUISITES_SCHEMA)


def _subfolders(path: Path) -> list[Path]:
    return sorted(child for child in path.iterdir() if child.is_dir()) if path.is_dir() else []


def _creation_order(items: list[dict]) -> list[dict]:
    """Items without prerequisites first, then those whose prerequisites are placed; ties by id."""
    pending = sorted(items, key=lambda item: item["id"])
    placed: list[dict] = []
    placed_ids: set[str] = set()
    local_ids = {item["id"] for item in items}
    while pending:
        ready = [
            item
            for item in pending
            if all(p["item"] in placed_ids or p["item"] not in local_ids for p in item.get("prerequisites", []))
        ]
        if not ready:  # a cycle; reported by validation
            ready = pending[:1]
        for item in ready:
            placed.append(item)
            placed_ids.add(item["id"])
        pending = [item for item in pending if item["id"] not in placed_ids]
    return placed


def _find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def load_seed(root: str | os.PathLike) -> Seed:
    """Read and validate a seed folder; raises ``SeedInvalid`` listing every problem."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise SeedInvalid([f"{root}: not a folder"])
    loader = _Loader(root)

    # problem profiles
    profiles_path = root / "problemprofiles" / "problemprofiles.json"
    profiles = loader.read_json(profiles_path)
    if not loader.validate(Draft7Validator(PROBLEMPROFILES_SCHEMA), profiles, profiles_path):
        profiles = []
    profile_ids = {profile["id"] for profile in profiles}
    known_profiles = profile_ids | set(ProblemProfile.objects.values_list("id", flat=True))

    def check_profiles(ids, path: Path, pointer: str) -> None:
        for index, profile_id in enumerate(ids or []):
            if profile_id not in known_profiles:
                loader.error(path, f"{pointer}/{index}", f"unknown problem profile {profile_id!r}")

    # schemas
    schemas: list[SeedSchema] = []
    schemas_dir = root / "schemas"
    if schemas_dir.is_dir():
        metadata_validator = loader.schema_validator(schemas_dir / "metadata_schema.json")
        phase_validator = loader.schema_validator(schemas_dir / "phase_schema.json", _patch_phase_schema)
        for folder in _subfolders(schemas_dir):
            metadata_path = folder / "metadata.json"
            if not metadata_path.is_file():
                continue
            metadata = loader.read_json(metadata_path)
            valid = loader.validate(metadata_validator, metadata, metadata_path)
            phases: list[dict] = []
            phase_paths: dict[str, Path] = {}
            for phase_path in sorted((folder / "phases").glob("*.json")):
                phase = loader.read_json(phase_path)
                if loader.validate(phase_validator, phase, phase_path):
                    phases.append(phase)
                    phase_paths[phase["id"]] = phase_path
                else:
                    valid = False
            if not valid:
                continue
            _check_tree(loader, phases, phase_paths, check_profiles)
            schemas.append(SeedSchema(path=loader.rel(folder), metadata=metadata, phases=_creation_order(phases)))

    # interlinkers
    interlinkers: dict[str, list[SeedInterlinker]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        kind_dir = root / "interlinkers" / kind
        if not kind_dir.is_dir():
            continue
        validator = loader.schema_validator(kind_dir / "schema.json")
        for folder in _subfolders(kind_dir):
            metadata_path = folder / "metadata.json"
            if not metadata_path.is_file():
                continue
            data = loader.read_json(metadata_path)
            if not loader.validate(validator, data, metadata_path):
                continue
            if not isinstance((data.get("name_translations") or {}).get("en"), str):
                loader.error(
                    metadata_path, "/name_translations/en", "an English name is required (it identifies the entry)"
                )
                continue
            check_profiles(data.get("problemprofiles"), metadata_path, "/problemprofiles")
            interlinkers[kind].append(SeedInterlinker(kind=kind, path=loader.rel(folder), data=data))
            loader.warnings.extend(_skipped_images(loader, folder, data))

    service_names = {
        (item.data.get("integration") or {}).get("service_name") for item in interlinkers["software"]
    } | set(SoftwareInterlinker.objects.values_list("service_name", flat=True))
    for item in interlinkers["knowledge"]:
        name = item.data.get("softwareinterlinker")
        if name not in service_names:
            loader.error(
                root / item.path / "metadata.json",
                "/softwareinterlinker",
                f"unknown software interlinker {name!r} (no software interlinker has this service_name)",
            )

    for items in interlinkers.values():
        seen: dict[str, str] = {}
        for item in items:
            name = item.data["name_translations"]["en"]
            if name in seen:
                loader.error(
                    root / item.path / "metadata.json",
                    "/name_translations/en",
                    f"English name {name!r} is also used by {seen[name]}",
                )
            seen[name] = item.path

    loader.warnings.extend(_bundle_differences(loader, schemas))
    if loader.errors:
        raise SeedInvalid(loader.errors)
    return Seed(
        root=root, problemprofiles=profiles, schemas=schemas, interlinkers=interlinkers, warnings=loader.warnings
    )


def _check_tree(loader: _Loader, phases: list[dict], phase_paths: dict[str, Path], check_profiles) -> None:
    """Prerequisites name items of the same schema and close no cycle; profiles exist."""
    ids: dict[str, Path] = {}
    edges: dict[str, list[str]] = defaultdict(list)
    references: list[tuple[Path, str, str]] = []
    for phase in phases:
        path = phase_paths[phase["id"]]
        ids[phase["id"]] = path
        for index, prerequisite in enumerate(phase["prerequisites"]):
            references.append((path, f"/prerequisites/{index}/item", prerequisite["item"]))
            edges[phase["id"]].append(prerequisite["item"])
        for o_index, objective in enumerate(phase["objectives"]):
            ids[objective["id"]] = path
            check_profiles(objective["problemprofiles"], path, f"/objectives/{o_index}/problemprofiles")
            for index, prerequisite in enumerate(objective["prerequisites"]):
                references.append((path, f"/objectives/{o_index}/prerequisites/{index}/item", prerequisite["item"]))
                edges[objective["id"]].append(prerequisite["item"])
            for t_index, task in enumerate(objective["tasks"]):
                ids[task["id"]] = path
                pointer = f"/objectives/{o_index}/tasks/{t_index}"
                check_profiles(task["problemprofiles"], path, f"{pointer}/problemprofiles")
                for index, prerequisite in enumerate(task["prerequisites"]):
                    references.append((path, f"{pointer}/prerequisites/{index}/item", prerequisite["item"]))
                    edges[task["id"]].append(prerequisite["item"])
    for path, pointer, item_id in references:
        if item_id not in ids:
            loader.error(path, pointer, f"prerequisite {item_id!r} is not an item of this schema")
    cycle = _find_cycle({node: [n for n in targets if n in ids] for node, targets in edges.items()})
    if cycle:
        loader.error(ids[cycle[0]], "/prerequisites", "prerequisite cycle: " + " -> ".join(cycle))


def _skipped_images(loader: _Loader, folder: Path, data: dict) -> list[str]:
    """Images in an interlinker folder that upstream's snapshot selection leaves out."""
    logotype = data.get("logotype")
    logo_path = (loader.root / logotype).resolve() if logotype else None
    warnings = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path == logo_path or not path.name.lower().endswith(IMAGE_EXTENSIONS):
            continue
        if path.parent == folder / "snapshots" and path.name.endswith(SNAPSHOT_EXTENSIONS):
            continue
        warnings.append(
            f"{loader.rel(path)}: image not imported "
            "(snapshots are .png/.jpg/.jpeg/.tiff/.bmp/.gif files in snapshots/)"
        )
    return warnings


def _bundle_differences(loader: _Loader, schemas: list[SeedSchema]) -> list[str]:
    """Compare upstream's generated ``schemas_DO_NOT_MODIFY.json`` with the folder (warnings only)."""
    path = loader.root / "schemas_DO_NOT_MODIFY.json"
    if not path.is_file():
        return []
    try:
        bundle = json.loads(path.read_text(encoding="utf-8"))
        bundled = {entry["name_translations"]["en"]: entry for entry in bundle}
    except (ValueError, KeyError, TypeError) as exc:
        return [f"schemas_DO_NOT_MODIFY.json: not comparable ({exc})"]
    warnings = []
    for schema in schemas:
        name = schema.metadata["name_translations"]["en"]
        entry = bundled.pop(name, None)
        if entry is None:
            warnings.append(f"schemas_DO_NOT_MODIFY.json: schema {name!r} is missing from the bundle")
            continue
        header = {key: value for key, value in schema.metadata.items() if key != "phases"}
        bundled_header = {key: value for key, value in entry.items() if key != "phases"}
        if header != bundled_header:
            warnings.append(f"schemas_DO_NOT_MODIFY.json: schema {name!r} differs from {schema.path}/metadata.json")
        phases = {phase["id"]: phase for phase in schema.phases}
        bundled_phases = {phase.get("id"): phase for phase in entry.get("phases", []) if isinstance(phase, dict)}
        for phase_id in sorted(set(phases) | set(bundled_phases), key=str):
            if phases.get(phase_id) != bundled_phases.get(phase_id):
                warnings.append(
                    f"schemas_DO_NOT_MODIFY.json: phase {phase_id!r} of schema {name!r} "
                    f"differs from {schema.path}/phases"
                )
    for name in bundled:
        warnings.append(f"schemas_DO_NOT_MODIFY.json: schema {name!r} has no folder under schemas/")
    return warnings


# --- stage 2: write ---------------------------------------------------------------------------


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


SUMMARY_KINDS = (
    "problem profiles",
    "schemas",
    "tree items",
    "software interlinkers",
    "knowledge interlinkers",
    "external software interlinkers",
    "external knowledge interlinkers",
    "files",
)
SUMMARY_KIND_OF = {
    "software": "software interlinkers",
    "knowledge": "knowledge interlinkers",
    "externalsoftware": "external software interlinkers",
    "externalknowledge": "external knowledge interlinkers",
}


@dataclass
class ImportResult:
    counts: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in SUMMARY_KINDS})
    missing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stored_files: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _RollBack(Exception):
    pass


class SeedImporter:
    """Writes a validated ``Seed``; ``progress(iterable, label)`` wraps each phase's loop."""

    def __init__(self, seed: Seed, *, dry_run: bool = False, progress=None, storage=None):
        self.seed = seed
        self.dry_run = dry_run
        self.progress = progress or (lambda iterable, label, total: iterable)
        self.storage = storage or default_storage
        self.result = ImportResult(warnings=list(seed.warnings))
        self.saved: list[str] = []  # files written by this run (deleted if it fails)
        self.backups: dict[str, bytes] = {}  # content of files this run overwrote (put back if it fails)
        self.obsolete: list[str] = []  # files replaced or unreferenced (deleted after commit)
        self.using = router.db_for_write(Interlinker)

    # entry point
    def run(self) -> ImportResult:
        try:
            with transaction.atomic(using=self.using):
                self._problemprofiles()
                self._schemas()
                for kind in KINDS:
                    self._interlinkers(kind)
                if self.dry_run:
                    raise _RollBack
                obsolete = list(self.obsolete)
                transaction.on_commit(lambda: self._delete(obsolete), using=self.using)
        except _RollBack:
            pass
        except BaseException:
            self._delete(self.saved)
            for name, content in self.backups.items():
                self.storage.save(name, ContentFile(content))
            raise
        return self.result

    def _delete(self, names: Iterable[str]) -> None:
        for name in names:
            if self.storage.exists(name):
                self.storage.delete(name)

    @staticmethod
    def _changed(instance, values: dict) -> bool:
        changed = False
        for key, value in values.items():
            if getattr(instance, key) != value:
                setattr(instance, key, value)
                changed = True
        return changed

    def _count(self, kind: str, created: bool, changed: bool) -> None:
        counts = self.result.counts[kind]
        if created:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1

    # problem profiles
    def _problemprofiles(self) -> None:
        existing = ProblemProfile.objects.in_bulk([p["id"] for p in self.seed.problemprofiles])
        for data in self.progress(self.seed.problemprofiles, "problem profiles", len(self.seed.problemprofiles)):
            values = {
                key: _text_dict(data.get(key))
                for key in ("name_translations", "description_translations", "functionality_translations")
            }
            profile = existing.get(data["id"])
            created = profile is None
            if created:
                profile = ProblemProfile(id=data["id"])
            changed = self._changed(profile, values)
            if created or changed:
                profile.save()
            self._count("problem profiles", created, changed)

    # schemas and their trees
    def _schemas(self) -> None:
        for seed_schema in self.progress(self.seed.schemas, "schemas", len(self.seed.schemas)):
            metadata = seed_schema.metadata
            values = {
                "name_translations": _text_dict(metadata.get("name_translations")),
                "description_translations": _text_dict(metadata.get("description_translations")),
                "tags_translations": _tags(metadata.get("tags_translations")),
                "licence": metadata.get("licence"),
                "languages": list(metadata.get("languages") or []),
                "is_public": True,
            }
            schema = (
                CoproductionSchema.objects.filter(name_translations__en=values["name_translations"]["en"])
                .order_by("created_at", "id")
                .first()
            )
            created = schema is None
            schema = schema or CoproductionSchema()
            changed = self._changed(schema, values)
            if created or changed:
                schema.save()
            self._count("schemas", created, changed)
            self._tree(schema, seed_schema)

    def _tree(self, schema: CoproductionSchema, seed_schema: SeedSchema) -> None:
        counts = self.result.counts["tree items"]
        by_slug: dict[str, TreeItemMetadata] = {}
        wanted_prerequisites: dict[TreeItemMetadata, list[str]] = {}
        wanted_profiles: dict[TreeItemMetadata, set[str]] = {}
        changed_items: set = set()
        created_items: set = set()
        keep: set = set()

        def upsert(data: dict, siblings: list[TreeItemMetadata], values: dict) -> TreeItemMetadata:
            item = _match_by_name(siblings, data.get("name_translations") or {})
            if item is None:
                item = TreeItemMetadata()
                created_items.add(item)
            else:
                siblings.remove(item)
            values = {
                "name_translations": _text_dict(data.get("name_translations")),
                "description_translations": _text_dict(data.get("description_translations")),
                **values,
            }
            if self._changed(item, values) or item in created_items:
                item.save()
                changed_items.add(item)
            by_slug[data["id"]] = item
            wanted_prerequisites[item] = [p["item"] for p in data.get("prerequisites", [])]
            keep.add(item.pk)
            return item

        phases = list(TreeItemMetadata.objects.filter(coproductionschema=schema, parent__isnull=True))
        for phase_data in seed_schema.phases:
            phase = upsert(
                phase_data,
                phases,
                {
                    "type": TreeItemType.PHASE,
                    "coproductionschema_id": schema.pk,
                    "parent_id": None,
                    "is_part_of_codelivery": bool(phase_data.get("is_part_of_codelivery")),
                },
            )
            wanted_profiles[phase] = set()
            objectives = list(phase.children.all()) if phase not in created_items else []
            for objective_data in phase_data["objectives"]:
                objective = upsert(
                    objective_data,
                    objectives,
                    {"type": TreeItemType.OBJECTIVE, "parent_id": phase.pk, "coproductionschema_id": None},
                )
                wanted_profiles[objective] = set()
                tasks = list(objective.children.all()) if objective not in created_items else []
                for task_data in objective_data["tasks"]:
                    task = upsert(
                        task_data,
                        tasks,
                        {"type": TreeItemType.TASK, "parent_id": objective.pk, "coproductionschema_id": None},
                    )
                    wanted_profiles[task] = set(task_data.get("problemprofiles") or []) | set(
                        objective_data.get("problemprofiles") or []
                    )
                counts.deleted += self._delete_items(tasks)
            counts.deleted += self._delete_items(objectives)
        counts.deleted += self._delete_items(phases)

        for item, slugs in wanted_prerequisites.items():
            wanted = {by_slug[slug].pk for slug in slugs}
            current = set(item.prerequisites.values_list("pk", flat=True)) if item not in created_items else set()
            if wanted != current:
                item.prerequisites.set(wanted)
                changed_items.add(item)
            profiles = wanted_profiles[item]
            current_profiles = (
                set(item.problemprofiles.values_list("pk", flat=True)) if item not in created_items else set()
            )
            if profiles != current_profiles:
                item.problemprofiles.set(profiles)
                changed_items.add(item)
        for item in wanted_prerequisites:
            if item in created_items:
                counts.created += 1
            elif item in changed_items:
                counts.updated += 1
            else:
                counts.unchanged += 1

    @staticmethod
    def _delete_items(items: list[TreeItemMetadata]) -> int:
        """Delete tree items absent from the files, with their subtrees; the number of items removed."""
        removed = 0
        for item in items:
            level = [item.pk]
            while level:
                removed += len(level)
                level = list(TreeItemMetadata.objects.filter(parent_id__in=level).values_list("pk", flat=True))
            item.delete()
        return removed

    # interlinkers
    def _interlinkers(self, kind: str) -> None:
        model = MODEL_BY_KIND[kind]
        items = self.seed.interlinkers[kind]
        for item in self.progress(items, f"{kind} interlinkers", len(items)):
            data = item.data
            name = data["name_translations"]["en"]
            if kind == "knowledge" and self._skip_without_resources(item):
                continue
            interlinker = model.objects.filter(name_translations__en=name).order_by("created_at", "id").first()
            created = interlinker is None
            interlinker = interlinker or model()
            slug = slugify(name) or "interlinker"
            values = self._interlinker_values(kind, item, interlinker, slug)
            changed = self._changed(interlinker, values)
            if created or changed:
                interlinker.save()
            profiles = set(data.get("problemprofiles") or [])
            current = set(interlinker.problemprofiles.values_list("pk", flat=True)) if not created else set()
            if profiles != current:
                interlinker.problemprofiles.set(profiles)
                changed = True
            self._count(SUMMARY_KIND_OF[kind], created, changed)

    def _interlinker_values(self, kind: str, item: SeedInterlinker, current, slug: str) -> dict:
        data = item.data
        values = {
            "name_translations": _text_dict(data.get("name_translations")),
            "description_translations": _text_dict(data.get("description_translations")),
            "constraints_and_limitations_translations": _text_dict(
                data.get("constraints_and_limitations_translations")
            ),
            "regulations_and_standards_translations": _text_dict(data.get("regulations_and_standards_translations")),
            "tags_translations": _tags(data.get("tags_translations")),
            "languages": list(data.get("languages") or []),
            "licence": data.get("licence"),
            "is_public": True,
            "is_sustainability_related": bool(data.get("is_sustainability_related")),
            "difficulty": data.get("difficulty"),
            "targets": list(data.get("targets") or []),
            "types": list(data.get("types") or []),
            "administrative_scopes": list(data.get("administrative_scopes") or []),
            "process": data.get("process"),
            "form": data.get("form"),
            "format": data.get("format"),
            "instructions_translations": self._instructions(item),
            "logotype": self._logotype(item, current, slug),
            "snapshots": self._snapshots(item, current, slug),
        }
        if current.pk is None or current._state.adding:
            values["published"] = False  # decision 24: the seed does not give it
        if kind == "software":
            integration = data.get("integration") or {}
            capabilities = integration.get("capabilities") or {}
            texts = integration.get("capabilities_translations") or {}
            values.update(
                supported_by=list(data.get("supported_by") or []),
                is_responsive=bool(data.get("is_responsive")),
                supports_internationalization=bool(data.get("supports_internationalization")),
                service_name=integration.get("service_name"),
                domain=integration.get("domain"),
                path=integration.get("path"),
                is_subdomain=bool(integration.get("is_subdomain")),
                api_path=integration.get("api_path"),
                auth_method=integration.get("auth_method"),
            )
            for capability in CAPABILITIES:
                values["can_delete" if capability == "delete" else capability] = bool(capabilities.get(capability))
            for capability in CAPABILITY_TEXTS:
                values[f"{capability}_text_translations"] = _text_dict(texts.get(f"{capability}_text_translations"))
        elif kind == "knowledge":
            software = (
                SoftwareInterlinker.objects.filter(service_name=data.get("softwareinterlinker"))
                .order_by("created_at", "id")
                .first()
            )
            values["softwareinterlinker_id"] = software.pk if software else None
            values["genesis_asset_id_translations"] = self._resources(item, current, slug)
        else:
            values["uri_translations"] = _text_dict(data.get("uri_translations"))
            values["asset_name_translations"] = _text_dict(data.get("asset_name_translations"))
        return values

    # files
    def _source(self, item: SeedInterlinker, relative: str, what: str) -> Path | None:
        path = (self.seed.root / relative).resolve()
        if not path.is_file():
            name = item.data["name_translations"]["en"]
            self.result.missing.append(f"{PurePosixPath(os.path.normpath(relative)).as_posix()} ({what} of {name!r})")
            return None
        return path

    def _instructions(self, item: SeedInterlinker) -> dict | None:
        instructions = {}
        for language, value in (item.data.get("instructions_translations") or {}).items():
            if "http" in value:
                instructions[language] = value
                continue
            path = self._source(item, value, f"{language} instructions")
            if path is not None:
                instructions[language] = path.read_text(encoding="utf-8")
        return instructions or None

    def _skip_without_resources(self, item: SeedInterlinker) -> bool:
        """Whether a knowledge interlinker lacks a resource file (then it is skipped, as upstream)."""
        resources = item.data.get("file_translations") or {}
        problems = [
            f"{language} resource file {relative} is missing"
            for language, relative in resources.items()
            if self._source(item, relative, f"{language} resource file") is None
        ]
        if not resources:
            problems.append("it names no resource file (file_translations)")
        if problems:
            name = item.data["name_translations"]["en"]
            self.result.skipped.append(f"knowledge interlinker {name!r} ({item.path}): " + "; ".join(problems))
        return bool(problems)

    def _store(self, source: Path, name: str) -> str:
        """Put ``source``'s content at storage ``name`` (nothing written when it is already there)."""
        content = source.read_bytes()
        present = self.storage.exists(name)
        if present and self._stored_digest(name) == _sha256(content):
            self.result.counts["files"].unchanged += 1
            return name
        if present:
            self.result.counts["files"].updated += 1
        else:
            self.result.counts["files"].created += 1
        if self.dry_run:
            return name
        if present:
            if name not in self.backups and name not in self.saved:
                with self.storage.open(name, "rb") as handle:
                    self.backups[name] = handle.read()
            self.storage.delete(name)
        saved = self.storage.save(name, ContentFile(content))
        self.saved.append(saved)
        if saved != name:
            raise OSError(f"the storage saved {name} as {saved}; a file name must stay fixed")
        return name

    def _stored_digest(self, name: str) -> str | None:
        if not self.storage.exists(name):
            return None
        with self.storage.open(name, "rb") as handle:
            return _sha256(handle.read())

    def _retire(self, old: Iterable[str | None], kept: Iterable[str | None]) -> None:
        """Delete (after the commit) this project's stored files the row no longer references."""
        kept_names = {files.storage_name(value) for value in kept if value}
        for value in old:
            if not value:
                continue
            name = files.storage_name(value)
            if name in kept_names or not name.startswith(files.STORAGE_PREFIX) or name in self.obsolete:
                continue
            if self.storage.exists(name):
                self.obsolete.append(name)
                self.result.counts["files"].deleted += 1

    def _logotype(self, item: SeedInterlinker, current, slug: str) -> str | None:
        old = current.logotype if current.pk and not current._state.adding else None
        relative = item.data.get("logotype")
        new = None
        if relative:
            source = self._source(item, relative, "logotype")
            if source is not None:
                new = files.static_path(self._store(source, f"catalogue/{slug}/logotype{source.suffix}"))
                self.result.stored_files["logotypes"] += 1
        self._retire([old], [new])
        return new

    def _snapshots(self, item: SeedInterlinker, current, slug: str) -> list[str]:
        old = list(current.snapshots or []) if not current._state.adding else []
        folder = self.seed.root / item.path / "snapshots"
        sources = (
            sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(SNAPSHOT_EXTENSIONS))
            if folder.is_dir()
            else []
        )
        paths = []
        for source in sources:
            paths.append(files.static_path(self._store(source, f"catalogue/{slug}/snapshots/{source.name}")))
            self.result.stored_files["snapshots"] += 1
        self._retire(old, paths)
        return paths

    def _resources(self, item: SeedInterlinker, current, slug: str) -> dict | None:
        """Per language, the storage name of the resource file (this project's genesis asset id)."""
        old = dict(current.genesis_asset_id_translations or {}) if not current._state.adding else {}
        stored = {}
        for language, relative in (item.data.get("file_translations") or {}).items():
            source = self._source(item, relative, f"{language} resource file")
            if source is None:
                continue
            stored[language] = self._store(source, f"catalogue/{slug}/resources/{language}/{source.name}")
            self.result.stored_files["resource files"] += 1
        self._retire(old.values(), stored.values())
        return stored or None


def _text_dict(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {str(key): (text if text is None or isinstance(text, str) else str(text)) for key, text in value.items()}


def _tags(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {str(key): ";".join(tags) if isinstance(tags, list) else str(tags) for key, tags in value.items()}


def _match_by_name(candidates: list[TreeItemMetadata], names: dict) -> TreeItemMetadata | None:
    """The first candidate sharing a name with ``names`` in one of the languages (upstream's matching)."""
    for candidate in sorted(candidates, key=lambda c: (c.created_at is None, c.created_at, str(c.pk))):
        existing = candidate.name_translations or {}
        if any(names.get(language) and existing.get(language) == names.get(language) for language in LANGUAGES):
            return candidate
    return None
