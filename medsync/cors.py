"""CORS for the MedSync API: any origin, as upstream (FastAPI ``allow_origins=["*"]``).

The project allows only ``CORS_ALLOWED_ORIGINS`` globally; this receiver of
django-cors-headers' ``check_request_enabled`` signal widens that to every origin for
``/medsync/api/`` only, so the Telegram Mini App works from wherever it is hosted.
"""

API_PREFIX = "/medsync/api/"


def allow_any_origin_for_medsync_api(sender, request, **kwargs) -> bool:
    return request.path.startswith(API_PREFIX)
