"""docs/authorization.md, accounts rows: superuser-only writes refused to a regular user with
nothing changed, done by a superuser; another user's item is not found."""

import pytest

from accounts import rls
from accounts.models import Item, User
from accounts.tests.conftest import bearer
from accounts.tests.factories import ItemFactory


def snapshot() -> dict:
    with rls.as_admin():  # items are behind row-level security
        return {
            "users": sorted((str(u.pk), u.email, u.full_name, u.is_active) for u in User.objects.all()),
            "items": sorted((str(i.pk), i.title, str(i.owner_id)) for i in Item.objects.all()),
        }


SUPERUSER_WRITES = {
    "create a user": ("post", "/api/v1/users/", lambda w: {"email": "new@example.com", "password": "a-long-password"}),
    "change a user": ("patch", "/api/v1/users/{bob}", lambda w: {"full_name": "Changed"}),
    "delete a user": ("delete", "/api/v1/users/{bob}", None),
    "create an item for someone": ("post", "/api/v1/items/admin/?owner_id={bob}", lambda w: {"title": "Given"}),
    "change anyone's item": ("put", "/api/v1/items/admin/{item}", lambda w: {"title": "Changed"}),
    "delete anyone's item": ("delete", "/api/v1/items/admin/{item}", None),
    "send a test e-mail": ("post", "/api/v1/utils/test-email/?email_to=x@example.com", None),
    "read a recovery mail": ("post", "/api/v1/password-recovery-html-content/{bob_email}", None),
}
NO_CHANGE = {"send a test e-mail", "read a recovery mail"}


@pytest.mark.parametrize("write", SUPERUSER_WRITES, ids=list(SUPERUSER_WRITES))
def test_superuser_writes_are_refused_to_a_regular_user(api, alice, bob, superuser, write):
    method, path, body = SUPERUSER_WRITES[write]
    item = ItemFactory(owner=bob)
    url = path.format(bob=bob.pk, item=item.pk, bob_email=bob.email)
    data = body(None) if body else None

    def send(user):
        kwargs = {"format": "json"} if data is not None else {}
        return getattr(api, method)(url, data, **kwargs, **bearer(user))

    before = snapshot()
    refused = send(alice)
    assert refused.status_code == 403, refused.content
    assert snapshot() == before
    allowed = send(superuser)
    assert allowed.status_code in (200, 201), allowed.content
    if write not in NO_CHANGE:
        assert snapshot() != before


def test_another_user_s_item_is_not_found_and_untouched(api, alice, bob):
    item = ItemFactory(owner=bob, title="Bob's")
    before = snapshot()
    for response in (
        api.put(f"/api/v1/items/{item.pk}", {"title": "Mine"}, format="json", **bearer(alice)),
        api.delete(f"/api/v1/items/{item.pk}", **bearer(alice)),
    ):
        assert response.status_code == 404
    assert snapshot() == before
    assert (
        api.put(f"/api/v1/items/{item.pk}", {"title": "Still Bob's"}, format="json", **bearer(bob)).status_code == 200
    )
