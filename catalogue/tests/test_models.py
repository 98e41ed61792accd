"""Schema behaviour a user notices: discriminators, downcasting, translations, cascades."""

import pytest
from django.db import connections
from django.db.models import ProtectedError

from catalogue import models
from catalogue.tests import factories
from common.translations import translated, use_language

pytestmark = pytest.mark.django_db(databases=["catalogue"])


@pytest.mark.parametrize(
    ("factory", "nature"),
    [
        (factories.SoftwareInterlinkerFactory, "softwareinterlinker"),
        (factories.KnowledgeInterlinkerFactory, "knowledgeinterlinker"),
        (factories.ExternalSoftwareInterlinkerFactory, "externalsoftwareinterlinker"),
        (factories.ExternalKnowledgeInterlinkerFactory, "externalknowledgeinterlinker"),
    ],
)
def test_interlinker_subtypes_store_both_discriminators(factory, nature):
    interlinker = factory()
    row = models.Interlinker.objects.get(pk=interlinker.pk)
    assert (row.artefact_type, row.nature) == ("interlinker", nature)
    assert type(row.concrete) is type(interlinker)
    assert type(models.Artefact.objects.get(pk=interlinker.pk).concrete) is type(interlinker)


@pytest.mark.parametrize(
    ("factory", "artefact_type"),
    [(factories.CoproductionSchemaFactory, "coproductionschema"), (factories.PublicServiceFactory, "publicservice")],
)
def test_other_artefacts_store_their_type(factory, artefact_type):
    artefact = factory(artefact_type="ignored")
    assert models.Artefact.objects.get(pk=artefact.pk).artefact_type == artefact_type


def test_discriminator_given_by_a_caller_is_overwritten():
    software = factories.SoftwareInterlinkerFactory(nature="knowledgeinterlinker", artefact_type="publicservice")
    software.refresh_from_db()
    assert (software.artefact_type, software.nature) == ("interlinker", "softwareinterlinker")


def test_server_defaults_and_updated_at_only_after_an_update():
    profile = models.ProblemProfile.objects.create(id="ORG_PROBLEM_1", name_translations={"en": "x"})
    profile.refresh_from_db()
    assert profile.created_at is not None
    assert profile.updated_at is None
    with connections["catalogue"].cursor() as cursor:
        cursor.execute("INSERT INTO artefact (id) VALUES ('00000000-0000-0000-0000-000000000001')")
        cursor.execute(
            "SELECT languages, created_at IS NOT NULL FROM artefact WHERE id = '00000000-0000-0000-0000-000000000001'"
        )
        assert cursor.fetchone() == ([], True)
    profile.name_translations = {"en": "y"}
    profile.save()
    profile.refresh_from_db()
    assert profile.updated_at is not None


def test_translated_read_semantics():
    artefact = factories.SoftwareInterlinkerFactory(
        name_translations={"en": "Tool", "es": ""}, description_translations={"es": "Sólo español"}
    )
    with use_language("es"):
        assert artefact.name == ""  # present-but-empty key is returned as it is
        assert artefact.description == "Sólo español"
    with use_language("it"):
        assert artefact.name == "Tool"  # missing key falls back to en
        assert artefact.description is None  # neither the language nor en
    artefact.constraints_and_limitations_translations = None
    assert artefact.constraints_and_limitations is None


def test_translated_write_sets_only_the_request_language():
    artefact = factories.SoftwareInterlinkerFactory(name_translations={"en": "Tool", "it": "Strumento"})
    with use_language("es"):
        artefact.name = "Herramienta"
    artefact.save()
    artefact.refresh_from_db()
    assert artefact.name_translations == {"en": "Tool", "it": "Strumento", "es": "Herramienta"}
    artefact.regulations_and_standards_translations = None
    artefact.regulations_and_standards = "GDPR"
    assert artefact.regulations_and_standards_translations == {"en": "GDPR"}


def test_translated_sql_annotation_falls_back_like_python():
    factories.SoftwareInterlinkerFactory(name_translations={"en": "Alpha", "es": "Alfa"})
    factories.SoftwareInterlinkerFactory(name_translations={"en": "Beta"})
    with use_language("es"):
        names = list(models.Artefact.objects.annotate(n=translated("name")).order_by("n").values_list("n", flat=True))
    assert names == ["Alfa", "Beta"]


def test_tags_split_on_semicolons_in_the_request_language():
    artefact = factories.SoftwareInterlinkerFactory(tags_translations={"en": "a;b", "es": "c"})
    with use_language("es"):
        assert artefact.tags == ["c"]
    artefact.tags_translations = None
    assert artefact.tags == []


def test_deleting_a_software_interlinker_removes_the_whole_row_chain():
    knowledge = factories.KnowledgeInterlinkerFactory()
    software = knowledge.softwareinterlinker
    factories.RatingFactory(artefact=knowledge)
    software.delete()
    assert not models.Artefact.objects.exists()
    assert not models.Interlinker.objects.exists()
    assert not models.Rating.objects.exists()


def test_deleting_a_schema_removes_its_tree_and_links():
    schema = factories.CoproductionSchemaFactory()
    profile = factories.ProblemProfileFactory()
    phase = factories.TreeItemFactory(type="phase", coproductionschema=schema)
    objective = factories.TreeItemFactory(type="objective", parent=phase)
    task = factories.TreeItemFactory(type="task", parent=objective)
    task.problemprofiles.add(profile)
    task.prerequisites.add(objective)
    schema.delete()
    assert not models.TreeItemMetadata.objects.exists()
    assert not models.TreeItemPrerequisite.objects.exists()
    assert models.ProblemProfile.objects.filter(pk=profile.pk).exists()


def test_knowledge_interlinker_with_children_cannot_be_deleted():
    parent = factories.KnowledgeInterlinkerFactory()
    factories.KnowledgeInterlinkerFactory(parent=parent, softwareinterlinker=parent.softwareinterlinker)
    with pytest.raises(ProtectedError):
        parent.delete()


def test_problem_profile_links_are_unique_pairs():
    profile = factories.ProblemProfileFactory()
    artefact = factories.SoftwareInterlinkerFactory(problemprofiles=[profile])
    artefact.problemprofiles.add(profile)
    assert models.ArtefactProblem.objects.count() == 1
    assert list(profile.artefacts.all()) == [models.Artefact.objects.get(pk=artefact.pk)]


def test_functionality_reads_its_own_column():
    profile = factories.ProblemProfileFactory(
        description_translations={"en": "description"}, functionality_translations={"en": "functionality"}
    )
    assert profile.functionality == "functionality"
