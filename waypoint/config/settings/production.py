"""Production settings: everything secret or site-specific comes from the environment.

Required: WAYPOINT_SECRET_KEY, DATABASE_URL (postgres://user:pass@host:5432/name), WAYPOINT_ALLOWED_HOSTS
(comma-separated). The process refuses to start without them rather than fall back to an unsafe default.
"""
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable")
    return value


SECRET_KEY = _required("WAYPOINT_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("WAYPOINT_ALLOWED_HOSTS").split(",") if h.strip()]
DATABASES = {"default": dj_database_url.parse(_required("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)}
DEBUG = False
SECURE_SSL_REDIRECT = os.environ.get("WAYPOINT_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # uploads, under MEDIA_ROOT
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WAYPOINT_LOG_LEVEL", "INFO")},
}
