"""Catalogue writes that carry rules: rating aggregates, discriminated interlinker writes."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, router, transaction
from django.db.models import Avg, Count, DecimalField, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Round

from catalogue.models import (
    Artefact,
    CoproductionSchema,
    ExternalKnowledgeInterlinker,
    ExternalSoftwareInterlinker,
    Interlinker,
    KnowledgeInterlinker,
    Nature,
    ProblemProfile,
    Rating,
    SoftwareInterlinker,
    TreeItemMetadata,
    TreeItemPrerequisite,
)
from common.exceptions import APIError


def artefact_ratings_refresh(artefact_ids: Iterable, *, using: str | None = None) -> None:
    """Recompute ``rating`` / ``ratings_count`` of the given artefacts (spec §6.4).

    Runs inside the caller's transaction. The artefact rows are locked first (``SELECT … FOR
    UPDATE``, in id order) in a statement of their own, so that the recomputing UPDATE takes
    a snapshot after any concurrent rating writer has committed: the stored aggregate always
    equals the recomputed one. With no ratings left both become 0 (decision 17).
    """
    ids = sorted({artefact_id for artefact_id in artefact_ids if artefact_id}, key=str)
    if not ids:
        return
    using = using or router.db_for_write(Artefact)
    with transaction.atomic(using=using):
        artefacts = Artefact.objects.using(using)
        list(artefacts.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        ratings = Rating.objects.using(using).filter(artefact_id=OuterRef("pk")).order_by().values("artefact_id")
        count = ratings.annotate(n=Count("*")).values("n")
        average = ratings.annotate(
            avg=Cast(Round(Avg("value"), 1), DecimalField(max_digits=2, decimal_places=1))
        ).values("avg")
        artefacts.filter(pk__in=ids).update(
            ratings_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
            rating=Coalesce(
                Subquery(average, output_field=DecimalField(max_digits=2, decimal_places=1)),
                Value(0, output_field=DecimalField(max_digits=2, decimal_places=1)),
            ),
        )


# --- interlinkers, schemas, problem profiles, ratings (API writes) ---------------------------

MODEL_BY_NATURE = {
    Nature.SOFTWARE: SoftwareInterlinker,
    Nature.KNOWLEDGE: KnowledgeInterlinker,
    Nature.EXTERNALSOFTWARE: ExternalSoftwareInterlinker,
    Nature.EXTERNALKNOWLEDGE: ExternalKnowledgeInterlinker,
}
# Payload keys that name a foreign key by id.
_ID_KEYS = {"softwareinterlinker_id", "parent_id"}


def _existing_profiles(ids) -> list[str]:
    """Known problem-profile ids among ``ids`` (unknown ones are skipped, as upstream)."""
    return list(ProblemProfile.objects.filter(pk__in=set(ids)).values_list("pk", flat=True))


def _assign(instance, data: dict) -> None:
    for key, value in data.items():
        if key in ("problemprofiles", "nature"):
            continue
        setattr(instance, key, value)


@transaction.atomic(using="catalogue")
def interlinker_create(*, nature: str, data: dict) -> Interlinker:
    """Create an interlinker of ``nature``; the discriminators are set by the model."""
    interlinker = MODEL_BY_NATURE[nature]()
    _assign(interlinker, data)
    interlinker.save()
    interlinker.problemprofiles.set(_existing_profiles(data.get("problemprofiles", [])))
    return interlinker


@transaction.atomic(using="catalogue")
def interlinker_update(*, interlinker: Interlinker, data: dict) -> Interlinker:
    """Change the given keys; ``problemprofiles`` are *added* to the links (upstream's append)."""
    _assign(interlinker, data)
    interlinker.save()
    if "problemprofiles" in data:
        interlinker.problemprofiles.add(*_existing_profiles(data["problemprofiles"]))
    return interlinker


@transaction.atomic(using="catalogue")
def artefact_delete(*, artefact: Artefact) -> None:
    """Delete an artefact and its whole row chain; refused for knowledge interlinkers with children."""
    artefact.delete()


@transaction.atomic(using="catalogue")
def coproductionschema_create(*, data: dict) -> CoproductionSchema:
    schema = CoproductionSchema()
    _assign(schema, data)
    schema.save()
    schema.problemprofiles.set(_existing_profiles(data.get("problemprofiles", [])))
    return schema


@transaction.atomic(using="catalogue")
def coproductionschema_update(*, schema: CoproductionSchema, data: dict) -> CoproductionSchema:
    _assign(schema, data)
    schema.save()
    if "problemprofiles" in data:
        schema.problemprofiles.add(*_existing_profiles(data["problemprofiles"]))
    return schema


PROBLEMPROFILE_EXISTS = "ProblemProfile already exists"


def problemprofile_create(*, data: dict) -> ProblemProfile:
    """A new profile; its id is the caller's, so a taken one answers 400 (upstream's message),
    also when two requests race for it (the primary key answers, in a savepoint)."""
    if ProblemProfile.objects.filter(pk=data["id"]).exists():
        raise APIError(400, PROBLEMPROFILE_EXISTS)
    try:
        with transaction.atomic(using="catalogue"):
            return ProblemProfile.objects.create(**data)
    except IntegrityError:
        raise APIError(400, PROBLEMPROFILE_EXISTS) from None


def problemprofile_delete(*, profile: ProblemProfile) -> None:
    profile.delete()


def problemprofile_update(*, profile: ProblemProfile, data: dict) -> ProblemProfile:
    _assign(profile, data)
    profile.save()
    return profile


@transaction.atomic(using="catalogue")
def rating_create(*, user_id: str, data: dict) -> Rating:
    """Create a rating; the artefact's aggregates move in the same transaction (signals)."""
    return Rating.objects.create(user_id=user_id, **data)


@transaction.atomic(using="catalogue")
def rating_update(*, rating: Rating, data: dict) -> Rating:
    _assign(rating, data)
    rating.save()
    return rating


@transaction.atomic(using="catalogue")
def rating_delete(*, rating: Rating) -> None:
    rating.delete()


class PrerequisiteCycle(ValueError):
    pass


def treeitem_prerequisites_check(item: TreeItemMetadata, prerequisite_ids: Iterable) -> None:
    """Refuse an item as its own prerequisite and any prerequisite closing a cycle (spec §6.7).

    Full reachability: walks every prerequisite of every reached item, not only the first.
    """
    pending = [pk for pk in prerequisite_ids]
    seen = set()
    while pending:
        current = pending.pop()
        if current == item.pk:
            raise PrerequisiteCycle("A tree item cannot depend on itself, directly or through other items.")
        if current in seen:
            continue
        seen.add(current)
        pending.extend(
            TreeItemPrerequisite.objects.filter(treeitemmetadata_a_id=current).values_list(
                "treeitemmetadata_b_id", flat=True
            )
        )
