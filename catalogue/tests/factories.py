"""factory_boy factories for the catalogue models."""

import factory

from catalogue import models


class ProblemProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProblemProfile

    id = factory.Sequence(lambda n: f"ORG_PROBLEM_{n}")
    name_translations = factory.LazyAttribute(lambda o: {"en": f"Problem {o.id}", "es": f"Problema {o.id}"})
    description_translations = factory.LazyAttribute(lambda o: {"en": f"About {o.id}"})
    functionality_translations = factory.LazyAttribute(lambda o: {"en": f"Functionality of {o.id}"})


class ArtefactFieldsMixin(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    name_translations = factory.Sequence(lambda n: {"en": f"Artefact {n}", "es": f"Artefacto {n}"})
    description_translations = factory.Sequence(lambda n: {"en": f"Description {n}", "es": f"Descripción {n}"})
    tags_translations = {"en": "tag one;tag two", "es": "etiqueta uno;etiqueta dos"}
    languages = ["en", "es"]
    is_public = True
    licence = models.Licence.PERMISSIVE

    @factory.post_generation
    def problemprofiles(self, create, extracted, **kwargs):
        if create and extracted:
            self.problemprofiles.set(extracted)


class InterlinkerFieldsMixin(ArtefactFieldsMixin):
    difficulty = models.Difficulty.EASY
    is_sustainability_related = False
    instructions_translations = {"en": "# How to use it"}


class SoftwareInterlinkerFactory(InterlinkerFieldsMixin):
    class Meta:
        model = models.SoftwareInterlinker

    service_name = factory.Sequence(lambda n: f"service{n}")
    path = factory.Sequence(lambda n: f"service{n}")
    api_path = "/api/v1/assets"
    supported_by = [models.Supporter.SAAS]
    auth_method = models.AuthMethod.HEADER
    instantiate = True
    instantiate_text_translations = {"en": "Create", "es": "Crear"}


class KnowledgeInterlinkerFactory(InterlinkerFieldsMixin):
    class Meta:
        model = models.KnowledgeInterlinker

    softwareinterlinker = factory.SubFactory(SoftwareInterlinkerFactory)
    genesis_asset_id_translations = {"en": "asset-en", "es": "asset-es"}


class ExternalSoftwareInterlinkerFactory(InterlinkerFieldsMixin):
    class Meta:
        model = models.ExternalSoftwareInterlinker

    uri_translations = {"en": "https://example.org/tool"}


class ExternalKnowledgeInterlinkerFactory(InterlinkerFieldsMixin):
    class Meta:
        model = models.ExternalKnowledgeInterlinker

    uri_translations = {"en": "https://example.org/guide"}


class CoproductionSchemaFactory(ArtefactFieldsMixin):
    class Meta:
        model = models.CoproductionSchema


class PublicServiceFactory(ArtefactFieldsMixin):
    class Meta:
        model = models.PublicService


class TreeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TreeItemMetadata

    name_translations = factory.Sequence(lambda n: {"en": f"Item {n}", "es": f"Elemento {n}"})
    description_translations = {"en": "What to do"}
    type = models.TreeItemType.TASK


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Rating

    artefact = factory.SubFactory(SoftwareInterlinkerFactory)
    user_id = factory.Faker("uuid4")
    title = "Nice"
    text = "Worked well"
    value = 4
