"""Django's messages are kept for the admin and pages, and left out of the API paths."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from common.middleware import API_PREFIXES, MessageMiddlewareOutsideApi


def through_middleware(path: str):
    request = RequestFactory().get(path)
    SessionMiddleware(lambda request: HttpResponse()).process_request(request)
    response = MessageMiddlewareOutsideApi(lambda request: HttpResponse("body"))(request)
    return request, response


@pytest.mark.parametrize("prefix", API_PREFIXES)
def test_api_paths_get_no_message_store_and_an_unchanged_answer(prefix):
    request, response = through_middleware(prefix + "anything")
    assert not hasattr(request, "_messages")
    assert list(get_messages(request)) == []
    assert response.content == b"body" and "Set-Cookie" not in response


@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/user/", "/auth/login", "/catalogue/file/x"])
def test_other_paths_keep_the_message_store(path):
    request, _ = through_middleware(path)
    assert hasattr(request, "_messages")
