"""URLs of the meetings pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/meetings/new/<slug:meeting_type>", views.meeting_new, name="meeting-new"),
    path("meetings/<int:meeting_id>", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:meeting_id>/views", views.meeting_views, name="meeting-views"),
    path("meetings/<int:meeting_id>/held", views.meeting_held, name="meeting-held"),
    path("meetings/<int:meeting_id>/actions/new", views.meeting_action_new, name="meeting-action-new"),
    path("meetings/<int:meeting_id>/record", views.meeting_record, name="meeting-record"),
    path("meetings/<int:meeting_id>/record.pdf", views.cmm_record_pdf, name="cmm-record-pdf"),
    path("meetings/<int:meeting_id>/closure-document", views.closure_document_new, name="closure-document-new"),
    path("meetings/<int:meeting_id>/closure-document/submit", views.closure_document_submit,
         name="closure-document-submit"),
    path("meetings/<int:meeting_id>/closure-document/qa", views.closure_document_qa, name="closure-document-qa"),
    path("meetings/<int:meeting_id>/closure-document/give", views.closure_document_give,
         name="closure-document-give"),
    path("meetings/<int:meeting_id>/closure-document.pdf", views.closure_document_pdf, name="closure-document-pdf"),
    path("meeting-actions/<int:action_id>/done", views.meeting_action_done, name="meeting-action-done"),
    path("exit-interview-feedback", views.exit_feedback, name="exit-feedback"),
]
