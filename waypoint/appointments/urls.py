"""URLs of the appointment pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/appointments/new", views.appointment_new, name="appointment-new"),
    path("cases/<int:case_id>/appointments/series", views.appointment_series_new, name="appointment-series-new"),
    path("cases/<int:case_id>/contacts/new", views.contact_new, name="contact-new"),
    path("appointments/<int:appointment_id>/reschedule", views.appointment_reschedule, name="appointment-reschedule"),
    path("appointments/<int:appointment_id>/outcome", views.appointment_outcome, name="appointment-outcome"),
    path("appointments/outcomes/<int:outcome_id>/evidence", views.outcome_evidence, name="outcome-evidence"),
]
