"""URLs of the specialist work pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/specialist/needs", views.need_change, name="specialist-need-change"),
    path("cases/<int:case_id>/specialist/referrals/new", views.referral_new, name="specialist-referral-new"),
    path("specialist/referrals/<int:referral_id>/outcome", views.referral_outcome,
         name="specialist-referral-outcome"),
    path("cases/<int:case_id>/specialist/consultations/new", views.consultation_new,
         name="specialist-consultation-new"),
    path("cases/<int:case_id>/specialist/sessions/new", views.session_new, name="specialist-session-new"),
]
