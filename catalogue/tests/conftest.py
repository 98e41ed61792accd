import pytest
from rest_framework.test import APIClient

from accounts.models import User


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def user(db):
    return User.objects.create_user("rater@example.com", "secret-password", full_name="Rita Rater")


@pytest.fixture
def auth_api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def curator(db):
    """A superuser: the only caller who may write shared catalogue content."""
    return User.objects.create_superuser("curator@example.com", "secret-password", full_name="Cora Curator")


@pytest.fixture
def curator_api(curator):
    client = APIClient()
    client.force_authenticate(curator)
    return client
