"""MedSync: clinics, doctors, diagnostic tests and one-hour bookings (Latand/MedSyncWebApp).

Tables, columns, primary-key columns and the two unique constraints keep upstream's names
(Alembic head ``88bdd79e5a2f``). Upstream's NO ACTION foreign keys are ``PROTECT`` here (the
same refusal, with a clean message in the admin); see docs/schema-deviations.toml.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from common.models import DbNow


class Weekday(models.IntegerChoices):
    """``workinghours.weekday_index``: 0 = Sunday ... 6 = Saturday, as upstream's Mini App reads it.

    The Mini App matches ``weekday_index`` against JavaScript's ``getDay()`` and labels 0
    "Sunday"; the server does the same (:func:`medsync.slots.weekday_index`). Upstream's own
    seed comment ("0=Monday") disagrees with its front end; the front end is what users see.
    """

    SUNDAY = 0, "Sunday"
    MONDAY = 1, "Monday"
    TUESDAY = 2, "Tuesday"
    WEDNESDAY = 3, "Wednesday"
    THURSDAY = 4, "Thursday"
    FRIDAY = 5, "Friday"
    SATURDAY = 6, "Saturday"

    @classmethod
    def of(cls, day) -> int:
        """The index of a date: JavaScript's ``getDay()`` (0 = Sunday), not Python's ``weekday()``."""
        return day.isoweekday() % 7


class User(models.Model):
    """A Telegram user known to the bot; the key is the Telegram user id (no sequence)."""

    user_id = models.BigIntegerField(primary_key=True, help_text="Telegram user id.")
    username = models.CharField(max_length=128, null=True, blank=True)
    full_name = models.CharField(max_length=128)
    created_at = models.DateTimeField(db_default=DbNow(), editable=False)

    class Meta:
        db_table = "users"
        verbose_name = "Telegram user"
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.user_id})"


class Location(models.Model):
    """A clinic. Its working hours are shared by all its doctors and tests."""

    location_id = models.AutoField(primary_key=True)
    name = models.CharField(max_length=128)
    address = models.CharField(max_length=256)

    class Meta:
        db_table = "locations"
        ordering = ["location_id"]

    def __str__(self) -> str:
        return self.name


class Specialty(models.Model):
    specialty_id = models.AutoField(primary_key=True)
    specialty_name = models.CharField(max_length=128)

    class Meta:
        db_table = "specialties"
        verbose_name_plural = "specialties"
        ordering = ["specialty_name"]

    def __str__(self) -> str:
        return self.specialty_name


class Doctor(models.Model):
    """A doctor with one specialty, working at exactly one location."""

    doctor_id = models.AutoField(primary_key=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="doctors")
    full_name = models.CharField(max_length=128)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    photo_url = models.CharField(
        max_length=256, help_text="Relative URL in the Mini App, e.g. /images/doctors-listing/profiles/3.png"
    )
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="doctors")
    experience = models.TextField(null=True, blank=True)
    certificates = models.TextField(null=True, blank=True)
    services = models.TextField(null=True, blank=True, help_text="One service per line.")

    class Meta:
        db_table = "doctors"
        ordering = ["doctor_id"]

    def __str__(self) -> str:
        return self.full_name


class DoctorRating(models.Model):
    """An anonymous star rating (no author column upstream); 0 is upstream's application default."""

    rating_id = models.AutoField(primary_key=True)
    doctor = models.ForeignKey(Doctor, on_delete=models.PROTECT, related_name="ratings")
    rating = models.IntegerField(default=0, validators=[MinValueValidator(0), MaxValueValidator(5)])

    class Meta:
        db_table = "doctor_ratings"
        ordering = ["rating_id"]

    def __str__(self) -> str:
        return f"{self.rating}★ for {self.doctor_id}"


class Diagnostic(models.Model):
    """A type of diagnostic test (MRI, blood test, ...) offered at some locations."""

    diagnostic_id = models.AutoField(primary_key=True)
    type_name = models.CharField(max_length=128)
    description = models.CharField(max_length=256)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    photo_url = models.CharField(max_length=256)
    locations = models.ManyToManyField(Location, through="DiagnosticLocation", related_name="diagnostics")

    class Meta:
        db_table = "diagnostics"
        ordering = ["diagnostic_id"]

    def __str__(self) -> str:
        return self.type_name


class DiagnosticLocation(models.Model):
    """Which location offers which diagnostic. Upstream has no unique pair: duplicates are possible."""

    diagnostic_location_id = models.AutoField(primary_key=True)
    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.PROTECT, related_name="diagnostic_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="diagnostic_locations")

    class Meta:
        db_table = "diagnostic_locations"
        ordering = ["diagnostic_location_id"]

    def __str__(self) -> str:
        return f"{self.diagnostic} at {self.location}"


class WorkingHour(models.Model):
    """Opening hours of a location on one weekday, in the clinic time zone (``MEDSYNC_TIME_ZONE``)."""

    working_hour_id = models.AutoField(primary_key=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="working_hours")
    start_time = models.IntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(23)], help_text="Hour of day, inclusive (e.g. 8)."
    )
    end_time = models.IntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24)], help_text="Hour of day, exclusive (e.g. 17)."
    )
    weekday_index = models.IntegerField(
        choices=Weekday.choices,
        help_text="0 = Sunday ... 6 = Saturday (JavaScript getDay()).",
    )
    created_at = models.DateTimeField(db_default=DbNow(), editable=False)

    class Meta:
        db_table = "workinghours"
        ordering = ["location_id", "weekday_index", "start_time"]

    def __str__(self) -> str:
        return f"{self.get_weekday_index_display()} {self.start_time}:00-{self.end_time}:00"

    def clean(self):
        if self.start_time is not None and self.end_time is not None and self.start_time >= self.end_time:
            raise ValidationError({"end_time": "The closing hour must be after the opening hour."})


class Booking(models.Model):
    """A one-hour booking of either a doctor or a diagnostic test at a location.

    The two unique constraints (upstream's names) are the double-booking protection; the
    CHECK that exactly one of doctor / diagnostic is set is an added hardening, which is why
    the doctor and diagnostic keys use PROTECT instead of upstream's SET NULL.
    """

    booking_id = models.AutoField(primary_key=True)
    user_full_name = models.CharField(max_length=256)
    user_email = models.CharField(max_length=256)
    user_phone_number = models.CharField(max_length=16)
    created_at = models.DateTimeField(db_default=DbNow(), editable=False)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings", help_text="Empty: anonymous."
    )
    user_message = models.CharField(max_length=1024, null=True, blank=True)
    doctor = models.ForeignKey(Doctor, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings")
    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="bookings")
    booking_time = models.DateTimeField(help_text="Slot start; slots last one hour.")

    class Meta:
        db_table = "bookings"
        ordering = ["-booking_time", "-booking_id"]
        constraints = [
            models.UniqueConstraint(fields=["doctor", "location", "booking_time"], name="unique_doctor_location_time"),
            models.UniqueConstraint(
                fields=["diagnostic", "location", "booking_time"], name="unique_diagnostic_location_time"
            ),
            models.CheckConstraint(
                condition=Q(doctor__isnull=False, diagnostic__isnull=True)
                | Q(doctor__isnull=True, diagnostic__isnull=False),
                name="bookings_exactly_one_item",
                violation_error_message="Set either a doctor or a diagnostic test, not both.",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.booking_id} {self.user_full_name} at {self.booking_time:%Y-%m-%d %H:%M}"


class DiagnosticResult(models.Model):
    """The result file of a diagnostic booking (``booking_id`` is nullable upstream)."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, null=True, blank=True, related_name="results")
    diagnostic_result_id = models.AutoField(primary_key=True)
    file_path = models.CharField(max_length=256, help_text="Path in the media storage, e.g. results/mri.pdf")
    file_id = models.CharField(
        max_length=256, null=True, blank=True, help_text="Telegram file_id cached by the bot after its first upload."
    )
    created_at = models.DateTimeField(db_default=DbNow(), editable=False)

    class Meta:
        db_table = "diagnostic_results"
        ordering = ["diagnostic_result_id"]

    def __str__(self) -> str:
        return self.file_path
