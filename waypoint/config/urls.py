"""Top-level URL configuration."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("waypoint.core.urls")),
    path("", include("waypoint.cases.urls")),
    path("", include("waypoint.obligations.urls")),
    path("", include("waypoint.appointments.urls")),
    path("", include("waypoint.ladders.urls")),
    path("", include("waypoint.compliance_reports.urls")),
    path("", include("waypoint.documents.urls")),
    path("", include("waypoint.assessments.urls")),
    path("", include("waypoint.plans.urls")),
    path("", include("waypoint.meetings.urls")),
    path("", include("waypoint.specialist.urls")),
    path("", include("waypoint.workforce.urls")),
    path("referrals/", include("waypoint.referrals.urls")),
]

handler403 = "waypoint.core.views.error_403"
handler404 = "waypoint.core.views.error_404"
handler500 = "waypoint.core.views.error_500"
