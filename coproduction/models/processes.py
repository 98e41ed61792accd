"""Co-production processes, their tree (phase → objective → task), tags and permissions."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

from coproduction.models.base import Languages, Status, UnboundedDecimalField, UpstreamTimestamps, UUIDModel, new_uuid
from coproduction.models.organizations import Organization, Team, User


class Tag(UUIDModel):
    name = models.CharField()
    description = models.CharField(null=True, blank=True)

    class Meta:
        db_table = "tag"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="tag_name_key")]

    def __str__(self):
        return self.name


class CoproductionProcess(UUIDModel):
    schema_used = models.UUIDField(
        null=True, blank=True, help_text="Id of a catalogue coproductionschema (catalogue database, no FK)."
    )
    language = models.CharField(null=True, default=Languages.EN, choices=Languages.choices)
    name = models.CharField(null=True)
    description = models.CharField(null=True, blank=True)
    logotype = models.CharField(null=True, blank=True)
    aim = models.TextField(null=True, blank=True)
    idea = models.TextField(null=True, blank=True)
    organization_desc = models.TextField(null=True, blank=True)
    challenges = models.TextField(null=True, blank=True)
    requirements = models.TextField(null=True, blank=True)
    status = models.CharField(max_length=11, null=True, choices=Status.choices, default=Status.IN_PROGRESS)
    incentive_and_rewards_state = models.BooleanField(null=True, blank=True)
    leaderboard = models.BooleanField(null=True, blank=True)
    has_add_an_organization = models.BooleanField(db_column="hasAddAnOrganization", null=True, blank=True)
    skip_resources_step = models.BooleanField(db_column="skipResourcesStep", null=True, blank=True)
    hideguidechecklist = models.BooleanField(null=True, blank=True)
    intergovernmental_model = models.CharField(null=True, blank=True)
    is_part_of_publication = models.BooleanField(null=True, blank=True)
    is_public = models.BooleanField(null=True, blank=True)
    rating = models.DecimalField(max_digits=2, decimal_places=1, null=True, default=0, editable=False)
    ratings_count = models.IntegerField(null=True, default=0, editable=False)
    creator = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, db_index=False, related_name="+")
    organization = models.ForeignKey(
        Organization, models.SET_NULL, null=True, blank=True, db_index=False, related_name="coproductionprocesses"
    )
    game_id = models.CharField(null=True, blank=True, help_text="Id in the external gamification engine.")
    cloned_from = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, db_index=False, related_name="cloned_to"
    )
    start_date = models.DateField(null=True, blank=True, editable=False, help_text="Aggregated: min(phase.start_date).")
    end_date = models.DateField(null=True, blank=True, editable=False, help_text="Aggregated: max(phase.end_date).")
    administrators = models.ManyToManyField(
        User, through="CoproductionProcessAdministrator", related_name="administered_processes", blank=True
    )
    tags = models.ManyToManyField(
        Tag, through="CoproductionProcessTag", related_name="coproductionprocesses", blank=True
    )

    class Meta:
        db_table = "coproductionprocess"
        ordering = ["created_at", "id"]
        verbose_name = "co-production process"
        verbose_name_plural = "co-production processes"

    def __str__(self):
        return self.name or str(self.id)


class CoproductionProcessAdministrator(models.Model):
    pk = models.CompositePrimaryKey("coproductionprocess_id", "user_id")
    coproductionprocess = models.ForeignKey(CoproductionProcess, models.CASCADE, db_index=False)
    user = models.ForeignKey(User, models.CASCADE, db_index=False)

    class Meta:
        db_table = "coproductionprocess_administrators"

    def __str__(self):
        return f"{self.coproductionprocess_id} / {self.user_id}"


class CoproductionProcessTag(models.Model):
    pk = models.CompositePrimaryKey("coproductionprocess_id", "tag_id")
    coproductionprocess = models.ForeignKey(CoproductionProcess, models.CASCADE, db_index=False)
    tag = models.ForeignKey(Tag, models.CASCADE, db_index=False)

    class Meta:
        db_table = "coproductionprocess_tags"

    def __str__(self):
        return f"{self.coproductionprocess_id} / {self.tag_id}"


class TreeItem(UUIDModel):
    """Root of the joined-table hierarchy; ``type`` is the stored discriminator.

    Soft delete: ``disabled_on`` / ``disabler``; ``is_disabled`` also looks at ancestors.
    """

    discriminator: str | None = None

    type = models.CharField(max_length=70, null=True, editable=False)
    name = models.CharField(null=True)
    description = models.CharField(null=True, blank=True)
    creator = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, db_index=False, related_name="+")
    status = models.CharField(max_length=11, null=True, choices=Status.choices, default=Status.AWAITING)
    disabler = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, db_index=False, related_name="+")
    disabled_on = models.DateTimeField(null=True, blank=True)
    from_item = models.UUIDField(null=True, blank=True, help_text="Catalogue treeitemmetadata id (no FK).")
    from_schema = models.UUIDField(null=True, blank=True, help_text="Catalogue coproductionschema id (no FK).")
    prerequisites = models.ManyToManyField(
        "self",
        through="TreeItemPrerequisite",
        through_fields=("treeitem_a", "treeitem_b"),
        symmetrical=False,
        related_name="postrequisites",
        blank=True,
    )

    class Meta:
        db_table = "treeitem"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name or str(self.id)

    def save(self, *args, **kwargs):
        if self.discriminator:
            self.type = self.discriminator
        if self._state.adding and isinstance(self.created_at, DatabaseDefault):
            # Insertion order is part of the tree's order (there is no ordering column), and the
            # server default now() is the same for every item set_schema creates in one transaction.
            self.created_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_disabled(self) -> bool:
        return any(item.disabled_on is not None for item in self.path_items)

    @property
    def path_items(self) -> list[TreeItem]:
        return [self]

    @property
    def path_ids(self) -> list:
        return [self.process_id, *(item.id for item in self.path_items)]


class TreeItemPrerequisite(models.Model):
    """Row (a, b): b is a prerequisite of a."""

    pk = models.CompositePrimaryKey("treeitem_a_id", "treeitem_b_id")
    treeitem_a = models.ForeignKey(TreeItem, models.CASCADE, db_index=False, related_name="+")
    treeitem_b = models.ForeignKey(TreeItem, models.CASCADE, db_index=False, related_name="+")

    class Meta:
        db_table = "treeitem_prerequisites"

    def __str__(self):
        return f"{self.treeitem_a_id} / {self.treeitem_b_id}"


class Phase(TreeItem):
    discriminator = "phase"

    treeitem_ptr = models.OneToOneField(
        TreeItem, models.CASCADE, parent_link=True, primary_key=True, db_column="id", related_name="as_phase"
    )
    is_part_of_codelivery = models.BooleanField(null=True, default=False)
    coproductionprocess = models.ForeignKey(
        CoproductionProcess, models.CASCADE, null=True, db_index=False, related_name="children"
    )
    start_date = models.DateField(null=True, blank=True, editable=False)
    end_date = models.DateField(null=True, blank=True, editable=False)
    progress = UnboundedDecimalField(null=True, default=0, editable=False)

    class Meta:
        db_table = "phase"
        ordering = ["created_at", "id"]
        # Additive (issue 16, docs/schema-deviations.toml): upstream indexes no foreign key here.
        indexes = [models.Index(fields=["coproductionprocess"], name="phase_process_id_idx")]

    @property
    def process_id(self):
        return self.coproductionprocess_id

    @property
    def path_items(self):
        return [self]


class Objective(TreeItem):
    discriminator = "objective"

    treeitem_ptr = models.OneToOneField(
        TreeItem, models.CASCADE, parent_link=True, primary_key=True, db_column="id", related_name="as_objective"
    )
    phase = models.ForeignKey(Phase, models.CASCADE, null=True, db_index=False, related_name="children")
    start_date = models.DateField(null=True, blank=True, editable=False)
    end_date = models.DateField(null=True, blank=True, editable=False)
    progress = UnboundedDecimalField(null=True, default=0, editable=False)

    class Meta:
        db_table = "objective"
        ordering = ["created_at", "id"]
        # Additive (issue 16, docs/schema-deviations.toml): upstream indexes no foreign key here.
        indexes = [models.Index(fields=["phase"], name="objective_phase_id_idx")]

    @property
    def process_id(self):
        return self.phase.coproductionprocess_id

    @property
    def path_items(self):
        return [self.phase, self]


class Task(TreeItem):
    discriminator = "task"

    treeitem_ptr = models.OneToOneField(
        TreeItem, models.CASCADE, parent_link=True, primary_key=True, db_column="id", related_name="as_task"
    )
    problemprofiles = ArrayField(
        models.CharField(), null=True, blank=True, default=list, help_text="Catalogue problemprofile ids (no FK)."
    )
    objective = models.ForeignKey(Objective, models.CASCADE, null=True, db_index=False, related_name="children")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    management = models.IntegerField(default=0)
    development = models.IntegerField(default=0)
    exploitation = models.IntegerField(default=0)

    class Meta:
        db_table = "task"
        ordering = ["created_at", "id"]
        # Additive (issue 16, docs/schema-deviations.toml): upstream indexes no foreign key here.
        indexes = [models.Index(fields=["objective"], name="task_objective_id_idx")]

    @property
    def process_id(self):
        return self.objective.phase.coproductionprocess_id

    @property
    def phase_id(self):
        return self.objective.phase_id

    @property
    def path_items(self):
        return [self.objective.phase, self.objective, self]


class Permission(UpstreamTimestamps):
    """A grant to a team (or, unused upstream, a user) on a whole process or one subtree.

    The flags are the fields whose name ends in ``_permission`` (``PERMISSION_FLAGS``).
    """

    id = models.UUIDField(primary_key=True, default=new_uuid, editable=False)
    creator = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, db_index=False, related_name="+")
    user = models.ForeignKey(User, models.CASCADE, null=True, blank=True, db_index=False, related_name="permissions")
    team = models.ForeignKey(Team, models.CASCADE, null=True, blank=True, db_index=False, related_name="permissions")
    coproductionprocess = models.ForeignKey(
        CoproductionProcess, models.CASCADE, null=True, db_index=False, related_name="permissions"
    )
    treeitem = models.ForeignKey(
        TreeItem,
        models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="permissions",
        help_text="Empty: the whole process.",
    )
    access_assets_permission = models.BooleanField(null=True, default=False)
    create_assets_permission = models.BooleanField(null=True, default=False)
    delete_assets_permission = models.BooleanField(null=True, default=False)

    class Meta:
        db_table = "permission"
        ordering = ["created_at", "id"]
        # Additive (issue 16, docs/schema-deviations.toml): upstream indexes no foreign key here.
        indexes = [models.Index(fields=["coproductionprocess"], name="permission_process_id_idx")]

    def __str__(self):
        return f"{self.team or self.user} on {self.treeitem or self.coproductionprocess}"


PERMISSION_FLAGS = tuple(f.name for f in Permission._meta.fields if f.name.endswith("_permission"))
