"""``/participationrequests``: users asking to take part in a process (spec §4.8). Read by
the candidate and the process's administrators; archived by the administrators."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from common.ids import parse_uuid
from coproduction import selectors, services
from coproduction.api import permissions as rules
from coproduction.api.base import CoproductionView, get_or_404, path_params, valid
from coproduction.api.serializers.participation_requests import ParticipationRequestSerializer
from coproduction.api.views.user_notifications import ArchiveSerializer

PARTICIPATION_REQUEST_NOT_FOUND = "ParticipationRequest not found"


def visible_participation_requests(view):
    return rules.own_or_administered(view, selectors.participation_requests_qs(), owner="candidate_id")


def participation_requests_of_process(view, copro_id, **filters):
    view.current_user()
    rows = visible_participation_requests(view).filter(
        coproductionprocess_id=parse_uuid(copro_id, "copro_id"), **filters
    )
    return view.out(ParticipationRequestSerializer, rows, many=True)


class ParticipationRequestListView(CoproductionView):
    @extend_schema(responses=ParticipationRequestSerializer(many=True))
    def get(self, request):
        self.current_user()
        return self.out(ParticipationRequestSerializer, visible_participation_requests(self), many=True)

    @extend_schema(request=ParticipationRequestSerializer, responses=ParticipationRequestSerializer)
    def post(self, request):
        user = self.current_user()
        body = valid(ParticipationRequestSerializer, request.data)
        row = services.participation_request_create(candidate=user, data=body)
        return self.out(ParticipationRequestSerializer, selectors.participation_requests_qs().get(pk=row.pk))


@path_params("candidate_id")
class RequestsOfCandidateView(CoproductionView):
    @extend_schema(
        operation_id="participationrequests_listParticipationRequests",
        responses=ParticipationRequestSerializer(many=True),
    )
    def get(self, request, candidate_id):
        self.current_user()
        rows = visible_participation_requests(self).filter(candidate_id=candidate_id)
        return self.out(ParticipationRequestSerializer, rows, many=True)


@path_params("copro_id")
class RequestsOfProcessView(CoproductionView):
    @extend_schema(
        operation_id="participationrequests_listFullParticipationRequestsbyCoproId",
        responses=ParticipationRequestSerializer(many=True),
    )
    def get(self, request, copro_id):
        return participation_requests_of_process(self, copro_id)


@path_params("copro_id")
class PendingRequestsOfProcessView(CoproductionView):
    @extend_schema(
        operation_id="participationrequests_listInprogressParticipationRequestsbyCoproId",
        responses=ParticipationRequestSerializer(many=True),
    )
    def get(self, request, copro_id):
        return participation_requests_of_process(self, copro_id, is_archived=False)


@path_params("id")
class ParticipationRequestDetailView(CoproductionView):
    @extend_schema(responses=ParticipationRequestSerializer)
    def get(self, request, id):
        self.current_user()
        row = get_or_404(visible_participation_requests(self), id, PARTICIPATION_REQUEST_NOT_FOUND)
        return self.out(ParticipationRequestSerializer, row)

    @extend_schema(responses=ParticipationRequestSerializer)
    def delete(self, request, id):
        self.current_user()
        row = get_or_404(visible_participation_requests(self), id, PARTICIPATION_REQUEST_NOT_FOUND)
        data = ParticipationRequestSerializer(row).data
        services.participation_request_delete(participation_request=row)
        return Response(data)


@path_params("id")
class ParticipationRequestArchiveView(CoproductionView):
    @extend_schema(request=ArchiveSerializer, responses=ParticipationRequestSerializer)
    def put(self, request, id):
        self.current_user()
        row = get_or_404(visible_participation_requests(self), id, PARTICIPATION_REQUEST_NOT_FOUND)
        rules.require_process_administrator(self, row.coproductionprocess_id)
        is_archived = valid(ArchiveSerializer, request.data)["is_archived"]
        row = services.participation_request_set_archived(participation_request=row, is_archived=is_archived)
        return self.out(ParticipationRequestSerializer, row)
