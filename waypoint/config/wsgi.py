"""WSGI entry point for any WSGI server (gunicorn, mod_wsgi, ...)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypoint.config.settings.production")
application = get_wsgi_application()
