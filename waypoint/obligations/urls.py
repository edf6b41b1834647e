"""URLs of the obligation pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("my-work", views.my_work, name="my-work"),
    path("obligations/<int:obligation_id>/waive", views.obligation_waive, name="obligation-waive"),
    path("cases/<int:case_id>/policy-packs", views.case_policy_migrate, name="case-policy-migrate"),
    path("policies", views.policies, name="policies"),
    path("policies/<slug:service_key>/<slug:pack_name>", views.policy_pack, name="policy-pack"),
]
