"""``/ratings``: ratings of stories and public processes (spec §4.7, §5.9); their averages
follow in ``services.ratings``. A rating is changed or deleted by its author."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from common.ids import parse_uuid
from common.paging import PageSizeSerializer, page_envelope
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, path_params, valid
from coproduction.api.serializers.ratings import RatingSerializer
from coproduction.models import Rating

RATING_NOT_FOUND = "Rating not found"


class RatingListView(CoproductionView):
    @extend_schema(
        operation_id="coproduction_api_v1_ratings_list",
        parameters=[OpenApiParameter("artefact_id", str), PageSizeSerializer],
        responses=page_envelope("CoproductionRatingPage", RatingSerializer(many=True)),
    )
    def get(self, request):
        page = valid(PageSizeSerializer, request.query_params)
        artefact_id = None
        if request.query_params.get("artefact_id"):
            artefact_id = parse_uuid(request.query_params["artefact_id"], "artefact_id")
        ratings = selectors.rating_list(artefact_id=artefact_id)
        return self.page_response(ratings, page, RatingSerializer)

    @extend_schema(request=RatingSerializer, responses=RatingSerializer)
    def post(self, request):
        """Rate a story or public process; its average and count follow."""
        user = self.current_user()
        body = valid(RatingSerializer, request.data)
        rating = services.rating_save(rating=Rating(user_id=user.pk, **body))
        return self.out(RatingSerializer, rating)


@path_params("id")
class RatingDetailView(CoproductionView):
    @extend_schema(responses=RatingSerializer)
    def get(self, request, id):
        return self.out(RatingSerializer, get_or_404(Rating, id, RATING_NOT_FOUND))

    @extend_schema(request=RatingSerializer, responses=RatingSerializer)
    def put(self, request, id):
        self.current_user()
        rating = get_or_404(Rating, id, RATING_NOT_FOUND)
        rules.require_rating_author(self, rating)
        for field, value in valid(RatingSerializer, request.data, partial=True).items():
            setattr(rating, field, value)
        return self.out(RatingSerializer, services.rating_save(rating=rating))

    @extend_schema(responses=RatingSerializer)
    def delete(self, request, id):
        self.current_user()
        rating = get_or_404(Rating, id, RATING_NOT_FOUND)
        rules.require_rating_author(self, rating)
        data = RatingSerializer(rating).data
        services.rating_delete(rating=rating)
        return Response(data)
