"""factory_boy factories for the coproduction models (database alias ``coproduction``)."""

import factory

from coproduction import models


class Base(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        database = "coproduction"


class UserFactory(Base):
    class Meta:
        model = models.User

    id = factory.Faker("uuid4")
    full_name = factory.Faker("name")
    email = factory.Faker("email")


class OrganizationFactory(Base):
    class Meta:
        model = models.Organization

    name_translations = factory.Sequence(lambda n: {"en": f"Organisation {n}", "es": f"Organización {n}"})
    default_team_type = models.RoleTypes.CITIZEN


class TeamFactory(Base):
    class Meta:
        model = models.Team
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Team {n}")
    description = "A team"
    type = models.RoleTypes.CITIZEN
    users_count = 0

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        for user in extracted or []:
            models.TeamMember.objects.create(team=self, user=user)


class ProcessFactory(Base):
    class Meta:
        model = models.CoproductionProcess
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Process {n}")
    language = "en"

    @factory.post_generation
    def administrators(self, create, extracted, **kwargs):
        for user in extracted or []:
            models.CoproductionProcessAdministrator.objects.create(coproductionprocess=self, user=user)


class PhaseFactory(Base):
    class Meta:
        model = models.Phase

    name = factory.Sequence(lambda n: f"Phase {n}")
    coproductionprocess = factory.SubFactory(ProcessFactory)


class ObjectiveFactory(Base):
    class Meta:
        model = models.Objective

    name = factory.Sequence(lambda n: f"Objective {n}")
    phase = factory.SubFactory(PhaseFactory)


class TaskFactory(Base):
    class Meta:
        model = models.Task

    name = factory.Sequence(lambda n: f"Task {n}")
    objective = factory.SubFactory(ObjectiveFactory)


class PermissionFactory(Base):
    class Meta:
        model = models.Permission

    team = factory.SubFactory(TeamFactory)
    coproductionprocess = factory.SubFactory(ProcessFactory)
    access_assets_permission = True
    create_assets_permission = False
    delete_assets_permission = False


class ExternalAssetFactory(Base):
    class Meta:
        model = models.ExternalAsset

    task = factory.SubFactory(TaskFactory)
    name = factory.Sequence(lambda n: f"Link {n}")
    uri = "https://example.org/doc"


class InternalAssetFactory(Base):
    class Meta:
        model = models.InternalAsset

    task = factory.SubFactory(TaskFactory)
    external_asset_id = factory.Faker("uuid4")
    softwareinterlinker_id = factory.Faker("uuid4")


class NotificationFactory(Base):
    class Meta:
        model = models.Notification

    event = "add_task_copro"
    title = "A task was added"
    text = "{taskName} in {processName}"
    language = "en"


class StoryFactory(Base):
    class Meta:
        model = models.Story

    coproductionprocess = factory.SubFactory(ProcessFactory)
    data_story = factory.LazyFunction(lambda: {"title": "A story", "description": "told", "keywords": "city"})
    state = True


class TagFactory(Base):
    class Meta:
        model = models.Tag

    name = factory.Sequence(lambda n: f"tag{n}")
