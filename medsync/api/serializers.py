"""Request and response shapes of the MedSync API (upstream's JSON keys)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.ids import INT32_MAX, INT32_MIN
from medsync.models import Booking, DiagnosticResult

MAX_RANGE_DAYS = 92
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(9000, 12, 31)


@extend_schema_field(OpenApiTypes.DATETIME)
class IsoDateTimeField(serializers.Field):
    """ISO 8601 with a numeric offset (``2023-10-20T08:00:00+00:00``), as upstream's FastAPI printed them."""

    def __init__(self, zone: dt.tzinfo = dt.UTC, **kwargs):
        self.zone = zone
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: dt.datetime) -> str:
        return value.astimezone(self.zone).isoformat()


def iso(value: dt.datetime, zone: dt.tzinfo = dt.UTC) -> str:
    return value.astimezone(zone).isoformat()


def Price() -> serializers.DecimalField:  # noqa: N802  (a field factory)
    return serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=False, read_only=True)


# Reads ---------------------------------------------------------------------------------


class DoctorListSerializer(serializers.Serializer):
    doctor_id = serializers.IntegerField()
    location_id = serializers.IntegerField()
    full_name = serializers.CharField()
    specialty_name = serializers.CharField(source="specialty.specialty_name")
    specialty_id = serializers.IntegerField()
    price = Price()
    photo_url = serializers.CharField()
    location_name = serializers.CharField(source="location.name")
    location_address = serializers.CharField(source="location.address")
    avg_rating = serializers.FloatField(help_text="Average of the doctor's ratings, 0 without ratings.")
    reviews = serializers.IntegerField(help_text="Number of ratings.")


class DoctorDetailSerializer(serializers.Serializer):
    doctor_id = serializers.IntegerField()
    location_id = serializers.IntegerField()
    full_name = serializers.CharField()
    specialty_name = serializers.CharField(source="specialty.specialty_name")
    specialty_id = serializers.IntegerField()
    price = Price()
    photo_url = serializers.CharField()
    location_address = serializers.CharField(source="location.address")
    experience = serializers.CharField(allow_null=True)
    certificates = serializers.CharField(allow_null=True)
    location_name = serializers.CharField(source="location.name")
    avg_rating = serializers.FloatField()
    reviews = serializers.IntegerField()
    services = serializers.CharField(allow_null=True, help_text="One service per line.")


class SpecialtySerializer(serializers.Serializer):
    specialty_id = serializers.IntegerField()
    specialty_name = serializers.CharField()


class DiagnosticSerializer(serializers.Serializer):
    diagnostic_id = serializers.IntegerField()
    type_name = serializers.CharField()
    description = serializers.CharField()
    price = Price()
    photo_url = serializers.CharField()
    clinics_count = serializers.IntegerField(help_text="Number of locations offering it.")


class LocationSerializer(serializers.Serializer):
    location_id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()


class WorkingHourSerializer(serializers.Serializer):
    working_hour_id = serializers.IntegerField()
    location_id = serializers.IntegerField()
    start_time = serializers.IntegerField(help_text="Opening hour, inclusive, in the clinic time zone.")
    end_time = serializers.IntegerField(help_text="Closing hour, exclusive.")
    weekday_index = serializers.IntegerField(help_text="0 = Sunday ... 6 = Saturday (JavaScript getDay()).")
    created_at = IsoDateTimeField()


# Booking -------------------------------------------------------------------------------


class BookingRequestSerializer(serializers.Serializer):
    location_id = serializers.IntegerField(min_value=INT32_MIN, max_value=INT32_MAX)
    booking_date_time = serializers.DateTimeField(
        default_timezone=dt.UTC, help_text="Slot start, ISO 8601 (the Mini App sends UTC with Z; no offset = UTC)."
    )
    user_name = serializers.CharField()
    user_surname = serializers.CharField(allow_blank=True)
    user_phone = serializers.CharField(max_length=16)
    user_email = serializers.CharField(max_length=256)
    user_message = serializers.CharField(max_length=1024, required=False, allow_blank=True, allow_null=True)
    userInitData = serializers.CharField(  # noqa: N815  (upstream's key)
        required=False, allow_blank=True, allow_null=True, trim_whitespace=False, help_text="Telegram WebApp initData."
    )

    def validate(self, attrs):
        full_name = f"{attrs['user_name']} {attrs['user_surname']}"
        if len(full_name) > 256:
            raise serializers.ValidationError({"user_surname": ["Name and surname together exceed 256 characters."]})
        attrs["user_full_name"] = full_name
        return attrs


class DoctorBookingRequestSerializer(BookingRequestSerializer):
    doctor_id = serializers.IntegerField(min_value=INT32_MIN, max_value=INT32_MAX)


class DiagnosticBookingRequestSerializer(BookingRequestSerializer):
    diagnostic_id = serializers.IntegerField(min_value=INT32_MIN, max_value=INT32_MAX)


class BookingResponseSerializer(serializers.Serializer):
    status = serializers.CharField(default="success")
    booking_id = serializers.IntegerField()


# Free slots ----------------------------------------------------------------------------


class FreeSlotQuerySerializer(serializers.Serializer):
    date_from = serializers.DateField(required=False, help_text="First day (YYYY-MM-DD); default today in tz.")
    date_to = serializers.DateField(
        required=False, help_text=f"Last day, inclusive; default date_from + 30 days; at most {MAX_RANGE_DAYS} days on."
    )
    tz = serializers.CharField(required=False, help_text="IANA time zone of the output; default the clinic's.")

    def validate_tz(self, value: str) -> ZoneInfo:
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
            raise serializers.ValidationError("Unknown time zone.") from None

    def _in_calendar(self, value: dt.date) -> dt.date:
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise serializers.ValidationError(f"Must be between {EARLIEST_DATE} and {LATEST_DATE}.")
        return value

    validate_date_from = validate_date_to = _in_calendar

    def validate(self, attrs):
        date_from, date_to = attrs.get("date_from"), attrs.get("date_to")
        if date_from and date_to:
            if date_to < date_from:
                raise serializers.ValidationError({"date_to": ["Must not be before date_from."]})
            if (date_to - date_from).days > MAX_RANGE_DAYS:
                raise serializers.ValidationError({"date_to": [f"At most {MAX_RANGE_DAYS} days after date_from."]})
        return attrs


# A user's bookings and results ---------------------------------------------------------


class UserQuerySerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=-(2**63), max_value=2**63 - 1)


class BookingDoctorSerializer(serializers.Serializer):
    doctor_id = serializers.IntegerField()
    full_name = serializers.CharField()
    specialty_name = serializers.CharField(source="specialty.specialty_name")


class BookingDiagnosticSerializer(serializers.Serializer):
    diagnostic_id = serializers.IntegerField()
    type_name = serializers.CharField()


class UserBookingSerializer(serializers.ModelSerializer):
    booking_time = IsoDateTimeField()
    created_at = IsoDateTimeField()
    location = LocationSerializer()
    doctor = BookingDoctorSerializer(allow_null=True)
    diagnostic = BookingDiagnosticSerializer(allow_null=True)

    class Meta:
        model = Booking
        fields = [
            "booking_id",
            "booking_time",
            "created_at",
            "user_full_name",
            "user_email",
            "user_phone_number",
            "user_message",
            "location",
            "doctor",
            "diagnostic",
        ]


class UserResultSerializer(serializers.ModelSerializer):
    booking_id = serializers.IntegerField()
    booking_time = IsoDateTimeField(source="booking.booking_time")
    diagnostic = BookingDiagnosticSerializer(source="booking.diagnostic")
    file_url = serializers.SerializerMethodField()
    created_at = IsoDateTimeField()

    class Meta:
        model = DiagnosticResult
        fields = ["diagnostic_result_id", "booking_id", "booking_time", "diagnostic", "file_path", "file_url"]
        fields += ["file_id", "created_at"]

    def get_file_url(self, result: DiagnosticResult) -> str | None:
        """Absolute URL of the file in the media storage, or null when it is not there."""
        try:
            if not default_storage.exists(result.file_path):
                return None
            url = default_storage.url(result.file_path)
        except SuspiciousFileOperation:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
