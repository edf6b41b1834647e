"""Admin for people: children (with their history rows shown read-only), parents/carers, professionals, victims.

History rows are append-only, so the admin shows them and never edits or deletes them.
"""
from django.contrib import admin

from waypoint.cases.admin import ReadOnlyInline

from .models import Child, ChildAddress, ChildCircumstance, ChildRelationship, Person, Victim, VictimLink


class ChildAddressInline(ReadOnlyInline):
    model = ChildAddress
    fields = ["from_date", "line_1", "line_2", "town", "postcode", "locality", "recorded_by", "recorded_at"]


class ChildCircumstanceInline(ReadOnlyInline):
    model = ChildCircumstance
    fields = ["kind", "value", "detail", "from_date", "recorded_by", "recorded_at"]


class ChildRelationshipInline(admin.TabularInline):
    model = ChildRelationship
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ["reference", "given_name", "family_name", "preferred_name", "date_of_birth", "service"]
    list_filter = ["service"]
    list_select_related = ["service"]
    search_fields = ["reference", "given_name", "family_name", "preferred_name"]
    readonly_fields = ["reference", "created_at"]
    inlines = [ChildAddressInline, ChildCircumstanceInline, ChildRelationshipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "kind", "organisation", "service"]
    list_filter = ["service", "kind"]
    search_fields = ["given_name", "family_name", "organisation"]


class VictimLinkInline(admin.TabularInline):
    model = VictimLink
    extra = 0
    raw_id_fields = ["case", "offence"]


@admin.register(Victim)
class VictimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "service", "consent_to_contact", "consent_by"]
    list_filter = ["service", "consent_to_contact"]
    search_fields = ["given_name", "family_name"]
    inlines = [VictimLinkInline]
