"""Django app configuration for plans."""
from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "waypoint.plans"
    label = "plans"
    verbose_name = "Plans, targets, signatures, reviews and early revocation"
    default_auto_field = "django.db.models.BigAutoField"
