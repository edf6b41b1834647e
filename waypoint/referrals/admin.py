"""Admin for referrals: viewable; triage and acceptance happen on the product's pages (they write events)."""
from django.contrib import admin

from .models import Referral


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["received_on", "source", "child", "status", "triage_outcome", "service"]
    list_filter = ["service", "status", "source"]
    list_select_related = ["child", "service"]
    search_fields = ["child__given_name", "child__family_name", "child__reference", "referrer_name"]
    readonly_fields = [
        "service", "child", "source", "received_on", "status", "triage_outcome", "triage_reason", "triaged_by",
        "triaged_at", "case", "created_at", "recorded_by",
    ]
