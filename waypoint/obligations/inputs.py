"""What the policy engine is told about a case: its events, its worker, the other people named by rules, the
child and the facts the rules test, read from the case record (scenario-format.md's fields, from the database).

Reads only; one query per related table, so recomputing a case costs the same whatever its history holds.

The case's events include its lead workers' own leave and absence events (`staff.leave-planned`,
`staff.absence-started`, `staff.absence-ended`), as the Nottinghamshire leave rules read them: an absence (with its
return) or planned leave that overlaps a lead allocation of the worker, each marked with its `worker`
(lead_staff_events, ADR 23). They and the review-date facts are read only for a case whose packs read them
(pack_reads).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from waypoint.cases.models import Allocation, Case, Event, Offence, Order, OrderRequirement
from waypoint.cases.vocabulary import STAFF_CASE_EVENT_TYPES
from waypoint.people.models import ChildCircumstance, VictimLink
from waypoint.policy.engine import CaseInput
from waypoint.policy.events import Event as EngineEvent
from waypoint.policy.events import to_local
from waypoint.specialist.models import NeedKind, SpecialistNeed

# The engine's child genders; "not known" is left out rather than guessed.
_CHILD_GENDERS = {"female", "male", "non_binary", "other"}
_ORIGINS = {"ehh_contact_form": "ehh", "stepdown": "stepdown"}
# The specialist needs flagged on a case (specialist.SpecialistNeed) that are facts the rules test.
_NEED_FACTS = {NeedKind.ISB: "offence_inappropriate_sexual_behaviour",
               NeedKind.SUBSTANCE_MISUSE: "substance_misuse_risk"}
# Allocation roles on a case, as the engine's owner slugs name the person holding them.
_ROLE_SLUGS = {
    Allocation.Role.VICTIM_WORKER: ("victim_worker", "rjw"),
    Allocation.Role.RJW: ("rjw", "victim_worker"),
    Allocation.Role.PRIMARY_WORKER: ("primary_worker",),
    Allocation.Role.OVERSEEING_AP: ("ap", "manager_ap"),
}
# The case facts of its review dates (read by the Nottinghamshire leave rules).
REVIEW_DATE_FACTS = ("plan_review_date", "assessment_review_date")
# What a recompute reads only for a case whose packs name it (pack_reads): most packs read none of these, and each
# costs a query on every event written.
OPTIONAL_READS = (*STAFF_CASE_EVENT_TYPES, *REVIEW_DATE_FACTS)
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


def lead_staff_events(case: Case) -> list[EngineEvent]:
    """The leave and absence events of each worker who has held the case, while they held it: an absence (from its
    start to the return that ends it) or planned leave that overlaps one of their lead allocations, or leave booked
    during one. Each carries `worker` (the staff id), so the checks pair an absence with its own worker's return.
    One query: each event with the lead allocations of its worker on this case."""
    periods: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    rows: dict[int, tuple] = {}
    for pk, type_, occurred_at, data, staff_id, starts_on, ends_on in (
            Event.objects.filter(type__in=STAFF_CASE_EVENT_TYPES, staff__allocations__case_id=case.pk,
                                 staff__allocations__role__in=Allocation.LEAD_ROLES)
            .order_by("occurred_at", "id")
            .values_list("pk", "type", "occurred_at", "data", "staff_id", "staff__allocations__starts_on",
                         "staff__allocations__ends_on")):
        if (starts_on, ends_on) not in periods.setdefault(staff_id, []):
            periods[staff_id].append((starts_on, ends_on))
        rows[pk] = (pk, type_, occurred_at, data or {}, staff_id)
    if not rows:
        return []

    def held(staff_id: int, first: dt.date, last: dt.date | None) -> bool:
        return any(start <= (last or dt.date.max) and (end is None or first <= end)
                   for start, end in periods[staff_id])

    events = [(EngineEvent(str(pk), type_, to_local(at), {**data, "worker": str(staff_id)}), staff_id)
              for pk, type_, at, data, staff_id in rows.values()]
    # Each absence's return: the worker's first absence-ended at or after it started.
    returns: dict[str, EngineEvent | None] = {}
    for index, (event, staff_id) in enumerate(events):
        if event.type == "staff.absence-started":
            returns[event.id] = next((later for later, who in events[index:]
                                      if who == staff_id and later.type == "staff.absence-ended"), None)
    kept_returns = set()
    found = []
    for event, staff_id in events:
        if event.type == "staff.leave-planned":
            start, end = event.get("start"), event.get("end") or event.get("start")
            keep = held(staff_id, event.day, event.day) or (start is not None and held(
                staff_id, dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
        elif event.type == "staff.absence-started":
            ended = returns[event.id]
            keep = held(staff_id, event.day, ended.day if ended else None)
            if keep and ended is not None:
                kept_returns.add(ended.id)
        else:
            keep = event.id in kept_returns
        if keep:
            found.append(event)
    return found


def _with_staff_events(events: list[EngineEvent], staff_events: list[EngineEvent]) -> list[EngineEvent]:
    if not staff_events:
        return events
    return sorted(events + staff_events, key=lambda event: (event.at, int(event.id)))


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


def _current_circumstances(child) -> dict[str, str]:
    """The value in force of each kind of circumstance the engine reads: the latest by (from, recorded at, id)."""
    kinds = (ChildCircumstance.Kind.CARE_STATUS, ChildCircumstance.Kind.SOCIAL_WORKER)
    rows = (ChildCircumstance.objects.filter(child_id=child.pk, kind__in=kinds)
            .order_by("from_date", "recorded_at", "pk").values_list("kind", "value"))
    return dict(rows)  # later rows replace earlier ones: the last of each kind is the one in force


def _child(case: Case) -> dict[str, Any]:
    child = case.child
    facts: dict[str, Any] = {
        "date_of_birth": child.date_of_birth.isoformat(),
        "gender_differs_from_birth": child.gender_differs_from_birth,
    }
    if child.gender in _CHILD_GENDERS:
        facts["gender"] = child.gender
    current = _current_circumstances(child)
    care_status = current.get(ChildCircumstance.Kind.CARE_STATUS)
    if care_status is not None:
        facts["looked_after"] = care_status == ChildCircumstance.CareStatus.LOOKED_AFTER
    social_worker = current.get(ChildCircumstance.Kind.SOCIAL_WORKER)
    if social_worker is not None:
        facts["has_social_worker"] = bool(social_worker.strip())
    return facts


def _facts(case: Case, reads: frozenset[str] | None = None) -> dict[str, Any]:
    # Plain values rather than model instances and prefetches: a recompute runs inside every event write.
    facts: dict[str, Any] = {}
    if case.referral_id and case.referral.source in _ORIGINS:
        facts["origin"] = _ORIGINS[case.referral.source]
    consents = list(VictimLink.objects.filter(case_id=case.pk).order_by()
                    .values_list("victim__consent_to_contact", flat=True))
    if consents:
        facts["direct_victim_consented"] = any(consents)
    imprisonable = list(Offence.objects.filter(case_id=case.pk).order_by().values_list("imprisonable", flat=True))
    if imprisonable:
        facts["offence_imprisonable"] = any(imprisonable)
    latest = (Order.objects.filter(case_id=case.pk).order_by("-starts_on", "-pk")
              .values_list("pk", "starts_on", "ends_on", "made_on").first())
    if latest:
        order_id, starts_on, ends_on, made_on = latest
        facts["order_start"] = starts_on.isoformat()
        if ends_on:
            facts["order_end"] = ends_on.isoformat()
        # The order records the date it was made; the guidance keys limits to the finding of guilt and the law to
        # the conviction, which for a youth court sentence are the same day as the order unless recorded apart.
        facts["finding_of_guilt_date"] = made_on.isoformat()
        facts["conviction_date"] = made_on.isoformat()
        requirements = list(OrderRequirement.objects.filter(order_id=order_id).order_by("pk")
                            .values_list("requirement_type", "quantities"))
        facts["requirements"] = [
            {"type": requirement_type, **(quantities or {})} for requirement_type, quantities in requirements
        ]
        if any(requirement_type == "iss" for requirement_type, _ in requirements):
            facts["iss"] = True
    # The intervention plan in force says whether the child wrote it and whether the parent/carer was there
    # (wok.cr/prev.plan.child-written and .parent-copy apply on these).
    from waypoint.plans.models import Plan

    plan = (Plan.objects.filter(case_id=case.pk, plan_type="intervention_plan").order_by("-agreed_on", "-pk")
            .values_list("child_wrote_plan", "parent_present").first())
    if plan:
        facts["child_wrote_plan"], facts["parent_present_at_plan"] = plan
    # The review dates agreed for the plan and the AssetPlus in force (notts.leave.* read them: an item whose review
    # falls in a worker's leave is updated before it).
    if reads is None or not reads.isdisjoint(REVIEW_DATE_FACTS):
        for name, value in _review_dates(case).items():
            if value is not None:
                facts[name] = value.isoformat()
    needs = (SpecialistNeed.objects.filter(case_id=case.pk, kind__in=list(_NEED_FACTS))
             .order_by("set_on", "recorded_at", "pk").values_list("kind", "present"))
    for kind, present in needs:  # the latest row of each kind is the one in force
        facts[_NEED_FACTS[kind]] = present
    return facts


def _review_dates(case: Case) -> dict[str, Any]:
    """`plan_review_date`: the latest review date agreed for the plan in force (the programme's type, as the case page
    shows it: at its latest review that set one, else when it was written); `assessment_review_date`: the one given
    when the latest full or review AssetPlus was last submitted. Two queries."""
    from django.db.models import OuterRef, Subquery

    from waypoint.assessments.models import RATED_KINDS, AssessmentTransition
    from waypoint.plans.models import Plan, PlanReview, plan_type_for

    set_at_review = (PlanReview.objects.filter(plan_id=OuterRef("pk"), next_review_on__isnull=False)
                     .order_by("-reviewed_on", "-recorded_at", "-pk").values("next_review_on")[:1])
    plan = (Plan.objects.filter(case_id=case.pk, plan_type=plan_type_for(case.programme))
            .order_by("-agreed_on", "-recorded_at", "-pk")
            .annotate(at_review=Subquery(set_at_review)).values_list("at_review", "review_on").first())
    # As submitted: the latest submission's snapshot (a draft saved after a QA return does not change it).
    submitted = (AssessmentTransition.objects.filter(assessment__case_id=case.pk, assessment__kind__in=RATED_KINDS,
                                                     status="submitted")
                 .order_by("-assessment__assessed_on", "-assessment__started_at", "-assessment_id", "-at", "-pk")
                 .values_list("content", flat=True).first())
    review_on = (submitted or {}).get("review_on")
    return {"plan_review_date": (plan[0] or plan[1]) if plan else None,
            "assessment_review_date": dt.date.fromisoformat(review_on) if review_on else None}


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
    """The case as case_input reads it: with its child, referral and service (the rest case_input reads itself,
    one query per related table, as plain values)."""
    return Case.objects.select_related("child", "referral", "service").get(pk=case_id)


def current_allocations(case: Case) -> list[Allocation]:
    return list(
        Allocation.objects.filter(case=case, ends_on__isnull=True)
        .select_related("staff", "staff__line_manager").order_by("starts_on", "id")
    )


# The Python predicates and checks (waypoint/policy/checks_notts_alloc.py) that read some of the OPTIONAL_READS: a
# pack naming one reads those, whether or not it names them itself.
_READ_BY_CHECK = {
    "notts_absent_worker_allocation": STAFF_CASE_EVENT_TYPES,
    "notts_leave_expiring_items": (*STAFF_CASE_EVENT_TYPES, *REVIEW_DATE_FACTS),
    "notts_review_falls_in_leave": REVIEW_DATE_FACTS,
    "notts_review_expired_in_absence": (*STAFF_CASE_EVENT_TYPES, *REVIEW_DATE_FACTS),
    "notts_two_weeks_absent": STAFF_CASE_EVENT_TYPES,
    "notts_worker_on_unplanned_leave": STAFF_CASE_EVENT_TYPES,
    "notts_closed_during_unplanned_leave": STAFF_CASE_EVENT_TYPES,
}


def pack_reads(texts: list[str]) -> frozenset[str]:
    """Which of the OPTIONAL_READS the packs' texts name, themselves or through a check that reads them: the rest
    need not be read for a case under them."""
    named = {name for name in OPTIONAL_READS if any(name in text for text in texts)}
    for check, reads in _READ_BY_CHECK.items():
        if any(check in text for text in texts):
            named.update(reads)
    return frozenset(named)


def case_input(case: Case, allocations: list[Allocation], reads: frozenset[str] | None = None) -> CaseInput:
    """The engine's view of the case (see the module docstring). `reads` (pack_reads of the case's packs) leaves out
    the OPTIONAL_READS no pack of the case names; None reads them all."""
    lead = next((a.staff for a in allocations if a.role in Allocation.LEAD_ROLES), None)
    return CaseInput(
        service=case.service.policy_set,
        programme=case.programme,
        events=_with_staff_events(case_engine_events(case), lead_staff_events(case) if (
            reads is None or not reads.isdisjoint(STAFF_CASE_EVENT_TYPES)) else []),
        worker=_worker(lead),
        staff=_staff(allocations, lead),
        child=_child(case),
        facts=_facts(case, reads),
    )
