"""Catalogue reads: filtered lists, subtype downcasting and schema trees in fixed query counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from catalogue.models import (
    ArtefactProblem,
    CoproductionSchema,
    Interlinker,
    KnowledgeInterlinker,
    Nature,
    ProblemProfile,
    Rating,
    SoftwareInterlinker,
    TreeItemMetadata,
    TreeItemPrerequisite,
    TreeItemProblemProfile,
)
from common.translations import get_language
from common.tree_order import prerequisite_order

INTERLINKER_SUBTYPES = (
    "software",
    "knowledge",
    "knowledge__softwareinterlinker",
    "externalsoftware",
    "externalknowledge",
)


def _search(queryset: QuerySet, search: str | None, *, with_tags: bool) -> QuerySet:
    """Upstream's search: a lower-cased substring of the request language's raw values, no fallback."""
    if not search:
        return queryset
    language = get_language()
    condition = Q(**{f"name_translations__{language}__icontains": search}) | Q(
        **{f"description_translations__{language}__icontains": search}
    )
    if with_tags:
        condition |= Q(**{f"tags_translations__{language}__icontains": search})
    return queryset.filter(condition)


def _in_request_language(queryset: QuerySet, language: str | None = None) -> QuerySet:
    """Upstream's hidden filter: only artefacts offered in the request language."""
    return queryset.filter(languages__contains=[language or get_language()])


def interlinker_list(
    *,
    search: str | None = None,
    problemprofiles: Sequence[str] = (),
    natures: Sequence[str] = (),
    rating: int | None = None,
    language_filter: bool = True,
) -> QuerySet[Interlinker]:
    queryset = Interlinker.objects.select_related(*INTERLINKER_SUBTYPES).order_by("created_at", "id")
    if language_filter:
        queryset = _in_request_language(queryset)
    queryset = _search(queryset, search, with_tags=True)
    if problemprofiles:
        queryset = queryset.filter(
            Exists(ArtefactProblem.objects.filter(artefact_id=OuterRef("pk"), problemprofile_id__in=problemprofiles))
        )
    if natures:
        queryset = queryset.filter(nature__in=natures)
    if rating:
        queryset = queryset.filter(rating__gte=rating)
    return queryset


def interlinker_related(interlinker: Interlinker) -> QuerySet[Interlinker]:
    """Interlinkers sharing a problem profile with ``interlinker`` (upstream: language filter for ``en``)."""
    profile_ids = ArtefactProblem.objects.filter(artefact_id=interlinker.pk).values("problemprofile_id")
    return _in_request_language(
        Interlinker.objects.select_related(*INTERLINKER_SUBTYPES)
        .exclude(pk=interlinker.pk)
        .filter(Exists(ArtefactProblem.objects.filter(artefact_id=OuterRef("pk"), problemprofile_id__in=profile_ids)))
        .order_by("created_at", "id"),
        "en",
    )


def interlinker_get(**lookup) -> Interlinker | None:
    return (
        Interlinker.objects.select_related(*INTERLINKER_SUBTYPES).filter(**lookup).order_by("created_at", "id").first()
    )


def knowledgeinterlinker_list() -> QuerySet[Interlinker]:
    return Interlinker.objects.select_related(*INTERLINKER_SUBTYPES).filter(nature=Nature.KNOWLEDGE)


def softwareinterlinker_list() -> QuerySet[Interlinker]:
    return Interlinker.objects.select_related(*INTERLINKER_SUBTYPES).filter(nature=Nature.SOFTWARE)


def interlinkers_for_output(interlinkers: Iterable[Interlinker]) -> list[Interlinker]:
    """Downcast base rows to their subtypes and fetch what the output shows.

    A fixed number of queries whatever the number of rows: problem profiles of all, and
    for knowledge interlinkers their software interlinker's profiles and their children.
    """
    concretes = [interlinker.concrete for interlinker in interlinkers]
    if concretes:
        prefetch_related_objects(concretes, "problemprofiles")
    knowledge = [item for item in concretes if isinstance(item, KnowledgeInterlinker)]
    if knowledge:
        softwares = [item.softwareinterlinker for item in knowledge if item.softwareinterlinker_id]
        if softwares:
            prefetch_related_objects(softwares, "problemprofiles")
        prefetch_related_objects(
            knowledge,
            Prefetch(
                "children",
                queryset=KnowledgeInterlinker.objects.select_related("softwareinterlinker")
                .prefetch_related("problemprofiles")
                .order_by("created_at", "id"),
            ),
        )
    return concretes


def softwareinterlinker_by_service_name(service_name: str) -> SoftwareInterlinker | None:
    return SoftwareInterlinker.objects.filter(service_name=service_name).order_by("created_at", "id").first()


def problemprofile_list() -> QuerySet[ProblemProfile]:
    return ProblemProfile.objects.order_by("created_at", "id")[:100]


def coproductionschema_list(*, search: str | None = None, rating: int | None = None) -> QuerySet[CoproductionSchema]:
    queryset = _in_request_language(CoproductionSchema.objects.order_by("created_at", "id"))
    queryset = _search(queryset, search, with_tags=False)
    if rating:
        queryset = queryset.filter(rating__gte=rating)
    return queryset


def coproductionschemas_for_output(schemas: Iterable[CoproductionSchema]) -> list[CoproductionSchema]:
    """Attach each schema's tree (``tree_children`` on schemas and items) and profiles.

    Queries: the schemas' problem profiles, one per tree level (plus the empty level that
    ends the walk), the prerequisites and the problem profiles of all items.
    """
    schemas = list(schemas)
    if not schemas:
        return schemas
    prefetch_related_objects(schemas, "problemprofiles")
    by_schema: dict = defaultdict(list)
    by_parent: dict = defaultdict(list)
    items: list[TreeItemMetadata] = []
    level = list(
        TreeItemMetadata.objects.filter(coproductionschema__in=schemas, parent__isnull=True).order_by(
            "created_at", "id"
        )
    )
    for item in level:
        by_schema[item.coproductionschema_id].append(item)
    while level:
        items.extend(level)
        level = list(TreeItemMetadata.objects.filter(parent__in=level).order_by("created_at", "id"))
        for item in level:
            by_parent[item.parent_id].append(item)
    prerequisites = _attach_tree_details(items, by_parent)
    for schema in schemas:
        schema.tree_children = prerequisite_order(by_schema[schema.pk], lambda item: prerequisites[item.pk])
    return schemas


def _attach_tree_details(items: list[TreeItemMetadata], by_parent: dict) -> dict:
    """Children (in upstream's order, ``common.tree_order``), prerequisites and profiles of each item."""
    ids = [item.pk for item in items]
    prerequisites: dict = defaultdict(list)
    for a_id, b_id in TreeItemPrerequisite.objects.filter(treeitemmetadata_a_id__in=ids).values_list(
        "treeitemmetadata_a_id", "treeitemmetadata_b_id"
    ):
        prerequisites[a_id].append(b_id)
    links = list(
        TreeItemProblemProfile.objects.filter(treeitemmetadata_a_id__in=ids)
        .select_related("problemprofile")
        .order_by("problemprofile__created_at", "problemprofile_id")
    )
    profiles: dict = defaultdict(list)
    for link in links:
        profiles[link.treeitemmetadata_a_id].append(link.problemprofile)
    for item in items:
        item.tree_children = prerequisite_order(by_parent[item.pk], lambda child: prerequisites[child.pk])
        item.prerequisites_ids = sorted(prerequisites[item.pk], key=str)
        item.tree_problemprofiles = profiles[item.pk]
    return prerequisites


def rating_list(*, artefact_id=None) -> QuerySet[Rating]:
    queryset = Rating.objects.order_by("-created_at", "-id")
    if artefact_id is not None:
        queryset = queryset.filter(artefact_id=artefact_id)
    return queryset


def rating_users(ratings: Iterable[Rating]) -> dict[str, object]:
    """The accounts users (``default`` database) of the ratings' ``user_id``s, by id text."""
    import uuid

    from accounts.models import User

    ids = set()
    for rating in ratings:
        try:
            ids.add(uuid.UUID(str(rating.user_id)))
        except ValueError:
            continue
    if not ids:
        return {}
    return {str(user.pk): user for user in User.objects.filter(pk__in=ids).only("id", "email", "full_name")}
