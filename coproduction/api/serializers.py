"""Upstream's output shapes (spec §4.2) and input bodies.

Output serializers read related rows through ``all()`` only, so the prefetches of
``coproduction.selectors`` keep every list endpoint at a fixed number of queries. The
caller's coproduction ``User`` travels in the serializer context as ``user``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.input import integer_column_field
from common.tree_order import prefetched_prerequisite_ids, prerequisite_order
from coproduction import models
from coproduction.services import parameters_text


def file_link(value: str | None, request=None) -> str:
    """Decision 20: storage URL of an uploaded file, or the public base URL + a legacy ``/static/`` value."""
    if not value:
        return ""
    if value.startswith("/static/") or value.startswith("http"):
        return value if value.startswith("http") else settings.COPRODUCTION_PUBLIC_BASE_URL + value
    url = default_storage.url(value)
    return request.build_absolute_uri(url) if request is not None else url


class _LinkMixin:
    def _link(self, value):
        return file_link(value, self.context.get("request"))


def _ids(manager) -> list[str]:
    return [str(obj.pk) for obj in manager.all()]


class UserOutSerializer(serializers.ModelSerializer):
    additionalEmails = serializers.ListField(source="additional_emails", child=serializers.CharField(), allow_null=True)
    agreeTermsOfUse = serializers.BooleanField(source="agree_terms_of_use", allow_null=True)
    teams_ids = serializers.SerializerMethodField()

    class Meta:
        model = models.User
        fields = [
            "id",
            "picture",
            "full_name",
            "last_login",
            "email",
            "additionalEmails",
            "agreeTermsOfUse",
            "teams_ids",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_teams_ids(self, obj):
        return _ids(obj.teams)


class TeamOutSerializer(_LinkMixin, serializers.ModelSerializer):
    logotype_link = serializers.SerializerMethodField()
    users = UserOutSerializer(many=True, read_only=True)
    administrators_ids = serializers.SerializerMethodField()
    appliers_ids = serializers.SerializerMethodField()
    current_user_participation = serializers.SerializerMethodField()

    class Meta:
        model = models.Team
        fields = [
            "id",
            "created_at",
            "updated_at",
            "name",
            "description",
            "organization_id",
            "type",
            "logotype",
            "creator_id",
            "logotype_link",
            "users",
            "administrators_ids",
            "users_count",
            "current_user_participation",
            "appliers_ids",
        ]

    def get_logotype_link(self, obj) -> str:
        return self._link(obj.logotype)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_administrators_ids(self, obj):
        return _ids(obj.administrators)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_appliers_ids(self, obj):
        return _ids(obj.applies)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_current_user_participation(self, obj):
        user = self.context.get("user")
        if user is None:
            return []
        roles = []
        if any(u.pk == user.pk for u in obj.administrators.all()):
            roles.append("administrator")
        if any(u.pk == user.pk for u in obj.users.all()):
            roles.append("member")
        return roles


class TeamOutFullSerializer(TeamOutSerializer):
    administrators = UserOutSerializer(many=True, read_only=True)

    class Meta(TeamOutSerializer.Meta):
        fields = [*TeamOutSerializer.Meta.fields, "administrators"]


class OrganizationOutSerializer(_LinkMixin, serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    icon_link = serializers.SerializerMethodField()
    logotype_link = serializers.SerializerMethodField()
    administrators_ids = serializers.SerializerMethodField()
    teams_ids = serializers.SerializerMethodField()
    current_user_participation = serializers.SerializerMethodField()
    people_involved = serializers.SerializerMethodField()

    class Meta:
        model = models.Organization
        fields = [
            "id",
            "created_at",
            "updated_at",
            "name_translations",
            "description_translations",
            "name",
            "description",
            "icon",
            "logotype",
            "default_team_type",
            "team_creation_permission",
            "public",
            "creator_id",
            "icon_link",
            "logotype_link",
            "administrators_ids",
            "teams_ids",
            "current_user_participation",
            "people_involved",
        ]

    def get_name(self, obj) -> str | None:
        return obj.name

    def get_description(self, obj) -> str | None:
        return obj.description

    def get_icon_link(self, obj) -> str:
        return self._link(obj.icon)

    def get_logotype_link(self, obj) -> str:
        return self._link(obj.logotype)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_administrators_ids(self, obj):
        return _ids(obj.administrators)

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_teams_ids(self, obj):
        return _ids(obj.teams)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_current_user_participation(self, obj):
        user = self.context.get("user")
        if user is None:
            return []
        roles = []
        if any(u.pk == user.pk for u in obj.administrators.all()):
            roles.append("administrator")
        if any(u.pk == user.pk for team in obj.teams.all() for u in team.users.all()):
            roles.append("member")
        return roles

    def get_people_involved(self, obj) -> int:
        return len({u.pk for team in obj.teams.all() for u in team.users.all()})


class OrganizationOutFullSerializer(OrganizationOutSerializer):
    administrators = UserOutSerializer(many=True, read_only=True)
    teams = TeamOutSerializer(many=True, read_only=True)

    class Meta(OrganizationOutSerializer.Meta):
        fields = [*OrganizationOutSerializer.Meta.fields, "administrators", "teams"]


PERMISSION_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "creator_id",
    "user_id",
    "team_id",
    "treeitem_id",
    "coproductionprocess_id",
    "access_assets_permission",
    "create_assets_permission",
    "delete_assets_permission",
]


class PermissionOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.Permission
        fields = PERMISSION_FIELDS


class PermissionOutFullSerializer(serializers.ModelSerializer):
    team = TeamOutSerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.Permission
        fields = [*PERMISSION_FIELDS, "team"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.Tag
        fields = ["id", "name", "description"]
        extra_kwargs = {"name": {"validators": []}}


class KeywordSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.Keyword
        fields = ["id", "name", "description"]
        extra_kwargs = {"name": {"validators": []}}


PROCESS_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "schema_used",
    "language",
    "name",
    "description",
    "logotype",
    "logotype_link",
    "aim",
    "idea",
    "organization_desc",
    "organization_id",
    "challenges",
    "requirements",
    "status",
    "incentive_and_rewards_state",
    "leaderboard",
    "hasAddAnOrganization",
    "skipResourcesStep",
    "hideguidechecklist",
    "intergovernmental_model",
    "cloned_from_id",
    "is_part_of_publication",
    "is_public",
    "game_id",
    "rating",
    "ratings_count",
    "creator_id",
    "start_date",
    "end_date",
    "administrators_ids",
    "current_user_participation",
    "tags",
]


class ProcessOutSerializer(_LinkMixin, serializers.ModelSerializer):
    logotype_link = serializers.SerializerMethodField()
    hasAddAnOrganization = serializers.BooleanField(source="has_add_an_organization", allow_null=True)
    skipResourcesStep = serializers.BooleanField(source="skip_resources_step", allow_null=True)
    rating = serializers.FloatField(allow_null=True)
    administrators_ids = serializers.SerializerMethodField()
    current_user_participation = serializers.SerializerMethodField()
    tags = TagSerializer(many=True, read_only=True)

    class Meta:
        model = models.CoproductionProcess
        fields = PROCESS_FIELDS

    def get_logotype_link(self, obj) -> str:
        return self._link(obj.logotype)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_administrators_ids(self, obj):
        return _ids(obj.administrators)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_current_user_participation(self, obj):
        user = self.context.get("user")
        if user is not None and any(u.pk == user.pk for u in obj.administrators.all()):
            return ["administrator"]
        return ["collaborator"]


class ProcessPublicOutFullSerializer(ProcessOutSerializer):
    administrators = UserOutSerializer(many=True, read_only=True)

    class Meta(ProcessOutSerializer.Meta):
        fields = [*PROCESS_FIELDS, "administrators"]


class ProcessOutFullSerializer(ProcessPublicOutFullSerializer):
    enabled_teams = serializers.SerializerMethodField()
    enabled_permissions = serializers.SerializerMethodField()

    class Meta(ProcessOutSerializer.Meta):
        fields = [*PROCESS_FIELDS, "administrators", "enabled_teams", "enabled_permissions"]

    @staticmethod
    def _enabled(obj):
        """Permissions whose tree item is not disabled (an item or one of its ancestors)."""
        return [p for p in obj.permissions.all() if p.treeitem_id is None or not getattr(p, "treeitem_disabled", False)]

    @extend_schema_field(TeamOutSerializer(many=True))
    def get_enabled_teams(self, obj):
        teams = {}
        for permission in self._enabled(obj):
            if permission.team is not None:
                teams.setdefault(permission.team.pk, permission.team)
        return TeamOutSerializer(list(teams.values()), many=True, context=self.context).data

    @extend_schema_field(PermissionOutFullSerializer(many=True))
    def get_enabled_permissions(self, obj):
        return PermissionOutFullSerializer(self._enabled(obj), many=True, context=self.context).data


TREEITEM_FIELDS = [
    "id",
    "type",
    "created_at",
    "updated_at",
    "name",
    "description",
    "from_schema",
    "from_item",
    "prerequisites_ids",
    "start_date",
    "end_date",
    "status",
    "progress",
    "creator_id",
    "disabler_id",
    "disabled_on",
    "is_disabled",
]


def chain_order(items) -> list:
    """Tree items as upstream presents them (``common.tree_order``); uses the prefetched ``prerequisites``."""
    return prerequisite_order(items, prefetched_prerequisite_ids)


class ChainOrderedListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        items = data.all() if hasattr(data, "all") else data
        return super().to_representation(chain_order(items))


class TreeItemOutSerializer(serializers.ModelSerializer):
    prerequisites_ids = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    is_disabled = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_prerequisites_ids(self, obj):
        return _ids(obj.prerequisites)

    def get_progress(self, obj) -> int:
        progress = getattr(obj, "progress", None)
        if progress is None:
            return 100 if obj.status == models.Status.FINISHED else 0
        return int(progress)

    def get_is_disabled(self, obj) -> bool:
        disabled = self.context.get("disabled_ancestors", set())
        return obj.disabled_on is not None or bool(disabled & set(_ancestor_ids(obj)))


def _ancestor_ids(obj) -> list:
    if isinstance(obj, models.Task):
        return [obj.objective_id, obj.objective.phase_id] if obj.objective_id else []
    if isinstance(obj, models.Objective):
        return [obj.phase_id]
    return []


class PhaseOutSerializer(TreeItemOutSerializer):
    class Meta:
        model = models.Phase
        list_serializer_class = ChainOrderedListSerializer
        fields = [*TREEITEM_FIELDS, "coproductionprocess_id", "is_part_of_codelivery"]


class ObjectiveOutSerializer(TreeItemOutSerializer):
    class Meta:
        model = models.Objective
        list_serializer_class = ChainOrderedListSerializer
        fields = [*TREEITEM_FIELDS, "phase_id"]


class TaskOutSerializer(TreeItemOutSerializer):
    phase_id = serializers.SerializerMethodField()

    class Meta:
        model = models.Task
        list_serializer_class = ChainOrderedListSerializer
        fields = [
            *TREEITEM_FIELDS,
            "objective_id",
            "phase_id",
            "problemprofiles",
            "management",
            "development",
            "exploitation",
        ]

    def get_phase_id(self, obj) -> str | None:
        return str(obj.objective.phase_id) if obj.objective_id else None


class _FullMixin(serializers.Serializer):
    permissions = serializers.SerializerMethodField()
    teams = serializers.SerializerMethodField()

    def _permissions(self, obj):
        """Process-wide permissions and those on any item of the path, for all teams."""
        by_process = self.context.get("process_permissions")
        if by_process is None:
            process_id = obj.process_id
            by_process = list(
                models.Permission.objects.filter(coproductionprocess_id=process_id).select_related("team")
            )
            self.context["process_permissions"] = by_process
        path = set(_ancestor_ids(obj)) | {obj.pk}
        return [p for p in by_process if p.treeitem_id is None or p.treeitem_id in path]

    @extend_schema_field(PermissionOutFullSerializer(many=True))
    def get_permissions(self, obj):
        return PermissionOutFullSerializer(self._permissions(obj), many=True, context=self.context).data

    @extend_schema_field(TeamOutSerializer(many=True))
    def get_teams(self, obj):
        teams = {}
        for permission in self._permissions(obj):
            if permission.team is not None:
                teams.setdefault(permission.team.pk, permission.team)
        return TeamOutSerializer(list(teams.values()), many=True, context=self.context).data


class TaskOutFullSerializer(_FullMixin, TaskOutSerializer):
    class Meta(TaskOutSerializer.Meta):
        fields = [*TaskOutSerializer.Meta.fields, "permissions", "teams"]


class ObjectiveOutFullSerializer(_FullMixin, ObjectiveOutSerializer):
    children = TaskOutFullSerializer(many=True, read_only=True)

    class Meta(ObjectiveOutSerializer.Meta):
        fields = [*ObjectiveOutSerializer.Meta.fields, "permissions", "teams", "children"]


class PhaseOutFullSerializer(_FullMixin, PhaseOutSerializer):
    children = ObjectiveOutFullSerializer(many=True, read_only=True)

    class Meta(PhaseOutSerializer.Meta):
        fields = [*PhaseOutSerializer.Meta.fields, "permissions", "teams", "children"]


# Assets ------------------------------------------------------------------------------------


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
            "created_at": serializers.DateTimeField().to_representation(asset.created_at) if asset.created_at else None,
            "updated_at": serializers.DateTimeField().to_representation(asset.updated_at) if asset.updated_at else None,
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


class ClaimOutSerializer(serializers.ModelSerializer):
    user = UserOutSerializer(read_only=True)
    asset = AssetOutSerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.Claim
        fields = [
            "id",
            "created_at",
            "updated_at",
            "user_id",
            "asset_id",
            "task_id",
            "coproductionprocess_id",
            "assignment_id",
            "title",
            "description",
            "state",
            "claim_type",
            "user",
            "asset",
        ]


class AssignmentOutSerializer(serializers.ModelSerializer):
    user = UserOutSerializer(read_only=True)
    asset = AssetOutSerializer(read_only=True, allow_null=True)
    claims = ClaimOutSerializer(many=True, read_only=True)
    link = serializers.SerializerMethodField()
    link_to_claim = serializers.SerializerMethodField()

    class Meta:
        model = models.Assignment
        fields = [
            "id",
            "created_at",
            "updated_at",
            "user_id",
            "asset_id",
            "task_id",
            "coproductionprocess_id",
            "title",
            "description",
            "state",
            "link",
            "link_to_claim",
            "user",
            "asset",
            "claims",
        ]

    def get_link(self, obj) -> str:
        """Upstream's front-end URL of the assignment."""
        return (
            f"http://{settings.COPRODUCTION_SERVER_NAME}/dashboard/coproductionprocesses/"
            f"{obj.coproductionprocess_id}/resources?tab=Assignments&assignment={obj.pk}"
        )

    def get_link_to_claim(self, obj) -> str:
        return f"http://{settings.COPRODUCTION_SERVER_NAME}/dashboard/assignments/registerclaim/{obj.pk}"


# Notifications, stories, ratings -----------------------------------------------------------


class NotificationSerializer(serializers.ModelSerializer):
    language = serializers.ChoiceField(choices=models.Languages.choices, default="en")

    class Meta:
        model = models.Notification
        fields = [
            "id",
            "created_at",
            "updated_at",
            "event",
            "title",
            "subtitle",
            "text",
            "html_template",
            "url_link",
            "icon",
            "language",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class ParametersField(serializers.Field):
    """Notification parameters: stored as a JSON object, shown as JSON text (spec §5.8)."""

    def to_representation(self, value):
        return parameters_text(value)

    def to_internal_value(self, data):
        from coproduction.services import parse_parameters

        try:
            return parse_parameters(data, strict=True)
        except ValueError:
            raise serializers.ValidationError("parameters must be JSON text") from None


extend_schema_field(OpenApiTypes.STR)(ParametersField)


class UserNotificationSerializer(serializers.ModelSerializer):
    parameters = ParametersField(required=False, allow_null=True)
    notification = NotificationSerializer(read_only=True)
    notification_id = serializers.PrimaryKeyRelatedField(
        source="notification", queryset=models.Notification.objects.all(), write_only=False
    )
    user_id = serializers.PrimaryKeyRelatedField(source="user", queryset=models.User.objects.all())
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)

    class Meta:
        model = models.UserNotification
        fields = [
            "id",
            "created_at",
            "updated_at",
            "user_id",
            "notification_id",
            "channel",
            "state",
            "is_archived",
            "coproductionprocess_id",
            "parameters",
            "notification",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class ClaimTypeField(serializers.ChoiceField):
    """Stored ``management``; read and written as ``Management`` (upstream's enum names)."""

    def __init__(self, **kwargs):
        super().__init__(choices=[label for _, label in models.ClaimTypes.choices], **kwargs)

    def to_representation(self, value):
        return dict(models.ClaimTypes.choices).get(value, value) if value else None

    def to_internal_value(self, data):
        return super().to_internal_value(data).lower()


class ProcessNotificationSerializer(serializers.ModelSerializer):
    parameters = ParametersField(required=False, allow_null=True)
    claim_type = ClaimTypeField(required=False, allow_null=True)
    notification = NotificationSerializer(read_only=True)
    notification_id = serializers.PrimaryKeyRelatedField(
        source="notification", queryset=models.Notification.objects.all()
    )
    coproductionprocess_id = serializers.PrimaryKeyRelatedField(
        source="coproductionprocess", queryset=models.CoproductionProcess.objects.all()
    )
    user_id = serializers.CharField(required=False, allow_null=True)

    class Meta:
        model = models.CoproductionProcessNotification
        fields = [
            "id",
            "created_at",
            "updated_at",
            "coproductionprocess_id",
            "notification_id",
            "parameters",
            "claim_type",
            "asset_id",
            "user_id",
            "notification",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class ParticipationRequestSerializer(serializers.ModelSerializer):
    user = UserOutSerializer(source="candidate", read_only=True, allow_null=True)
    candidate_id = serializers.CharField(required=False, allow_null=True)
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)

    class Meta:
        model = models.ParticipationRequest
        fields = [
            "id",
            "created_at",
            "updated_at",
            "candidate_id",
            "coproductionprocess_id",
            "razon",
            "is_archived",
            "user",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class StorySerializer(serializers.ModelSerializer):
    keywords = KeywordSerializer(many=True, read_only=True)
    rating = serializers.FloatField(read_only=True, allow_null=True)
    coproductionprocess_id = serializers.UUIDField()
    coproductionprocess_cloneforpub_id = serializers.UUIDField(required=False, allow_null=True)
    user_id = serializers.CharField(required=False, allow_null=True)

    class Meta:
        model = models.Story
        fields = [
            "id",
            "created_at",
            "updated_at",
            "coproductionprocess_id",
            "coproductionprocess_cloneforpub_id",
            "user_id",
            "state",
            "logotype",
            "data_story",
            "rating",
            "ratings_count",
            "published_date",
            "keywords",
        ]
        read_only_fields = ["id", "created_at", "updated_at", "ratings_count"]


class RatingSerializer(serializers.ModelSerializer):
    value = serializers.IntegerField(min_value=0, max_value=5)
    artefact_id = serializers.UUIDField()
    artefact_type = serializers.CharField()

    class Meta:
        model = models.Rating
        fields = ["id", "created_at", "updated_at", "user_id", "artefact_id", "artefact_type", "title", "text", "value"]
        read_only_fields = ["id", "created_at", "updated_at", "user_id"]


# Input bodies ------------------------------------------------------------------------------


class ProcessInSerializer(serializers.ModelSerializer):
    hasAddAnOrganization = serializers.BooleanField(source="has_add_an_organization", required=False, allow_null=True)
    skipResourcesStep = serializers.BooleanField(source="skip_resources_step", required=False, allow_null=True)
    organization_id = serializers.PrimaryKeyRelatedField(
        source="organization", queryset=models.Organization.objects.all(), required=False, allow_null=True
    )
    tags = serializers.PrimaryKeyRelatedField(queryset=models.Tag.objects.all(), many=True, required=False)
    language = serializers.ChoiceField(choices=models.Languages.choices)

    class Meta:
        model = models.CoproductionProcess
        fields = [
            "schema_used",
            "language",
            "name",
            "description",
            "logotype",
            "aim",
            "idea",
            "organization_desc",
            "organization_id",
            "challenges",
            "requirements",
            "status",
            "incentive_and_rewards_state",
            "leaderboard",
            "hasAddAnOrganization",
            "skipResourcesStep",
            "hideguidechecklist",
            "intergovernmental_model",
            "is_part_of_publication",
            "is_public",
            "game_id",
            "tags",
        ]
        extra_kwargs = {"name": {"required": True, "allow_null": False}}


class UserIdSerializer(serializers.Serializer):
    user_id = serializers.CharField()


class TreeItemInSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    from_schema = serializers.UUIDField(required=False, allow_null=True)
    from_item = serializers.UUIDField(required=False, allow_null=True)
    disabler_id = serializers.CharField(required=False, allow_null=True)
    disabled_on = serializers.DateTimeField(required=False, allow_null=True)
    prerequisites_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
    postrequisites_ids = serializers.ListField(child=serializers.UUIDField(), required=False)


class PhaseInSerializer(TreeItemInSerializer):
    coproductionprocess_id = serializers.UUIDField(required=False)
    is_part_of_codelivery = serializers.BooleanField(required=False, allow_null=True)


class ObjectiveInSerializer(TreeItemInSerializer):
    phase_id = serializers.UUIDField(required=False)


class TaskInSerializer(TreeItemInSerializer):
    objective_id = serializers.UUIDField(required=False)
    problemprofiles = serializers.ListField(child=serializers.CharField(), required=False)
    status = serializers.ChoiceField(choices=models.Status.choices, required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    management = integer_column_field(required=False)
    development = integer_column_field(required=False)
    exploitation = integer_column_field(required=False)


class TeamInSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    organization_id = serializers.UUIDField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=models.RoleTypes.choices)
    logotype = serializers.CharField(required=False, allow_null=True)
    user_ids = serializers.ListField(child=serializers.CharField(), required=False)


class OrganizationInSerializer(serializers.Serializer):
    name_translations = serializers.DictField(child=serializers.CharField(allow_blank=True))
    description_translations = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, allow_null=True
    )
    icon = serializers.CharField(required=False, allow_null=True)
    logotype = serializers.CharField(required=False, allow_null=True)
    default_team_type = serializers.ChoiceField(choices=models.RoleTypes.choices)
    team_creation_permission = serializers.ChoiceField(choices=models.TeamCreationPermissions.choices, required=False)
    public = serializers.BooleanField(required=False)


class PermissionInSerializer(serializers.Serializer):
    team_id = serializers.UUIDField(required=False, allow_null=True)
    user_id = serializers.CharField(required=False, allow_null=True)
    treeitem_id = serializers.UUIDField(required=False, allow_null=True)
    coproductionprocess_id = serializers.UUIDField(required=False, allow_null=True)
    access_assets_permission = serializers.BooleanField(required=False, default=False)
    create_assets_permission = serializers.BooleanField(required=False, default=False)
    delete_assets_permission = serializers.BooleanField(required=False, default=False)


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


class SchemaBodySerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False)
    coproductionschema_id = serializers.UUIDField(required=False)
    children = serializers.ListField(child=serializers.DictField(), required=False)
