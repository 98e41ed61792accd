import re

import pytest
from django.db import connections

from matar import ids
from matar.models import Category, Post, User
from matar.tests.factories import (
    AnswerFactory,
    CategoryFactory,
    OrganizationFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(databases=["matar", "default"])


def test_ids_are_upstream_style_random_strings():
    organization = OrganizationFactory()
    question = QuestionFactory(organization=organization)
    assert re.fullmatch(r"[A-Z0-9]{6}", organization.id)
    assert re.fullmatch(r"[A-Z0-9]{10}", question.id)
    assert re.fullmatch(r"[A-Z0-9]{6}", question.user_id)
    assert len({OrganizationFactory().id for _ in range(20)}) == 20


def test_legacy_ids_of_other_shapes_are_kept():
    organization = OrganizationFactory(id="129487316")
    assert organization.pk == "129487316"
    with connections["matar"].cursor() as cursor:
        cursor.execute('SELECT "_id" FROM organization')
        assert cursor.fetchall() == [("129487316",)]


def test_a_generated_id_that_is_taken_is_drawn_again(monkeypatch):
    taken = UserFactory()
    draws = iter([ids.GeneratedId(taken.pk), ids.GeneratedId(taken.pk), ids.GeneratedId("FRESH1")])
    monkeypatch.setattr(User._meta.pk, "default", lambda: next(draws))
    user = User(name="Newcomer", phone_number="919000000000", id=User._meta.pk.default())
    user.save()
    assert user.pk == "FRESH1"
    assert User.objects.filter(pk=taken.pk, name=taken.name).exists()


def test_a_given_id_that_is_taken_is_an_error():
    taken = UserFactory()
    with pytest.raises(Exception, match="_pkey"):
        User.objects.create(id=taken.pk, phone_number="919000000001")


def test_defaults_are_application_side_and_timestamps_are_epoch_milliseconds():
    question = QuestionFactory(created_at=None)
    question = Post.objects.create(organization=question.organization)
    assert question.category_ids == [] and question.data == {} and question.is_active is True
    assert question.sorted_at == 0
    assert 1_609_439_400_000 < question.created_at < 1_893_436_200_000
    user = User.objects.create(phone_number="919000000002")
    assert user.roles == {"default": []} and user.language == "hi-IN"


def test_questions_and_answers_link_through_the_parent_post():
    question = QuestionFactory()
    answers = AnswerFactory.create_batch(2, parent_post=question)
    assert question.is_question and not answers[0].is_question
    assert set(question.answers.all()) == set(answers)
    assert answers[0].parent_post == question


def test_categories_nest_through_the_parent_category():
    organization = OrganizationFactory()
    health = CategoryFactory(organization=organization, title="Health")
    fitness = CategoryFactory(organization=organization, title="Fitness", parent_category=health)
    yoga = CategoryFactory(organization=organization, title="Yoga", parent_category=fitness)
    assert yoga.ancestors() == [fitness, health]
    assert list(health.subcategories.all()) == [fitness]
    assert set(organization.categories.all()) == {health, fitness, yoga}


def test_a_category_cycle_does_not_loop_forever():
    a = CategoryFactory()
    b = CategoryFactory(parent_category=a, organization=a.organization)
    Category.objects.filter(pk=a.pk).update(parent_category=b)
    a.refresh_from_db()
    assert a.ancestors() == [b]


def test_membership_lives_in_roles_default():
    first, second = OrganizationFactory(), OrganizationFactory()
    user = UserFactory(roles={"default": [first.pk], "admin": []})
    assert user.organization_ids == [first.pk]
    assert user.is_member_of(first.pk) and not user.is_member_of(second.pk)
    assert UserFactory(roles=None).organization_ids == []


def test_link_columns_have_no_database_foreign_keys():
    with connections["matar"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.table_constraints"
            " WHERE constraint_type = 'FOREIGN KEY' AND table_schema = 'public'"
        )
        assert cursor.fetchone() == (0,)
