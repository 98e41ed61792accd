"""Deterministic MedSync demo catalogue (spec medsync §6): 3 clinics, 12 tests, 12 doctors, ratings."""

from __future__ import annotations

import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connections, transaction
from faker import Faker

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
    Weekday,
    WorkingHour,
)
from medsync.services import RESULT_FILES

DB = "medsync"
DEFAULT_SEED = 20231001
TABLES = [model._meta.db_table for model in (DiagnosticResult, Booking, DoctorRating, DiagnosticLocation)] + [
    model._meta.db_table for model in (WorkingHour, Doctor, Diagnostic, Specialty, Location, User)
]

DIAGNOSTICS = [
    ("Magnetic Resonance Imaging", "mri", "Detailed images of organs and soft tissue made with magnetic fields."),
    ("Computed Tomography", "ct", "Cross-sectional X-ray images of bones, vessels and soft tissue."),
    ("X-Ray", "x-ray", "A quick image of bones and chest to find fractures and infections."),
    ("Ultrasound", "ultrasound", "Real-time images of organs and blood flow made with sound waves."),
    ("Positron Emission Tomography", "pet", "Shows how tissues and organs work, used to find cancer early."),
    ("Blood Tests", "blood-test", "A complete blood count and chemistry panel from one sample."),
    ("Urine Tests", "urine", "Checks kidney function, infections and metabolic conditions."),
    ("Biopsy", "biopsy", "A small tissue sample examined under the microscope."),
    ("Electrocardiogram", "ecg", "Records the heart's electrical activity in a few minutes."),
    ("Bone Density Test", "bone-density", "Measures bone mineral density to assess osteoporosis risk."),
    ("Endoscopy", "endoscopy", "A camera examination of the upper digestive tract."),
    ("Colonoscopy", "colonoscopy", "A camera examination of the colon to detect polyps and cancer."),
]

SPECIALTIES = [
    "Cardiologist",
    "Dermatologist",
    "Endocrinologist",
    "Gastroenterologist",
    "Gynecologist",
    "Hematologist",
    "Neurologist",
    "Ophthalmologist",
    "Otolaryngologist",
]

#: Doctor ids 1-12: (sex, photo number, specialty) - specialties match the about texts.
DOCTORS = [
    ("male", 1, "Neurologist"),
    ("male", 2, "Ophthalmologist"),
    ("male", 3, "Neurologist"),
    ("male", 5, "Hematologist"),
    ("male", 6, "Ophthalmologist"),
    ("male", 10, "Endocrinologist"),
    ("female", 4, "Neurologist"),
    ("female", 7, "Gynecologist"),
    ("female", 8, "Endocrinologist"),
    ("female", 9, "Gynecologist"),
    ("female", 11, "Gastroenterologist"),
    ("female", 12, "Endocrinologist"),
]

ABOUT = {
    "Neurologist": (
        "treats headaches, epilepsy, strokes and nerve disorders",
        ["Board certification in Neurology", "Certificate in Clinical Neurophysiology (EEG/EMG)"],
        ["Neurological consultation", "EEG interpretation", "Migraine treatment plan", "Stroke follow-up"],
    ),
    "Ophthalmologist": (
        "diagnoses and treats eye diseases, from cataracts to glaucoma",
        ["Board certification in Ophthalmology", "Fellowship in Cataract and Refractive Surgery"],
        ["Comprehensive eye examination", "Glaucoma screening", "Cataract consultation", "Vision correction advice"],
    ),
    "Hematologist": (
        "treats anaemia, clotting disorders and other diseases of the blood",
        ["Board certification in Hematology", "Certificate in Transfusion Medicine"],
        ["Anaemia work-up", "Coagulation assessment", "Blood test interpretation", "Iron therapy planning"],
    ),
    "Endocrinologist": (
        "treats diabetes, thyroid and other hormonal disorders",
        ["Board certification in Endocrinology, Diabetes and Metabolism", "Certified Diabetes Educator"],
        ["Diabetes management", "Thyroid ultrasound review", "Hormone panel interpretation", "Nutrition guidance"],
    ),
    "Gynecologist": (
        "cares for women's reproductive health at every age",
        ["Board certification in Obstetrics and Gynecology", "Certificate in Colposcopy"],
        ["Annual gynecological check-up", "Pregnancy planning", "Contraception advice", "Menopause care"],
    ),
    "Gastroenterologist": (
        "treats diseases of the stomach, intestines, liver and pancreas",
        ["Board certification in Gastroenterology", "Certificate in Digestive Endoscopy"],
        ["Digestive consultation", "Endoscopy referral and review", "Liver function assessment", "Diet plans"],
    ),
}

WORKING_HOURS = [(8, 17), (9, 18), (10, 19), (11, 20)]

#: A one-page PDF saying which demo result it stands for (placeholder for the result files).
PDF_TEMPLATE = (
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R"
    "/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    "4 0 obj<</Length {length}>>stream\n{stream}\nendstream endobj\n"
    "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n"
)


def placeholder_pdf(title: str) -> bytes:
    stream = f"BT /F1 14 Tf 24 80 Td (MedSync demo result: {title}) Tj ET"
    return PDF_TEMPLATE.format(length=len(stream), stream=stream).encode()


class Command(BaseCommand):
    help = (
        "Load the MedSync demo catalogue (deterministic). Does nothing when the medsync tables already "
        "hold data, unless --reset, which empties them first (TRUNCATE ... RESTART IDENTITY)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Empty every medsync table first (ids restart at 1).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")

    def handle(self, *args, reset: bool = False, seed: int = DEFAULT_SEED, **options):
        if not reset and self._has_data():
            self.stdout.write("  medsync: tables already hold data; nothing changed (use --reset to reload).")
            return
        with transaction.atomic(using=DB):
            with connections[DB].cursor() as cursor:
                cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY")
            counts = self._seed(random.Random(seed), seed)
        self._save_result_files()
        self.stdout.write("  medsync: " + ", ".join(f"{name}: {count}" for name, count in counts.items()))

    def _has_data(self) -> bool:
        models = (Location, Specialty, Doctor, Diagnostic, WorkingHour, DoctorRating, Booking, User)
        return any(model.objects.using(DB).exists() for model in models)

    def _seed(self, rng: random.Random, seed: int) -> dict[str, int]:
        fake = Faker("en_US")
        fake.seed_instance(seed)

        locations = [
            Location(name=f"{fake.last_name()} Medical Center", address=fake.street_address()[:25]) for _ in range(3)
        ]
        Location.objects.bulk_create(locations)

        diagnostics = [
            Diagnostic(
                type_name=name,
                description=description,
                price=Decimal(rng.randint(5000, 50000)) / 100,
                photo_url=f"/images/get-tested/{image}.png",
            )
            for name, image, description in DIAGNOSTICS
        ]
        Diagnostic.objects.bulk_create(diagnostics)
        DiagnosticLocation.objects.bulk_create(
            DiagnosticLocation(diagnostic=diagnostic, location=location)
            for diagnostic in diagnostics
            for location in locations
        )

        specialties = {name: Specialty(specialty_name=name) for name in SPECIALTIES}
        Specialty.objects.bulk_create(specialties.values())

        doctors = []
        for sex, photo, specialty in DOCTORS:
            first = fake.first_name_male() if sex == "male" else fake.first_name_female()
            full_name = f"{first} {fake.last_name()}"
            doctors.append(
                Doctor(
                    full_name=full_name,
                    location=rng.choice(locations),
                    price=Decimal(rng.randint(5000, 20000)) / 100,
                    photo_url=f"/images/doctors-listing/profiles/{photo}.png",
                    specialty=specialties[specialty],
                    **self._about(specialty, full_name, rng),
                )
            )
        Doctor.objects.bulk_create(doctors)

        WorkingHour.objects.bulk_create(
            WorkingHour(location=location, weekday_index=weekday, start_time=start, end_time=end)
            for location in locations
            for weekday in range(Weekday.MONDAY, Weekday.SATURDAY + 1)  # Monday-Saturday; Sunday (0) closed
            for start, end in [rng.choice(WORKING_HOURS)]
        )

        ratings = []
        for doctor in doctors:
            for _ in range(rng.randint(50, 250)):
                stars = rng.randint(1, 3) if rng.random() < 2 / 51 else rng.choice((4, 5))
                ratings.append(DoctorRating(doctor=doctor, rating=stars))
        DoctorRating.objects.bulk_create(ratings)

        return {
            "locations": len(locations),
            "diagnostics": len(diagnostics),
            "specialties": len(specialties),
            "doctors": len(doctors),
            "working hours": WorkingHour.objects.count(),
            "ratings": len(ratings),
        }

    @staticmethod
    def _about(specialty: str, full_name: str, rng: random.Random) -> dict[str, str]:
        focus, certificates, services = ABOUT[specialty]
        years = rng.randint(5, 25)
        return {
            "experience": f"{full_name} is a {specialty.lower()} with {years} years of practice who {focus}.",
            "certificates": "\n".join(certificates),
            "services": "\n".join(services),
        }

    def _save_result_files(self) -> None:
        for path in RESULT_FILES.values():
            if not default_storage.exists(path):
                default_storage.save(path, ContentFile(placeholder_pdf(path.split("/")[-1])))
