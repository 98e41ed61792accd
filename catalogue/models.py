"""The INTERLINK catalogue (interlink-project/backend-catalogue): 14 tables, upstream names.

Inheritance (upstream's joined tables) is Django multi-table inheritance; every child table's
primary key column is ``id`` and doubles as the foreign key to its parent::

    artefact                        artefact_type discriminator
    ├── interlinker                 artefact_type = 'interlinker', nature discriminator
    │   ├── softwareinterlinker, knowledgeinterlinker,
    │   └── externalsoftwareinterlinker, externalknowledgeinterlinker
    ├── coproductionschema          artefact_type = 'coproductionschema'
    └── publicservice               artefact_type = 'publicservice'

Both discriminators are stored and set on save. ``Interlinker.concrete`` (and
``Artefact.concrete``) downcast a base row to its subtype.

Translated values live in HSTORE ``<field>_translations`` columns; ``<field>`` reads and
writes them with upstream's semantics (``common.translations.TranslatedField``).
Timestamps of the root tables: ``created_at`` has the server default ``now()``,
``updated_at`` stays NULL until the first update (as upstream's ``onupdate``).
"""

from __future__ import annotations

import uuid

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.fields.hstore import KeyTransform
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.expressions import DatabaseDefault
from django.db.models.functions import Upper
from django.utils import timezone

from common.fields import TranslationsField
from common.models import UpstreamTimestamps
from common.translations import SUPPORTED_LANGUAGES, TranslatedField, read_translation


class EmptyVarcharArray(models.Func):
    """The server default ``'{}'::character varying[]``, exactly as upstream's DDL prints it."""

    template = "'{}'::character varying[]"
    output_field = ArrayField(models.CharField())


def varchar_array(**kwargs) -> ArrayField:
    """A ``character varying[]`` column with upstream's server default ``'{}'``."""
    return ArrayField(models.CharField(), null=True, blank=True, default=list, db_default=EmptyVarcharArray(), **kwargs)


def translations(verbose_name: str | None = None) -> TranslationsField:
    return TranslationsField(null=True, blank=True, verbose_name=verbose_name)


#: The translated columns the catalogue's ``search`` parameter looks in (``catalogue.selectors``).
SEARCHED_FIELDS = ("name", "description", "tags")


def search_index(language: str) -> GinIndex:
    """A trigram index of the searched values in ``language``, one per language (not upstream's).

    The search is ``UPPER(<field>_translations -> '<language>') LIKE UPPER('%<text>%')`` on each
    field (Django's ``icontains``); a GIN ``gin_trgm_ops`` index on exactly those expressions
    answers it without reading every artefact (docs/schema-deviations.toml).
    """
    return GinIndex(
        *(
            OpClass(Upper(KeyTransform(language, f"{field}_translations")), name="gin_trgm_ops")
            for field in SEARCHED_FIELDS
        ),
        name=f"artefact_search_{language}_trgm",
    )


# --- value sets (§4.10) -------------------------------------------------------------------


class ArtefactType(models.TextChoices):
    INTERLINKER = "interlinker"
    COPRODUCTIONSCHEMA = "coproductionschema"
    PUBLICSERVICE = "publicservice"


class Nature(models.TextChoices):
    SOFTWARE = "softwareinterlinker"
    KNOWLEDGE = "knowledgeinterlinker"
    EXTERNALSOFTWARE = "externalsoftwareinterlinker"
    EXTERNALKNOWLEDGE = "externalknowledgeinterlinker"


class Licence(models.TextChoices):
    PUBLIC_DOMAIN = "public_domain"
    PERMISSIVE = "permissive"
    COPYLEFT = "copyleft"
    NON_COMMERCIAL = "non_commercial"
    PROPIETARY = "propietary"  # sic, upstream's value


class Difficulty(models.TextChoices):
    VERY_EASY = "very_easy"
    EASY = "easy"
    MEDIUM = "medium"
    DIFFICULT = "difficult"
    VERY_DIFFICULT = "very_difficult"


class Target(models.TextChoices):
    ALL = "all"
    PAS = "all;pas"
    PUBLIC_SERVANTS = "all;pas;public_servants"
    POLITICIANS = "all;pas;politicians"
    BUSINESSES = "all;businesses"
    SMES = "all;businesses;smes"
    FREELANCERS = "all;businesses;freelancers"
    LARGE_COMPANIES = "all;businesses;large_companies"
    PRIVATE_NON_PROFIT = "all;businesses;private_non_profit"
    CITIZENS = "all;citizens"
    POTENTIAL_END_USERS = "all;citizens;potential_end_users"
    EXPERT_CITIZENS = "all;citizens;expert_citizens"
    RESEARCH_ORGANIZATIONS = "all;research_organizations"
    UNIVERSITIES = "all;research_organizations;universities"
    OTHER_RESEARCH_ENTITIES = "all;research_organizations;other_research_entities"


class InterlinkerType(models.TextChoices):
    ENABLING_SERVICES = "enabling_services"
    IMPLEMENTING_SOFTWARE_AND_ARTIFACTS = "enabling_services;implementing_software_and_artifacts"
    OPERATION_SERVICES = "enabling_services;operation_services"
    ENHANCING_SERVICES = "enhancing_services"
    ONBOARDING_SERVICES = "enhancing_services;onboarding_services"
    FOLLOWUP_SERVICES = "enhancing_services;followup_services"
    EXTERNAL_EXPERTS = "enhancing_services:external_experts"  # colon, sic (upstream)


class AdministrativeScope(models.TextChoices):
    EU = "eu"
    NATIONAL = "national"
    LOCAL = "local"


class FormType(models.TextChoices):
    VISUAL_TEMPLATE = "visual_template"
    DOCUMENT_TEMPLATE = "document_template"
    CANVAS = "canvas"
    BEST_PRACTICES = "best_practices"
    GUIDELINES = "guidelines"
    CHECKLIST = "checklist"
    SURVEY_TEMPLATE = "survey_template"
    LEGAL_AGREEMENT_TEMPLATE = "legal_agreement_template"
    OTHER = "other"
    SOFTWARE = "software"  # allowed by the seed's JSON Schemas


class Format(models.TextChoices):
    PDF = "pdf"
    EDITABLE_SOURCE_DOCUMENT = "editable_source_document"
    OPEN_DOCUMENT = "open_document"
    STRUCTURED_FORMAT = "structured_format"
    SOFWARE = "sofware"  # sic, allowed by the seed's JSON Schemas


class Supporter(models.TextChoices):
    SAAS = "saas"
    ON_PREMISE = "on_premise"
    INSTALLED_APP = "installed_app"


class AuthMethod(models.TextChoices):
    HEADER = "header"
    COOKIE = "cookie"


class SoftwareStatus(models.TextChoices):
    ON = "on"
    OFF = "off"
    DANGLING = "dangling"


class TreeItemType(models.TextChoices):
    TASK = "task"
    OBJECTIVE = "objective"
    PHASE = "phase"


# --- base pieces ----------------------------------------------------------------------------


class ProblemProfile(UpstreamTimestamps):
    """A problem an interlinker or a template task addresses; natural string key (``ORG_PROBLEM_1``)."""

    id = models.CharField(primary_key=True)
    name_translations = translations("name")
    description_translations = translations("description")
    functionality_translations = translations("functionality")

    name = TranslatedField()
    description = TranslatedField()
    functionality = TranslatedField()

    class Meta:
        db_table = "problemprofile"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.id}: {self.name or ''}"


class Artefact(UpstreamTimestamps):
    """What interlinkers, co-production schemas and public services have in common.

    ``rating`` and ``ratings_count`` are aggregates of ``rating`` rows, recomputed in the
    same transaction by ``catalogue.services`` on every rating write.
    """

    artefact_type_value: str | None = None

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    artefact_type = models.CharField(max_length=70, null=True, blank=True, choices=ArtefactType.choices, editable=False)
    languages = varchar_array()
    is_public = models.BooleanField(null=True, default=False)
    licence = models.CharField(null=True, blank=True, choices=Licence.choices)
    name_translations = translations("name")
    description_translations = translations("description")
    constraints_and_limitations_translations = translations("constraints and limitations")
    regulations_and_standards_translations = translations("regulations and standards")
    tags_translations = translations("tags")
    rating = models.DecimalField(max_digits=2, decimal_places=1, null=True, default=0, editable=False)
    ratings_count = models.IntegerField(null=True, default=0, editable=False)
    creator_id = models.UUIDField(
        null=True, blank=True, help_text="Id of the accounts user who created it (no foreign key: another database)."
    )
    problemprofiles = models.ManyToManyField(
        ProblemProfile, through="ArtefactProblem", related_name="artefacts", blank=True
    )

    name = TranslatedField()
    description = TranslatedField()
    constraints_and_limitations = TranslatedField()
    regulations_and_standards = TranslatedField()

    class Meta:
        db_table = "artefact"
        ordering = ["created_at", "id"]
        indexes = [
            *(search_index(language) for language in SUPPORTED_LANGUAGES),
            # Not upstream's either: every list's order; a page's keys are read from it instead of
            # sorting every artefact that matches (docs/benchmarks-analysis.md).
            models.Index(fields=["created_at", "id"], name="artefact_created_at_id_idx"),
        ]

    def __str__(self) -> str:
        return self.name or str(self.id)

    def save(self, *args, **kwargs):
        if self.artefact_type_value:
            self.artefact_type = self.artefact_type_value
        super().save(*args, **kwargs)

    @property
    def tags(self) -> list[str]:
        """The request language's ``;``-joined tags (``en`` fallback), as a list."""
        value = read_translation(self.tags_translations)
        return value.split(";") if value else []

    @property
    def concrete(self) -> Artefact:
        """This row as its most specific subtype (by the stored discriminators)."""
        if self.artefact_type == ArtefactType.INTERLINKER and not isinstance(self, Interlinker):
            return self.interlinker.concrete
        if self.artefact_type == ArtefactType.COPRODUCTIONSCHEMA and not isinstance(self, CoproductionSchema):
            return self.coproductionschema
        if self.artefact_type == ArtefactType.PUBLICSERVICE and not isinstance(self, PublicService):
            return self.publicservice
        return self


class Interlinker(Artefact):
    """A reusable resource; ``nature`` names its subtype table."""

    artefact_type_value = ArtefactType.INTERLINKER
    nature_value: str | None = None

    artefact_ptr = models.OneToOneField(
        Artefact, on_delete=models.CASCADE, parent_link=True, primary_key=True, db_column="id"
    )
    is_sustainability_related = models.BooleanField(null=True, default=False)
    published = models.BooleanField(null=True, default=False)
    logotype = models.CharField(null=True, blank=True, help_text="Storage name, or a /static/ path of upstream.")
    snapshots = varchar_array()
    difficulty = models.CharField(null=True, blank=True, choices=Difficulty.choices)
    targets = varchar_array()
    types = varchar_array()
    administrative_scopes = varchar_array()
    process = models.CharField(null=True, blank=True)
    nature = models.CharField(null=True, blank=True, choices=Nature.choices, editable=False)
    instructions_translations = translations("instructions")
    form = models.CharField(null=True, blank=True, choices=FormType.choices)
    format = models.CharField(null=True, blank=True, choices=Format.choices)

    instructions = TranslatedField()

    class Meta:
        db_table = "interlinker"
        ordering = ["created_at", "id"]

    def save(self, *args, **kwargs):
        if self.nature_value:
            self.nature = self.nature_value
        super().save(*args, **kwargs)

    @property
    def concrete(self) -> Interlinker:
        if self.nature in NATURE_ACCESSORS and type(self) is Interlinker:
            return getattr(self, NATURE_ACCESSORS[self.nature])
        return self


# Reverse accessors from an ``Interlinker`` row to its subtype row, by ``nature``.
NATURE_ACCESSORS = {
    Nature.SOFTWARE: "software",
    Nature.KNOWLEDGE: "knowledge",
    Nature.EXTERNALSOFTWARE: "externalsoftware",
    Nature.EXTERNALKNOWLEDGE: "externalknowledge",
}


class SoftwareInterlinker(Interlinker):
    """A software tool; ``service_name`` is its host name and the seed's lookup key.

    The capability flag stored in the column ``delete`` is the attribute ``can_delete``
    (``delete`` is Django's ``Model.delete``).
    """

    nature_value = Nature.SOFTWARE

    interlinker_ptr = models.OneToOneField(
        Interlinker,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        db_column="id",
        related_name="software",
    )
    supported_by = ArrayField(
        models.CharField(max_length=13, choices=Supporter.choices), null=True, blank=True, default=list
    )
    service_name = models.CharField(null=True, blank=True)
    domain = models.CharField(null=True, blank=True, help_text="Empty means the server name.")
    path = models.CharField(null=True, blank=True)
    is_subdomain = models.BooleanField(null=True, default=False)
    api_path = models.CharField(null=True, blank=True)
    auth_method = models.CharField(null=True, blank=True, choices=AuthMethod.choices)
    instantiate = models.BooleanField(null=True, default=False)
    view = models.BooleanField(null=True, default=False)
    edit = models.BooleanField(null=True, default=False)
    clone = models.BooleanField(null=True, default=False)
    can_delete = models.BooleanField(null=True, default=False, db_column="delete", verbose_name="delete")
    download = models.BooleanField(null=True, default=False)
    preview = models.BooleanField(null=True, default=False)
    open_in_modal = models.BooleanField(null=True, default=False)
    shortcut = models.BooleanField(null=True, default=False)
    supports_internationalization = models.BooleanField(null=True, default=False)
    is_responsive = models.BooleanField(null=True, default=False)
    instantiate_text_translations = translations("instantiate text")
    view_text_translations = translations("view text")
    edit_text_translations = translations("edit text")
    delete_text_translations = translations("delete text")
    clone_text_translations = translations("clone text")
    download_text_translations = translations("download text")
    preview_text_translations = translations("preview text")
    status = models.CharField(null=True, blank=True, choices=SoftwareStatus.choices, default=SoftwareStatus.OFF)

    instantiate_text = TranslatedField()
    view_text = TranslatedField()
    edit_text = TranslatedField()
    delete_text = TranslatedField()
    clone_text = TranslatedField()
    download_text = TranslatedField()
    preview_text = TranslatedField()

    class Meta:
        db_table = "softwareinterlinker"
        ordering = ["created_at", "id"]


class KnowledgeInterlinker(Interlinker):
    """A knowledge resource hosted by a software interlinker (its "genesis" asset).

    ``genesis_asset_id_translations`` holds, per language, the storage name of the imported
    resource file (this project has no external Google Drive service).
    """

    nature_value = Nature.KNOWLEDGE

    interlinker_ptr = models.OneToOneField(
        Interlinker,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        db_column="id",
        related_name="knowledge",
    )
    softwareinterlinker = models.ForeignKey(
        SoftwareInterlinker, on_delete=models.CASCADE, null=True, blank=True, related_name="knowledgeinterlinkers"
    )
    genesis_asset_id_translations = translations("genesis asset id")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="Deleting a knowledge interlinker that has children is refused (decision 18).",
    )

    genesis_asset_id = TranslatedField()

    class Meta:
        db_table = "knowledgeinterlinker"
        ordering = ["created_at", "id"]


class ExternalResource(models.Model):
    """The columns both external interlinker kinds add: a URI and an asset name per language."""

    uri_translations = translations("URI")
    asset_name_translations = translations("asset name")

    uri = TranslatedField()
    asset_name = TranslatedField()

    class Meta:
        abstract = True


class ExternalSoftwareInterlinker(ExternalResource, Interlinker):
    """A software tool outside the platform, reached by its URI."""

    nature_value = Nature.EXTERNALSOFTWARE

    interlinker_ptr = models.OneToOneField(
        Interlinker,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        db_column="id",
        related_name="externalsoftware",
    )

    class Meta:
        db_table = "externalsoftwareinterlinker"
        ordering = ["created_at", "id"]


class ExternalKnowledgeInterlinker(ExternalResource, Interlinker):
    """A knowledge resource outside the platform, reached by its URI."""

    nature_value = Nature.EXTERNALKNOWLEDGE

    interlinker_ptr = models.OneToOneField(
        Interlinker,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        db_column="id",
        related_name="externalknowledge",
    )

    class Meta:
        db_table = "externalknowledgeinterlinker"
        ordering = ["created_at", "id"]


class CoproductionSchema(Artefact):
    """A template of a co-production process; its phases are ``children`` (tree items)."""

    artefact_type_value = ArtefactType.COPRODUCTIONSCHEMA

    artefact_ptr = models.OneToOneField(
        Artefact, on_delete=models.CASCADE, parent_link=True, primary_key=True, db_column="id"
    )

    class Meta:
        db_table = "coproductionschema"
        ordering = ["created_at", "id"]


class PublicService(Artefact):
    """Upstream's unused public-service artefact (no API; reachable in the admin)."""

    artefact_type_value = ArtefactType.PUBLICSERVICE

    artefact_ptr = models.OneToOneField(
        Artefact, on_delete=models.CASCADE, parent_link=True, primary_key=True, db_column="id"
    )
    language = models.CharField(null=True, blank=True)
    processing_time = models.CharField(null=True, blank=True)
    location = models.CharField(null=True, blank=True)
    status = models.CharField(null=True, blank=True)
    public_organization = models.CharField(null=True, blank=True)
    output = models.CharField(null=True, blank=True)
    cost = models.CharField(null=True, blank=True)

    class Meta:
        db_table = "publicservice"
        ordering = ["created_at", "id"]


class Rating(UpstreamTimestamps):
    """A user's rating of an artefact; writes go through ``catalogue.services`` (aggregates)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user_id = models.CharField(
        null=True, blank=True, help_text="Id of the accounts user (text; no foreign key: another database)."
    )
    artefact = models.ForeignKey(Artefact, on_delete=models.CASCADE, null=True, related_name="ratings")
    title = models.CharField(null=True, blank=True)
    text = models.TextField(null=True, blank=True)
    value = models.IntegerField(null=True)

    class Meta:
        db_table = "rating"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.value} – {self.title or ''}"


class TreeItemMetadata(UpstreamTimestamps):
    """A phase, objective or task of a co-production schema's template tree.

    Phases have ``coproductionschema`` and no parent; objectives have a phase as parent,
    tasks an objective. ``prerequisites`` are the items this item depends on.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name_translations = translations("name")
    description_translations = translations("description")
    type = models.CharField(max_length=9, null=True, choices=TreeItemType.choices, default=TreeItemType.TASK)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    coproductionschema = models.ForeignKey(
        CoproductionSchema, on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    is_part_of_codelivery = models.BooleanField(null=True, default=False)
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        through="TreeItemPrerequisite",
        through_fields=("treeitemmetadata_a", "treeitemmetadata_b"),
        related_name="dependants",
        blank=True,
    )
    problemprofiles = models.ManyToManyField(
        ProblemProfile, through="TreeItemProblemProfile", related_name="treeitemmetadatas", blank=True
    )

    name = TranslatedField()
    description = TranslatedField()

    class Meta:
        db_table = "treeitemmetadata"
        ordering = ["created_at", "id"]
        verbose_name = "tree item"

    def __str__(self) -> str:
        return self.name or str(self.id)

    def save(self, *args, **kwargs):
        if self._state.adding and isinstance(self.created_at, DatabaseDefault):
            # Insertion order is part of the tree's order (no ordering column upstream), and the
            # server default now() is the same for every item created in one transaction (an
            # import, an admin inline); the clock keeps them apart.
            self.created_at = timezone.now()
        super().save(*args, **kwargs)


# --- association tables --------------------------------------------------------------------


class ArtefactProblem(models.Model):
    """``artefact_problem``. Upstream has no key here; ours is the composite (deviation)."""

    pk = models.CompositePrimaryKey("artefact_id", "problemprofile_id")
    # The composite primary key's index already serves lookups by its leading column.
    artefact = models.ForeignKey(Artefact, on_delete=models.CASCADE, related_name="+", db_index=False)
    problemprofile = models.ForeignKey(ProblemProfile, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "artefact_problem"

    def __str__(self) -> str:
        return f"{self.artefact_id} – {self.problemprofile_id}"


class TreeItemPrerequisite(models.Model):
    """Row (a, b): item b is a prerequisite of item a."""

    pk = models.CompositePrimaryKey("treeitemmetadata_a_id", "treeitemmetadata_b_id")
    treeitemmetadata_a = models.ForeignKey(TreeItemMetadata, on_delete=models.CASCADE, related_name="+", db_index=False)
    treeitemmetadata_b = models.ForeignKey(TreeItemMetadata, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "treeitemmetadata_prerequisites"

    def __str__(self) -> str:
        return f"{self.treeitemmetadata_b_id} before {self.treeitemmetadata_a_id}"


class TreeItemProblemProfile(models.Model):
    """``treeitemmetadata_problemprofiles_association``: a template item's problem profiles."""

    pk = models.CompositePrimaryKey("treeitemmetadata_a_id", "problemprofile_id")
    treeitemmetadata_a = models.ForeignKey(TreeItemMetadata, on_delete=models.CASCADE, related_name="+", db_index=False)
    problemprofile = models.ForeignKey(ProblemProfile, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "treeitemmetadata_problemprofiles_association"

    def __str__(self) -> str:
        return f"{self.treeitemmetadata_a_id} – {self.problemprofile_id}"
