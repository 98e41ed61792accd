from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

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
]

# Uploaded files (Django storage) served by Django itself only in development; in production
# the storage backend or the front web server serves MEDIA_URL.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
