"""ASGI entry point for any ASGI server."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waypoint.config.settings.production")
application = get_asgi_application()
