"""``/assets`` (spec §4.5): effective permissions on the task decide; links come from the catalogue."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from common.api import null_response
from common.exceptions import APIError
from common.translations import get_language
from coproduction import catalogue, models, selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, parse_uuid, path_params, row_or_none, valid
from coproduction.api.serializers.assets import AssetInSerializer, AssetOutSerializer
from coproduction.api.serializers.claims import ClaimOutSerializer

ASSET_NOT_FOUND = "Asset not found"
TASK_PARAM = [OpenApiParameter("task_id", str, required=True)]


def catalogue_context(assets) -> dict:
    """Software and knowledge interlinkers of the internal assets, read once from the catalogue database."""
    internal = [
        a.as_internalasset if not isinstance(a, models.InternalAsset) else a
        for a in assets
        if a.type == "internalasset"
    ]
    if not internal:
        return {}
    language = get_language()
    try:
        software = catalogue.software_interlinkers({a.softwareinterlinker_id for a in internal}, language)
        knowledge = catalogue.knowledge_interlinkers({a.knowledgeinterlinker_id for a in internal}, language)
    except APIError:
        return {}
    return {"software": software, "knowledge": knowledge}


def assets_response(view, assets, *, internal_data: bool = False) -> Response:
    assets = list(assets)
    return view.out(AssetOutSerializer, assets, many=True, internal_data=internal_data, **catalogue_context(assets))


def asset_response(view, asset) -> Response:
    return view.out(AssetOutSerializer, asset, **catalogue_context([asset]))


def task_of(task_id) -> models.Task:
    if not task_id:
        raise serializers.ValidationError({"task_id": ["This field is required."]})
    task = row_or_none(models.Task, parse_uuid(task_id, "task_id"))
    if task is None:
        raise APIError(404, "Task not found")
    return task


class AssetListView(CoproductionView):
    @extend_schema(parameters=TASK_PARAM, responses=AssetOutSerializer(many=True))
    def get(self, request):
        """Assets of a task (``access_assets_permission``)."""
        user = self.current_user()
        task = task_of(request.query_params.get("task_id"))
        services.require_flag(user, task, "access_assets_permission")
        return assets_response(self, selectors.assets_of_task(task))

    @extend_schema(request=AssetInSerializer, responses=AssetOutSerializer)
    def post(self, request):
        """Create an internal or external asset (``create_assets_permission``)."""
        user = self.current_user()
        body = dict(valid(AssetInSerializer, request.data))
        task = task_of(body.pop("task_id"))
        services.require_flag(user, task, "create_assets_permission")
        kind = body.pop("type")
        if kind == "externalasset":
            model = models.ExternalAsset
            data = {k: body.get(k) for k in ("name", "uri", "externalinterlinker_id")}
        else:
            model = models.InternalAsset
            data = {k: body.get(k) for k in ("softwareinterlinker_id", "knowledgeinterlinker_id", "external_asset_id")}
        asset = services.asset_create(model=model, data=data, task=task, creator=user)
        return asset_response(self, asset)


class AssetCatalogueListView(CoproductionView):
    @extend_schema(parameters=TASK_PARAM, responses=AssetOutSerializer(many=True))
    def get(self, request):
        """Assets of a task without the permission check."""
        self.current_user()
        task = task_of(request.query_params.get("task_id"))
        return assets_response(self, selectors.assets_of_task(task))


class AssetInternalInfoListView(CoproductionView):
    @extend_schema(parameters=TASK_PARAM, responses=AssetOutSerializer(many=True))
    def get(self, request):
        """Assets of a task with ``internalData`` (icon, name, link)."""
        user = self.current_user()
        task = task_of(request.query_params.get("task_id"))
        services.require_flag(user, task, "access_assets_permission")
        return assets_response(self, selectors.assets_of_task(task), internal_data=True)


class InstantiateSerializer(serializers.Serializer):
    knowledgeinterlinker_id = serializers.UUIDField()
    task_id = serializers.UUIDField()
    language = serializers.ChoiceField(choices=models.Languages.choices, default="en")


class InstantiateView(CoproductionView):
    @extend_schema(request=InstantiateSerializer, responses=AssetOutSerializer)
    def post(self, request):
        """An internal asset pointing at a knowledge interlinker's genesis asset (no copy in a tool)."""
        user = self.current_user()
        body = valid(InstantiateSerializer, request.data)
        task = task_of(body["task_id"])
        services.require_flag(user, task, "create_assets_permission")
        knowledge = catalogue.knowledge_interlinkers([body["knowledgeinterlinker_id"]], body["language"])
        row = knowledge.get(body["knowledgeinterlinker_id"])
        if row is None:
            raise APIError(404, "Knowledge interlinker not found")
        asset = services.asset_create(
            model=models.InternalAsset,
            data={
                "knowledgeinterlinker_id": row["id"],
                "softwareinterlinker_id": row["softwareinterlinker_id"],
                "external_asset_id": row["genesis_asset_id"],
            },
            task=task,
            creator=user,
        )
        return asset_response(self, asset)


def asset_with_flag(view, asset_id, flag: str) -> models.Asset:
    user = view.current_user()
    asset = get_or_404(selectors.assets_qs(), asset_id, ASSET_NOT_FOUND)
    if asset.task_id:
        services.require_flag(user, row_or_none(models.Task, asset.task_id), flag)
    return asset


@path_params("id")
class AssetDetailView(CoproductionView):
    @extend_schema(responses=AssetOutSerializer)
    def get(self, request, id):
        return asset_response(self, asset_with_flag(self, id, "access_assets_permission"))

    @extend_schema(request=AssetInSerializer, responses=AssetOutSerializer)
    def put(self, request, id):
        asset = asset_with_flag(self, id, "create_assets_permission")
        if not isinstance(request.data, dict):
            raise serializers.ValidationError({"body": ["A JSON object is required."]})
        concrete = asset.as_internalasset if asset.type == "internalasset" else asset.as_externalasset
        allowed = (
            ("softwareinterlinker_id", "knowledgeinterlinker_id", "external_asset_id")
            if asset.type == "internalasset"
            else ("name", "uri", "externalinterlinker_id")
        )
        body = valid(
            AssetInSerializer,
            {"task_id": str(asset.task_id), "type": asset.type, **request.data},
            partial=True,
        )
        services.asset_update(
            asset=concrete, data={field: body.get(field) for field in allowed if field in request.data}
        )
        return asset_response(self, selectors.assets_qs().get(pk=asset.pk))

    @extend_schema(responses={200: None})
    def delete(self, request, id):
        asset = asset_with_flag(self, id, "delete_assets_permission")
        services.asset_delete(asset=asset, user=self.current_user())
        return null_response()


@path_params("id")
class AssetCloneView(CoproductionView):
    @extend_schema(request=None, responses=AssetOutSerializer)
    def post(self, request, id):
        asset = asset_with_flag(self, id, "create_assets_permission")
        clone = services.asset_clone(asset=asset, creator=self.current_user())
        return asset_response(self, clone)


@path_params("id")
class AssetContributionsView(CoproductionView):
    @extend_schema(responses=AssetOutSerializer)
    def get(self, request, id):
        """The asset and its contributors (claims)."""
        asset = asset_with_flag(self, id, "access_assets_permission")
        data = AssetOutSerializer(asset, context=self.context(**catalogue_context([asset]))).data
        claims = selectors.contributors_of_assets([asset])
        data["contributors"] = ClaimOutSerializer(claims, many=True, context=self.context()).data
        return Response(data)


class _InternalView(CoproductionView):
    check = True

    @extend_schema(responses=AssetOutSerializer)
    def get(self, request, id):
        """The internal asset's catalogue summary (decision 22)."""
        if self.check:
            asset = asset_with_flag(self, id, "access_assets_permission")
        else:
            self.current_user()
            asset = get_or_404(selectors.assets_qs(), id, ASSET_NOT_FOUND)
        if asset.type != "internalasset":
            raise APIError(400, "Asset is not internal")
        internal = asset.as_internalasset
        context = catalogue_context([asset])
        software = context.get("software", {}).get(internal.softwareinterlinker_id)
        knowledge = context.get("knowledge", {}).get(internal.knowledgeinterlinker_id)

        def summary(row, pk):
            if row is None:
                return None
            return {
                "id": str(pk),
                "name": row["name"],
                "description": row["description"],
                "logotype_link": catalogue.logotype_link(row["logotype"], request),
            }

        return Response(
            {
                "id": str(asset.pk),
                "external_asset_id": internal.external_asset_id,
                "link": f"{software['backend']}/{internal.external_asset_id}" if software else "",
                "capabilities": software["capabilities"] if software else dict.fromkeys(catalogue.CAPABILITIES),
                "softwareinterlinker": summary(software, internal.softwareinterlinker_id),
                "knowledgeinterlinker": summary(knowledge, internal.knowledgeinterlinker_id),
            }
        )


@path_params("id")
class AssetInternalView(_InternalView):
    check = True


@path_params("id")
class AssetInternalCatalogueView(_InternalView):
    check = False


class AskContributionSerializer(serializers.Serializer):
    """Upstream's ``EmailTeamContribution`` / ``EmailUserAssetContribution`` bodies; the e-mail
    fields (subject, instructions, icon, link) may be left out, as older clients do."""

    asset_id = serializers.UUIDField()
    asset_name = serializers.CharField(required=False, allow_blank=True)
    taskName = serializers.CharField(required=False, allow_blank=True)
    resourceId = serializers.CharField(required=False, allow_blank=True)
    processId = serializers.UUIDField()
    subject = serializers.CharField(required=False, allow_blank=True, max_length=998)
    instructions = serializers.CharField(required=False, allow_blank=True)
    icon = serializers.CharField(required=False, allow_blank=True)
    link = serializers.CharField(required=False, allow_blank=True)

    def validate_subject(self, subject: str) -> str:
        if "\n" in subject or "\r" in subject:
            raise serializers.ValidationError("An e-mail subject is one line: no line breaks.")
        return subject


class AskTeamContributionSerializer(AskContributionSerializer):
    listTeams = serializers.ListField(child=serializers.UUIDField(), required=False)
    assigmentDict = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, allow_null=True
    )


class AskUserContributionSerializer(AskContributionSerializer):
    userTo = serializers.CharField(max_length=255)


class AskTeamContributionView(CoproductionView):
    """``assign_resource`` notifications and ``ask_team_contribution`` e-mails to every member
    of ``listTeams`` (process administrators only)."""

    @extend_schema(request=AskTeamContributionSerializer, responses=str)
    def post(self, request):
        self.current_user()
        body = valid(AskTeamContributionSerializer, request.data)
        process = self._administered_process(body)
        services.contribution_ask(process=process, request=body, team_ids=body.get("listTeams", []))
        return Response("Done")

    def _administered_process(self, body):
        process = get_or_404(models.CoproductionProcess, body["processId"], "CoproductionProcess not found")
        rules.require_process_administrator(self, process.pk)
        return process


class AskUserContributionView(AskTeamContributionView):
    """The same to one user, ``userTo``."""

    @extend_schema(request=AskUserContributionSerializer, responses=str)
    def post(self, request):
        self.current_user()
        body = valid(AskUserContributionSerializer, request.data)
        process = self._administered_process(body)
        services.contribution_ask(process=process, request=body, user_id=body["userTo"])
        return Response("Done")
