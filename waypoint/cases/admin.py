"""Admin for cases: cases, allocations and the chronology are shown read-only where a service owns the change.

A case's status, allocations and events change only through the services (which write the chronology), so the
admin never edits them; events cannot be added, changed or deleted here at all.
"""
from django.contrib import admin

from .models import Allocation, Case, CourtHearing, Event, Offence, Order, OrderRequirement, OrderVariation


class ReadOnlyInline(admin.TabularInline):
    """An inline that shows rows and never adds, changes or deletes them (history rows, allocations)."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AllocationInline(ReadOnlyInline):
    model = Allocation
    fields = ["staff", "role", "starts_on", "ends_on", "allocated_by", "rationale"]


class OrderInline(admin.TabularInline):
    model = Order
    extra = 0
    show_change_link = True


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "child", "programme", "status", "team", "started_on", "restricted", "service"]
    list_filter = ["service", "status", "programme", "restricted"]
    list_select_related = ["child", "team", "service"]
    search_fields = ["reference", "child__reference", "child__given_name", "child__family_name"]
    readonly_fields = [
        "service", "child", "reference", "status", "started_on", "ended_on", "closure_reason", "restricted",
        "referral", "created_at",
    ]
    inlines = [AllocationInline, OrderInline]

    def has_add_permission(self, request):
        return False


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["case", "staff", "role", "starts_on", "ends_on", "allocated_by"]
    list_filter = ["role", "case__service"]
    list_select_related = ["case", "staff", "allocated_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "type", "case", "referral", "staff", "actor", "recorded_at"]
    list_filter = ["type"]
    list_select_related = ["case", "referral", "staff", "actor"]
    search_fields = ["type", "case__reference"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Offence)
class OffenceAdmin(admin.ModelAdmin):
    list_display = ["description", "child", "committed_on", "gravity_score", "imprisonable"]
    list_select_related = ["child"]
    raw_id_fields = ["child", "case"]


@admin.register(CourtHearing)
class CourtHearingAdmin(admin.ModelAdmin):
    list_display = ["hearing_on", "court", "purpose", "case"]
    list_select_related = ["case"]
    raw_id_fields = ["case", "child"]


class OrderRequirementInline(admin.TabularInline):
    model = OrderRequirement
    extra = 0


class OrderVariationInline(admin.TabularInline):
    model = OrderVariation
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["order_type", "case", "made_on", "starts_on", "ends_on"]
    list_select_related = ["case"]
    raw_id_fields = ["case"]
    inlines = [OrderRequirementInline, OrderVariationInline]
