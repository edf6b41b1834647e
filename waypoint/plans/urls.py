"""URLs of the plans pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/plans/new", views.plan_new, name="plan-new"),
    path("cases/<int:case_id>/plans/review", views.plan_review, name="plan-review"),
    path("cases/<int:case_id>/plans/signatures/new", views.signature_new, name="plan-signature-new"),
    path("cases/<int:case_id>/plans/copy", views.plan_copy, name="plan-copy"),
    path("cases/<int:case_id>/early-revocation/step", views.early_revocation_step, name="early-revocation-step"),
    path("plans/<int:plan_id>/file", views.plan_file, name="plan-file"),
]
