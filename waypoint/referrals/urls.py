"""URLs of the referral pages (mounted under /referrals/)."""
from django.urls import path

from . import views

urlpatterns = [
    path("", views.referral_list, name="referral-list"),
    path("new", views.referral_create, name="referral-create"),
    path("<int:referral_id>", views.referral_detail, name="referral-detail"),
    path("<int:referral_id>/triage", views.referral_triage, name="referral-triage"),
    path("<int:referral_id>/accept", views.referral_accept, name="referral-accept"),
]
