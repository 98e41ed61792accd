"""Upstream's shapes (``ArtefactOut``, ``InterlinkerOut`` per nature, ``TreeItemOutFull``…) and payloads."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.files.storage import default_storage
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue import models
from catalogue.files import file_link
from common.lean import Shape, memoized
from common.paging import PageSizeSerializer


def translations_field(**kwargs):
    return serializers.DictField(child=serializers.CharField(allow_blank=True, allow_null=True), **kwargs)


# --- computed values (spec §6.5) ---------------------------------------------------------


def software_backend(software: models.SoftwareInterlinker) -> str:
    protocol = settings.CATALOGUE_PROTOCOL
    host = software.domain or settings.CATALOGUE_SERVER_NAME
    if software.is_subdomain:
        return f"{protocol}{software.path}.{host}{software.api_path or ''}"
    return f"{protocol}{host}/{software.path}{software.api_path or ''}"


def is_stored_file(name: str | None) -> bool:
    """Whether a genesis asset id is the storage name of a file this project stored."""
    return bool(name) and name.startswith("catalogue/") and default_storage.exists(name)


# --- output ---------------------------------------------------------------------------------


class ProblemProfileSerializer(serializers.Serializer):
    """Upstream's ``ProblemProfile`` as embedded in artefacts."""

    id = serializers.CharField()
    name = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_null=True)


class ProblemProfileOutSerializer(ProblemProfileSerializer):
    functionality = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class ArtefactOutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    created_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), allow_null=True)
    is_public = serializers.BooleanField(allow_null=True)
    licence = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_null=True)
    constraints_and_limitations = serializers.CharField(allow_null=True)
    regulations_and_standards = serializers.CharField(allow_null=True)
    rating = serializers.FloatField(allow_null=True)
    ratings_count = serializers.IntegerField(allow_null=True)
    artefact_type = serializers.CharField(allow_null=True)
    problemprofiles = ProblemProfileSerializer(many=True)
    tags = serializers.ListField(child=serializers.CharField())


class InterlinkerOutSerializer(ArtefactOutSerializer):
    nature = serializers.CharField()
    published = serializers.BooleanField(allow_null=True)
    difficulty = serializers.CharField(allow_null=True)
    targets = serializers.ListField(child=serializers.CharField(), allow_null=True)
    types = serializers.ListField(child=serializers.CharField(), allow_null=True)
    administrative_scopes = serializers.ListField(child=serializers.CharField(), allow_null=True)
    process = serializers.CharField(allow_null=True)
    form = serializers.CharField(allow_null=True)
    format = serializers.CharField(allow_null=True)
    is_sustainability_related = serializers.BooleanField(allow_null=True)
    instructions = serializers.CharField(allow_null=True)
    logotype_link = serializers.SerializerMethodField()
    snapshots_links = serializers.SerializerMethodField()
    related_interlinkers = serializers.SerializerMethodField()

    def get_logotype_link(self, obj) -> str:
        return file_link(obj.logotype, self.context.get("request"))

    def get_snapshots_links(self, obj) -> list[str]:
        return [file_link(name, self.context.get("request")) for name in obj.snapshots or []]

    @extend_schema_field(serializers.ListField(child=serializers.DictField(), allow_null=True))
    def get_related_interlinkers(self, obj):
        return None  # upstream never fills it


class SoftwareInterlinkerOutSerializer(InterlinkerOutSerializer):
    supported_by = serializers.ListField(child=serializers.CharField(), allow_null=True)
    is_responsive = serializers.BooleanField(allow_null=True)
    auth_method = serializers.CharField(allow_null=True)
    service_name = serializers.CharField(allow_null=True)
    domain = serializers.CharField(allow_null=True)
    path = serializers.CharField(allow_null=True)
    is_subdomain = serializers.BooleanField(allow_null=True)
    api_path = serializers.CharField(allow_null=True)
    instantiate = serializers.BooleanField(allow_null=True)
    clone = serializers.BooleanField(allow_null=True)
    view = serializers.BooleanField(allow_null=True)
    edit = serializers.BooleanField(allow_null=True)
    delete = serializers.BooleanField(source="can_delete", allow_null=True)
    download = serializers.BooleanField(allow_null=True)
    preview = serializers.BooleanField(allow_null=True)
    open_in_modal = serializers.BooleanField(allow_null=True)
    shortcut = serializers.BooleanField(allow_null=True)
    instantiate_text = serializers.CharField(allow_null=True)
    view_text = serializers.CharField(allow_null=True)
    clone_text = serializers.CharField(allow_null=True)
    edit_text = serializers.CharField(allow_null=True)
    delete_text = serializers.CharField(allow_null=True)
    preview_text = serializers.CharField(allow_null=True)
    backend = serializers.SerializerMethodField()

    def get_backend(self, obj) -> str:
        return software_backend(obj)


class KnowledgeChildOutSerializer(InterlinkerOutSerializer):
    """A knowledge interlinker without ``softwareinterlinker`` and ``children`` (upstream's nesting)."""

    softwareinterlinker_id = serializers.UUIDField(allow_null=True)
    parent_id = serializers.UUIDField(allow_null=True)
    name_translations = serializers.DictField(child=serializers.CharField(), allow_null=True)
    genesis_asset_id_translations = serializers.DictField(child=serializers.CharField(), allow_null=True)
    genesis_asset_id = serializers.CharField(allow_null=True)
    link = serializers.SerializerMethodField()
    internal_link = serializers.SerializerMethodField()

    def get_link(self, obj) -> str | None:
        asset_id = obj.genesis_asset_id
        if is_stored_file(asset_id):
            return file_link(asset_id, self.context.get("request"))
        if obj.softwareinterlinker is None:
            return None
        return f"{software_backend(obj.softwareinterlinker)}/{asset_id}"

    def get_internal_link(self, obj) -> str | None:
        asset_id = obj.genesis_asset_id
        if is_stored_file(asset_id):
            return file_link(asset_id, self.context.get("request"))
        software = obj.softwareinterlinker
        if software is None:
            return None
        return f"http://{software.service_name}{software.api_path or ''}/{asset_id}"


class KnowledgeInterlinkerOutSerializer(KnowledgeChildOutSerializer):
    softwareinterlinker = SoftwareInterlinkerOutSerializer(allow_null=True)
    children = KnowledgeChildOutSerializer(many=True, source="children.all")


class ExternalInterlinkerOutSerializer(InterlinkerOutSerializer):
    uri = serializers.CharField(allow_null=True)
    asset_name = serializers.CharField(allow_null=True)


class ExternalSoftwareInterlinkerOutSerializer(ExternalInterlinkerOutSerializer):
    pass


class ExternalKnowledgeInterlinkerOutSerializer(ExternalInterlinkerOutSerializer):
    pass


OUT_BY_NATURE = {
    models.Nature.SOFTWARE: SoftwareInterlinkerOutSerializer,
    models.Nature.KNOWLEDGE: KnowledgeInterlinkerOutSerializer,
    models.Nature.EXTERNALSOFTWARE: ExternalSoftwareInterlinkerOutSerializer,
    models.Nature.EXTERNALKNOWLEDGE: ExternalKnowledgeInterlinkerOutSerializer,
}


def interlinkers_data(interlinkers, context) -> list[dict]:
    """Each interlinker in the shape of its nature's serializer (``interlinker_shapes``)."""
    shapes = interlinker_shapes()
    return [shapes.get(interlinker.nature, shapes[None])(interlinker, context) for interlinker in interlinkers]


def _file_link(value, context: dict) -> str:
    return memoized(context, "file links", value, lambda: file_link(value, context.get("request")))


def _stored_file(name, context: dict) -> bool:
    return memoized(context, "stored files", name, lambda: is_stored_file(name))


def _knowledge_link(obj, context: dict) -> str | None:
    asset_id = obj.genesis_asset_id
    if _stored_file(asset_id, context):
        return _file_link(asset_id, context)
    if obj.softwareinterlinker is None:
        return None
    return f"{software_backend(obj.softwareinterlinker)}/{asset_id}"


def _knowledge_internal_link(obj, context: dict) -> str | None:
    asset_id = obj.genesis_asset_id
    if _stored_file(asset_id, context):
        return _file_link(asset_id, context)
    software = obj.softwareinterlinker
    if software is None:
        return None
    return f"http://{software.service_name}{software.api_path or ''}/{asset_id}"


@functools.cache
def interlinker_shapes() -> dict:
    """``common.lean.Shape`` of each nature's output serializer (and of a nature-less row, key None).

    Byte-identical to the serializers above (catalogue/tests/test_lean_output.py) at a fraction
    of their cost: a page of 50 spent most of its time in DRF's per-field bookkeeping. Links are
    computed once per request and value (``memoized``).
    """
    profile = Shape(ProblemProfileSerializer)
    interlinker = {
        "problemprofiles": lambda obj, context: profile.many(obj.problemprofiles.all(), context),
        "logotype_link": lambda obj, context: _file_link(obj.logotype, context),
        "snapshots_links": lambda obj, context: [_file_link(name, context) for name in obj.snapshots or []],
        "related_interlinkers": lambda obj, context: None,  # upstream never fills it
    }
    software = Shape(
        SoftwareInterlinkerOutSerializer, computed={**interlinker, "backend": lambda obj, _: software_backend(obj)}
    )
    knowledge_child_fields = {**interlinker, "link": _knowledge_link, "internal_link": _knowledge_internal_link}
    knowledge_child = Shape(KnowledgeChildOutSerializer, computed=knowledge_child_fields)

    def embedded_software(obj, context):
        return None if obj.softwareinterlinker is None else software(obj.softwareinterlinker, context)

    knowledge = Shape(
        KnowledgeInterlinkerOutSerializer,
        computed={
            **knowledge_child_fields,
            "softwareinterlinker": embedded_software,
            "children": lambda obj, context: knowledge_child.many(obj.children.all(), context),
        },
    )
    return {
        models.Nature.SOFTWARE: software,
        models.Nature.KNOWLEDGE: knowledge,
        models.Nature.EXTERNALSOFTWARE: Shape(ExternalSoftwareInterlinkerOutSerializer, computed=interlinker),
        models.Nature.EXTERNALKNOWLEDGE: Shape(ExternalKnowledgeInterlinkerOutSerializer, computed=interlinker),
        None: Shape(InterlinkerOutSerializer, computed=interlinker),
    }


class TreeItemOutFullSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    created_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    type = serializers.CharField(allow_null=True)
    name_translations = serializers.DictField(child=serializers.CharField(), allow_null=True)
    description_translations = serializers.DictField(child=serializers.CharField(), allow_null=True)
    name = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_null=True)
    coproductionschema_id = serializers.UUIDField(allow_null=True)
    parent_id = serializers.UUIDField(allow_null=True)
    is_part_of_codelivery = serializers.BooleanField(allow_null=True)
    children_ids = serializers.SerializerMethodField()
    prerequisites_ids = serializers.ListField(child=serializers.UUIDField())
    problemprofiles_ids = serializers.SerializerMethodField()
    problemprofiles = ProblemProfileOutSerializer(many=True, source="tree_problemprofiles")

    def get_children_ids(self, obj) -> list[str]:
        return [str(child.pk) for child in obj.tree_children]

    def get_problemprofiles_ids(self, obj) -> list[str]:
        return [profile.pk for profile in obj.tree_problemprofiles]


TreeItemOutFullSerializer._declared_fields["children"] = TreeItemOutFullSerializer(many=True, source="tree_children")


class CoproductionSchemaOutSerializer(ArtefactOutSerializer):
    pass


class CoproductionSchemaOutFullSerializer(ArtefactOutSerializer):
    children = TreeItemOutFullSerializer(many=True, source="tree_children")


def problemprofiles_data(profiles, context) -> list[dict]:
    """Problem profiles as ``ProblemProfileOutSerializer`` shows them (``common.lean.Shape``)."""
    return schema_shapes()["problemprofile"].many(profiles, context)


def schemas_full_data(schemas, context) -> list[dict]:
    """Schemas with their trees as ``CoproductionSchemaOutFullSerializer`` shows them."""
    return schema_shapes()["schema"].many(schemas, context)


@functools.cache
def schema_shapes() -> dict:
    """``common.lean.Shape`` of a full schema, of its tree items (nested to any depth) and of a profile."""
    profile = Shape(ProblemProfileSerializer)
    profile_out = Shape(ProblemProfileOutSerializer)

    def children(obj, context):
        return item.many(obj.tree_children, context)

    item = Shape(
        TreeItemOutFullSerializer,
        computed={
            "children_ids": lambda obj, _: [str(child.pk) for child in obj.tree_children],
            "problemprofiles_ids": lambda obj, _: [linked.pk for linked in obj.tree_problemprofiles],
            "problemprofiles": lambda obj, context: profile_out.many(obj.tree_problemprofiles, context),
            "children": children,
        },
    )
    schema = Shape(
        CoproductionSchemaOutFullSerializer,
        computed={
            "problemprofiles": lambda obj, context: profile.many(obj.problemprofiles.all(), context),
            "children": children,
        },
    )
    return {"schema": schema, "item": item, "problemprofile": profile_out}


class RatingUserSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    full_name = serializers.CharField(allow_null=True)


class RatingOutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    created_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    user_id = serializers.CharField(allow_null=True)
    artefact_id = serializers.UUIDField(allow_null=True)
    value = serializers.IntegerField(allow_null=True)
    title = serializers.CharField(allow_null=True)
    text = serializers.CharField(allow_null=True)
    user = serializers.SerializerMethodField()

    @extend_schema_field(RatingUserSerializer(allow_null=True))
    def get_user(self, obj):
        user = self.context.get("users", {}).get(str(obj.user_id))
        return RatingUserSerializer(user).data if user is not None else None


# --- input ----------------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
    }
)
class TagsTranslationsField(serializers.Field):
    """``{lang: [tags]}`` stored ``;``-joined; a string value is stored as it is (decision 23)."""

    default_error_messages = {"invalid": "Expected an object of language: list of strings."}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("invalid")
        stored = {}
        for language, value in data.items():
            if isinstance(value, str):
                stored[str(language)] = value
            elif isinstance(value, list) and all(isinstance(tag, str) for tag in value):
                stored[str(language)] = ";".join(value)
            else:
                self.fail("invalid")
        return stored

    def to_representation(self, value):
        return {language: (text.split(";") if text else []) for language, text in (value or {}).items()}


class ArtefactCreateSerializer(serializers.Serializer):
    name_translations = translations_field()
    description_translations = translations_field()
    constraints_and_limitations_translations = translations_field(required=False, allow_null=True)
    regulations_and_standards_translations = translations_field(required=False, allow_null=True)
    tags_translations = TagsTranslationsField()
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=settings.CATALOGUE_LANGUAGES), required=False, default=["en"]
    )
    is_public = serializers.BooleanField(required=False, default=True)
    licence = serializers.ChoiceField(choices=models.Licence.choices)
    problemprofiles = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    creator_id = serializers.UUIDField(required=False, allow_null=True)


class InterlinkerCreateSerializer(ArtefactCreateSerializer):
    published = serializers.BooleanField(required=False)
    difficulty = serializers.ChoiceField(choices=models.Difficulty.choices)
    targets = serializers.ListField(child=serializers.ChoiceField(choices=models.Target.choices), required=False)
    types = serializers.ListField(child=serializers.ChoiceField(choices=models.InterlinkerType.choices), required=False)
    administrative_scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=models.AdministrativeScope.choices), required=False
    )
    process = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    form = serializers.ChoiceField(choices=models.FormType.choices, required=False, allow_null=True)
    format = serializers.ChoiceField(choices=models.Format.choices, required=False, allow_null=True)
    is_sustainability_related = serializers.BooleanField()
    logotype = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    snapshots = serializers.ListField(child=serializers.CharField(), required=False)
    instructions_translations = translations_field()


class SoftwareInterlinkerCreateSerializer(InterlinkerCreateSerializer):
    nature = serializers.ChoiceField(choices=[models.Nature.SOFTWARE])
    supported_by = serializers.ListField(child=serializers.ChoiceField(choices=models.Supporter.choices))
    is_responsive = serializers.BooleanField()
    auth_method = serializers.ChoiceField(choices=models.AuthMethod.choices)
    service_name = serializers.CharField()
    domain = serializers.CharField(allow_blank=True)
    path = serializers.CharField(allow_blank=True)
    is_subdomain = serializers.BooleanField()
    api_path = serializers.CharField(allow_blank=True)
    instantiate = serializers.BooleanField(required=False)
    view = serializers.BooleanField(required=False)
    edit = serializers.BooleanField(required=False)
    clone = serializers.BooleanField(required=False)
    delete = serializers.BooleanField(required=False, source="can_delete")
    download = serializers.BooleanField(required=False)
    preview = serializers.BooleanField(required=False)
    open_in_modal = serializers.BooleanField(required=False)
    shortcut = serializers.BooleanField(required=False)
    instantiate_text_translations = translations_field(required=False, allow_null=True)
    view_text_translations = translations_field(required=False, allow_null=True)
    edit_text_translations = translations_field(required=False, allow_null=True)
    delete_text_translations = translations_field(required=False, allow_null=True)
    clone_text_translations = translations_field(required=False, allow_null=True)
    download_text_translations = translations_field(required=False, allow_null=True)
    preview_text_translations = translations_field(required=False, allow_null=True)


class KnowledgeInterlinkerCreateSerializer(InterlinkerCreateSerializer):
    nature = serializers.ChoiceField(choices=[models.Nature.KNOWLEDGE])
    softwareinterlinker_id = serializers.UUIDField()
    genesis_asset_id_translations = translations_field()
    parent_id = serializers.UUIDField(required=False, allow_null=True)

    def validate_softwareinterlinker_id(self, value):
        if not models.SoftwareInterlinker.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Softwareinterlinker not found")
        return value

    def validate_parent_id(self, value):
        if value is not None and not models.KnowledgeInterlinker.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Knowledgeinterlinker not found")
        return value


class ExternalInterlinkerCreateSerializer(InterlinkerCreateSerializer):
    uri_translations = translations_field()
    asset_name_translations = translations_field(required=False, allow_null=True)


class ExternalSoftwareInterlinkerCreateSerializer(ExternalInterlinkerCreateSerializer):
    nature = serializers.ChoiceField(choices=[models.Nature.EXTERNALSOFTWARE])


class ExternalKnowledgeInterlinkerCreateSerializer(ExternalInterlinkerCreateSerializer):
    nature = serializers.ChoiceField(choices=[models.Nature.EXTERNALKNOWLEDGE])


CREATE_BY_NATURE = {
    models.Nature.SOFTWARE: SoftwareInterlinkerCreateSerializer,
    models.Nature.KNOWLEDGE: KnowledgeInterlinkerCreateSerializer,
    models.Nature.EXTERNALSOFTWARE: ExternalSoftwareInterlinkerCreateSerializer,
    models.Nature.EXTERNALKNOWLEDGE: ExternalKnowledgeInterlinkerCreateSerializer,
}


class NatureSerializer(serializers.Serializer):
    nature = serializers.ChoiceField(choices=models.Nature.choices)


class ProblemProfileCreateSerializer(serializers.Serializer):
    id = serializers.CharField()
    name_translations = translations_field()
    description_translations = translations_field()
    functionality_translations = translations_field()


class ProblemProfilePatchSerializer(serializers.Serializer):
    name_translations = translations_field()
    description_translations = translations_field()
    functionality_translations = translations_field()


class RatingCreateSerializer(serializers.Serializer):
    artefact_id = serializers.UUIDField()
    value = serializers.IntegerField(min_value=0, max_value=5)
    title = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    text = serializers.CharField(allow_blank=True)

    def validate_artefact_id(self, value):
        if not models.Artefact.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Artefact not found")
        return value


class InterlinkerQuerySerializer(PageSizeSerializer):
    search = serializers.CharField(required=False, allow_blank=True)
    rating = serializers.IntegerField(required=False, min_value=0, max_value=5)
    problemprofiles = serializers.ListField(child=serializers.CharField(), required=False)
    nature = serializers.ListField(child=serializers.ChoiceField(choices=models.Nature.choices), required=False)
    creator = serializers.ListField(child=serializers.CharField(), required=False)


class CoproductionSchemaQuerySerializer(PageSizeSerializer):
    search = serializers.CharField(required=False, allow_blank=True)
    rating = serializers.IntegerField(required=False, min_value=0, max_value=5)
    creator = serializers.ListField(child=serializers.CharField(), required=False)


class LocaleQuerySerializer(serializers.Serializer):
    locale = serializers.ChoiceField(choices=settings.CATALOGUE_LANGUAGES)


class RatingQuerySerializer(PageSizeSerializer):
    artefact_id = serializers.UUIDField(required=False)


__all__ = ["OpenApiTypes"]
