"""The project's URLs plus ``catalogue.urls`` mounted at ``/catalogue/`` (as the lead is asked to do)."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("catalogue/", include("catalogue.urls"))]
