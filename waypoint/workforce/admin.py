"""Admin for the workforce: services, teams, staff members and absences (reference data set up by administrators)."""
from django.contrib import admin

from .models import Absence, Service, StaffMember, Team


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "working_days_rule", "policy_set"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "kind"]
    list_filter = ["service", "kind"]
    list_select_related = ["service"]
    search_fields = ["name"]


# Leave and absences are recorded on the product's Leave page, through waypoint.workforce.services, so that each
# writes its staff event and the worker's cases are worked out again (ADR 23): the admin shows them read-only.
class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0
    readonly_fields = ["kind", "starts_on", "ends_on", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["display_name", "role", "band", "team", "service", "working_days_text", "line_manager", "active"]
    list_filter = ["service", "team", "role", "active"]
    list_select_related = ["service", "team", "line_manager"]
    search_fields = ["given_name", "family_name", "user__username"]
    autocomplete_fields = ["user", "line_manager"]
    inlines = [AbsenceInline]

    @admin.display(description="working days")
    def working_days_text(self, obj):
        return obj.working_days_text


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["staff", "kind", "starts_on", "ends_on"]
    list_filter = ["kind", "staff__service"]
    list_select_related = ["staff"]
    readonly_fields = ["staff", "kind", "starts_on", "ends_on", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
