"""Django app configuration for documents (letter templates and letters)."""
from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "waypoint.documents"
    label = "documents"
    verbose_name = "Letters and documents"
    default_auto_field = "django.db.models.BigAutoField"
