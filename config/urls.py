from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from common.media import media_urlpatterns

handler500 = "common.api.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/v1/", include("accounts.api.urls")),
    path("catalogue/api/v1/", include("catalogue.api.urls")),
    path("catalogue/", include("catalogue.urls")),
    path("coproduction/api/v1/", include("coproduction.api.urls")),
    path("medsync/api/", include("medsync.api.urls")),
    path("matar/api/v1/", include("matar.api.urls")),
    path("auth/", include("interlink_auth.urls")),
]

# Uploaded files (Django storage) served by Django itself only in development (SERVE_MEDIA),
# with headers that keep them from running on this origin; in production the front web
# server serves MEDIA_URL from its own domain (docs/deployment.md).
urlpatterns += media_urlpatterns()
