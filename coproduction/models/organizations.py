"""Users (mirrored from accounts), organisations, teams and their association tables."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField, HStoreField
from django.db import models

from common.translations import TranslatedField
from coproduction.models.base import RoleTypes, TeamCreationPermissions, UpstreamTimestamps, UUIDModel


class User(UpstreamTimestamps):
    """Coproduction's own ``user`` table (not the auth user).

    ``id`` is an OIDC-style string subject; here the accounts user's UUID as text, mirrored
    by ``GET /users/me`` (spec §5.1).
    """

    id = models.CharField(primary_key=True)
    is_superuser = models.BooleanField(null=True, default=False)
    picture = models.CharField(null=True, blank=True)
    full_name = models.CharField(null=True, blank=True)
    last_login = models.DateTimeField(null=True, blank=True)
    email = models.CharField(null=True, blank=True)
    additional_emails = ArrayField(
        models.CharField(), db_column="additionalEmails", null=True, blank=True, default=list, db_default=[]
    )
    agree_terms_of_use = models.BooleanField(db_column="agreeTermsOfUse", null=True, default=False)

    class Meta:
        db_table = "user"
        ordering = ["full_name", "id"]

    def __str__(self):
        return self.full_name or self.email or self.id


class Organization(UUIDModel):
    name_translations = HStoreField(null=True, blank=True)
    description_translations = HStoreField(null=True, blank=True)
    name = TranslatedField()
    description = TranslatedField()
    icon = models.CharField(null=True, blank=True)
    logotype = models.CharField(null=True, blank=True)
    default_team_type = models.CharField(max_length=22, choices=RoleTypes.choices)
    team_creation_permission = models.CharField(
        max_length=14,
        choices=TeamCreationPermissions.choices,
        null=True,
        default=TeamCreationPermissions.ADMINISTRATORS,
        db_default=TeamCreationPermissions.ADMINISTRATORS.value,
    )
    public = models.BooleanField(null=True, default=False)
    creator = models.ForeignKey(
        User, models.SET_NULL, null=True, blank=True, db_index=False, related_name="created_organizations"
    )
    administrators = models.ManyToManyField(
        User, through="OrganizationAdministrator", related_name="administered_organizations", blank=True
    )

    class Meta:
        db_table = "organization"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name or str(self.id)


class Team(UUIDModel):
    name = models.CharField()
    description = models.CharField()
    logotype = models.CharField(null=True, blank=True)
    type = models.CharField(max_length=22, choices=RoleTypes.choices)
    creator = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, db_index=False, related_name="+")
    organization = models.ForeignKey(
        Organization, models.CASCADE, null=True, blank=True, db_index=False, related_name="teams"
    )
    users_count = models.IntegerField(null=True, editable=False, help_text="Aggregated: number of members.")
    users = models.ManyToManyField(User, through="TeamMember", related_name="teams", blank=True)
    administrators = models.ManyToManyField(
        User, through="TeamAdministrator", related_name="administered_teams", blank=True
    )
    applies = models.ManyToManyField(User, through="TeamApply", related_name="applied_teams", blank=True)

    class Meta:
        db_table = "team"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name


class OrganizationAdministrator(models.Model):
    pk = models.CompositePrimaryKey("organization_id", "user_id")
    organization = models.ForeignKey(Organization, models.CASCADE, db_index=False)
    user = models.ForeignKey(User, models.CASCADE, db_index=False)

    class Meta:
        db_table = "organization_administrators"

    def __str__(self):
        return f"{self.organization_id} / {self.user_id}"


class TeamMember(models.Model):
    """Team membership; ``team.users_count`` follows it (``coproduction.services``)."""

    pk = models.CompositePrimaryKey("user_id", "team_id")
    user = models.ForeignKey(User, models.CASCADE, db_index=False)
    team = models.ForeignKey(Team, models.CASCADE, db_index=False)

    class Meta:
        db_table = "association_user_team"

    def __str__(self):
        return f"{self.user_id} / {self.team_id}"


class TeamAdministrator(models.Model):
    pk = models.CompositePrimaryKey("team_id", "user_id")
    team = models.ForeignKey(Team, models.CASCADE, db_index=False)
    user = models.ForeignKey(User, models.CASCADE, db_index=False)

    class Meta:
        db_table = "team_administrators"

    def __str__(self):
        return f"{self.team_id} / {self.user_id}"


class TeamApply(models.Model):
    """A pending application to join a team."""

    pk = models.CompositePrimaryKey("team_id", "user_id")
    team = models.ForeignKey(Team, models.CASCADE, db_index=False)
    user = models.ForeignKey(User, models.CASCADE, db_index=False)

    class Meta:
        db_table = "team_applies"

    def __str__(self):
        return f"{self.team_id} / {self.user_id}"
