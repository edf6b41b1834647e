"""Admin for obligations: read-only, since every row here is worked out (obligations) or kept as loaded (packs)."""
from django.contrib import admin

from .models import CasePolicy, Obligation, PolicyPackVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PolicyPackVersion)
class PolicyPackVersionAdmin(ReadOnlyAdmin):
    list_display = ["pack_id", "version", "effective", "review", "first_loaded_at"]
    list_filter = ["service_key"]


@admin.register(Obligation)
class ObligationAdmin(ReadOnlyAdmin):
    list_display = ["rule", "case", "trigger_at", "due", "status", "owner_role", "owner_staff"]
    list_filter = ["status", "service"]
    list_select_related = ["case", "owner_staff"]
    search_fields = ["rule", "case__reference"]


@admin.register(CasePolicy)
class CasePolicyAdmin(ReadOnlyAdmin):
    list_display = ["case", "computed_on", "assigned_at"]
    list_select_related = ["case"]
