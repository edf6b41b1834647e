"""Settings shared by every environment. Environment-specific modules import * from here."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = BASE_DIR / "waypoint"

SECRET_KEY = "unset"  # each environment sets its own; production reads it from the environment
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "waypoint.core",
    "waypoint.workforce",
    "waypoint.people",
    "waypoint.referrals",
    "waypoint.cases",
    "waypoint.obligations",
    "waypoint.appointments",
    "waypoint.ladders",
    "waypoint.compliance_reports",
    "waypoint.documents",
    "waypoint.assessments",
    "waypoint.plans",
    "waypoint.meetings",
    "waypoint.specialist",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "waypoint.core.middleware.LoginRequiredEverywhereMiddleware",
]

ROOT_URLCONF = "waypoint.config.urls"

TEMPLATES = [
    {
        # Product pages: Jinja2 with the GOV.UK Design System macros (see waypoint/config/jinja2.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "waypoint.config.jinja2.environment", "autoescape": True},
    },
    {
        # Django admin keeps Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "waypoint.config.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"  # times are stored in UTC (USE_TZ) and shown in Europe/London
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Uploaded documents (evidence for absences, signed plans) are about children: they are kept outside any web root
# and only ever served through a view that checks the reader may see the case. Production sets the directory.
MEDIA_ROOT = Path(os.environ.get("WAYPOINT_UPLOADS_DIR", BASE_DIR / "var" / "uploads"))
# No page serves this address (Django needs one set): uploads are read through the evidence views only.
MEDIA_URL = "/uploads-are-not-served/"
WAYPOINT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
STATICFILES_DIRS = [PACKAGE_DIR / "static"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "my-cases"
LOGOUT_REDIRECT_URL = "sign-in"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day; children's data should not sit in an idle session for long
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Pagination of long lists (case list, chronology).
WAYPOINT_PAGE_SIZE = 25

# Directories holding a service's own policy packs (<dir>/<service>/<pack>.yaml), laid over the built-in ones in
# waypoint/packs/ (docs/policy-packs.md §8). Colon-separated in the environment.
WAYPOINT_PACK_DIRS = [d for d in os.environ.get("WAYPOINT_PACK_DIRS", "").split(":") if d]
CSRF_FAILURE_VIEW = "waypoint.core.views.csrf_failure"
