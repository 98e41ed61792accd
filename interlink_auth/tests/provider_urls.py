"""The project's URLs plus the test provider (django-oauth-toolkit at /o/, its login page)."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns
from interlink_auth.tests.provider import ProviderLoginView

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("provider/login/", ProviderLoginView.as_view(), name="provider-login"),
    *project_urlpatterns,
]
