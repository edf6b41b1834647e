"""App configuration for waypoint.workforce."""
from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "waypoint.workforce"
    label = "workforce"
    verbose_name = "Workforce"
