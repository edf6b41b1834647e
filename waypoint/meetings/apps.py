"""Django app configuration for meetings."""
from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "waypoint.meetings"
    label = "meetings"
    verbose_name = "Case management meetings, risk panels, reviews and exit interviews"
    default_auto_field = "django.db.models.BigAutoField"
