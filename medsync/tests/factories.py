"""factory_boy factories of the MedSync models (all in the ``medsync`` database)."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from medsync import models

DB = "medsync"


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = models.Location
        database = DB

    name = factory.Sequence(lambda n: f"Clinic {n}")
    address = factory.Faker("street_address")


class SpecialtyFactory(DjangoModelFactory):
    class Meta:
        model = models.Specialty
        database = DB

    specialty_name = factory.Sequence(lambda n: f"Specialty {n}")


class DoctorFactory(DjangoModelFactory):
    class Meta:
        model = models.Doctor
        database = DB

    location = factory.SubFactory(LocationFactory)
    specialty = factory.SubFactory(SpecialtyFactory)
    full_name = factory.Faker("name")
    price = Decimal("120.50")
    photo_url = factory.Sequence(lambda n: f"/images/doctors-listing/profiles/{n % 12 + 1}.png")
    experience = "Ten years of practice."
    certificates = "Board certification"
    services = "Consultation\nFollow-up"


class DoctorRatingFactory(DjangoModelFactory):
    class Meta:
        model = models.DoctorRating
        database = DB

    doctor = factory.SubFactory(DoctorFactory)
    rating = 5


class DiagnosticFactory(DjangoModelFactory):
    class Meta:
        model = models.Diagnostic
        database = DB

    type_name = factory.Sequence(lambda n: f"Test type {n}")
    description = "A diagnostic test."
    price = Decimal("75.00")
    photo_url = "/images/get-tested/mri.png"


class DiagnosticLocationFactory(DjangoModelFactory):
    class Meta:
        model = models.DiagnosticLocation
        database = DB

    diagnostic = factory.SubFactory(DiagnosticFactory)
    location = factory.SubFactory(LocationFactory)


class WorkingHourFactory(DjangoModelFactory):
    class Meta:
        model = models.WorkingHour
        database = DB

    location = factory.SubFactory(LocationFactory)
    weekday_index = 0
    start_time = 8
    end_time = 17


class TelegramUserFactory(DjangoModelFactory):
    class Meta:
        model = models.User
        database = DB

    user_id = factory.Sequence(lambda n: 700_000_000 + n)
    username = factory.Sequence(lambda n: f"tg_user_{n}")
    full_name = factory.Faker("name")


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = models.Booking
        database = DB

    user_full_name = factory.Faker("name")
    user_email = factory.Faker("email")
    user_phone_number = "+380501234567"
    doctor = factory.SubFactory(DoctorFactory)
    diagnostic = None
    location = factory.LazyAttribute(lambda booking: booking.doctor.location if booking.doctor else LocationFactory())
    booking_time = factory.LazyFunction(
        lambda: (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    )


class DiagnosticResultFactory(DjangoModelFactory):
    class Meta:
        model = models.DiagnosticResult
        database = DB

    booking = factory.SubFactory(BookingFactory)
    file_path = "results/mri.pdf"


def open_every_day(location: models.Location, start: int = 8, end: int = 17) -> None:
    """Working hours on all seven weekdays (tests stay independent of today's weekday)."""
    for weekday in range(7):
        WorkingHourFactory(location=location, weekday_index=weekday, start_time=start, end_time=end)
