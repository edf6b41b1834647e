"""Reads for people: a child's current circumstances and relationships, and who may see victims' contact details."""
from __future__ import annotations

from django.db.models import QuerySet

from waypoint.workforce.models import StaffMember

from .models import Child, ChildAddress, ChildCircumstance, ChildRelationship, Victim


def victim_contact_visible_to(staff: StaffMember | None) -> bool:
    """Victims' contact details are for the victim worker (victim and restorative justice) and managers only."""
    if staff is None or not staff.active:
        return False
    return staff.is_manager or staff.specialism == StaffMember.Specialism.VICTIM_RJ


def child_address_history(child: Child) -> QuerySet[ChildAddress]:
    """Every address row, the one in force first (latest from_date, then latest recorded)."""
    return child.addresses.select_related("recorded_by").order_by("-from_date", "-recorded_at", "-id")


def child_circumstance_history(child: Child, kind: str | None = None) -> QuerySet[ChildCircumstance]:
    rows = child.circumstances.select_related("recorded_by")
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("kind", "-from_date", "-recorded_at", "-id")


def child_current_circumstances(child: Child) -> dict[str, ChildCircumstance]:
    """The row in force for each kind of circumstance recorded (one query)."""
    current: dict[str, ChildCircumstance] = {}
    for row in child_circumstance_history(child):
        current.setdefault(row.kind, row)
    return current


def child_relationships(child: Child) -> QuerySet[ChildRelationship]:
    """Parents/carers and professionals related to the child, parents with parental responsibility first."""
    return child.relationships.select_related("person").order_by(
        "person__kind", "-parental_responsibility", "person__family_name", "id"
    )


def case_victims(case) -> QuerySet[Victim]:
    """The victims linked to a case. Show their contact details only if victim_contact_visible_to(staff)."""
    return Victim.objects.filter(links__case=case).distinct().order_by("family_name", "given_name", "id")
