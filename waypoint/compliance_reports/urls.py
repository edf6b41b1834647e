"""URLs of the compliance CMM pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/compliance", views.compliance_report_page, name="compliance-report"),
    path("cases/<int:case_id>/compliance/report.pdf", views.compliance_report_pdf, name="compliance-report-pdf"),
    path("cases/<int:case_id>/compliance/meetings/new", views.compliance_meeting_new, name="compliance-meeting-new"),
    path("compliance/meetings/<int:meeting_id>/ready", views.compliance_report_ready, name="compliance-report-ready"),
    path("compliance/meetings/<int:meeting_id>/discussion", views.noncompliance_discussion_new,
         name="noncompliance-discussion-new"),
    path("compliance/meetings/<int:meeting_id>/held", views.compliance_meeting_held, name="compliance-meeting-held"),
]
