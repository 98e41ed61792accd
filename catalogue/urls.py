"""Upstream's service-level endpoints outside the API prefix: ``/catalogue/``, ``healthcheck``, ``kpis``, ``static/``.

Mount with ``path("catalogue/", include("catalogue.urls"))`` in config/urls.py (after the
API include).
"""

from django.urls import path, re_path
from django.views.generic import RedirectView

from catalogue.api.views import HealthcheckView, KpisView, StaticFileView
from common.api import path_both

urlpatterns = [
    re_path(r"^$", RedirectView.as_view(url="/api/docs/"), name="catalogue-home"),
    path_both("healthcheck", HealthcheckView.as_view(), name="catalogue-healthcheck"),
    path_both("kpis", KpisView.as_view(), name="catalogue-kpis"),
    path("static/<path:rest>", StaticFileView.as_view(), name="catalogue-static"),
]
