"""ZIP export and import of a co-production process, in upstream's archive layout.

Upstream's ``GET …/{id}/download`` writes (``app/api/api_v1/coproductionprocesses.py``)::

    processes_exported/<process name, spaces as _>/coproduction.json   the process (name "import_<name>")
    processes_exported/<process name, spaces as _>/schema.json         [phase {…, objectives: [objective {…,
                                                                        tasks: [task {…, assets: [asset]}]}]}]
    processes_exported/<process name, spaces as _>/<logotype file>     the logotype, if any
    processes_exported/<process name, spaces as _>/assets/<asset id>.<file name>   internal assets' files

and ``POST …/import`` reads the same. Here the export writes the same layout (phases,
objectives and tasks in prerequisite order, as upstream's topological sort) and keeps the
newest ZIP per process in Django storage (``COPRODUCTION_EXPORT_DIR``) for
``…/last_created_zip``. Internal assets' files live in the interlinkers' own services
(Google Drive, etc.), which this project does not include: an internal asset is exported as
its record and imported as a new asset pointing at the same software interlinker and
external asset id; files under ``assets/`` are accepted and not used.

The import reads and checks every part before writing anything (``ArchiveError`` names the
part: the archive, ``coproduction.json``, ``schema.json`` with the position of the bad item,
the logotype), then creates the process, its tree and assets in the caller's transaction.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from common.tree_order import prefetched_prerequisite_ids, prerequisite_order
from common.uploads import validate_image
from coproduction import services
from coproduction.models import (
    CoproductionProcess,
    ExternalAsset,
    InternalAsset,
    Languages,
    Objective,
    Phase,
    Status,
    Task,
    TreeItem,
    User,
)

ROOT = "processes_exported"
ZIP_NAME = re.compile(r"^(?P<id>[0-9a-f-]{36})_(?P<stamp>\d{8}_\d{6})\.zip$")


class ArchiveError(Exception):
    """A part of the archive is wrong; the message names it."""


# Export ------------------------------------------------------------------------------------


def _folder_name(name: str | None) -> str:
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", (name or "process").replace(" ", "_")) or "process"


def _iso(value):
    return value.isoformat() if isinstance(value, datetime | date) else value


def _treeitem_dict(item: TreeItem) -> dict:
    return {
        "id": str(item.pk),
        "type": item.type,
        "name": item.name,
        "description": item.description,
        "status": item.status,
        "creator_id": item.creator_id,
        "disabler_id": item.disabler_id,
        "disabled_on": _iso(item.disabled_on),
        "from_item": str(item.from_item) if item.from_item else None,
        "from_schema": str(item.from_schema) if item.from_schema else None,
        "prerequisites_ids": [str(p.pk) for p in item.prerequisites.all()],
    }


def _asset_dict(asset) -> dict:
    base = {
        "id": str(asset.pk),
        "type": asset.type,
        "task_id": str(asset.task_id) if asset.task_id else None,
        "created_at": _iso(asset.created_at),
        "updated_at": _iso(asset.updated_at),
    }
    if asset.type == "internalasset":
        internal = asset.as_internalasset
        base.update(
            softwareinterlinker_id=str(internal.softwareinterlinker_id) if internal.softwareinterlinker_id else None,
            knowledgeinterlinker_id=str(internal.knowledgeinterlinker_id) if internal.knowledgeinterlinker_id else None,
            external_asset_id=internal.external_asset_id,
        )
    else:
        external = asset.as_externalasset
        base.update(
            externalinterlinker_id=str(external.externalinterlinker_id) if external.externalinterlinker_id else None,
            name=external.name,
            uri=external.uri,
            icon_path=external.icon_path,
        )
    return base


def _process_dict(process: CoproductionProcess) -> dict:
    return {
        "id": str(process.pk),
        "schema_used": str(process.schema_used) if process.schema_used else None,
        "language": process.language,
        "name": f"import_{process.name}",
        "description": process.description,
        "logotype": process.logotype,
        "aim": process.aim,
        "idea": process.idea,
        "organization_desc": process.organization_desc,
        "challenges": process.challenges,
        "requirements": process.requirements,
        "incentive_and_rewards_state": process.incentive_and_rewards_state,
        "hasAddAnOrganization": process.has_add_an_organization,
        "skipResourcesStep": process.skip_resources_step,
        "hideguidechecklist": process.hideguidechecklist,
        "intergovernmental_model": process.intergovernmental_model,
        "is_part_of_publication": process.is_part_of_publication,
        "is_public": process.is_public,
        "status": process.status,
        "rating": str(process.rating),
        "ratings_count": process.ratings_count,
        "administrators": [admin.email for admin in process.administrators.all()],
        "tags": [tag.name for tag in process.tags.all()],
        "end_date": _iso(process.end_date),
        "start_date": _iso(process.start_date),
    }


def tree_for_export(process: CoproductionProcess) -> list[dict]:
    """``schema.json``: phases → objectives → tasks → assets, each level in prerequisite order."""
    phases = prerequisite_order(
        list(
            Phase.objects.filter(coproductionprocess=process).prefetch_related(
                "prerequisites",
                "children__prerequisites",
                "children__children__prerequisites",
                "children__children__assets__as_internalasset",
                "children__children__assets__as_externalasset",
            )
        ),
        prefetched_prerequisite_ids,
    )
    tree = []
    for phase in phases:
        phase_dict = {**_treeitem_dict(phase), "is_part_of_codelivery": phase.is_part_of_codelivery, "objectives": []}
        for objective in prerequisite_order(list(phase.children.all()), prefetched_prerequisite_ids):
            objective_dict = {**_treeitem_dict(objective), "tasks": []}
            for task in prerequisite_order(list(objective.children.all()), prefetched_prerequisite_ids):
                objective_dict["tasks"].append(
                    {
                        **_treeitem_dict(task),
                        "problemprofiles": list(task.problemprofiles or []),
                        "start_date": _iso(task.start_date),
                        "end_date": _iso(task.end_date),
                        "management": task.management,
                        "development": task.development,
                        "exploitation": task.exploitation,
                        "assets": [_asset_dict(asset) for asset in task.assets.all()],
                    }
                )
            phase_dict["objectives"].append(objective_dict)
        tree.append(phase_dict)
    return tree


def export_bytes(process: CoproductionProcess) -> bytes:
    folder = f"{ROOT}/{_folder_name(process.name)}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/schema.json", json.dumps(tree_for_export(process), indent=2))
        archive.writestr(f"{folder}/coproduction.json", json.dumps(_process_dict(process)))
        logotype = process.logotype
        if logotype and not logotype.startswith(("/static/", "http")) and default_storage.exists(logotype):
            with default_storage.open(logotype, "rb") as handle:
                archive.writestr(f"{folder}/{posixpath.basename(logotype)}", handle.read())
    return buffer.getvalue()


def export_store(process: CoproductionProcess) -> str:
    """Write a new ZIP of ``process`` to storage, drop its older ones, return the storage name."""
    stamp = timezone.now().strftime("%Y%m%d_%H%M%S")
    name = default_storage.save(
        f"{settings.COPRODUCTION_EXPORT_DIR}/{process.pk}_{stamp}.zip", ContentFile(export_bytes(process))
    )
    for older in stored_exports(process.pk)[1:]:
        default_storage.delete(older)
    return name


def stored_exports(process_id) -> list[str]:
    """Storage names of the process's ZIPs, newest first."""
    try:
        _, files = default_storage.listdir(settings.COPRODUCTION_EXPORT_DIR)
    except FileNotFoundError:
        return []
    mine = [f for f in files if (match := ZIP_NAME.match(f)) and match["id"] == str(process_id)]
    mine.sort(key=lambda f: (ZIP_NAME.match(f)["stamp"], f), reverse=True)
    return [f"{settings.COPRODUCTION_EXPORT_DIR}/{f}" for f in mine]


def export_stamp(storage_name: str) -> str:
    return ZIP_NAME.match(posixpath.basename(storage_name))["stamp"]


def download_name(process: CoproductionProcess) -> str:
    """Upstream's ``sanitize_filename``: spaces as ``_``, ``<>:"/\\|?*`` dropped."""
    return re.sub(r'[<>:"/\\|?*]', "", (process.name or "process").replace(" ", "_")) + ".zip"


# Import: read and check everything first -----------------------------------------------------


@dataclass
class ImportPlan:
    process: dict
    phases: list[dict] = field(default_factory=list)
    logotype: tuple[str, bytes, str] | None = None  # (file name, bytes, extension)


_STATUSES = {choice for choice, _ in Status.choices}
_LANGUAGES = {choice for choice, _ in Languages.choices}
_PROCESS_TEXT = [
    "description",
    "aim",
    "idea",
    "organization_desc",
    "challenges",
    "requirements",
    "intergovernmental_model",
]
_PROCESS_FLAGS = {
    "incentive_and_rewards_state": "incentive_and_rewards_state",
    "hasAddAnOrganization": "has_add_an_organization",
    "skipResourcesStep": "skip_resources_step",
    "hideguidechecklist": "hideguidechecklist",
    "is_part_of_publication": "is_part_of_publication",
    "is_public": "is_public",
}


def _text(where: str, data: dict, key: str, *, required: bool = False, limit: int = 100_000):
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise ArchiveError(f"{where}: {key} is required")
        return None if value is None else ""
    if not isinstance(value, str):
        raise ArchiveError(f"{where}: {key} must be text")
    if len(value) > limit or "\x00" in value:
        raise ArchiveError(f"{where}: {key} is too long or contains a NUL character")
    return value


def _uuid(where: str, data: dict, key: str, *, required: bool = False):
    value = data.get(key)
    if value in (None, "", "None"):
        if required:
            raise ArchiveError(f"{where}: {key} is required")
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ArchiveError(f"{where}: {key} must be a UUID, not {value!r}") from None


def _flag(where: str, data: dict, key: str):
    value = data.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise ArchiveError(f"{where}: {key} must be true, false or null")


def _date(where: str, data: dict, key: str):
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ArchiveError(f"{where}: {key} must be a date (YYYY-MM-DD), not {value!r}") from None


def _int(where: str, data: dict, key: str) -> int:
    value = data.get(key) or 0
    if not isinstance(value, int) or isinstance(value, bool) or not -(2**31) <= value < 2**31:
        raise ArchiveError(f"{where}: {key} must be an integer")
    return value


def _list(where: str, data: dict, key: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ArchiveError(f"{where}: {key} must be a list")
    return value


def _object(where: str, value) -> dict:
    if not isinstance(value, dict):
        raise ArchiveError(f"{where}: must be a JSON object")
    return value


def _label(where: str, index: int, node) -> str:
    name = node.get("name") if isinstance(node, dict) else None
    return f"{where} {index + 1}" + (f" ({name!r})" if isinstance(name, str) and name else "")


def _treeitem(where: str, node: dict, expected_type: str) -> dict:
    if node.get("type") not in (None, expected_type):
        raise ArchiveError(f"{where}: type must be {expected_type!r}, not {node.get('type')!r}")
    status = node.get("status") or Status.AWAITING
    if status not in _STATUSES:
        raise ArchiveError(f"{where}: status must be one of {sorted(_STATUSES)}, not {status!r}")
    return {
        "name": _text(where, node, "name", required=True, limit=2000),
        "description": _text(where, node, "description"),
        "status": status,
        "from_item": _uuid(where, node, "from_item"),
        "from_schema": _uuid(where, node, "from_schema"),
    }


def _asset(where: str, node: dict) -> dict:
    kind = node.get("type")
    if kind == "internalasset":
        return {
            "type": kind,
            "softwareinterlinker_id": _uuid(where, node, "softwareinterlinker_id", required=True),
            "knowledgeinterlinker_id": _uuid(where, node, "knowledgeinterlinker_id"),
            "external_asset_id": _text(where, node, "external_asset_id", required=True, limit=2000),
        }
    if kind == "externalasset":
        return {
            "type": kind,
            "name": _text(where, node, "name", required=True, limit=2000),
            "uri": _text(where, node, "uri", required=True, limit=8000),
            "icon_path": _text(where, node, "icon_path", limit=2000),
            "externalinterlinker_id": _uuid(where, node, "externalinterlinker_id"),
        }
    raise ArchiveError(f"{where}: type must be 'internalasset' or 'externalasset', not {kind!r}")


def _schema(data) -> list[dict]:
    if not isinstance(data, list):
        raise ArchiveError("schema.json: must be a JSON list of phases")
    phases = []
    for p_index, phase_node in enumerate(data):
        where = f"schema.json: {_label('phase', p_index, phase_node)}"
        phase_node = _object(where, phase_node)
        phase = {**_treeitem(where, phase_node, "phase"), "objectives": []}
        phase["is_part_of_codelivery"] = bool(_flag(where, phase_node, "is_part_of_codelivery"))
        for o_index, objective_node in enumerate(_list(where, phase_node, "objectives")):
            o_where = f"{where}, {_label('objective', o_index, objective_node)}"
            objective_node = _object(o_where, objective_node)
            objective = {**_treeitem(o_where, objective_node, "objective"), "tasks": []}
            for t_index, task_node in enumerate(_list(o_where, objective_node, "tasks")):
                t_where = f"{o_where}, {_label('task', t_index, task_node)}"
                task_node = _object(t_where, task_node)
                profiles = _list(t_where, task_node, "problemprofiles")
                if not all(isinstance(p, str) for p in profiles):
                    raise ArchiveError(f"{t_where}: problemprofiles must be a list of ids")
                task = {
                    **_treeitem(t_where, task_node, "task"),
                    "problemprofiles": profiles,
                    "start_date": _date(t_where, task_node, "start_date"),
                    "end_date": _date(t_where, task_node, "end_date"),
                    "management": _int(t_where, task_node, "management"),
                    "development": _int(t_where, task_node, "development"),
                    "exploitation": _int(t_where, task_node, "exploitation"),
                    "assets": [
                        _asset(f"{t_where}, asset {a_index + 1}", _object(f"{t_where}, asset {a_index + 1}", node))
                        for a_index, node in enumerate(_list(t_where, task_node, "assets"))
                    ],
                }
                objective["tasks"].append(task)
            phase["objectives"].append(objective)
        phases.append(phase)
    return phases


def _process(data) -> dict:
    where = "coproduction.json"
    data = _object(where, data)
    language = data.get("language") or Languages.EN
    if language not in _LANGUAGES:
        raise ArchiveError(f"{where}: language must be one of {sorted(_LANGUAGES)}, not {language!r}")
    status = data.get("status") or Status.IN_PROGRESS
    if status not in _STATUSES:
        raise ArchiveError(f"{where}: status must be one of {sorted(_STATUSES)}, not {status!r}")
    process = {
        "name": _text(where, data, "name", required=True, limit=2000),
        "language": language,
        "status": status,
        "schema_used": _uuid(where, data, "schema_used"),
        **{key: _text(where, data, key) for key in _PROCESS_TEXT},
        **{column: _flag(where, data, key) for key, column in _PROCESS_FLAGS.items()},
    }
    tags = _list(where, data, "tags")
    if not all(isinstance(tag, str) and 0 < len(tag) <= 200 for tag in tags):
        raise ArchiveError(f"{where}: tags must be a list of names")
    process["tags"] = tags
    logotype = data.get("logotype")
    process["_logotype"] = posixpath.basename(logotype) if isinstance(logotype, str) and logotype else None
    return process


def _read_json(archive: zipfile.ZipFile, name: str, part: str):
    info = archive.getinfo(name)
    if info.file_size > settings.COPRODUCTION_IMPORT_MAX_BYTES:
        raise ArchiveError(f"{part}: too large")
    try:
        return json.loads(archive.read(name).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(f"{part}: not valid JSON ({error})") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise ArchiveError(f"{part}: cannot be read from the archive ({error})") from None


def read_archive(upload) -> ImportPlan:
    """Open and check the whole archive; nothing is written."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ArchiveError("file: not a ZIP archive") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > settings.COPRODUCTION_IMPORT_MAX_FILES:
            raise ArchiveError(f"file: more than {settings.COPRODUCTION_IMPORT_MAX_FILES} entries")
        if sum(info.file_size for info in infos) > settings.COPRODUCTION_IMPORT_MAX_BYTES * 4:
            raise ArchiveError("file: expands to more than the accepted size")
        folders = set()
        for info in infos:
            name = info.filename
            parts = name.split("/")
            if name.startswith("/") or "\\" in name or ".." in parts:
                raise ArchiveError(f"file: unsafe entry name {name!r}")
            if parts[0] == ROOT and len(parts) >= 3 and parts[1]:
                folders.add(parts[1])
        if len(folders) != 1:
            raise ArchiveError(
                f"file: expected one folder under {ROOT}/ (upstream's export layout), found {len(folders)}"
            )
        folder = f"{ROOT}/{folders.pop()}"
        names = {info.filename for info in infos}
        for part in ("coproduction.json", "schema.json"):
            if f"{folder}/{part}" not in names:
                raise ArchiveError(f"{part}: missing from the archive ({folder}/{part})")
        process = _process(_read_json(archive, f"{folder}/coproduction.json", "coproduction.json"))
        plan = ImportPlan(process=process, phases=_schema(_read_json(archive, f"{folder}/schema.json", "schema.json")))
        logotype_name = process.pop("_logotype")
        if logotype_name and f"{folder}/{logotype_name}" in names:
            where = f"logotype ({logotype_name})"
            info = archive.getinfo(f"{folder}/{logotype_name}")
            if info.file_size > settings.UPLOAD_MAX_IMAGE_BYTES:
                raise ArchiveError(f"{where}: too large")
            content = ContentFile(archive.read(info), name=logotype_name)
            try:
                image = validate_image(content)
            except DjangoValidationError as error:
                raise ArchiveError(f"{where}: {error.messages[0]}") from None
            plan.logotype = (logotype_name, content.read(), image.extension)
    return plan


# Import: write ---------------------------------------------------------------------------------


def process_import(*, plan: ImportPlan, creator: User) -> CoproductionProcess:
    """Create the process (the importer is its administrator), its tree in order and its assets."""
    from coproduction.models import Tag

    data = dict(plan.process)
    tag_names = data.pop("tags")
    tags = [Tag.objects.filter(name=name).first() or Tag.objects.create(name=name) for name in tag_names]
    process = services.process_create(data={**data, "tags": [tag.pk for tag in tags]}, creator=creator)
    previous_phase = None
    for phase_data in plan.phases:
        objectives = phase_data.pop("objectives")
        phase = _item_after(previous_phase, Phase, phase_data, creator, coproductionprocess=process)
        previous_phase = phase
        previous_objective = None
        for objective_data in objectives:
            tasks = objective_data.pop("tasks")
            objective = _item_after(previous_objective, Objective, objective_data, creator, phase=phase)
            previous_objective = objective
            previous_task = None
            for task_data in tasks:
                assets = task_data.pop("assets")
                task = _item_after(previous_task, Task, task_data, creator, objective=objective)
                previous_task = task
                for asset_data in assets:
                    kind = asset_data.pop("type")
                    model = InternalAsset if kind == "internalasset" else ExternalAsset
                    services.asset_create(model=model, data=asset_data, task=task, creator=creator, notify=False)
    if plan.logotype:
        name, content, extension = plan.logotype
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", posixpath.splitext(name)[0])[:100] or "logotype"
        process.logotype = default_storage.save(
            f"coproductionprocesses/{process.pk}/{stem}.{extension}", ContentFile(content)
        )
        process.save(update_fields=["logotype"])
    return process


def _item_after(previous, model, data: dict, creator, **parent):
    """A tree item of the imported plan under ``parent``, after its sibling ``previous`` (the
    archive keeps siblings as a chain: each one's prerequisite is the one before)."""
    return services.treeitem_create(
        model=model,
        data={**data, **parent, "prerequisites_ids": [previous.pk] if previous else []},
        creator=creator,
        notify=False,
    )
