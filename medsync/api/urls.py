"""MedSync API routes (mounted at ``/medsync/api/``): upstream's paths, with and without the final slash."""

from common.api import path_both
from medsync.api import views

ID = r"(?P<{}>[^/]+)"

urlpatterns = [
    path_both("doctors", views.DoctorListView.as_view(), name="medsync-doctors"),
    path_both("doctors/book_slot", views.DoctorBookSlotView.as_view(), name="medsync-doctors-book-slot"),
    path_both("doctors/" + ID.format("doctor_id"), views.DoctorDetailView.as_view(), name="medsync-doctor"),
    path_both("specialties", views.SpecialtyListView.as_view(), name="medsync-specialties"),
    path_both("diagnostics", views.DiagnosticListView.as_view(), name="medsync-diagnostics"),
    path_both("diagnostics/book_slot", views.DiagnosticBookSlotView.as_view(), name="medsync-diagnostics-book-slot"),
    path_both(
        "diagnostics/" + ID.format("diagnostic_id") + "/locations",
        views.DiagnosticLocationsView.as_view(),
        name="medsync-diagnostic-locations",
    ),
    path_both("locations/" + ID.format("location_id"), views.LocationDetailView.as_view(), name="medsync-location"),
    path_both(
        "working_hours/" + ID.format("location_id"), views.WorkingHoursView.as_view(), name="medsync-working-hours"
    ),
    path_both(
        "slots/doctors/{}/{}/{}".format(ID.format("doctor_id"), ID.format("location_id"), ID.format("month_number")),
        views.DoctorBookedSlotsView.as_view(),
        name="medsync-slots-doctor",
    ),
    path_both(
        "slots/diagnostics/{}/{}/{}".format(
            ID.format("diagnostic_id"), ID.format("location_id"), ID.format("month_number")
        ),
        views.DiagnosticBookedSlotsView.as_view(),
        name="medsync-slots-diagnostic",
    ),
    path_both(
        "free_slots/doctors/{}/{}".format(ID.format("doctor_id"), ID.format("location_id")),
        views.DoctorFreeSlotsView.as_view(),
        name="medsync-free-slots-doctor",
    ),
    path_both(
        "free_slots/diagnostics/{}/{}".format(ID.format("diagnostic_id"), ID.format("location_id")),
        views.DiagnosticFreeSlotsView.as_view(),
        name="medsync-free-slots-diagnostic",
    ),
    path_both("my/bookings", views.MyBookingListView.as_view(), name="medsync-my-bookings"),
    path_both("my/bookings/" + ID.format("booking_id"), views.MyBookingDetailView.as_view(), name="medsync-my-booking"),
    path_both("my/results", views.MyResultListView.as_view(), name="medsync-my-results"),
    path_both(
        "my/results/" + ID.format("diagnostic_result_id"), views.MyResultDetailView.as_view(), name="medsync-my-result"
    ),
]
