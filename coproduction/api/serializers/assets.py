"""``/assets`` (spec §4.5): internal and external assets; links and capabilities come from the
catalogue rows the view passes in the context (``software``, ``knowledge``)."""

from __future__ import annotations

from rest_framework import serializers

from coproduction import models
from coproduction.api.serializers.links import file_link

#: One field for every row's timestamps (building a DRF field per value was a tenth of a list's time).
DATETIME = serializers.DateTimeField()


class AssetOutSerializer(serializers.Serializer):
    """Internal or external asset, discriminated by ``type`` (link and capabilities from the catalogue)."""

    id = serializers.UUIDField()
    type = serializers.CharField()
    task_id = serializers.UUIDField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField(allow_null=True)
    softwareinterlinker_id = serializers.UUIDField(required=False, allow_null=True)
    knowledgeinterlinker_id = serializers.UUIDField(required=False, allow_null=True)
    external_asset_id = serializers.CharField(required=False, allow_null=True)
    capabilities = serializers.DictField(required=False, allow_null=True)
    link = serializers.CharField(required=False)
    externalinterlinker_id = serializers.UUIDField(required=False, allow_null=True)
    name = serializers.CharField(required=False, allow_null=True)
    uri = serializers.CharField(required=False, allow_null=True)
    icon = serializers.CharField(required=False)
    internalData = serializers.DictField(required=False)

    def to_representation(self, asset):
        base = {
            "id": str(asset.pk),
            "type": asset.type,
            "task_id": str(asset.task_id) if asset.task_id else None,
            "created_at": DATETIME.to_representation(asset.created_at) if asset.created_at else None,
            "updated_at": DATETIME.to_representation(asset.updated_at) if asset.updated_at else None,
        }
        if asset.type == "internalasset":
            internal = asset if isinstance(asset, models.InternalAsset) else asset.as_internalasset
            software = self.context.get("software", {}).get(internal.softwareinterlinker_id)
            base.update(
                softwareinterlinker_id=_str(internal.softwareinterlinker_id),
                knowledgeinterlinker_id=_str(internal.knowledgeinterlinker_id),
                external_asset_id=internal.external_asset_id,
                capabilities=software["capabilities"]
                if software
                else dict.fromkeys(("clone", "view", "edit", "delete", "download")),
                link=f"{software['backend']}/{internal.external_asset_id}" if software else "",
            )
            if self.context.get("internal_data"):
                knowledge = self.context.get("knowledge", {}).get(internal.knowledgeinterlinker_id)
                base["internalData"] = {
                    "icon": file_link(software["logotype"]) if software else "",
                    "name": (knowledge or {}).get("name") or (software or {}).get("name"),
                    "link": base["link"],
                }
        else:
            external = asset if isinstance(asset, models.ExternalAsset) else asset.as_externalasset
            base.update(
                externalinterlinker_id=_str(external.externalinterlinker_id),
                name=external.name,
                uri=external.uri,
                icon=file_link(external.icon_path, self.context.get("request")),
            )
            if self.context.get("internal_data"):
                base["internalData"] = {"icon": base["icon"], "name": external.name, "link": external.uri}
        return base


def _str(value):
    return str(value) if value is not None else None


class AssetInSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["internalasset", "externalasset"], required=False)
    task_id = serializers.UUIDField()
    softwareinterlinker_id = serializers.UUIDField(required=False, allow_null=True)
    knowledgeinterlinker_id = serializers.UUIDField(required=False, allow_null=True)
    external_asset_id = serializers.CharField(required=False, allow_null=True)
    externalinterlinker_id = serializers.UUIDField(required=False, allow_null=True)
    name = serializers.CharField(required=False)
    uri = serializers.CharField(required=False)

    def validate(self, attrs):
        kind = attrs.get("type") or ("externalasset" if "uri" in attrs else "internalasset")
        attrs["type"] = kind
        if kind == "externalasset":
            missing = {"name", "uri"} - set(attrs)
        else:
            missing = {"softwareinterlinker_id", "external_asset_id"} - set(attrs)
        if missing:
            raise serializers.ValidationError({name: ["This field is required."] for name in sorted(missing)})
        return attrs
