"""URLs of the assessments pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/assessments/new", views.assessment_new, name="assessment-new"),
    path("cases/<int:case_id>/ratings/new", views.rating_new, name="rating-new"),
    path("cases/<int:case_id>/screenings/slcn", views.slcn_screening_new, name="slcn-screening-new"),
    path("cases/<int:case_id>/screenings/specialist", views.specialist_screening_new,
         name="specialist-screening-new"),
    path("cases/<int:case_id>/checks/new", views.check_new, name="check-new"),
    path("cases/<int:case_id>/marf/new", views.marf_new, name="marf-new"),
    path("cases/<int:case_id>/child-family-assessment/new", views.child_family_assessment_new,
         name="child-family-assessment-new"),
    path("assessments/qa", views.assessment_qa_queue, name="assessment-qa-queue"),
    path("assessments/<int:assessment_id>", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:assessment_id>/edit", views.assessment_edit, name="assessment-edit"),
    path("assessments/<int:assessment_id>/qa", views.assessment_qa, name="assessment-qa"),
    path("assessments/<int:assessment_id>/finalise", views.assessment_finalise, name="assessment-finalise"),
    path("assessments/<int:assessment_id>/document", views.assessment_document, name="assessment-document"),
]
