"""Django app configuration for compliance CMMs and their condensed compliance reports."""
from django.apps import AppConfig


class ComplianceReportsConfig(AppConfig):
    name = "waypoint.compliance_reports"
    label = "compliance_reports"
    verbose_name = "Compliance CMMs and reports"
    default_auto_field = "django.db.models.BigAutoField"
