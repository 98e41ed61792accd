"""An authenticated request that ends in an error response writes nothing (RLS middleware)."""

from django.http import HttpResponse
from django.test import RequestFactory

from accounts import rls
from accounts.middleware import RowLevelSecurityMiddleware
from accounts.models import Item
from accounts.tests.conftest import bearer


def _request_that_writes_then_answers(user, status: int, title: str):
    def view(request):
        Item.objects.create(owner=user, title=title)
        return HttpResponse(status=status)

    request = RequestFactory().post("/api/v1/items/", **bearer(user))
    return RowLevelSecurityMiddleware(view)(request)


def test_an_error_response_rolls_the_requests_writes_back(alice):
    assert _request_that_writes_then_answers(alice, 400, "half-written").status_code == 400
    assert _request_that_writes_then_answers(alice, 500, "crashed").status_code == 500
    assert _request_that_writes_then_answers(alice, 201, "kept").status_code == 201
    with rls.as_admin():
        assert list(Item.objects.filter(owner=alice).values_list("title", flat=True)) == ["kept"]
