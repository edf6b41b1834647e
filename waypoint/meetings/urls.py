"""URLs of the meetings pages (mounted at the site root)."""
from django.urls import path  # noqa: F401

from . import views  # noqa: F401

urlpatterns: list = []
