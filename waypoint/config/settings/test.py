"""Settings for the test suite. SQLite by default; DATABASE_URL (postgres://...) runs the suite on PostgreSQL."""
import os

import dj_database_url

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # uploads, under MEDIA_ROOT
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}

# An event whose data uses a value the vocabulary does not allow is refused here (in production it is logged), so a
# service writing a value no rule can match fails its tests (waypoint.cases.services._check_event_data).
WAYPOINT_STRICT_EVENT_DATA = True
