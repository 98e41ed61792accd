import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory as AccountFactory
from accounts.tokens import create_access_token
from coproduction import services

API = "/coproduction/api/v1"


class Caller:
    """An accounts user, their mirrored coproduction user and an authenticated client."""

    def __init__(self, mirrored: bool = True, **fields):
        self.account = AccountFactory(**fields)
        self.client = APIClient()
        self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {create_access_token(self.account.pk)}")
        self.user = services.user_sync_from_account(self.account) if mirrored else None

    def get(self, path, data=None, **kwargs):
        return self.client.get(API + path, data, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.client.post(API + path, data, format=kwargs.pop("format", "json"), **kwargs)

    def put(self, path, data=None, **kwargs):
        return self.client.put(API + path, data, format="json", **kwargs)

    def delete(self, path, **kwargs):
        return self.client.delete(API + path, **kwargs)


@pytest.fixture
def make_caller(db):
    return Caller


@pytest.fixture
def admin(make_caller):
    return make_caller(full_name="Ana María López")


@pytest.fixture
def member(make_caller):
    return make_caller(full_name="Bo Member")


@pytest.fixture
def outsider(make_caller):
    return make_caller(full_name="Out Sider")


@pytest.fixture
def coproduction_queries(django_assert_num_queries):
    """``django_assert_num_queries`` on the coproduction database."""
    from django.db import connections

    def assert_num(num):
        return django_assert_num_queries(num, connection=connections["coproduction"])

    return assert_num
