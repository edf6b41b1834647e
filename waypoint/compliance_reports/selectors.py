"""Reads for compliance CMMs: the period a report covers (the order in force, or a date range), the report itself
worked out from the appointment record (one query for the appointments and their outcomes, one for the actions),
the header fields the case record holds, the case's compliance CMMs with what was recorded for each, and the
compliance obligations the policy engine has worked out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from waypoint.appointments.selectors import case_appointments
from waypoint.cases.models import Case, Event, Order
from waypoint.core.models import now, today
from waypoint.obligations.models import Obligation
from waypoint.people.models import ChildCircumstance

from .models import ComplianceMeeting, ComplianceMeetingHeld, ComplianceReportSubmission, NoncomplianceDiscussion
from .report import ACTION_EVENT_TYPES, ComplianceReport, compliance_report

COURT_ORDERS = {Order.OrderType.YRO, Order.OrderType.YRO_ISS, Order.OrderType.REFERRAL_ORDER,
                Order.OrderType.DTO, Order.OrderType.PARENTING_ORDER}


def case_order_in_force(case: Case, on: dt.date | None = None) -> Order | None:
    """The latest order made on the case that had started by `on` (today by default)."""
    on = on or today()
    return (case.orders.filter(starts_on__lte=on).prefetch_related("requirements").order_by("-starts_on", "-id")
            .first())


def compliance_period(case: Case, *, period_from: dt.date | None = None, period_to: dt.date | None = None,
                      on: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The period a report covers: the given dates, else the order in force (its start to today or its end), else
    the case from its start to today."""
    on = on or today()
    order = case_order_in_force(case, on)
    start = order.starts_on if order else case.started_on
    end = min(order.ends_on, on) if order and order.ends_on else on
    return period_from or start, period_to or end


def case_compliance_report(case: Case, *, period_from: dt.date | None = None, period_to: dt.date | None = None,
                           as_of: dt.datetime | None = None) -> ComplianceReport:
    as_of = as_of or now()
    start, end = compliance_period(case, period_from=period_from, period_to=period_to,
                                   on=timezone.localtime(as_of).date())
    actions = [event for event in Event.objects.filter(case=case, type__in=ACTION_EVENT_TYPES)
               .prefetch_related("voided_by", "amended_by") if not event.is_voided]
    return compliance_report(appointments=case_appointments(case), period_from=start, period_to=end, as_of=as_of,
                             action_events=actions)


def child_in_care(case: Case) -> bool:
    """The child's current care status is looked after (ChildCircumstance, care status)."""
    current = case.child.current_circumstance(ChildCircumstance.Kind.CARE_STATUS)
    return current is not None and current.value == ChildCircumstance.CareStatus.LOOKED_AFTER


@dataclass(frozen=True)
class ReportHeader:
    name: str
    date_of_birth: dt.date
    child_reference: str
    case_reference: str
    order: Order | None
    requirements: list[str]
    case_manager: str
    capita_number: str
    unacceptable_behaviour: str


def _requirement_text(requirement) -> str:
    quantities = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in (requirement.quantities or {}).items())
    label = requirement.get_requirement_type_display()
    return f"{label} ({quantities})" if quantities else label


def compliance_header(case: Case, *, on: dt.date | None = None) -> ReportHeader:
    order = case_order_in_force(case, on)
    last = (ComplianceReportSubmission.objects.filter(meeting__case=case).order_by("-submitted_at", "-id").first())
    return ReportHeader(
        name=case.child.full_name, date_of_birth=case.child.date_of_birth, child_reference=case.child.reference,
        case_reference=case.reference, order=order,
        requirements=[_requirement_text(r) for r in order.requirements.all()] if order else [],
        case_manager=case.case_worker.display_name if case.case_worker else "Not allocated",
        capita_number=last.capita_number if last else "",
        unacceptable_behaviour=last.unacceptable_behaviour if last else "",
    )


def case_compliance_meetings(case: Case) -> QuerySet[ComplianceMeeting]:
    return (ComplianceMeeting.objects.filter(case=case).select_related("scheduled_by")
            .prefetch_related(
                Prefetch("held", queryset=ComplianceMeetingHeld.objects.order_by("recorded_at", "id"),
                         to_attr="held_rows"),
                Prefetch("reports", queryset=ComplianceReportSubmission.objects.select_related("submitted_by")
                         .order_by("submitted_at", "id"), to_attr="submission_rows"))
            .order_by("starts_at", "id"))


def compliance_obligations(case: Case) -> QuerySet[Obligation]:
    """The engine's compliance duties for the case (notts.cmm.compliance.*), soonest due first."""
    return Obligation.objects.filter(case=case, rule__startswith="notts.cmm.compliance").order_by("due", "id")


def open_cmm_duties(case: Case) -> list[Obligation]:
    """The open notts.cmm.compliance.10wd duties: each failure whose compliance CMM is still to be held."""
    return list(Obligation.objects.filter(case=case, rule="notts.cmm.compliance.10wd",
                                          status=Obligation.Status.OPEN).order_by("due", "id"))


def meeting_get_for_user(*, user, meeting_id: int) -> ComplianceMeeting:
    """The compliance CMM, if its case is one the user may see (Http404 / PermissionDenied otherwise)."""
    from django.http import Http404

    from waypoint.cases.selectors import case_get_for_user

    meeting = ComplianceMeeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such compliance CMM")
    meeting.case = case_get_for_user(user=user, case_id=meeting.case_id)
    return meeting
