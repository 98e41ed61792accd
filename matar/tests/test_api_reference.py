import pytest
from rest_framework.test import APIClient

from matar.models import ACTIVITY_TYPES
from matar.tests.factories import CategoryFactory, OrganizationFactory

pytestmark = [pytest.mark.django_db(databases=["matar", "default"]), pytest.mark.usefixtures("member_everywhere")]
BASE = "/matar/api/v1"


def test_languages_need_no_login():
    response = APIClient().get(f"{BASE}/languages")
    assert response.status_code == 200
    assert list(response.json()["languages"].items()) == [
        ("hi-IN", "हिंदी"),
        ("kn-IN", "ಕನ್ನಡ"),
        ("ur-IN", "اردو"),
        ("mr-IN", "मराठी"),
        ("ta-IN", "தமிழ்"),
        ("te-IN", "తెలుగు"),
        ("en-IN", "English"),
    ]


@pytest.mark.parametrize("count", [2, 12])
def test_organizations_active_in_order_in_one_query(api, matar_queries, count):
    OrganizationFactory.create_batch(count, sort_order=5)
    first = OrganizationFactory(id="ZZZZZZ", sort_order=1, code="ABC", title="First")
    last = OrganizationFactory(id="000000", sort_order=None, is_active=None)
    OrganizationFactory(is_active=False, title="Closed")
    with matar_queries(2):  # the caller, the organisations
        response = api.get(f"{BASE}/organizations")
    organizations = response.json()["organizations"]
    assert len(organizations) == count + 2
    assert organizations[0] == {
        "_id": "ZZZZZZ",
        "code": "https://matar.app.link/ABC",
        "description": None,
        "is_active": True,
        "is_chatgpt_enabled": True,
        "language": "hi-IN",
        "max_post_duration": 15,
        "org_type": 0,
        "title": "First",
    }
    assert organizations[-1]["_id"] == last.pk and organizations[-1]["code"] is None
    assert first.pk not in [o["_id"] for o in organizations[1:]]
    middle = [o["_id"] for o in organizations[1:-1]]
    assert middle == sorted(middle)


@pytest.mark.parametrize("count", [1, 10])
def test_categories_of_an_organization(api, matar_queries, count):
    organization = OrganizationFactory()
    parent = CategoryFactory(organization=organization, sort_order=1, title="Health")
    CategoryFactory.create_batch(count, organization=organization, sort_order=2, parent_category=parent)
    CategoryFactory()  # another organisation's
    with matar_queries(3):  # the caller, the organisation, the categories
        response = api.get(f"{BASE}/categories", {"organization_id": organization.pk})
    categories = response.json()["categories"]
    assert len(categories) == count + 1
    assert categories[0] == {
        "_id": parent.pk,
        "is_active": True,
        "parent_category_id": None,
        "sort_order": 1,
        "title": "Health",
    }
    assert {c["parent_category_id"] for c in categories[1:]} == {parent.pk}
    assert api.get(f"{BASE}/categories", {"organization_id": "NOPE"}).json() == {"message": "Ain't no cake like that."}
    assert api.get(f"{BASE}/categories").status_code == 400


def test_activity_types_in_upstream_order(api, activity_types, matar_queries):
    with matar_queries(2):
        response = api.get(f"{BASE}/activity_types")
    assert response.json() == {"activity_types": [{"_id": t, "is_active": True, "title": t} for t in ACTIVITY_TYPES]}
