"""The catalogue API (``/catalogue/api/v1/``): upstream's paths, with or without a final slash."""

from django.urls import re_path
from django.views.generic import RedirectView

from catalogue.api import views
from common.api import path_both

ID = r"(?P<{}>[^/]+)"

urlpatterns = [
    re_path(r"^$", RedirectView.as_view(url="/catalogue/api/v1/interlinkers"), name="catalogue-root"),
    path_both("interlinkers", views.InterlinkerListView.as_view(), name="catalogue-interlinkers"),
    path_both(
        "interlinkers/get_by_name/" + ID.format("name"),
        views.InterlinkerByNameView.as_view(),
        name="catalogue-interlinker-by-name",
    ),
    path_both(
        "interlinkers/" + ID.format("interlinker_id") + "/related",
        views.InterlinkerRelatedView.as_view(),
        name="catalogue-interlinker-related",
    ),
    path_both(
        "interlinkers/" + ID.format("interlinker_id"),
        views.InterlinkerDetailView.as_view(),
        name="catalogue-interlinker",
    ),
    path_both("knowledgeinterlinkers", views.KnowledgeInterlinkerListView.as_view(), name="catalogue-knowledge"),
    path_both("softwareinterlinkers", views.SoftwareInterlinkerListView.as_view(), name="catalogue-software"),
    path_both(
        "softwareinterlinkers/" + ID.format("service_name"),
        views.SoftwareInterlinkerByServiceView.as_view(),
        name="catalogue-software-by-service",
    ),
    path_both("problemprofiles", views.ProblemProfileListView.as_view(), name="catalogue-problemprofiles"),
    path_both("problemprofiles/ids", views.ProblemProfileIdsView.as_view(), name="catalogue-problemprofile-ids"),
    path_both(
        "problemprofiles/get_by_name/" + ID.format("name"),
        views.ProblemProfileByNameView.as_view(),
        name="catalogue-problemprofile-by-name",
    ),
    path_both(
        "problemprofiles/" + ID.format("problemprofile_id"),
        views.ProblemProfileDetailView.as_view(),
        name="catalogue-problemprofile",
    ),
    path_both("coproductionschemas", views.CoproductionSchemaListView.as_view(), name="catalogue-schemas"),
    path_both(
        "coproductionschemas/public", views.CoproductionSchemaPublicView.as_view(), name="catalogue-schemas-public"
    ),
    path_both(
        "coproductionschemas/get_by_name/" + ID.format("name"),
        views.CoproductionSchemaByNameView.as_view(),
        name="catalogue-schema-by-name",
    ),
    path_both(
        "coproductionschemas/" + ID.format("schema_id"),
        views.CoproductionSchemaDetailView.as_view(),
        name="catalogue-schema",
    ),
    path_both("ratings", views.RatingListView.as_view(), name="catalogue-ratings"),
    path_both("ratings/" + ID.format("rating_id"), views.RatingDetailView.as_view(), name="catalogue-rating"),
]
