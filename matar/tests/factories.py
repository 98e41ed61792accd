"""factory_boy factories of the Matar models (database alias ``matar``)."""

import factory

from matar.ids import new_post_id
from matar.models import ACTIVITY_TYPES, ActivityType, Category, Organization, Post, PostActivity, User


class MatarFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        database = "matar"


class OrganizationFactory(MatarFactory):
    class Meta:
        model = Organization

    title = factory.Sequence(lambda n: f"Community {n}")
    language = "hi-IN"


class UserFactory(MatarFactory):
    class Meta:
        model = User

    name = factory.Sequence(lambda n: f"User {n}")
    phone_number = factory.Sequence(lambda n: f"9198{n:08d}")


class CategoryFactory(MatarFactory):
    class Meta:
        model = Category

    title = factory.Sequence(lambda n: f"Category {n}")
    organization = factory.SubFactory(OrganizationFactory)


class ActivityTypeFactory(MatarFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ("id",)

    id = factory.Iterator(ACTIVITY_TYPES)
    title = factory.SelfAttribute("id")
    is_active = True


class QuestionFactory(MatarFactory):
    class Meta:
        model = Post

    id = factory.LazyFunction(new_post_id)
    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    audio_url = factory.LazyAttribute(lambda post: f"http://testserver/media/matar/audio/{post.id}.flac")
    data = factory.LazyFunction(lambda: {"duration": 3.0})
    created_at = factory.Sequence(lambda n: 1_700_000_000_000 + n * 1000)


class AnswerFactory(QuestionFactory):
    parent_post = factory.SubFactory(QuestionFactory)
    organization = factory.SelfAttribute("parent_post.organization")


class PostActivityFactory(MatarFactory):
    class Meta:
        model = PostActivity

    post = factory.SubFactory(QuestionFactory)
    user = factory.SubFactory(UserFactory)
    post_activity_type = factory.SubFactory(ActivityTypeFactory, id="like")
    organization = factory.SelfAttribute("post.organization")
