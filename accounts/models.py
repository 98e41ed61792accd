"""Users and their items: the template's tables ``user`` and ``item``.

Columns, names and types follow upstream (murphycrew/full-stack-fastapi-template); the
timestamps come from its published ERD, ``last_login`` from Django's auth base class.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models

from accounts.hashers import UpstreamBcryptHasher, is_upstream_bcrypt
from common.models import TimestampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=email, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **fields) -> User:
        fields["is_superuser"] = True
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin, TimestampedModel):
    """The auth user (table ``user``). Logs in with ``email``.

    A superuser may do everything. A data-entry user is staff without being a superuser: they
    use the admin with the Django model permissions of their groups (or their own), held in
    the ``default`` database's auth tables (``user_groups``, ``user_user_permissions``, no
    column added to upstream's ``user``). ``is_staff`` is derived: a superuser, or an active
    user with at least one permission. Row-level security still decides which rows they see.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(max_length=255)
    password = models.CharField("password", db_column="hashed_password")
    is_active = models.BooleanField(default=True)
    is_superuser = models.BooleanField(default=False)
    full_name = models.CharField(max_length=255, null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        db_table = "user"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["email"], name="ix_user_email")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:
        if self.is_superuser:
            return True
        return self.is_active and self.pk is not None and bool(self.get_all_permissions())

    def check_password(self, raw_password: str) -> bool:
        """Verify upstream's bare bcrypt hashes (``$2b$…``) and Django hashes older rows may hold.

        Django picks a hasher by the text before the first ``$``, which is empty for a bare
        bcrypt string, so those go to the bcrypt hasher directly and are never rewritten
        (upstream's passlib must keep reading them). A Django-format hash (written by earlier
        versions of this project) is verified by Django and, on success, rewritten by
        ``set_password`` in upstream's form.
        """
        if is_upstream_bcrypt(self.password):
            return UpstreamBcryptHasher().verify(raw_password, self.password)
        return super().check_password(raw_password)


class UserOwnedModel(TimestampedModel):
    """Base of every row-level-security protected model: an ``owner`` the policies match.

    A model inheriting it must get the four policies of ``accounts.rls`` in a migration
    (``accounts.rls.EnableRowLevelSecurity``); a test checks that every such table has them.
    """

    #: Read by the ERD generator (lock mark) and by the RLS lint test.
    row_level_security = True

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="%(class)ss", db_index=True)

    class Meta:
        abstract = True


class Item(UserOwnedModel):
    """A user's item (table ``item``), protected by row-level security."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=255)
    description = models.CharField(max_length=255, null=True, blank=True)

    class Meta:
        db_table = "item"
        ordering = ["created_at", "id"]
        # Not in upstream's schema (docs/schema-deviations.toml): a superuser's page, which no
        # owner filter narrows, is read in this order from the index instead of sorting the table.
        indexes = [models.Index(fields=["created_at", "id"], name="item_created_at_id_idx")]

    def __str__(self) -> str:
        return self.title
