"""Django app configuration for appointments."""
from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "waypoint.appointments"
    label = "appointments"
    verbose_name = "Appointments and contacts"
    default_auto_field = "django.db.models.BigAutoField"
