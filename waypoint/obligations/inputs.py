"""What the policy engine is told about a case: its events, its worker, the other people named by rules, the
child and the facts the rules test, read from the case record (scenario-format.md's fields, from the database).

Reads only; one query per related table, so recomputing a case costs the same whatever its history holds.
"""
from __future__ import annotations

from typing import Any

from waypoint.cases.models import Allocation, Case, Event
from waypoint.people.models import ChildCircumstance
from waypoint.policy.engine import CaseInput
from waypoint.policy.events import Event as EngineEvent
from waypoint.policy.events import to_local

# The engine's child genders; "not known" is left out rather than guessed.
_CHILD_GENDERS = {"female", "male", "non_binary", "other"}
_ORIGINS = {"ehh_contact_form": "ehh", "stepdown": "stepdown"}
# Allocation roles on a case, as the engine's owner slugs name the person holding them.
_ROLE_SLUGS = {
    Allocation.Role.VICTIM_WORKER: ("victim_worker", "rjw"),
    Allocation.Role.RJW: ("rjw", "victim_worker"),
    Allocation.Role.PRIMARY_WORKER: ("primary_worker",),
    Allocation.Role.OVERSEEING_AP: ("ap", "manager_ap"),
}
# Owner slugs that mean whoever holds the case (the lead allocation).
LEAD_OWNER_SLUGS = frozenset({
    "case_worker", "cm", "scm", "yjso", "allocated_worker", "lead_worker", "responsible_officer",
    "intervention_worker",
})


def engine_events(events: list[Event]) -> list[EngineEvent]:
    """Chronology rows as engine events: ids are the rows' own, times local to Europe/London."""
    return [EngineEvent(str(event.pk), event.type, to_local(event.occurred_at), dict(event.data or {}))
            for event in events]


def case_engine_events(case: Case) -> list[EngineEvent]:
    """A case's chronology as engine events (as engine_events makes them), read as plain values: the four columns
    the engine reads, without building a model instance per row (the longest list a recompute reads)."""
    rows = (Event.objects.filter(case=case).order_by("occurred_at", "id")
            .values_list("pk", "type", "occurred_at", "data"))
    return [EngineEvent(str(pk), type_, to_local(occurred_at), dict(data or {}))
            for pk, type_, occurred_at, data in rows]


def _worker(staff) -> dict[str, Any]:
    if staff is None:
        return {}
    worker: dict[str, Any] = {"working_days": list(staff.working_days or []), "part_time": staff.part_time}
    if staff.band:
        worker["band"] = staff.band
    if staff.gender in _CHILD_GENDERS:
        worker["gender"] = staff.gender
    if staff.role == staff.Role.STUDENT:
        worker["student"] = True
    return worker


def _current_circumstance(child, kind: str) -> str | None:
    rows = [row for row in child.circumstances.all() if row.kind == kind]
    rows.sort(key=lambda row: (row.from_date, row.recorded_at, row.pk))
    return rows[-1].value if rows else None


def _child(case: Case) -> dict[str, Any]:
    child = case.child
    facts: dict[str, Any] = {
        "date_of_birth": child.date_of_birth.isoformat(),
        "gender_differs_from_birth": child.gender_differs_from_birth,
    }
    if child.gender in _CHILD_GENDERS:
        facts["gender"] = child.gender
    care_status = _current_circumstance(child, ChildCircumstance.Kind.CARE_STATUS)
    if care_status is not None:
        facts["looked_after"] = care_status == ChildCircumstance.CareStatus.LOOKED_AFTER
    social_worker = _current_circumstance(child, ChildCircumstance.Kind.SOCIAL_WORKER)
    if social_worker is not None:
        facts["has_social_worker"] = bool(social_worker.strip())
    return facts


def _facts(case: Case) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if case.referral_id and case.referral.source in _ORIGINS:
        facts["origin"] = _ORIGINS[case.referral.source]
    links = list(case.victim_links.all())
    if links:
        facts["direct_victim_consented"] = any(link.victim.consent_to_contact for link in links)
    offences = list(case.offences.all())
    if offences:
        facts["offence_imprisonable"] = any(offence.imprisonable for offence in offences)
    orders = sorted(case.orders.all(), key=lambda order: (order.starts_on, order.pk))
    if orders:
        order = orders[-1]
        facts["order_start"] = order.starts_on.isoformat()
        if order.ends_on:
            facts["order_end"] = order.ends_on.isoformat()
        # The order records the date it was made; the guidance keys limits to the finding of guilt and the law to
        # the conviction, which for a youth court sentence are the same day as the order unless recorded apart.
        facts["finding_of_guilt_date"] = order.made_on.isoformat()
        facts["conviction_date"] = order.made_on.isoformat()
        facts["requirements"] = [
            {"type": requirement.requirement_type, **(requirement.quantities or {})}
            for requirement in order.requirements.all()
        ]
        if any(requirement.requirement_type == "iss" for requirement in order.requirements.all()):
            facts["iss"] = True
    return facts


def _staff(allocations: list[Allocation], lead) -> dict[str, dict[str, Any]]:
    staff: dict[str, dict[str, Any]] = {}
    for allocation in allocations:
        for slug in _ROLE_SLUGS.get(allocation.role, ()):
            staff.setdefault(slug, {"working_days": list(allocation.staff.working_days or [])})
    if lead is not None and lead.line_manager is not None:
        staff["line_manager"] = {"working_days": list(lead.line_manager.working_days or [])}
    return staff


def owner_staff(owner: str, allocations: list[Allocation]):
    """The member of staff an obligation's owner slug names on this case, or None where it names a role only
    (a team manager, admin) or nobody holds it yet."""
    lead = next((a.staff for a in allocations if a.role in Allocation.LEAD_ROLES), None)
    if owner in LEAD_OWNER_SLUGS:
        return lead
    if owner == "line_manager":
        return lead.line_manager if lead is not None else None
    for allocation in allocations:
        if owner in _ROLE_SLUGS.get(allocation.role, ()):
            return allocation.staff
    return None


def load_case_for_engine(case_id: int) -> Case:
    """The case with everything case_input reads, fetched in a fixed number of queries."""
    return (
        Case.objects.select_related("child", "referral", "service")
        .prefetch_related(
            "child__circumstances", "victim_links__victim", "offences", "orders__requirements",
        )
        .get(pk=case_id)
    )


def current_allocations(case: Case) -> list[Allocation]:
    return list(
        Allocation.objects.filter(case=case, ends_on__isnull=True)
        .select_related("staff", "staff__line_manager").order_by("starts_on", "id")
    )


def case_input(case: Case, allocations: list[Allocation]) -> CaseInput:
    """The engine's view of the case (see the module docstring)."""
    lead = next((a.staff for a in allocations if a.role in Allocation.LEAD_ROLES), None)
    return CaseInput(
        service=case.service.policy_set,
        programme=case.programme,
        events=case_engine_events(case),
        worker=_worker(lead),
        staff=_staff(allocations, lead),
        child=_child(case),
        facts=_facts(case),
    )
