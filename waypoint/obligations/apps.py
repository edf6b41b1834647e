"""Django app configuration for obligations."""
from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "waypoint.obligations"
    label = "obligations"
    verbose_name = "Obligations and policy packs"
    default_auto_field = "django.db.models.BigAutoField"
