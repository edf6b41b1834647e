"""App configuration for waypoint.people."""
from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "waypoint.people"
    label = "people"
    verbose_name = "People"
