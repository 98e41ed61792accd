"""Who may read and write inside a Matar community (docs/authorization.md).

Upstream's documentation restricts nothing by membership. Here a community's feed, categories,
posts and activities are for its members only: the organisations listed in the user's
``roles.default`` (joined through ``edit_user``). Joining by ``edit_user`` is open only for
open communities (``org_type`` 0 or unset): access codes and invite links are not built, so
closed and invite-only communities are joined by an administrator (Django admin, ``roles``).
"""

from __future__ import annotations

from rest_framework import status

from matar.errors import MatarError, not_found
from matar.models import Category, Organization, OrgType, Post, User

NOT_A_MEMBER = "Not a member of this organization"
CLOSED_ORGANIZATION = "This organization can only be joined by invitation"


def require_member(user: User, organization: Organization) -> None:
    """403 unless the user belongs to the community."""
    if not user.is_member_of(organization.pk):
        raise MatarError(status.HTTP_403_FORBIDDEN, {"message": NOT_A_MEMBER})


def require_may_join(organization: Organization) -> None:
    """``edit_user`` joins open communities only (``org_type`` 0 or NULL), and active ones."""
    if organization.is_active is False:
        raise not_found()
    if organization.org_type not in (None, OrgType.OPEN):
        raise MatarError(status.HTTP_403_FORBIDDEN, {"message": CLOSED_ORGANIZATION})


def post_in(organization: Organization, post_id: str | None) -> Post | None:
    """A post of this community (a post of another community is answered as missing)."""
    return Post.objects.filter(pk=post_id, organization=organization).first() if post_id else None


def category_in(organization: Organization, category_id: str | None) -> Category | None:
    return Category.objects.filter(pk=category_id, organization=organization).first() if category_id else None


def readable_organization_ids(user: User) -> list[str]:
    """The communities whose posts the user may read: the ones they belong to."""
    return user.organization_ids
