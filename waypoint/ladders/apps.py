from django.apps import AppConfig


class LaddersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "waypoint.ladders"
    label = "ladders"
    verbose_name = "Compliance ladders"
