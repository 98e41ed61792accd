"""Assets attached to tasks (internal: inside a software tool; external: a link), assignments and claims."""

from __future__ import annotations

from django.db import models

from coproduction.models.base import UUIDModel, link
from coproduction.models.organizations import User
from coproduction.models.processes import CoproductionProcess, Objective, Phase, Task


class Asset(UUIDModel):
    """Root of the joined-table hierarchy; ``type`` is the stored discriminator.

    ``objective``, ``phase`` and ``coproductionprocess`` are copies of the task's ancestors,
    set on create; upstream declared no foreign key on them (``db_constraint=False``).
    """

    discriminator: str | None = None

    type = models.CharField(null=True, editable=False)
    task = models.ForeignKey(Task, models.CASCADE, null=True, db_index=False, related_name="assets")
    objective = link(Objective)
    phase = link(Phase)
    coproductionprocess = link(CoproductionProcess)
    creator = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, db_index=False, related_name="+")

    class Meta:
        db_table = "asset"
        ordering = ["created_at", "id"]
        # Additive (issue 16, docs/schema-deviations.toml): upstream indexes no foreign key here.
        indexes = [models.Index(fields=["task"], name="asset_task_id_idx")]

    def __str__(self):
        return f"{self.type} {self.id}"

    def save(self, *args, **kwargs):
        if self.discriminator:
            self.type = self.discriminator
        if self.task_id and self._state.adding and not self.objective_id:
            objective = self.task.objective
            self.objective_id = objective.id
            self.phase_id = objective.phase_id
            self.coproductionprocess_id = objective.phase.coproductionprocess_id
        super().save(*args, **kwargs)


class InternalAsset(Asset):
    """An asset living inside a software tool.

    ``softwareinterlinker_id`` / ``knowledgeinterlinker_id`` point to catalogue interlinkers
    (catalogue database, no FK); ``external_asset_id`` is the asset's id inside the tool.
    """

    discriminator = "internalasset"

    asset_ptr = models.OneToOneField(
        Asset, models.CASCADE, parent_link=True, primary_key=True, db_column="id", related_name="as_internalasset"
    )
    external_asset_id = models.CharField(null=True, blank=True)
    softwareinterlinker_id = models.UUIDField(null=True, blank=True)
    knowledgeinterlinker_id = models.UUIDField(null=True, blank=True)

    class Meta:
        db_table = "internalasset"


class ExternalAsset(Asset):
    """A link; ``externalinterlinker_id`` points to a catalogue external interlinker (no FK)."""

    discriminator = "externalasset"

    asset_ptr = models.OneToOneField(
        Asset, models.CASCADE, parent_link=True, primary_key=True, db_column="id", related_name="as_externalasset"
    )
    name = models.CharField(null=True)
    icon_path = models.CharField(null=True, blank=True)
    externalinterlinker_id = models.UUIDField(null=True, blank=True)
    uri = models.CharField(null=True)

    class Meta:
        db_table = "externalasset"

    def __str__(self):
        return self.name or str(self.id)


class Assignment(UUIDModel):
    user = models.ForeignKey(User, models.CASCADE, null=True, db_index=False, related_name="assignments")
    asset = models.ForeignKey(Asset, models.CASCADE, null=True, db_index=False, related_name="assignments")
    task = link(Task)
    coproductionprocess = link(CoproductionProcess)
    title = models.CharField(null=True, blank=True)
    description = models.CharField(null=True, blank=True)
    state = models.BooleanField(null=True, default=False)

    class Meta:
        db_table = "assignment"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title or str(self.id)


class Claim(UUIDModel):
    user = models.ForeignKey(User, models.CASCADE, null=True, db_index=False, related_name="claims")
    asset = models.ForeignKey(Asset, models.CASCADE, null=True, db_index=False, related_name="claims")
    task = link(Task)
    coproductionprocess = link(CoproductionProcess)
    assignment = models.ForeignKey(
        Assignment, models.RESTRICT, null=True, blank=True, db_index=False, related_name="claims"
    )
    title = models.CharField(null=True, blank=True)
    description = models.CharField(null=True, blank=True)
    state = models.BooleanField(null=True, default=False)
    claim_type = models.CharField(null=True, blank=True, help_text="Free text upstream (e.g. development).")

    class Meta:
        db_table = "claim"
        ordering = ["-created_at", "id"]

    def __str__(self):
        return self.title or str(self.id)
