import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from accounts.tokens import create_access_token


@pytest.fixture
def api():
    return APIClient()


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_access_token(user.pk)}"}


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com")


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.com", is_superuser=True)
