"""Django app configuration for assessments."""
from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "waypoint.assessments"
    label = "assessments"
    verbose_name = "Assessments, screenings, checks, risk ratings and manager QA"
    default_auto_field = "django.db.models.BigAutoField"
