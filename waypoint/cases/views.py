"""Pages about cases: My cases, the service's case list, the case page (with its chronology), and allocation.

Each view checks permission (the selectors refuse what the user may not see), validates one form, calls one
service and redirects with a message. The chronology's presentation (titles, readable attributes, corrections
beside the events they correct) is worked out here so the template only lays it out.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from waypoint.config.jinja2 import LONDON, govuk_date, govuk_datetime
from waypoint.core.forms import add_service_errors
from waypoint.core.models import now, today
from waypoint.core.views import govuk_pagination, paginate
from waypoint.appointments.selectors import case_appointments
from waypoint.ladders.selectors import case_card
from waypoint.documents.selectors import letters_section
from waypoint.assessments.selectors import case_section as assessments_section
from waypoint.plans.selectors import case_section as plans_section
from waypoint.meetings.selectors import case_section as meetings_section
from waypoint.specialist.selectors import case_section as specialist_section
from waypoint.obligations.selectors import case_due
from waypoint.referrals.models import Referral
from waypoint.workforce.models import StaffMember
from waypoint.workforce.selectors import service_staff, service_teams
from waypoint.workforce.views import manager_or_403, staff_or_403

from .forms import AllocationForm, CaseSearchForm
from .models import Allocation, Event, Programme
from .selectors import allocatable_staff, case_allocation_history, case_chronology, case_get_for_user
from .selectors import case_list as case_list_selector
from .selectors import my_cases as my_cases_selector
from .services import case_allocate as case_allocate_service


def my_cases(request):
    staff_or_403(request)
    cases = list(my_cases_selector(request.user))
    return render(request, "cases/my_cases.html", {"cases": cases, "role_labels": dict(Allocation.Role.choices)})


def case_list(request):
    staff = staff_or_403(request)
    form = CaseSearchForm(
        request.GET or None, teams=service_teams(staff.service),
        workers=service_staff(staff.service).filter(role__in=StaffMember.CASE_HOLDER_ROLES),
    )
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown as an error and left out; the rest still applies
    page = paginate(request, case_list_selector(user=request.user, **form.filters()))
    return render(request, "cases/case_list.html", {
        "form": form, "page": page, "pagination": govuk_pagination(page, request.GET),
        "searched": any(form.filters().values()),
    })


def case_detail(request, case_id: int):
    staff = staff_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    return render(request, "cases/case_detail.html", {
        "case": case,
        "allocations": list(case_allocation_history(case)),
        "chronology": chronology_entries(case_chronology(case)),
        "can_allocate": staff.is_manager and case.is_open,
        "can_waive": staff.is_manager,
        "due": case_due(case=case, today=today()),
        "appointments": list(case_appointments(case)),
        "ladder_card": case_card(case=case, staff=staff, today=today()),
        "letters": letters_section(case, staff),
        "assessments": assessments_section(case=case, staff=staff, today=today()),
        "plans": plans_section(case=case, staff=staff, today=today()),
        "meetings": meetings_section(case=case, staff=staff, today=today()),
        "specialist": specialist_section(case=case, staff=staff, today=today()),
        "now": now(),
        "today": today(),
    })


def case_allocate(request, case_id: int):
    actor = manager_or_403(request)
    case = case_get_for_user(user=request.user, case_id=case_id)
    form = AllocationForm(
        request.POST if request.method == "POST" else None, workers=list(allocatable_staff(case)),
        reallocating=case.lead_allocation is not None, initial={"on": today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocation = case_allocate_service(
                case=case, staff=data["staff"], role=data["role"], rationale=data["rationale"], on=data["on"],
                actor=actor, reason=data.get("reason") or "internal_transfer",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{allocation.staff.display_name} is allocated to {case.reference} as "
                                      f"{allocation.get_role_display().lower()}")
            return redirect("case-detail", case_id=case.pk)
    return render(request, "cases/case_allocate.html", {"case": case, "form": form})


# ---- The chronology, as the case page shows it -------------------------------------------------------------------

EVENT_TITLES = {
    "referral.received": "Referral received",
    "referral.triaged": "Referral triaged",
    "referral.accepted": "Referral accepted: case opened",
    "case.allocated": "Worker allocated",
    "case.co-allocated": "Co-worker allocated",
    "case.reallocated": "Case reallocated",
    "case.deallocated": "Allocation ended",
    "closure.requested": "Closure requested",
    "case.closed": "Case closed",
    "record.entered": "Management entry",
    "address.changed": "Address changed",
    "assessment.qa-completed": "Assessment quality assured",
    "case-supervision.held": "Case supervision held",
    # Casework II: ratings, assessments, plans, meetings, screenings, checks, specialist work and documents.
    "risk.level-assessed": "Risk rating set",
    "risk.change-identified": "Change in risk identified",
    "assessment.completed": "Assessment completed",
    "assessment.finalised": "Assessment finalised",
    "plan.completed": "Plan completed",
    "plan.reviewed": "Plan reviewed",
    "plan.updated": "Plan updated",
    "meeting.scheduled": "Meeting arranged",
    "meeting.held": "Meeting held",
    "screening.completed": "Screening completed",
    "checks.completed": "Checks completed",
    "concern.identified": "Concern identified",
    "consultation.held": "Consultation held",
    "referral.made": "Referral made",
    "session.delivered": "Session delivered",
    "document.completed": "Document completed",
    "document.submitted": "Document submitted",
    "document.qa-completed": "Document quality assured",
    "document.signed": "Document signed",
    "document.given": "Document given",
    "document.shared": "Document shared",
    "document.uploaded": "Document uploaded",
    "document.requested": "Documents requested",
    "manager.consulted": "Manager consulted",
}

# Not shown: internal cross-references (the worker's name is shown instead), and the snapshot an allocation event
# keeps for the policy rules (the programme, the worker's band, gender and working days), which the page shows
# elsewhere or which say nothing new to a reader of the chronology.
HIDDEN_ATTRIBUTES = {"staff_id", "previous_staff_id", "event_id", "working_days", "programme", "band", "worker_gender"}
ATTRIBUTE_LABELS = {"worker_gender": "Worker's gender", "band": "Band", "to": "Allocated to", "seq": "Number",
                    "dimension": "Rating", "positive_answers": "Answers of “sometimes” or “yes”"}
# Where an attribute means something different on one event type (`to` on a referral is who it went to).
EVENT_ATTRIBUTE_LABELS = {
    ("referral.made", "to"): "Referred to",
    ("document.given", "to"): "Given to",
    ("document.shared", "to"): "Shared with",
}
VALUE_LABELS = {
    "band": {"a": "A", "b": "B", "c": "C"},
    "programme": dict(Programme.choices),
    "role": dict(Allocation.Role.choices),
    "source": dict(Referral.Source.choices),
    "outcome": dict(Referral.TriageOutcome.choices),
    "dimension": {"rosh": "Risk of serious harm (RoSH)", "saw": "Safety and wellbeing (SaW)",
                  "lor": "Likelihood of re-offending (LoR)"},
    "level": {"low": "Low", "medium": "Medium", "high": "High", "very_high": "Very High"},
    "with": {"camhs": "CAMHS", "sal_worker": "Speech and language worker", "cranstoun_worker": "Cranstoun worker",
             "child": "The child", "parent_carer": "Parent or carer", "social_worker": "Social worker"},
    "to": {"pyjs_nurse": "PYJS nurse", "csc": "Children's Social Care", "front_door": "Front Door"},
    "by": {"pyjs_nurse": "PYJS nurse", "rjw": "Restorative justice worker", "child": "The child",
           "parent_carer": "Parent or carer"},
    "topic": {"trm": "Trauma Recovery Model support", "specialist_needs": "Specialist needs",
              "victim_awareness": "Victim impact and awareness",
              "consent_healthy_relationships": "Consent and healthy relationships"},
    "type": {"mini_asset": "Mini Asset", "assetplus": "AssetPlus", "assetplus_review": "AssetPlus review",
             "assetplus_closure": "AssetPlus closure", "asset_slcn": "Asset SLCN screening",
             "slcn_barrier": "Speech, language or communication barrier", "saw": "Safety and wellbeing",
             "marf": "MARF", "cmm": "Case management meeting", "trm_network": "Trauma Recovery Model network",
             "csc_mam": "Children's Social Care multi-agency meeting"},
    "system": {"iyss": "IYSS", "capita": "Capita", "mosaic": "Mosaic", "assetplus": "AssetPlus"},
}


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")


@dataclass
class ChronologyEntry:
    """One event as the timeline shows it, with the corrections that apply to it."""

    event: Event
    title: str
    when: str
    details: list[tuple[str, str]]
    voiding: Event | None = None
    amendments: list[tuple[Event, list[tuple[str, str]]]] = field(default_factory=list)


def event_title(event_type: str) -> str:
    if event_type in EVENT_TITLES:
        return EVENT_TITLES[event_type]
    words = event_type.replace(".", " ").replace("-", " ")
    return words[:1].upper() + words[1:]


def when_text(moment: dt.datetime) -> str:
    """A date alone for events recorded against a day (stored at 00:00 London), else the date and time."""
    local = timezone.localtime(moment, LONDON)
    if local.time() == dt.time.min:
        return govuk_date(local.date(), with_weekday=True)
    return govuk_datetime(moment)


def readable_attributes(data: dict, staff_names: dict[int, str], event_type: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if data.get("staff_id") in staff_names:
        rows.append(("Worker", staff_names[data["staff_id"]]))
    if data.get("previous_staff_id") in staff_names:
        rows.append(("Previous worker", staff_names[data["previous_staff_id"]]))
    for key, value in data.items():
        if key in HIDDEN_ATTRIBUTES or key.endswith("_id") or value in ("", None):
            continue
        label = EVENT_ATTRIBUTE_LABELS.get((event_type, key)) or ATTRIBUTE_LABELS.get(
            key, key.replace("_", " ").capitalize())
        rows.append((label, readable_value(key, value)))
    return rows


def readable_value(key: str, value) -> str:
    """An attribute's value in words: a label where one is known, yes/no, lists joined, underscores as spaces."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(readable_value(key, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {readable_value(k, v)}" for k, v in value.items())
    if not isinstance(value, str):
        return str(value)
    if key in VALUE_LABELS and value in VALUE_LABELS[key]:
        return VALUE_LABELS[key][value]
    moment = _iso_moment(value)
    if moment is not None:
        return moment
    return value.replace("_", " ")


def _iso_moment(value: str) -> str | None:
    """A date or date-time written in ISO form ("2026-11-30", "2026-11-30T14:00"), as GOV.UK writes it; else None."""
    if not ISO_DATE.match(value):
        return None
    try:
        if "T" in value:
            moment = dt.datetime.fromisoformat(value)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, LONDON)
            return govuk_datetime(moment)
        return govuk_date(dt.date.fromisoformat(value))
    except ValueError:
        return None


def chronology_entries(events: list[Event]) -> list[ChronologyEntry]:
    """The case's events newest first (see docs/adr/0010), each with its correction beside it.

    Corrections (`event.voided`, `event.amended`) are shown with the event they correct, not as entries of their own.
    """
    staff_ids = {
        value for event in events for data in [event.data, *(a.data.get("data", {}) for a in event.amendments)]
        for key, value in data.items() if key in ("staff_id", "previous_staff_id") and isinstance(value, int)
    }
    staff_names = {s.pk: s.display_name for s in StaffMember.objects.filter(pk__in=staff_ids)} if staff_ids else {}
    entries = [
        ChronologyEntry(
            event=event, title=event_title(event.type), when=when_text(event.occurred_at),
            details=readable_attributes(event.data, staff_names, event.type), voiding=event.voiding,
            amendments=[(a, readable_attributes(a.data.get("data", {}), staff_names, event.type))
                        for a in event.amendments],
        )
        for event in events
        if not event.is_correction
    ]
    entries.sort(key=lambda e: (e.event.occurred_at, e.event.recorded_at, e.event.pk), reverse=True)
    return entries
