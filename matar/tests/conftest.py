"""Fixtures of the Matar tests: the activity types (migration data, gone after a flushing test) and API clients."""

import pytest
from rest_framework.test import APIClient

from matar import tokens
from matar.models import ACTIVITY_TYPES, ActivityType
from matar.tests.factories import UserFactory


@pytest.fixture
def activity_types(db):
    return [
        ActivityType.objects.get_or_create(id=title, defaults={"title": title, "is_active": True})[0]
        for title in ACTIVITY_TYPES
    ]


@pytest.fixture
def matar_user():
    return UserFactory()


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.create_access_token(user.pk)}")
    return client


@pytest.fixture
def api(matar_user) -> APIClient:
    """A client logged in as ``matar_user`` with a Matar access token."""
    return client_for(matar_user)


@pytest.fixture
def matar_queries(django_assert_num_queries):
    """``with matar_queries(n):`` exactly n queries on the ``matar`` database."""
    from functools import partial

    from django.db import connections

    return partial(django_assert_num_queries, connection=connections["matar"])


@pytest.fixture
def member_everywhere(matar_user):
    """``matar_user`` joins every organisation created during the test (reads and writes are
    for members only: docs/authorization.md), the way ``edit_user`` would record it."""
    from django.db.models.signals import post_save

    from matar.models import Organization
    from matar.services import user_join

    def join(sender, instance, created, **kwargs):
        if created:
            matar_user.refresh_from_db()
            user_join(user=matar_user, organization=instance)

    post_save.connect(join, sender=Organization, weak=False, dispatch_uid="member_everywhere")
    yield matar_user
    post_save.disconnect(sender=Organization, dispatch_uid="member_everywhere")
