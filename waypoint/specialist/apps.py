"""Django app configuration for specialist."""
from django.apps import AppConfig


class SpecialistConfig(AppConfig):
    name = "waypoint.specialist"
    label = "specialist"
    verbose_name = "Specialist work: referrals, consultations and their outcomes"
    default_auto_field = "django.db.models.BigAutoField"
