"""Assets: create, clone, delete, and the notifications they raise."""

from __future__ import annotations

from coproduction.models import (
    Asset,
    CoproductionProcess,
    ExternalAsset,
    InternalAsset,
    Status,
    Task,
    User,
)
from coproduction.services.notifications import notify_process, short_user_name
from coproduction.services.tree import refresh_ancestors


def asset_create(*, model, data: dict, task: Task, creator: User | None, notify: bool = True) -> Asset:
    asset = model.objects.create(task=task, creator=creator, **data)
    if task.status == Status.AWAITING:
        task.status = Status.IN_PROGRESS
        task.save(update_fields=["status"])
        refresh_ancestors(task)
    if notify:
        _notify_asset("add_asset_copro", asset, creator)
    return asset


def asset_clone(*, asset: Asset, task: Task | None = None, creator: User | None, notify: bool = True) -> Asset:
    task = task or asset.task
    if asset.type == "internalasset":
        source = asset if isinstance(asset, InternalAsset) else asset.as_internalasset
        data = {
            "external_asset_id": source.external_asset_id,
            "softwareinterlinker_id": source.softwareinterlinker_id,
            "knowledgeinterlinker_id": source.knowledgeinterlinker_id,
        }
        return asset_create(model=InternalAsset, data=data, task=task, creator=creator, notify=notify)
    source = asset if isinstance(asset, ExternalAsset) else asset.as_externalasset
    data = {
        "name": source.name,
        "uri": source.uri,
        "icon_path": source.icon_path,
        "externalinterlinker_id": source.externalinterlinker_id,
    }
    return asset_create(model=ExternalAsset, data=data, task=task, creator=creator, notify=notify)


def asset_update(*, asset: InternalAsset | ExternalAsset, data: dict) -> InternalAsset | ExternalAsset:
    """Change the fields of an internal or external asset (its concrete row)."""
    for field, value in data.items():
        setattr(asset, field, value)
    asset.save()
    return asset


def asset_delete(*, asset: Asset, user: User | None) -> None:
    _notify_asset("remove_asset_copro", asset, user)
    task = Task.objects.get(pk=asset.task_id) if asset.task_id else None
    asset.delete()
    if task is not None:
        refresh_ancestors(task)


def _notify_asset(event: str, asset: Asset, user: User | None) -> None:
    if asset.task_id is None:
        return
    task = asset.task
    process = CoproductionProcess.objects.get(pk=asset.coproductionprocess_id or task.process_id)
    internal = asset.type == "internalasset"
    external = None if internal else (asset if isinstance(asset, ExternalAsset) else asset.as_externalasset)
    parameters = {
        "showLink": "" if internal else "hidden",
        "showIcon": "",
        "treeitem_id": str(task.pk),
        "treeItemName": task.name,
        "assetId": str(asset.pk),
        "assetName": f"{{assetid:{asset.pk}}}" if internal else external.name,
        "assetIcon": "" if internal else (external.icon_path or ""),
        "assetLink": "" if internal else (external.uri or ""),
        "interlinkerName": "",
        "processName": process.name,
        "userName": short_user_name(user.full_name) if user else "",
    }
    notify_process(event=event, process=process, parameters=parameters, asset_id=str(asset.pk), user=user)
