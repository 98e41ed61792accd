"""Admin for the MedSync catalogue (clinics, doctors, tests) and its bookings."""

from django import forms
from django.contrib import admin
from django.db.models import Avg, Count
from django.urls import reverse

from common.admin import ModelAdmin, TabularInline, Upload, UploadsMixin, ratings_summary_html, with_uploads
from common.uploads import validate_pdf
from medsync import selectors, services
from medsync.models import (
    Booking,
    Diagnostic,
    DiagnosticLocation,
    DiagnosticResult,
    Doctor,
    DoctorRating,
    Location,
    Specialty,
    User,
    WorkingHour,
)


class WorkingHourInline(TabularInline):
    model = WorkingHour
    fields = ("weekday_index", "start_time", "end_time", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


class DiagnosticLocationInline(TabularInline):
    """Offered diagnostics on a location, or offering locations on a diagnostic."""

    model = DiagnosticLocation
    extra = 0
    autocomplete_fields = ("diagnostic", "location")


class DiagnosticResultInline(TabularInline):
    model = DiagnosticResult
    fields = ("file_path", "file_id", "created_at")
    readonly_fields = ("created_at",)
    extra = 0


@admin.register(Location)
class LocationAdmin(ModelAdmin):
    list_display = ("location_id", "name", "address", "doctor_count")
    search_fields = ("name", "address")
    inlines = [WorkingHourInline, DiagnosticLocationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(doctor_count=Count("doctors"))

    @admin.display(description="Doctors", ordering="doctor_count")
    def doctor_count(self, obj):
        return obj.doctor_count


@admin.register(Specialty)
class SpecialtyAdmin(ModelAdmin):
    list_display = ("specialty_id", "specialty_name")
    search_fields = ("specialty_name",)


@admin.register(Doctor)
class DoctorAdmin(ModelAdmin):
    list_display = ("doctor_id", "full_name", "specialty", "location", "price", "avg_rating", "reviews")
    list_filter = ("specialty", "location")
    list_select_related = ("specialty", "location")
    search_fields = ("full_name",)
    autocomplete_fields = ("location", "specialty")
    readonly_fields = ("ratings_summary",)
    fieldsets = (
        (None, {"fields": ("full_name", "specialty", "location", "price", "photo_url")}),
        ("About", {"fields": ("experience", "certificates", "services")}),
        ("Ratings", {"fields": ("ratings_summary",)}),
    )

    @admin.display(description="ratings")
    def ratings_summary(self, obj):
        """A count per star and a link to the doctor's ratings (an inline of hundreds of rows was unusable)."""
        if obj is None or obj.pk is None:
            return "none yet"
        counts = dict(
            DoctorRating.objects.filter(doctor=obj).values_list("rating").annotate(n=Count("rating_id")).order_by()
        )
        url = reverse("admin:medsync_doctorrating_changelist") + f"?doctor__doctor_id__exact={obj.pk}"
        return ratings_summary_html(counts, url)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_avg_rating=Avg("ratings__rating"), _reviews=Count("ratings"))

    @admin.display(description="Average rating", ordering="_avg_rating")
    def avg_rating(self, obj):
        return "–" if obj._avg_rating is None else f"{obj._avg_rating:.2f}"

    @admin.display(description="Reviews", ordering="_reviews")
    def reviews(self, obj):
        return obj._reviews


@admin.register(DoctorRating)
class DoctorRatingAdmin(ModelAdmin):
    list_display = ("rating_id", "doctor", "rating")
    list_filter = ("rating",)
    list_select_related = ("doctor",)
    search_fields = ("doctor__full_name",)
    autocomplete_fields = ("doctor",)


@admin.register(Diagnostic)
class DiagnosticAdmin(ModelAdmin):
    list_display = ("diagnostic_id", "type_name", "price", "clinics_count")
    search_fields = ("type_name", "description")
    inlines = [DiagnosticLocationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_clinics_count=Count("diagnostic_locations"))

    @admin.display(description="Locations", ordering="_clinics_count")
    def clinics_count(self, obj):
        return obj._clinics_count


@admin.register(DiagnosticLocation)
class DiagnosticLocationAdmin(ModelAdmin):
    list_display = ("diagnostic_location_id", "diagnostic", "location")
    list_filter = ("location",)
    list_select_related = ("diagnostic", "location")
    search_fields = ("diagnostic__type_name", "location__name")
    autocomplete_fields = ("diagnostic", "location")


@admin.register(WorkingHour)
class WorkingHourAdmin(ModelAdmin):
    list_display = ("location", "weekday_index", "start_time", "end_time")
    list_filter = ("location", "weekday_index")
    list_select_related = ("location",)
    autocomplete_fields = ("location",)
    readonly_fields = ("created_at",)


class BookingForm(forms.ModelForm):
    """Runs the API's booking rules (``services.booking_check``) on what the admin typed."""

    FIELD_NAMES = {"booking_date_time": "booking_time", "location_id": "location"}

    class Meta:
        model = Booking
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if getattr(self, "_item_missing", False):
            exclude.update({"doctor", "diagnostic"})  # the model's check would say the same in other words
        return exclude

    def clean(self):
        cleaned = super().clean()
        doctor, diagnostic = cleaned.get("doctor"), cleaned.get("diagnostic")
        location, booking_time = cleaned.get("location"), cleaned.get("booking_time")
        if (doctor is None) == (diagnostic is None):
            self._item_missing = True
            raise forms.ValidationError("Choose either a doctor or a diagnostic test (exactly one).")
        if location is None or booking_time is None or self.errors:
            return cleaned
        watched = {"doctor", "diagnostic", "location", "booking_time"}
        if not self.instance._state.adding and not watched & set(self.changed_data):
            return cleaned
        kind = selectors.DOCTOR if doctor else selectors.DIAGNOSTIC
        item = doctor or diagnostic
        try:
            services.booking_check(kind=kind, item_id=item.pk, location_id=location.pk, booking_time=booking_time)
        except services.InvalidPayload as error:
            for key, problems in error.detail.items():
                if key != "detail":
                    field = self.FIELD_NAMES.get(key, key.removesuffix("_id"))
                    self.add_error(field if field in self.fields else None, [str(p) for p in problems])
            return cleaned
        taken = Booking.objects.filter(**{kind: item, "location": location, "booking_time": booking_time})
        if taken.exclude(pk=self.instance.pk).exists():
            self.add_error("booking_time", "This slot is already booked.")
        return cleaned


@admin.register(Booking)
class BookingAdmin(ModelAdmin):
    form = BookingForm
    list_display = ("booking_id", "booking_time", "user_full_name", "doctor", "diagnostic", "location", "user")
    list_filter = ("booking_time", "location", "diagnostic")
    list_select_related = ("doctor", "diagnostic", "location", "user")
    date_hierarchy = "booking_time"
    search_fields = ("user_full_name", "user_email", "user_phone_number", "doctor__full_name")
    autocomplete_fields = ("doctor", "diagnostic", "location")
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)
    inlines = [DiagnosticResultInline]
    fieldsets = (
        (None, {"fields": ("booking_time", "location", "doctor", "diagnostic")}),
        ("Patient", {"fields": ("user", "user_full_name", "user_email", "user_phone_number", "user_message")}),
        ("Dates", {"fields": ("created_at",)}),
    )


class DiagnosticResultForm(forms.ModelForm):
    class Meta:
        model = DiagnosticResult
        fields = "__all__"  # noqa: DJ007 (the admin lists every column)


@admin.register(DiagnosticResult)
class DiagnosticResultAdmin(UploadsMixin, ModelAdmin):
    #: Upstream's result files are storage paths such as ``results/mri.pdf``.
    uploads = {"file_path": Upload(folder=lambda obj: "results", extensions=("pdf",), check=validate_pdf)}
    form = with_uploads(DiagnosticResultForm, uploads)
    list_display = ("diagnostic_result_id", "booking", "file_path", "file_id", "created_at")
    list_select_related = ("booking",)
    search_fields = ("file_path", "booking__user_full_name")
    raw_id_fields = ("booking",)
    readonly_fields = ("created_at",)


@admin.register(User)
class TelegramUserAdmin(ModelAdmin):
    list_display = ("user_id", "username", "full_name", "created_at")
    search_fields = ("=user_id", "username", "full_name")
    readonly_fields = ("created_at",)

    def get_readonly_fields(self, request, obj=None):
        # The Telegram id is the key: set on creation, fixed afterwards.
        readonly = super().get_readonly_fields(request, obj)
        return ("user_id", *readonly) if obj else readonly
