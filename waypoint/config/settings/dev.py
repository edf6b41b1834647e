"""Settings for trying the product on one machine (`make run`): SQLite, debug off so error pages show as users see them."""
import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("WAYPOINT_SECRET_KEY", "dev-only-not-secret-7c1f0f0e6d8a4d3b9a1e")
DEBUG = os.environ.get("WAYPOINT_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # uploads, under MEDIA_ROOT
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
