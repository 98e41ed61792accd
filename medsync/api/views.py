"""MedSync API at ``/medsync/api/``: upstream's paths and JSON, its fixes, free slots and a user's bookings.

Upstream's endpoints are anonymous (the Telegram Mini App calls them without credentials);
the booking endpoints authenticate the Telegram user by the signed ``userInitData`` instead.
"""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import BearerTokenAuthentication
from common.exceptions import APIError
from common.ids import parse_int
from medsync import initdata, selectors, services, slots
from medsync.api import serializers as api_serializers
from medsync.cache import medsync_reads

INVALID_INIT_DATA = "Invalid initData"
DETAIL = inline_serializer("MedsyncDetail", {"detail": serializers.CharField()})
INVALID_PAYLOAD = inline_serializer(
    "MedsyncInvalidPayload",
    {"detail": serializers.CharField(default=services.INVALID_PAYLOAD)},
)


def _path_int(name: str, description: str = "") -> OpenApiParameter:
    return OpenApiParameter(name, int, OpenApiParameter.PATH, description=description)


DATETIME_LIST = {"type": "array", "items": {"type": "string", "format": "date-time"}}


class MedsyncView(APIView):
    """Upstream's endpoints: anonymous, as the Mini App calls them."""

    authentication_classes: list = []
    permission_classes = [AllowAny]


# Doctors, specialties, diagnostics, locations ------------------------------------------


class DoctorListView(MedsyncView):
    @extend_schema(responses=api_serializers.DoctorListSerializer(many=True))
    def get(self, request):
        """Every doctor with location, specialty, average rating and number of reviews, by doctor_id."""
        return medsync_reads.response(self, lambda: Response(selectors.doctor_list_with_ratings()))


class DoctorDetailView(MedsyncView):
    @extend_schema(
        parameters=[_path_int("doctor_id")], responses={200: api_serializers.DoctorDetailSerializer, 404: DETAIL}
    )
    def get(self, request, doctor_id):
        """One doctor with the about texts; 404 ``Doctor not found``."""
        doctor = selectors.doctor_detail(parse_int(doctor_id, "doctor_id"))
        if doctor is None:
            raise APIError(status.HTTP_404_NOT_FOUND, "Doctor not found")
        return Response(doctor)


class SpecialtyListView(MedsyncView):
    @extend_schema(responses=api_serializers.SpecialtySerializer(many=True))
    def get(self, request):
        """Specialties that at least one doctor has, by name."""
        return Response(selectors.specialty_list())


class DiagnosticListView(MedsyncView):
    @extend_schema(responses=api_serializers.DiagnosticSerializer(many=True))
    def get(self, request):
        """Diagnostic tests offered at one location or more, with the number of locations."""
        return Response(api_serializers.DiagnosticSerializer(selectors.diagnostics_offered(), many=True).data)


class DiagnosticLocationsView(MedsyncView):
    @extend_schema(
        parameters=[_path_int("diagnostic_id")],
        responses={200: api_serializers.LocationSerializer(many=True), 404: DETAIL},
    )
    def get(self, request, diagnostic_id):
        """Locations offering a diagnostic test; 404 ``Locations not found`` when none."""
        locations = selectors.diagnostic_locations(parse_int(diagnostic_id, "diagnostic_id"))
        if not locations:
            raise APIError(status.HTTP_404_NOT_FOUND, "Locations not found")
        return Response(api_serializers.LocationSerializer(locations, many=True).data)


class LocationDetailView(MedsyncView):
    @extend_schema(
        parameters=[_path_int("location_id")], responses={200: api_serializers.LocationSerializer, 404: DETAIL}
    )
    def get(self, request, location_id):
        """One location; 404 ``Location not found``."""
        location = selectors.location_get(parse_int(location_id, "location_id"))
        if location is None:
            raise APIError(status.HTTP_404_NOT_FOUND, "Location not found")
        return Response(api_serializers.LocationSerializer(location).data)


class WorkingHoursView(MedsyncView):
    @extend_schema(parameters=[_path_int("location_id")], responses=api_serializers.WorkingHourSerializer(many=True))
    def get(self, request, location_id):
        """A location's working hours (``weekday_index`` 0 = Sunday as getDay(); hours in the clinic time zone)."""
        hours = selectors.working_hours(parse_int(location_id, "location_id"))
        return Response(api_serializers.WorkingHourSerializer(hours, many=True).data)


# Booked slots (upstream) and free slots (new) ------------------------------------------


class BookedSlotsView(MedsyncView):
    kind = selectors.DOCTOR

    def get(self, request, location_id, month_number, **ids):
        month = parse_int(month_number, "month_number")
        if not 0 <= month <= 11:
            raise serializers.ValidationError({"month_number": ["0 (January) to 11 (December)."]})
        times = selectors.booked_in_month(
            kind=self.kind,
            item_id=parse_int(ids[f"{self.kind}_id"], f"{self.kind}_id"),
            location_id=parse_int(location_id, "location_id"),
            month_index=month,
        )
        return Response([api_serializers.iso(time) for time in times])


def _booked_schema(kind: str):
    return extend_schema(
        parameters=[
            _path_int(f"{kind}_id"),
            _path_int("location_id"),
            _path_int("month_number", "JavaScript's month: 0 = January ... 11 = December."),
        ],
        responses={200: DATETIME_LIST},
        description=f"Booked slot starts of the {kind} at the location in the next occurrence of that month "
        "(from today on), ascending. Booked, not free: the Mini App subtracts them from the working hours.",
    )


@_booked_schema("doctor")
class DoctorBookedSlotsView(BookedSlotsView):
    kind = selectors.DOCTOR


@_booked_schema("diagnostic")
class DiagnosticBookedSlotsView(BookedSlotsView):
    kind = selectors.DIAGNOSTIC


class FreeSlotsView(MedsyncView):
    kind = selectors.DOCTOR

    def get(self, request, location_id, **ids):
        item_id = parse_int(ids[f"{self.kind}_id"], f"{self.kind}_id")
        location_id = parse_int(location_id, "location_id")
        query = api_serializers.FreeSlotQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        zone = query.validated_data.get("tz") or slots.clinic_zone()
        date_from = query.validated_data.get("date_from") or dt.datetime.now(zone).date()
        date_to = query.validated_data.get("date_to") or date_from + dt.timedelta(days=30)
        if date_to < date_from:
            raise serializers.ValidationError({"date_to": ["Must not be before date_from."]})
        if (date_to - date_from).days > api_serializers.MAX_RANGE_DAYS:
            raise serializers.ValidationError(
                {"date_to": [f"At most {api_serializers.MAX_RANGE_DAYS} days after date_from."]}
            )
        missing = selectors.free_slot_target_missing(kind=self.kind, item_id=item_id, location_id=location_id)
        if missing:
            raise APIError(status.HTTP_404_NOT_FOUND, missing)
        free = selectors.free_slots(
            kind=self.kind, item_id=item_id, location_id=location_id, date_from=date_from, date_to=date_to
        )
        return Response([api_serializers.iso(slot, zone) for slot in free])


def _free_schema(kind: str):
    return extend_schema(
        parameters=[
            _path_int(f"{kind}_id"),
            _path_int("location_id"),
            api_serializers.FreeSlotQuerySerializer,
        ],
        responses={200: DATETIME_LIST, 404: DETAIL},
        description=f"Free one-hour slot starts of the {kind} at the location, computed on the server from the "
        "location's working hours (clinic time zone) minus bookings, strictly after now; ISO 8601 in `tz`.",
    )


@_free_schema("doctor")
class DoctorFreeSlotsView(FreeSlotsView):
    kind = selectors.DOCTOR


@_free_schema("diagnostic")
class DiagnosticFreeSlotsView(FreeSlotsView):
    kind = selectors.DIAGNOSTIC


# Booking -------------------------------------------------------------------------------


class BookSlotView(MedsyncView):
    """Book a slot (anonymous, or as the Telegram user of a valid ``userInitData``)."""

    # (no authentication classes: the Mini App posts without credentials, so no CSRF check either)
    validation_error_status = status.HTTP_400_BAD_REQUEST
    kind = selectors.DOCTOR
    request_serializer = api_serializers.DoctorBookingRequestSerializer

    def post(self, request):
        try:
            data = request.data
        except exceptions.ParseError:
            raise services.InvalidPayload({"non_field_errors": ["Malformed JSON."]}) from None
        if not isinstance(data, dict):
            raise services.InvalidPayload({"non_field_errors": ["Expected a JSON object."]})
        telegram_user = None
        raw_init_data = data.get("userInitData")
        if raw_init_data:
            parsed = initdata.validate(raw_init_data) if isinstance(raw_init_data, str) else None
            if parsed is None:
                raise APIError(status.HTTP_400_BAD_REQUEST, INVALID_INIT_DATA)
            telegram_user = parsed.user
        body = self.request_serializer(data=data)
        if not body.is_valid():
            raise services.InvalidPayload(body.errors)
        values = body.validated_data
        booking = services.booking_create(
            kind=self.kind,
            item_id=values[f"{self.kind}_id"],
            location_id=values["location_id"],
            booking_time=values["booking_date_time"],
            user_full_name=values["user_full_name"],
            user_email=values["user_email"],
            user_phone_number=values["user_phone"],
            user_message=values.get("user_message"),
            telegram_user=telegram_user,
        )
        return Response({"status": "success", "booking_id": booking.booking_id})


def _book_schema(kind: str, request_serializer):
    extra = " A diagnostic booking immediately gets its (demo) result file." if kind == selectors.DIAGNOSTIC else ""
    return extend_schema(
        request=request_serializer,
        responses={
            200: api_serializers.BookingResponseSerializer,
            400: OpenApiResponse(
                INVALID_PAYLOAD,
                description='`{"detail": "Invalid initData"}` or `{"detail": "Invalid payload", "<field>": [...]}` '
                "(also when the slot was just taken).",
            ),
        },
        description=f"Book a one-hour slot of a {kind}: the slot must be a future slot of the location's working "
        f"hours and free; exactly one of simultaneous requests for one slot succeeds.{extra}",
    )


@_book_schema("doctor", api_serializers.DoctorBookingRequestSerializer)
class DoctorBookSlotView(BookSlotView):
    kind = selectors.DOCTOR
    request_serializer = api_serializers.DoctorBookingRequestSerializer


@_book_schema("diagnostic", api_serializers.DiagnosticBookingRequestSerializer)
class DiagnosticBookSlotView(BookSlotView):
    kind = selectors.DIAGNOSTIC
    request_serializer = api_serializers.DiagnosticBookingRequestSerializer


# A user's bookings and results (what the bot showed) -----------------------------------


def _subject_user_id(request) -> int:
    """The Telegram user of ``X-Telegram-Init-Data``, or ``user_id`` when an accounts superuser asks."""
    header = request.headers.get("X-Telegram-Init-Data")
    if header:
        parsed = initdata.validate(header)
        if parsed is None or parsed.user is None:
            raise APIError(status.HTTP_403_FORBIDDEN, INVALID_INIT_DATA)
        return parsed.user.id
    try:
        user = request.user
    except exceptions.AuthenticationFailed:
        raise APIError(status.HTTP_403_FORBIDDEN, INVALID_INIT_DATA) from None
    if not (user.is_authenticated and user.is_superuser):
        raise APIError(status.HTTP_403_FORBIDDEN, INVALID_INIT_DATA)
    query = api_serializers.UserQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data["user_id"]


MY_PARAMS = [
    OpenApiParameter(
        "X-Telegram-Init-Data", str, OpenApiParameter.HEADER, description="Telegram WebApp initData of the user."
    ),
    OpenApiParameter("user_id", int, description="Telegram user id (accounts superusers, without the header)."),
]


class MyView(MedsyncView):
    """The user's own data: Telegram initData, or an accounts superuser's bearer JWT.

    No session authentication: the API answers any origin, so a cookie must never count here.
    """

    authentication_classes = [BearerTokenAuthentication]


class MyBookingListView(MyView):
    @extend_schema(parameters=MY_PARAMS, responses={200: api_serializers.UserBookingSerializer(many=True), 403: DETAIL})
    def get(self, request):
        """The user's bookings, newest slot first."""
        bookings = selectors.user_bookings(_subject_user_id(request))
        return Response(api_serializers.UserBookingSerializer(bookings, many=True).data)


class MyBookingDetailView(MyView):
    @extend_schema(
        parameters=[*MY_PARAMS, _path_int("booking_id")],
        responses={200: api_serializers.UserBookingSerializer, 403: DETAIL, 404: DETAIL},
    )
    def get(self, request, booking_id):
        """One of the user's bookings; 404 ``Booking not found`` (also for someone else's)."""
        booking_id = parse_int(booking_id, "booking_id")
        booking = selectors.user_bookings(_subject_user_id(request)).filter(pk=booking_id).first()
        if booking is None:
            raise APIError(status.HTTP_404_NOT_FOUND, "Booking not found")
        return Response(api_serializers.UserBookingSerializer(booking).data)


class MyResultListView(MyView):
    @extend_schema(parameters=MY_PARAMS, responses={200: api_serializers.UserResultSerializer(many=True), 403: DETAIL})
    def get(self, request):
        """Results of the user's diagnostic bookings, newest slot first."""
        results = selectors.user_results(_subject_user_id(request))
        return Response(api_serializers.UserResultSerializer(results, many=True, context={"request": request}).data)


class MyResultDetailView(MyView):
    @extend_schema(
        parameters=[*MY_PARAMS, _path_int("diagnostic_result_id")],
        responses={200: api_serializers.UserResultSerializer, 403: DETAIL, 404: DETAIL},
    )
    def get(self, request, diagnostic_result_id):
        """One result of the user's; 404 ``Result not found``."""
        result_id = parse_int(diagnostic_result_id, "diagnostic_result_id")
        result = selectors.user_results(_subject_user_id(request)).filter(pk=result_id).first()
        if result is None:
            raise APIError(status.HTTP_404_NOT_FOUND, "Result not found")
        return Response(api_serializers.UserResultSerializer(result, context={"request": request}).data)
