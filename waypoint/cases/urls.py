"""URLs of the case pages (mounted at the site root), and of the child pages, which the case pages link to."""
from django.urls import include, path

from . import closure_views, views

urlpatterns = [
    path("", views.my_cases, name="my-cases"),
    path("cases", views.case_list, name="case-list"),
    path("cases/<int:case_id>", views.case_detail, name="case-detail"),
    path("cases/<int:case_id>/allocate", views.case_allocate, name="case-allocate"),
    path("cases/<int:case_id>/closure/request", closure_views.closure_request, name="closure-request"),
    path("cases/<int:case_id>/closure/decision", closure_views.closure_decision, name="closure-decision"),
    path("cases/<int:case_id>/close", closure_views.case_close, name="case-close"),
    path("closure-requests", closure_views.closure_requests, name="closure-requests"),
    # Mounted here rather than in waypoint/config/urls.py: a child's page is reached from their cases.
    path("children/", include("waypoint.people.urls")),
]
