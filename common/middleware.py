"""Middleware trimmed from the API paths, where what it provides is never used."""

from django.contrib.messages.middleware import MessageMiddleware

#: Every DRF API of the project (config/urls.py). ``/auth/`` pages other than its API keep
#: the full stack.
API_PREFIXES = ("/api/v1/", "/catalogue/api/", "/coproduction/api/", "/medsync/api/", "/matar/api/", "/auth/api/")


class MessageMiddlewareOutsideApi(MessageMiddleware):
    """Django's one-time messages (the admin's "… was changed successfully") off the API paths.

    No API view reads or writes messages, yet the middleware builds a cookie-and-session
    message store for every request (about a tenth of a MedSync read's CPU time,
    ``python -m bench.cpu --profile``). Without a store the response is left as it is, so the
    API's answers and headers do not change.
    """

    def process_request(self, request):
        if not request.path.startswith(API_PREFIXES):
            super().process_request(request)
