"""Only the Matar API, for checking its OpenAPI schema on its own (test_schema.py)."""

from django.urls import include, path

urlpatterns = [path("matar/api/v1/", include("matar.api.urls"))]
