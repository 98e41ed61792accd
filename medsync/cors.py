"""CORS for the MedSync API: any origin, as upstream (FastAPI ``allow_origins=["*"]``), but
never with credentials.

The project allows only ``CORS_ALLOWED_ORIGINS`` globally, with credentials (the admin's and
INTERLINK's cookies). For ``/medsync/api/`` the receiver of django-cors-headers'
``check_request_enabled`` signal opens CORS to every origin, and ``AnyOriginWithoutCredentials``
then answers ``Access-Control-Allow-Origin: *`` without ``Access-Control-Allow-Credentials``:
the Mini App authenticates with its initData header or a bearer token, so no page on another
origin can make a browser send a cookie there and read the answer.
"""

API_PREFIX = "/medsync/api/"


def allow_any_origin_for_medsync_api(sender, request, **kwargs) -> bool:
    return request.path.startswith(API_PREFIX)


class AnyOriginWithoutCredentials:
    """Listed before ``corsheaders.middleware.CorsMiddleware``, so it sees that one's headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX) and "Access-Control-Allow-Origin" in response:
            response["Access-Control-Allow-Origin"] = "*"
            if "Access-Control-Allow-Credentials" in response:
                del response["Access-Control-Allow-Credentials"]
            vary = [v.strip() for v in response.get("Vary", "").split(",")]
            vary = [v for v in vary if v and v.lower() != "origin"]
            if vary:
                response["Vary"] = ", ".join(vary)
            elif "Vary" in response:
                del response["Vary"]
        return response
