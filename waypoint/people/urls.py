"""URLs of the child pages (mounted under /children/ by waypoint.cases.urls)."""
from django.urls import path

from . import views

urlpatterns = [
    path("<int:child_id>", views.child_detail, name="child-detail"),
]
