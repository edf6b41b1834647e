"""App configuration for waypoint.core."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "waypoint.core"
    label = "core"
    verbose_name = "Core"
