"""App configuration for waypoint.referrals."""
from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "waypoint.referrals"
    label = "referrals"
    verbose_name = "Referrals"
