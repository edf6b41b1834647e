"""App configuration for waypoint.cases."""
from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "waypoint.cases"
    label = "cases"
    verbose_name = "Cases"
