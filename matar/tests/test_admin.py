import pytest
from django.urls import reverse

from matar.models import Organization, Post
from matar.tests.factories import AnswerFactory, CategoryFactory, PostActivityFactory, UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "matar"])

MODELS = ["organization", "user", "category", "activitytype", "post", "postactivity"]


@pytest.fixture
def data(activity_types):
    answer = AnswerFactory(data={"like": 2})
    category = CategoryFactory(organization=answer.organization)
    CategoryFactory(organization=answer.organization, parent_category=category)
    PostActivityFactory(post=answer, user=UserFactory(roles={"default": [answer.organization_id]}))
    return answer


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_a_changelist_and_a_change_form(admin_client, data, model):
    changelist = admin_client.get(reverse(f"admin:matar_{model}_changelist"))
    assert changelist.status_code == 200
    assert admin_client.get(reverse(f"admin:matar_{model}_add")).status_code == 200
    obj = changelist.context["cl"].result_list[0]
    assert admin_client.get(reverse(f"admin:matar_{model}_change", args=[obj.pk])).status_code == 200


def test_a_question_shows_its_answers_inline_and_filters_work(admin_client, data):
    question = data.parent_post
    page = admin_client.get(reverse("admin:matar_post_change", args=[question.pk]))
    assert data.pk in page.content.decode()
    questions = admin_client.get(reverse("admin:matar_post_changelist"), {"kind": "question"})
    assert [p.pk for p in questions.context["cl"].result_list] == [question.pk]
    by_category = admin_client.get(reverse("admin:matar_post_changelist"), {"category": "NOPE"})
    assert list(by_category.context["cl"].result_list) == []
    likes = admin_client.get(
        reverse("admin:matar_postactivity_changelist"),
        {"post_activity_type__id__exact": "like", "organization__id__exact": question.organization_id},
    )
    assert len(likes.context["cl"].result_list) == 1


def test_an_organization_is_created_with_its_categories_inline(admin_client):
    response = admin_client.post(
        reverse("admin:matar_organization_add"),
        {
            "id": "NEWORG",
            "title": "Farmers",
            "language": "kn-IN",
            "is_chatgpt_enabled": "unknown",
            "max_post_duration": "15",
            "org_type": "0",
            "is_active": "true",
            "categories-TOTAL_FORMS": "1",
            "categories-INITIAL_FORMS": "0",
            "categories-0-id": "SEEDS1",
            "categories-0-title": "Seeds",
            "categories-0-is_active": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organization = Organization.objects.get(pk="NEWORG")
    assert [c.title for c in organization.categories.all()] == ["Seeds"]
    assert not Post.objects.exists()


# Hand-typed rows follow the organisation's rules; empty forms save nothing ---------------------


def _post_form(organization, user, category_ids):
    return {
        "id": "typedpost1",
        "organization": organization.pk,
        "user": user.pk,
        "parent_post": "",
        "category_ids": category_ids,
        "is_active": "true",
        "answers-TOTAL_FORMS": "0",
        "answers-INITIAL_FORMS": "0",
    }


def test_a_post_needs_a_member_and_the_organisations_categories(admin_client, activity_types):
    from matar.tests.factories import OrganizationFactory

    home, other = OrganizationFactory(title="Farmers"), OrganizationFactory(title="Weavers")
    member = UserFactory(roles={"default": [home.pk]})
    stranger = UserFactory(roles={"default": [other.pk]})
    own, foreign = CategoryFactory(organization=home), CategoryFactory(organization=other)
    url = reverse("admin:matar_post_add")

    text = admin_client.post(url, _post_form(home, member, "NOPE")).content.decode()
    assert "No such category: NOPE." in text
    text = admin_client.post(url, _post_form(home, member, foreign.pk)).content.decode()
    assert f"Not a category of Farmers: {foreign.pk}." in text
    text = admin_client.post(url, _post_form(home, stranger, own.pk)).content.decode()
    assert "is not a member of the organisation Farmers." in text
    assert not Post.objects.exists()

    response = admin_client.post(url, _post_form(home, member, own.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Post.objects.get().category_ids == [own.pk]


@pytest.mark.parametrize("model", ["organization", "user", "category", "post", "postactivity"])
def test_an_empty_add_form_gives_errors_not_an_empty_row(admin_client, activity_types, model):
    model_class = {"organization": Organization, "post": Post}.get(model)
    before = model_class.objects.count() if model_class else None
    form = {"answers-TOTAL_FORMS": "0", "answers-INITIAL_FORMS": "0"}
    form |= {"category_set-TOTAL_FORMS": "0", "category_set-INITIAL_FORMS": "0"}
    form |= {"categories-TOTAL_FORMS": "0", "categories-INITIAL_FORMS": "0"}
    response = admin_client.post(reverse(f"admin:matar_{model}_add"), form)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    if model_class:
        assert model_class.objects.count() == before


def test_counters_read_as_a_table(admin_client, data):
    page = admin_client.get(reverse("admin:matar_post_change", args=[data.pk])).content.decode()
    assert "<th>like</th><td>2</td>" in page and "{&#x27;like&#x27;" not in page
