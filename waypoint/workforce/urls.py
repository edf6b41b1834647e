"""URLs of the leave pages (mounted at the site root)."""
from django.urls import path

from . import leave_views as views

urlpatterns = [
    path("leave", views.leave_list, name="leave-list"),
    path("leave/new", views.absence_new, name="absence-new"),
    path("leave/<int:absence_id>/return", views.absence_return, name="absence-return"),
]
