"""The catalogue admin: every page renders, translations edit per language, the tree and links save."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from catalogue import models
from catalogue.tests import factories

pytestmark = pytest.mark.django_db(databases=["catalogue", "default"])


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("boss@example.com", "boss-password")
    client.force_login(user)
    return client


@pytest.fixture
def data():
    profile = factories.ProblemProfileFactory(id="ORG_PROBLEM_1")
    knowledge = factories.KnowledgeInterlinkerFactory(problemprofiles=[profile])
    factories.ExternalSoftwareInterlinkerFactory()
    factories.ExternalKnowledgeInterlinkerFactory()
    schema = factories.CoproductionSchemaFactory()
    phase = factories.TreeItemFactory(type="phase", coproductionschema=schema)
    factories.TreeItemFactory(type="objective", parent=phase)
    factories.PublicServiceFactory()
    factories.RatingFactory(artefact=knowledge)
    return {"profile": profile, "knowledge": knowledge, "schema": schema, "phase": phase}


CATALOGUE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "catalogue"]


def test_every_catalogue_model_without_a_composite_key_is_registered():
    composite = {models.ArtefactProblem, models.TreeItemPrerequisite, models.TreeItemProblemProfile}
    from django.apps import apps

    expected = set(apps.get_app_config("catalogue").get_models()) - composite
    assert expected == set(CATALOGUE_MODELS)


# The abstract kinds are created through their concrete kind's admin: their add page refuses.
ADD_REFUSED = {models.Artefact, models.Interlinker}


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_render(admin_client, data, model):
    name = model._meta.model_name
    assert admin_client.get(reverse(f"admin:catalogue_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:catalogue_{name}_changelist"), {"q": "a"}).status_code == 200
    add = admin_client.get(reverse(f"admin:catalogue_{name}_add"))
    assert add.status_code == (403 if model in ADD_REFUSED else 200)
    instance = model.objects.first()
    assert admin_client.get(reverse(f"admin:catalogue_{name}_change", args=[instance.pk])).status_code == 200


def test_interlinker_list_filters_and_searches_any_language(admin_client, data):
    factories.SoftwareInterlinkerFactory(name_translations={"en": "Editor", "lv": "Redaktors"}, languages=["lv"])
    url = reverse("admin:catalogue_interlinker_changelist")
    response = admin_client.get(url, {"q": "Redaktors"})
    assert response.context["cl"].result_count == 1
    assert admin_client.get(url, {"language": "lv"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"nature": "knowledgeinterlinker"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"difficulty": "easy", "licence": "permissive"}).context["cl"].result_count == 5


def test_add_a_software_interlinker_with_per_language_inputs_and_profiles(admin_client, data):
    response = admin_client.post(
        reverse("admin:catalogue_softwareinterlinker_add"),
        {
            "name_translations__en": "Whiteboard",
            "name_translations__es": "Pizarra",
            "tags_translations__en": "draw;share",
            "languages": "en,es",
            "is_public": "true",
            "licence": "permissive",
            "problemprofile_links": ["ORG_PROBLEM_1"],
            "published": "false",
            "is_sustainability_related": "false",
            "is_subdomain": "false",
            "supports_internationalization": "unknown",
            "is_responsive": "unknown",
            "service_name": "whiteboard",
            "supported_by": "saas",
            "status": "off",
            "ratings-TOTAL_FORMS": "0",
            "ratings-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = models.SoftwareInterlinker.objects.get(service_name="whiteboard")
    assert created.name_translations == {"en": "Whiteboard", "es": "Pizarra"}
    assert (created.artefact_type, created.nature) == ("interlinker", "softwareinterlinker")
    assert list(created.problemprofiles.values_list("id", flat=True)) == ["ORG_PROBLEM_1"]


def test_a_prerequisite_cycle_is_refused_in_the_admin(admin_client, data):
    phase = data["phase"]
    second = factories.TreeItemFactory(type="phase", coproductionschema=data["schema"])
    second.prerequisites.add(phase)
    response = admin_client.post(
        reverse("admin:catalogue_treeitemmetadata_change", args=[phase.pk]),
        {
            "type": "phase",
            "coproductionschema": str(data["schema"].pk),
            "is_part_of_codelivery": "unknown",
            "name_translations__en": "Engage",
            "prerequisite_links": [str(second.pk)],
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "cannot depend on itself" in str(response.context["adminform"].form.errors)


def test_editing_a_phase_inline_keeps_its_links(admin_client, data):
    phase = data["phase"]
    other = factories.TreeItemFactory(type="phase", coproductionschema=data["schema"])
    phase.prerequisites.add(other)
    phase.problemprofiles.add(data["profile"])
    schema = data["schema"]
    url = reverse("admin:catalogue_coproductionschema_change", args=[schema.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    post = {key: value for key, value in form.initial.items() if isinstance(value, str)}
    post.update(
        {
            "languages": "en,es",
            "licence": "permissive",
            "is_public": "true",
            "children-TOTAL_FORMS": "2",
            "children-INITIAL_FORMS": "2",
            "ratings-TOTAL_FORMS": "0",
            "ratings-INITIAL_FORMS": "0",
        }
    )
    for index, item in enumerate(schema.children.order_by("created_at", "id")):
        post.update(
            {
                f"children-{index}-id": str(item.pk),
                f"children-{index}-coproductionschema": str(schema.pk),
                f"children-{index}-type": "phase",
                f"children-{index}-is_part_of_codelivery": "unknown",
                f"children-{index}-name_translations__en": f"Renamed {index}",
            }
        )
    response = admin_client.post(url, post)
    assert response.status_code == 302, response.context["adminform"].form.errors
    phase.refresh_from_db()
    assert phase.name_translations["en"].startswith("Renamed")
    assert list(phase.prerequisites.all()) == [other]
    assert list(phase.problemprofiles.all()) == [data["profile"]]


def test_an_artefact_or_tree_item_without_a_name_is_refused(admin_client, data):
    before = models.CoproductionSchema.objects.count()
    response = admin_client.post(
        reverse("admin:catalogue_coproductionschema_add"),
        {
            "languages": "en",
            "is_public": "true",
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
            "ratings-TOTAL_FORMS": "0",
            "ratings-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Give a name in at least one language." in response.content.decode()
    assert models.CoproductionSchema.objects.count() == before
    response = admin_client.post(
        reverse("admin:catalogue_treeitemmetadata_add"),
        {"type": "phase", "children-TOTAL_FORMS": "0", "children-INITIAL_FORMS": "0"},
    )
    assert "Give a name in at least one language." in response.content.decode()


def test_tree_item_autocomplete_and_inline_headers_read_apart(admin_client):
    for schema_name in ("Schema A", "Schema B"):
        schema = factories.CoproductionSchemaFactory(name_translations={"en": schema_name})
        phase = factories.TreeItemFactory(type="phase", coproductionschema=schema, name_translations={"en": "Engage"})
        factories.TreeItemFactory(type="task", parent=phase, name_translations={"en": "Gather feedback"})
    found = admin_client.get(
        "/admin/autocomplete/",
        {"term": "gather", "app_label": "catalogue", "model_name": "treeitemmetadata", "field_name": "parent"},
    ).json()
    labels = sorted(row["text"] for row in found["results"])
    assert labels == ["Gather feedback — task — Engage — Schema A", "Gather feedback — task — Engage — Schema B"]
    page = admin_client.get(reverse("admin:catalogue_coproductionschema_change", args=[schema.pk])).content.decode()
    assert "phase: Engage" not in page


def test_an_artefacts_page_summarises_its_ratings_instead_of_listing_them(admin_client, data):
    knowledge = data["knowledge"]
    models.Rating.objects.filter(artefact=knowledge).delete()
    for value in (5, 4, 4):
        factories.RatingFactory(artefact=knowledge, value=value)
    page = admin_client.get(reverse("admin:catalogue_knowledgeinterlinker_change", args=[knowledge.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "3 ratings, average 4.33 (5★ 1, 4★ 2)" in text
    assert f"?artefact__id__exact={knowledge.pk}" in text
    assert "ratings-TOTAL_FORMS" not in text
    listed = admin_client.get(reverse("admin:catalogue_rating_changelist"), {"artefact__id__exact": knowledge.pk})
    assert listed.status_code == 200 and "3 ratings" in listed.content.decode()
