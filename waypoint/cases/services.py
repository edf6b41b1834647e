"""Writes for cases and the chronology: open, allocate, deallocate, restrict, request closure, close; record, void
and amend events.

Every function is keyword-only, runs in one transaction, validates with full_clean() and writes its chronology
event in the same transaction. Domain errors raise ValidationError keyed by the argument at fault, with the
GOV.UK-style messages below (tests assert on these constants). An actor who may not do something at all (another
service's staff, a worker who is not a manager) gets PermissionDenied.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from waypoint.core.models import now, provisional_reference, today
from waypoint.workforce.models import StaffMember, Team

from .models import Allocation, Case, ClosureReason, ClosureRequest, Event, Programme
from .vocabulary import CORRECTION_EVENT_TYPES, RECORDABLE_EVENT_TYPES, STAFF_CASE_EVENT_TYPES

logger = logging.getLogger(__name__)

ALLOCATION_WORKER_OTHER_SERVICE = "Select a worker from this case's service"
ALLOCATION_WORKER_INACTIVE = "Select a worker who is still active"
ALLOCATION_RATIONALE_MISSING = "Enter the rationale for the allocation"
ALLOCATION_DATE_IN_FUTURE = "The allocation date must be today or in the past"
ALLOCATION_DATE_BEFORE_CASE = "The allocation date must be the same as or after the date the case started"
ALLOCATION_ROLE_INVALID = "Select the worker's role on the case"
ALLOCATION_ALREADY_CURRENT = "This worker is already allocated to the case in that role"
ALLOCATION_CASE_CLOSED = "You cannot allocate a worker to a closed case"
ALLOCATION_ONLY_MANAGERS = "Only a team manager, assistant team manager or service manager can allocate cases"
DEALLOCATION_ALREADY_ENDED = "This allocation has already ended"
DEALLOCATION_DATE_BEFORE_START = "The end date must be the same as or after the date the allocation started"
DEALLOCATION_DATE_IN_FUTURE = "The end date must be today or in the past"
ACTOR_OTHER_SERVICE = "You can only change cases in your own service"
CASE_START_IN_FUTURE = "The start date must be today or in the past"
CASE_PROGRAMME_INVALID = "Select a programme"
CASE_TEAM_OTHER_SERVICE = "Select a team from this service"
CASE_CHILD_OTHER_SERVICE = "Select a child known to this service"
CLOSURE_REASON_INVALID = "Select the reason for closing the case"
CLOSURE_ALREADY_REQUESTED = "Closure has already been requested for this case"
CLOSURE_CASE_ALREADY_CLOSED = "This case is already closed"
CLOSURE_DATE_IN_FUTURE = "The closure date must be today or in the past"
CLOSURE_DATE_BEFORE_START = "The closure date must be the same as or after the date the case started"
CLOSURE_ONLY_MANAGERS = "Only a manager or advanced practitioner can close a case"
CLOSURE_STEPS_MISSING = "Enter the steps taken before asking to close the case"
CLOSURE_STEPS_TOO_LONG = "Steps taken must be 5000 characters or fewer"
CLOSURE_NOT_REQUESTED = "Closure has not been requested for this case"
CLOSURE_ALREADY_DECIDED = "This closure request has already been decided"
CLOSURE_ONLY_MANAGERS_DECIDE = "Only a manager or advanced practitioner can agree or return a closure request"
CLOSURE_RETURN_REASON_MISSING = "Enter why the closure request is being returned"
CLOSURE_RETURN_REASON_TOO_LONG = "Why it is being returned must be 2000 characters or fewer"
CLOSURE_BREACH_OPEN = ("You cannot close the case while a breach is open: record the court's decision on the "
                       "breach first")
CLOSURE_EXIT_INTERVIEW_MISSING = ("You cannot close a court order before its exit interview: record the exit "
                                  "interview first")
RESTRICTION_REASON_MISSING = "Enter the reason for changing who can see the case"
EVENT_TYPE_NOT_RECORDABLE = "Select an event type from the catalogue's event vocabulary"
EVENT_CORRECTION_BY_SERVICE = "Use event_void or event_amend to correct an event"
EVENT_OWNER_AMBIGUOUS = "An event must belong to exactly one case, referral or staff member"
EVENT_IN_FUTURE = "The date the event happened must be today or in the past"
EVENT_DATA_NOT_OBJECT = "Event attributes must be a set of named values"
EVENT_DATA_NOT_IN_VOCABULARY = "Event attributes must use the vocabulary's values: {problem}"
CORRECTION_REASON_MISSING = "Enter the reason for the correction"
CORRECTION_ALREADY_VOIDED = "This event has already been voided"
CORRECTION_OF_CORRECTION = "A correction cannot itself be voided or amended: correct the original event"
AMENDMENT_DATA_UNCHANGED = "Change at least one attribute of the event"

_EVENT_RELATIONS = ["actor", "case", "referral", "staff", "voids", "amends"]

# A few minutes' grace between the browser's clock and the server's when an event is recorded "now".
_FUTURE_GRACE = dt.timedelta(minutes=5)


def on_case_events_changed(case: Case) -> None:
    """Called after every event written to a case, inside the same transaction: the case's obligations are worked
    out again from its events, so that a case and its obligations never disagree."""
    from waypoint.obligations.services import case_events_changed  # obligations builds on cases

    case_events_changed(case=case)


def moment_on(day: dt.date) -> dt.datetime:
    """The moment to record something that happened on `day`: now if it is today, else 00:00 Europe/London.

    Midnight is how the scenario format reads a bare date, so the policy engine sees the same instant.
    """
    if day == today():
        return now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


def _require_same_service(actor: StaffMember, service_id: int) -> None:
    if actor.service_id != service_id:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)


def require_case_in_actors_service(actor: StaffMember, case: Case) -> None:
    """PermissionDenied unless the case belongs to the actor's own service (every app that changes a case uses it)."""
    _require_same_service(actor, case.service_id)


def _require_manager(actor: StaffMember, message: str) -> None:
    if not actor.is_manager:
        raise PermissionDenied(message)


def _write_event(
    *,
    type: str,
    occurred_at: dt.datetime,
    actor: StaffMember | None,
    data: dict[str, Any] | None = None,
    case: Case | None = None,
    referral=None,
    staff: StaffMember | None = None,
    voids: Event | None = None,
    amends: Event | None = None,
    reason: str = "",
) -> Event:
    """Write one event (inside the caller's transaction) and tell the case its events changed."""
    event = Event(
        type=type, occurred_at=occurred_at, recorded_at=now(), actor=actor, data=data or {}, case=case,
        referral=referral, staff=staff, voids=voids, amends=amends, reason=reason,
    )
    # The related rows are instances the caller already holds, and Event.clean() checks the owner rule the database
    # constraint enforces, so neither is re-queried here: the chronology is the most written table.
    event.full_clean(exclude=_EVENT_RELATIONS, validate_constraints=False)
    event.save()
    if case is not None:
        on_case_events_changed(case)
    elif staff is not None and type in STAFF_CASE_EVENT_TYPES:
        from waypoint.obligations.services import staff_events_changed  # obligations builds on cases

        staff_events_changed(staff=staff)
    return event


def _check_event_data(type: str, data: dict[str, Any] | None) -> None:
    """The vocabulary's check of the event's data (waypoint.policy.vocabulary): a value it does not allow for a known
    attribute would never match a rule. With WAYPOINT_STRICT_EVENT_DATA (the test settings) it is refused; otherwise
    logged, so a record is never lost to a gap in the vocabulary."""
    from waypoint.policy.scenario import event_data_problems

    problems = event_data_problems(type, data or {})
    if not problems:
        return
    if getattr(settings, "WAYPOINT_STRICT_EVENT_DATA", False):
        raise ValidationError({"data": EVENT_DATA_NOT_IN_VOCABULARY.format(problem=problems[0])})
    logger.warning("event data outside the vocabulary: %s", "; ".join(problems))


def _as_moment(value: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            return timezone.make_aware(value, timezone.get_default_timezone())
        return value
    return moment_on(value)


def event_record(
    *,
    type: str,
    occurred_at: dt.datetime | dt.date,
    actor: StaffMember | None,
    data: dict[str, Any] | None = None,
    case: Case | None = None,
    referral=None,
    staff: StaffMember | None = None,
) -> Event:
    """Record that something happened, in a case's, a referral's or a staff member's chronology.

    `occurred_at` may be a date (read as 00:00 Europe/London, as the scenario format reads it) or a date-time
    (a naive one is read as Europe/London). The type must be in the catalogue's vocabulary; derived events (clock
    ticks, an order's midpoint) are the rules engine's, and corrections go through event_void / event_amend.
    """
    if type in CORRECTION_EVENT_TYPES:
        raise ValidationError({"type": EVENT_CORRECTION_BY_SERVICE})
    if type not in RECORDABLE_EVENT_TYPES:
        raise ValidationError({"type": EVENT_TYPE_NOT_RECORDABLE})
    owners = [owner for owner in (case, referral, staff) if owner is not None]
    if len(owners) != 1:
        raise ValidationError(EVENT_OWNER_AMBIGUOUS)
    if data is not None and not isinstance(data, dict):
        raise ValidationError({"data": EVENT_DATA_NOT_OBJECT})
    _check_event_data(type, data)
    moment = _as_moment(occurred_at)
    if moment > now() + _FUTURE_GRACE:
        raise ValidationError({"occurred_at": EVENT_IN_FUTURE})
    if actor is not None:
        _require_same_service(actor, owners[0].service_id)
    with transaction.atomic():
        return _write_event(
            type=type, occurred_at=moment, actor=actor, data=data, case=case, referral=referral, staff=staff,
        )


def _check_correctable(event: Event, reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": CORRECTION_REASON_MISSING})
    if event.type in CORRECTION_EVENT_TYPES:
        raise ValidationError({"event": CORRECTION_OF_CORRECTION})
    if event.voided_by.exists():
        raise ValidationError({"event": CORRECTION_ALREADY_VOIDED})
    return reason


def _owner_service_id(event: Event) -> int:
    owner = event.case or event.referral or event.staff
    return owner.service_id


def event_void(*, event: Event, reason: str, actor: StaffMember) -> Event:
    """Void an event: it stays in the chronology, marked void by a new `event.voided` event with the reason."""
    _require_same_service(actor, _owner_service_id(event))
    with transaction.atomic():
        reason = _check_correctable(event, reason)
        return _write_event(
            type="event.voided", occurred_at=now(), actor=actor,
            data={"event_id": str(event.pk), "reason": reason, "by": actor.display_name},
            case=event.case, referral=event.referral if event.case_id is None else None,
            staff=event.staff if event.case_id is None and event.referral_id is None else None,
            voids=event, reason=reason,
        )


def event_amend(*, event: Event, data: dict[str, Any], reason: str, actor: StaffMember) -> Event:
    """Amend an event's attributes: a new `event.amended` event carries the corrected attributes and the reason.

    `data` is the event's whole set of attributes as they should have been; the original stays as it was written.
    """
    _require_same_service(actor, _owner_service_id(event))
    if not isinstance(data, dict):
        raise ValidationError({"data": EVENT_DATA_NOT_OBJECT})
    with transaction.atomic():
        reason = _check_correctable(event, reason)
        if data == event.effective_data:
            raise ValidationError({"data": AMENDMENT_DATA_UNCHANGED})
        return _write_event(
            type="event.amended", occurred_at=now(), actor=actor,
            data={"event_id": str(event.pk), "data": data, "reason": reason, "by": actor.display_name},
            case=event.case, referral=event.referral if event.case_id is None else None,
            staff=event.staff if event.case_id is None and event.referral_id is None else None,
            amends=event, reason=reason,
        )


def case_open(
    *,
    service,
    child,
    programme: str,
    started_on: dt.date,
    actor: StaffMember,
    team: Team | None = None,
    referral=None,
    restricted: bool = False,
) -> Case:
    """Open a case for a child in a programme (referral_accept calls this; so may a court outcome later)."""
    _require_same_service(actor, service.pk)
    errors: dict[str, str] = {}
    if programme not in Programme.values:
        errors["programme"] = CASE_PROGRAMME_INVALID
    if started_on is not None and started_on > today():
        errors["started_on"] = CASE_START_IN_FUTURE
    if team is not None and team.service_id != service.pk:
        errors["team"] = CASE_TEAM_OTHER_SERVICE
    if child.service_id != service.pk:
        errors["child"] = CASE_CHILD_OTHER_SERVICE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = Case(
            service=service, child=child, programme=programme, reference=provisional_reference(),
            started_on=started_on, team=team, referral=referral, restricted=restricted, created_at=now(),
        )
        case.full_clean()
        case.save()
        case.reference = f"C-{case.pk:06d}"
        case.save(update_fields=["reference"])
        return case


def _allocation_event_data(case: Case, staff: StaffMember, role: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "programme": case.programme,
        "role": role,
        "worker_gender": staff.gender,
        "working_days": list(staff.working_days),
        "staff_id": staff.pk,
    }
    if staff.band:
        data["band"] = staff.band
    if staff.role == StaffMember.Role.STUDENT:
        data["to"] = "student"
    origin = {"ehh_contact_form": "ehh", "stepdown": "stepdown"}.get(
        case.referral.source if case.referral_id else "", None
    )
    if origin:
        data["origin"] = origin
    return data


def case_allocate(
    *,
    case: Case,
    staff: StaffMember,
    role: str,
    rationale: str,
    actor: StaffMember,
    on: dt.date,
    reason: str = "internal_transfer",
) -> Allocation:
    """Allocate a worker to a case in a role, from a date, with the manager's rationale.

    Allocating the lead role (case worker or case manager) when the case already has a lead ends that allocation
    the day before and is recorded as `case.reallocated{reason}`; otherwise `case.allocated`, or
    `case.co-allocated` for a practice supervisor, primary worker or secondary worker.
    """
    _require_same_service(actor, case.service_id)
    _require_manager(actor, ALLOCATION_ONLY_MANAGERS)
    rationale = (rationale or "").strip()
    errors: dict[str, str] = {}
    if staff.service_id != case.service_id:
        errors["staff"] = ALLOCATION_WORKER_OTHER_SERVICE
    elif not staff.active:
        errors["staff"] = ALLOCATION_WORKER_INACTIVE
    if role not in Allocation.Role.values:
        errors["role"] = ALLOCATION_ROLE_INVALID
    if not rationale:
        errors["rationale"] = ALLOCATION_RATIONALE_MISSING
    if on is None or on > today():
        errors["on"] = ALLOCATION_DATE_IN_FUTURE
    elif on < case.started_on:
        errors["on"] = ALLOCATION_DATE_BEFORE_CASE
    if case.status == Case.Status.CLOSED:
        errors["case"] = ALLOCATION_CASE_CLOSED
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        current = Allocation.objects.select_for_update().filter(case=case, ends_on__isnull=True)
        if current.filter(staff=staff, role=role).exists():
            raise ValidationError({"staff": ALLOCATION_ALREADY_CURRENT})
        replaced: Allocation | None = None
        if role in Allocation.LEAD_ROLES:
            replaced = current.filter(role__in=Allocation.LEAD_ROLES).first()
            if replaced is not None:
                # The outgoing worker holds the case up to the day before; on the same day, that day.
                replaced.ends_on = max(replaced.starts_on, on - dt.timedelta(days=1))
                replaced.full_clean()
                replaced.save(update_fields=["ends_on"])
        allocation = Allocation(
            case=case, staff=staff, role=role, starts_on=on, allocated_by=actor, rationale=rationale,
            created_at=now(),
        )
        allocation.full_clean()
        allocation.save()

        data = _allocation_event_data(case, staff, role)
        if replaced is not None:
            event_type = "case.reallocated"
            data = {**data, "reason": reason, "previous_staff_id": replaced.staff_id}
        elif role in Allocation.CO_ALLOCATION_ROLES:
            event_type = "case.co-allocated"
        else:
            event_type = "case.allocated"
        _write_event(type=event_type, occurred_at=moment_on(on), actor=actor, data=data, case=case)
        return allocation


def case_deallocate(*, allocation: Allocation, on: dt.date, actor: StaffMember) -> Allocation:
    """End a worker's allocation on a date (`case.deallocated`). To replace a lead worker, use case_allocate."""
    case = allocation.case
    _require_same_service(actor, case.service_id)
    _require_manager(actor, ALLOCATION_ONLY_MANAGERS)
    if allocation.ends_on is not None:
        raise ValidationError({"allocation": DEALLOCATION_ALREADY_ENDED})
    if on is None or on > today():
        raise ValidationError({"on": DEALLOCATION_DATE_IN_FUTURE})
    if on < allocation.starts_on:
        raise ValidationError({"on": DEALLOCATION_DATE_BEFORE_START})
    with transaction.atomic():
        allocation.ends_on = on
        allocation.full_clean()
        allocation.save(update_fields=["ends_on"])
        data: dict[str, Any] = {"role": allocation.role, "staff_id": allocation.staff_id}
        if allocation.staff.band:
            data["band"] = allocation.staff.band
        _write_event(type="case.deallocated", occurred_at=moment_on(on), actor=actor, data=data, case=case)
        return allocation


def case_set_restricted(*, case: Case, restricted: bool, reason: str, actor: StaffMember) -> Case:
    """Restrict a case to its allocated workers and their managers, or lift the restriction (a management entry)."""
    _require_same_service(actor, case.service_id)
    _require_manager(actor, ALLOCATION_ONLY_MANAGERS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": RESTRICTION_REASON_MISSING})
    with transaction.atomic():
        case.restricted = restricted
        case.full_clean()
        case.save(update_fields=["restricted"])
        _write_event(
            type="record.entered", occurred_at=now(), actor=actor, case=case, reason=reason,
            data={"kind": "management_entry", "topic": "restricted" if restricted else "restriction_lifted"},
        )
        return case


def _may_decide_closure(actor: StaffMember) -> bool:
    return actor.is_manager or actor.role == StaffMember.Role.ADVANCED_PRACTITIONER


def case_request_closure(
    *, case: Case, reason: str, steps_taken: str, actor: StaffMember, on: dt.date | None = None,
) -> ClosureRequest:
    """The worker asks for the case to be closed, with the reason and the steps taken: a `ClosureRequest` row and
    `closure.requested{reason, programme, note}` (the steps taken are the event's note). The case waits in
    `closure_requested` until a manager agrees (closure_agree) or returns it (closure_return)."""
    _require_same_service(actor, case.service_id)
    steps_taken = (steps_taken or "").strip()
    errors: dict[str, str] = {}
    if reason not in ClosureReason.values:
        errors["reason"] = CLOSURE_REASON_INVALID
    if not steps_taken:
        errors["steps_taken"] = CLOSURE_STEPS_MISSING
    elif len(steps_taken) > 5000:
        errors["steps_taken"] = CLOSURE_STEPS_TOO_LONG
    on = on or today()
    if on > today():
        errors["on"] = CLOSURE_DATE_IN_FUTURE
    elif on < case.started_on:
        errors["on"] = CLOSURE_DATE_BEFORE_START
    if case.status == Case.Status.CLOSED:
        errors = {"case": CLOSURE_CASE_ALREADY_CLOSED}
    elif case.status == Case.Status.CLOSURE_REQUESTED:
        errors = {"case": CLOSURE_ALREADY_REQUESTED}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = ClosureRequest(case=case, reason=reason, steps_taken=steps_taken, requested_on=on,
                                 requested_by=actor, created_at=now())
        request.full_clean()
        request.save()
        case._transition(Case.Status.CLOSURE_REQUESTED)
        case.full_clean()
        case.save(update_fields=["status"])
        _write_event(
            type="closure.requested", occurred_at=moment_on(on), actor=actor, case=case,
            data={"reason": reason, "programme": case.programme, "note": steps_taken},
        )
        return request


# Who agreed a closure, as closure.agreed{by} names them (catalogue §3.1.1).
_AGREED_BY = {
    StaffMember.Role.TEAM_MANAGER: "tm",
    StaffMember.Role.ASSISTANT_TEAM_MANAGER: "atm",
    StaffMember.Role.ADVANCED_PRACTITIONER: "ap",
}


def _pending_request(case: Case) -> ClosureRequest:
    if case.status != Case.Status.CLOSURE_REQUESTED:
        raise ValidationError({"case": CLOSURE_NOT_REQUESTED})
    request = case.closure_requests.select_for_update().order_by("-created_at", "-id").first()
    if request is None:
        raise ValidationError({"case": CLOSURE_NOT_REQUESTED})
    if not request.is_pending:
        raise ValidationError({"case": CLOSURE_ALREADY_DECIDED})
    return request


def closure_agree(*, case: Case, actor: StaffMember, on: dt.date | None = None) -> ClosureRequest:
    """A manager (or advanced practitioner) agrees the worker's closure request: `closure.agreed{by, reason}`.

    The closure letters' duties start here (wok.*.closure-*-letter*: within 5 working days of the agreement); the
    case itself is closed with case_close, which checks what closing must wait for.
    """
    _require_same_service(actor, case.service_id)
    if not _may_decide_closure(actor):
        raise PermissionDenied(CLOSURE_ONLY_MANAGERS_DECIDE)
    on = on or today()
    if on > today():
        raise ValidationError({"on": CLOSURE_DATE_IN_FUTURE})
    with transaction.atomic():
        request = _pending_request(case)
        if on < request.requested_on:
            raise ValidationError({"on": CLOSURE_DATE_BEFORE_START})
        request.decision = ClosureRequest.Decision.AGREED
        request.decided_by = actor
        request.decided_at = now()
        request.full_clean()
        request.save(update_fields=["decision", "decided_by", "decided_at"])
        _write_event(
            type="closure.agreed", occurred_at=moment_on(on), actor=actor, case=case,
            data={"by": _AGREED_BY.get(actor.role, "line_manager"), "reason": request.reason},
        )
        return request


def closure_return(*, case: Case, reason: str, actor: StaffMember) -> ClosureRequest:
    """A manager returns the closure request to the worker with the reason: the case is open again and the
    decision is a management entry (`record.entered{kind=management_entry, topic=closure}`, the reason on it)."""
    _require_same_service(actor, case.service_id)
    if not _may_decide_closure(actor):
        raise PermissionDenied(CLOSURE_ONLY_MANAGERS_DECIDE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": CLOSURE_RETURN_REASON_MISSING})
    if len(reason) > 2000:
        raise ValidationError({"reason": CLOSURE_RETURN_REASON_TOO_LONG})
    with transaction.atomic():
        request = _pending_request(case)
        request.decision = ClosureRequest.Decision.RETURNED
        request.decided_by = actor
        request.decided_at = now()
        request.decision_reason = reason
        request.full_clean()
        request.save(update_fields=["decision", "decided_by", "decided_at", "decision_reason"])
        case._transition(Case.Status.OPEN)
        case.full_clean()
        case.save(update_fields=["status"])
        _write_event(
            type="record.entered", occurred_at=now(), actor=actor, case=case, reason=reason,
            data={"kind": "management_entry", "topic": "closure"},
        )
        return request


def case_close(*, case: Case, reason: str, actor: StaffMember, on: dt.date) -> Case:
    """Close a case on a date: current allocations end that day, the closure is recorded as a contact
    (`record.entered{system=iyss, kind=contact, topic=closure}`) and `case.closed{reason, programme}` is written.

    Closure is agreed by a manager or an advanced practitioner (the guidance's closure checks). Guards
    (docs/adr/0016-closure-guards-and-ladders.md): a case with an open breach (a `breach.initiated` with no court outcome since)
    cannot close; nor can a court order (YRO, referral order, custody) before its exit interview
    (`meeting.held{type=exit_interview}`), unless it leaves by transfer or revocation.
    """
    from .selectors import COURT_ORDER_PROGRAMMES, CLOSURE_WITHOUT_EXIT_INTERVIEW, case_exit_interview_held
    from .selectors import case_open_breach

    _require_same_service(actor, case.service_id)
    if not _may_decide_closure(actor):
        raise PermissionDenied(CLOSURE_ONLY_MANAGERS)
    errors: dict[str, str] = {}
    if reason not in ClosureReason.values:
        errors["reason"] = CLOSURE_REASON_INVALID
    if on is None or on > today():
        errors["on"] = CLOSURE_DATE_IN_FUTURE
    elif on < case.started_on:
        errors["on"] = CLOSURE_DATE_BEFORE_START
    if case.status == Case.Status.CLOSED:
        errors["case"] = CLOSURE_CASE_ALREADY_CLOSED
    elif case_open_breach(case) is not None:
        errors["case"] = CLOSURE_BREACH_OPEN
    elif (case.programme in COURT_ORDER_PROGRAMMES and reason not in CLOSURE_WITHOUT_EXIT_INTERVIEW
          and not case_exit_interview_held(case)):
        errors["case"] = CLOSURE_EXIT_INTERVIEW_MISSING
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for allocation in case.allocations.select_for_update().filter(ends_on__isnull=True):
            allocation.ends_on = max(on, allocation.starts_on)
            allocation.save(update_fields=["ends_on"])
        case._transition(Case.Status.CLOSED)
        case.ended_on = on
        case.closure_reason = reason
        case.full_clean()
        case.save(update_fields=["status", "ended_on", "closure_reason"])
        _write_event(
            type="record.entered", occurred_at=moment_on(on), actor=actor, case=case,
            data={"kind": "contact", "system": "iyss", "topic": "closure"},
        )
        _write_event(
            type="case.closed", occurred_at=moment_on(on), actor=actor, case=case,
            data={"reason": reason, "programme": case.programme},
        )
        return case
