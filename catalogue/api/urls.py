"""API of the catalogue domain: not built yet; every path under this prefix answers 501."""

from django.urls import re_path

from common.api import not_implemented

urlpatterns = [re_path(r"^.*$", not_implemented("The catalogue API is not built yet."))]
