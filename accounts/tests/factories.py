import factory

from accounts import rls
from accounts.models import Item, User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    is_active = True
    is_superuser = False
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)


class ItemFactory(factory.django.DjangoModelFactory):
    """Creates items as an administrator would (the tests run as the RLS-bound runtime role)."""

    class Meta:
        model = Item

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Item {n}")
    description = factory.Faker("sentence")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with rls.as_admin():
            return super()._create(model_class, *args, **kwargs)
