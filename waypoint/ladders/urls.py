"""URLs of the ladder step pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/ladder/warning", views.warning_new, name="ladder-warning"),
    path("cases/<int:case_id>/ladder/breach", views.breach_new, name="ladder-breach"),
    path("cases/<int:case_id>/ladder/breach-listing", views.breach_listing_new, name="ladder-breach-listing"),
    path("cases/<int:case_id>/ladder/breach-outcome", views.breach_outcome_new, name="ladder-breach-outcome"),
    path("cases/<int:case_id>/ladder/compliance-meeting", views.compliance_meeting_new,
         name="ladder-compliance-meeting"),
    path("cases/<int:case_id>/exit-interview", views.exit_interview_new, name="exit-interview-new"),
    path("cases/<int:case_id>/ladder/declined", views.programme_declined_new, name="ladder-declined"),
    path("cases/<int:case_id>/ladder/engagement-refused", views.engagement_refused_new,
         name="ladder-engagement-refused"),
]
