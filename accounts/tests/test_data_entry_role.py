"""A data-entry role: staff who are not superusers, limited by Django model permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from accounts.tests.factories import ItemFactory, UserFactory
from medsync.models import Specialty

pytestmark = pytest.mark.django_db(databases=["default", "medsync"])


@pytest.fixture
def clerk():
    group = Group.objects.create(name="Clinic data entry")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="medsync", codename__in=["view_specialty", "add_specialty", "view_location"]
        )
        | Permission.objects.filter(content_type__app_label="accounts", codename="view_item")
    )
    user = UserFactory(email="clerk@example.com", is_superuser=False)
    user.groups.add(group)
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_clerk_gets_into_the_admin_with_their_groups_permissions_only(clerk):
    assert clerk.is_staff and not clerk.is_superuser
    client = _client(clerk)
    index = client.get("/admin/")
    assert index.status_code == 200
    text = index.content.decode()
    assert "Specialties" in text and "Locations" in text
    assert "Bookings" not in text and "Users" not in text
    assert client.get("/admin/medsync/specialty/").status_code == 200
    assert client.get("/admin/medsync/booking/").status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 403
    assert client.get("/admin/medsync/location/add/").status_code == 403


def test_a_clerk_adds_a_row_they_may_add(clerk):
    response = _client(clerk).post("/admin/medsync/specialty/add/", {"specialty_name": "Dermatology"})
    assert response.status_code == 302
    assert Specialty.objects.filter(specialty_name="Dermatology").exists()


def test_row_level_security_still_decides_which_items_a_clerk_sees(clerk):
    ItemFactory(owner=clerk, title="Clerk's own item")
    ItemFactory(owner=UserFactory(), title="Someone else's item")
    text = _client(clerk).get("/admin/accounts/item/").content.decode()
    assert "Clerk&#x27;s own item" in text and "Someone else" not in text


def test_a_user_without_permissions_is_not_staff():
    user = UserFactory(is_superuser=False)
    assert not user.is_staff
    response = _client(user).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
