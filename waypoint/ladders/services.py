"""Writes for the ladder steps that are actions, each with its guard, writing the events the packs' rules read:

- `warning_record`: a formal warning on a court order, `warning.issued{level=first|second}` (the letter itself is the
  letters page's `letter.sent{type=first_warning|second_warning}`, which meets wok.yro.ftc.first-warning and
  wok.yro.ftc.second-warning). The first needs the next appointment booked (the letter must include it); the
  second books the compliance meeting with a manager (`meeting.scheduled{purpose=compliance}`);
- `breach_start`: `breach.initiated` (with the breach letter, meets wok.yro.ftc.breach-5d; starts
  wok.yro.ftc.breach-listed-2wk), only once the third unacceptable failure is recorded and no breach is open;
- `breach_listing_record`: `court.hearing-listed{purpose=breach, court, hearing_date}`;
- `breach_outcome_record`: `court.outcome-received`, the court's decision, which ends the breach (the guard
  case_close reads: waypoint.cases.selectors.case_open_breach);
- `engagement_refused_record`: `engagement.refused` on a voluntary programme (Community Resolution, Prevention),
  which starts the 3-working-day closure request (wok.*.closure-disengagement.request-3wd);
- `programme_declined_record`: the child or parent/carer decline the service offer, `programme.declined` with the
  discussion recorded as a contact (`record.entered{kind=contact}`), which wok.*.closure-declined.discuss reads;
- `compliance_meeting_record`: the compliance meeting held with a manager, `meeting.held{type=compliance_meeting,
  conducted_by=manager}`, and the expectations explained, `record.entered{kind=contact,
  topic=compliance_meeting_outcome}` (wok.yro.ftc.compliance-meeting-10d and -content);
- `exit_interview_record`: a court order's exit interview, `meeting.held{type=exit_interview}` (conducted by a
  manager, as the guidance asks), which closing a court order waits for.
Both meetings are recorded here until the meetings app (case management meetings, reviews) takes them over.

Dates are the caller's (today or earlier); due dates are never worked out here: the engine does that from the
events (waypoint/obligations).
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from waypoint.appointments.models import Appointment
from waypoint.cases.models import Case, Event
from waypoint.cases.selectors import COURT_ORDER_PROGRAMMES, case_open_breach
from waypoint.cases.services import ACTOR_OTHER_SERVICE, event_record, moment_on
from waypoint.core.models import now, today
from waypoint.workforce.models import StaffMember

from .selectors import VOLUNTARY_PROGRAMMES, unacceptable_failures, warnings_given

LADDER_CASE_CLOSED = "This case is closed"
LADDER_DATE_MISSING = "Enter the date"
LADDER_DATE_IN_FUTURE = "The date must be today or in the past"
LADDER_DATE_BEFORE_CASE = "The date must be the same as or after the date the case started"
NOTE_TOO_LONG = "Notes must be 2000 characters or fewer"
WARNING_ONLY_COURT_ORDERS = ("Warnings are for court orders: Community Resolution and Prevention are voluntary, so "
                             "non-engagement leads to closure")
WARNING_LEVEL_INVALID = "Select the first or second warning"
WARNING_FIRST_NEEDS_FAILURE = "Record an unacceptable failure to attend before giving the first warning"
WARNING_SECOND_NEEDS_FAILURES = "Record the second unacceptable failure to attend before giving the second warning"
WARNING_FIRST_ALREADY_GIVEN = "The first warning has already been given on this order"
WARNING_SECOND_ALREADY_GIVEN = "The second warning has already been given on this order"
WARNING_SECOND_BEFORE_FIRST = "Give the first warning before the second"
WARNING_NEXT_APPOINTMENT_MISSING = ("Book the next appointment before giving the first warning: the warning letter "
                                    "must include it")
WARNING_MEETING_MISSING = "Enter the date and time of the compliance meeting with a manager"
WARNING_MEETING_BEFORE_WARNING = "The compliance meeting must be after the date of the warning"
WARNING_MEETING_TOO_FAR = "The compliance meeting must be within a year of today"
BREACH_ONLY_COURT_ORDERS = "Breach is for court orders: a voluntary programme ends in closure, never breach"
BREACH_NEEDS_THIRD_FAILURE = "Record the third unacceptable failure to attend before starting breach proceedings"
BREACH_ALREADY_OPEN = "Breach proceedings are already open on this case"
BREACH_BEFORE_THIRD_FAILURE = "Breach proceedings must start on or after the date of the third failure to attend"
BREACH_NOT_OPEN = "There are no open breach proceedings on this case"
HEARING_DATE_MISSING = "Enter the date of the breach hearing"
HEARING_COURT_INVALID = "Select the court"
HEARING_TOO_FAR = "The hearing date must be within a year of today"
OUTCOME_NOTE_MISSING = "Enter the court's decision on the breach"
OUTCOME_BEFORE_BREACH = "The date of the court's decision must be on or after the date breach proceedings started"
REFUSAL_ONLY_VOLUNTARY = ("Engagement refused is for voluntary programmes (Community Resolution and Prevention): on "
                          "a court order, record the missed appointments")
REFUSAL_NOTE_MISSING = "Enter what the child or parent/carer said"
DECLINE_ONLY_VOLUNTARY = ("Declining the service is for voluntary programmes (Community Resolution and "
                          "Prevention)")
MEETING_ONLY_COURT_ORDERS = "Compliance meetings and exit interviews are for court orders"
COMPLIANCE_MEETING_NEEDS_SECOND_WARNING = "Give the second warning, with the compliance meeting, first"
COMPLIANCE_NOTE_MISSING = "Enter the expectations and consequences explained to the child"
EXIT_INTERVIEW_ALREADY_HELD = "The exit interview has already been recorded"
EXIT_INTERVIEW_BOOKED = "The exit interview is booked: record it as held on the meeting"

COURTS = ("magistrates", "crown")
_NOTE_MAX = 2000


def _check_case(case: Case, actor: StaffMember, on: dt.date | None, errors: dict[str, str]) -> dt.date:
    if actor.service_id != case.service_id:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)
    if case.status == Case.Status.CLOSED:
        raise ValidationError({"case": LADDER_CASE_CLOSED})
    on = on or today()
    if on > today():
        errors["on"] = LADDER_DATE_IN_FUTURE
    elif on < case.started_on:
        errors["on"] = LADDER_DATE_BEFORE_CASE
    return on


def _note(note: str, errors: dict[str, str], *, required_message: str | None = None) -> str:
    note = (note or "").strip()
    if required_message and not note:
        errors["note"] = required_message
    elif len(note) > _NOTE_MAX:
        errors["note"] = NOTE_TOO_LONG
    return note


def _with_note(data: dict, note: str) -> dict:
    return {**data, "note": note} if note else data


def warning_record(*, case: Case, level: str, actor: StaffMember, on: dt.date | None = None,
                   compliance_meeting_at: dt.datetime | None = None, note: str = "") -> Event:
    """Give the first or second formal warning on a court order (the ladder of Wokingham 002, "Failures to Comply")."""
    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    note = _note(note, errors)
    if case.programme not in COURT_ORDER_PROGRAMMES:
        raise ValidationError({"case": WARNING_ONLY_COURT_ORDERS})
    if level not in ("first", "second"):
        raise ValidationError({"level": WARNING_LEVEL_INVALID})
    failures = unacceptable_failures(case)
    given = warnings_given(case)
    if level == "first":
        if "first" in given:
            errors["level"] = WARNING_FIRST_ALREADY_GIVEN
        elif not failures:
            errors["level"] = WARNING_FIRST_NEEDS_FAILURE
        elif not Appointment.objects.filter(case=case, starts_at__gt=failures[0].starts_at).filter(
                starts_at__gte=moment_on(on)).exists():
            errors["level"] = WARNING_NEXT_APPOINTMENT_MISSING
    else:
        if "second" in given:
            errors["level"] = WARNING_SECOND_ALREADY_GIVEN
        elif "first" not in given:
            errors["level"] = WARNING_SECOND_BEFORE_FIRST
        elif len(failures) < 2:
            errors["level"] = WARNING_SECOND_NEEDS_FAILURES
        if compliance_meeting_at is None:
            errors["compliance_meeting_at"] = WARNING_MEETING_MISSING
        elif timezone.localtime(compliance_meeting_at).date() < on:
            errors["compliance_meeting_at"] = WARNING_MEETING_BEFORE_WARNING
        elif compliance_meeting_at > now() + dt.timedelta(days=366):
            errors["compliance_meeting_at"] = WARNING_MEETING_TOO_FAR
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = event_record(type="warning.issued", occurred_at=moment_on(on), actor=actor, case=case,
                             data=_with_note({"level": level}, note))
        if level == "second":
            starts = timezone.localtime(compliance_meeting_at).replace(tzinfo=None).isoformat(timespec="minutes")
            event_record(type="meeting.scheduled", occurred_at=moment_on(on), actor=actor, case=case,
                         data={"purpose": "compliance", "starts_at": starts,
                               "invitees": ["child", "parent_carer", "line_manager"]})
        return event


def breach_start(*, case: Case, actor: StaffMember, on: dt.date | None = None, note: str = "") -> Event:
    """Start breach proceedings: only on a court order, once the third unacceptable failure is recorded, on or after
    its date, and while no breach is already open."""
    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    note = _note(note, errors)
    if case.programme not in COURT_ORDER_PROGRAMMES:
        raise ValidationError({"case": BREACH_ONLY_COURT_ORDERS})
    failures = unacceptable_failures(case)
    if len(failures) < 3:
        raise ValidationError({"case": BREACH_NEEDS_THIRD_FAILURE})
    if case_open_breach(case) is not None:
        raise ValidationError({"case": BREACH_ALREADY_OPEN})
    if "on" not in errors and on < timezone.localtime(failures[2].starts_at).date():
        errors["on"] = BREACH_BEFORE_THIRD_FAILURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return event_record(type="breach.initiated", occurred_at=moment_on(on), actor=actor, case=case,
                            data=_with_note({}, note))


def breach_listing_record(*, case: Case, hearing_on: dt.date | None, court: str, actor: StaffMember,
                          on: dt.date | None = None) -> Event:
    """The open breach is listed in court for a hearing date (`court.hearing-listed{purpose=breach}`)."""
    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    if case_open_breach(case) is None:
        raise ValidationError({"case": BREACH_NOT_OPEN})
    if court not in COURTS:
        errors["court"] = HEARING_COURT_INVALID
    if hearing_on is None:
        errors["hearing_on"] = HEARING_DATE_MISSING
    elif hearing_on > today() + dt.timedelta(days=366):
        errors["hearing_on"] = HEARING_TOO_FAR
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return event_record(type="court.hearing-listed", occurred_at=moment_on(on), actor=actor, case=case,
                            data={"purpose": "breach", "court": court, "hearing_date": hearing_on.isoformat()})


def breach_outcome_record(*, case: Case, note: str, actor: StaffMember, on: dt.date | None = None) -> Event:
    """The court's decision on the open breach (`court.outcome-received`, the decision as its note): the breach is
    no longer open."""
    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    note = _note(note, errors, required_message=OUTCOME_NOTE_MISSING)
    breach = case_open_breach(case)
    if breach is None:
        raise ValidationError({"case": BREACH_NOT_OPEN})
    if "on" not in errors and on < timezone.localtime(breach.occurred_at).date():
        errors["on"] = OUTCOME_BEFORE_BREACH
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return event_record(type="court.outcome-received", occurred_at=moment_on(on), actor=actor, case=case,
                            data={"note": note})


def engagement_refused_record(*, case: Case, note: str, actor: StaffMember, on: dt.date | None = None) -> Event:
    """The child or parent/carer refuse to engage with a voluntary programme: the closure request is then due within
    3 of the worker's working days (wok.cr/prev.closure-disengagement.request-3wd)."""
    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    note = _note(note, errors, required_message=REFUSAL_NOTE_MISSING)
    if case.programme not in VOLUNTARY_PROGRAMMES:
        raise ValidationError({"case": REFUSAL_ONLY_VOLUNTARY})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return event_record(type="engagement.refused", occurred_at=moment_on(on), actor=actor, case=case,
                            data={"note": note})


def programme_declined_record(*, case: Case, note: str, actor: StaffMember, on: dt.date | None = None) -> Event:
    """The child or parent/carer decline the programme: recorded with the discussion as a contact; the closure
    request (reason declined) and, once agreed, the service declined letter follow."""
    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    note = _note(note, errors, required_message=REFUSAL_NOTE_MISSING)
    if case.programme not in VOLUNTARY_PROGRAMMES:
        raise ValidationError({"case": DECLINE_ONLY_VOLUNTARY})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        declined = event_record(type="programme.declined", occurred_at=moment_on(on), actor=actor, case=case,
                                data={"note": note})
        event_record(type="record.entered", occurred_at=moment_on(on), actor=actor, case=case,
                     data={"kind": "contact", "system": "iyss", "note": note})
        return declined


def compliance_meeting_record(*, case: Case, note: str, actor: StaffMember, on: dt.date | None = None) -> Event:
    """The compliance meeting with a manager was held, and what the manager explained (expectations, consequences)."""
    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    note = _note(note, errors, required_message=COMPLIANCE_NOTE_MISSING)
    if case.programme not in COURT_ORDER_PROGRAMMES:
        raise ValidationError({"case": MEETING_ONLY_COURT_ORDERS})
    if "second" not in warnings_given(case):
        raise ValidationError({"case": COMPLIANCE_MEETING_NEEDS_SECOND_WARNING})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        held = event_record(type="meeting.held", occurred_at=moment_on(on), actor=actor, case=case,
                            data={"type": "compliance_meeting", "conducted_by": "manager",
                                  "attendees": ["child", "case_worker"]})
        event_record(type="record.entered", occurred_at=moment_on(on), actor=actor, case=case,
                     data={"kind": "contact", "system": "iyss", "topic": "compliance_meeting_outcome", "note": note})
        return held


def exit_interview_record(*, case: Case, actor: StaffMember, on: dt.date | None = None, note: str = "") -> Event:
    """A court order's exit interview was held, conducted by a manager (Wokingham 002, "Closure/Exit Interview")."""
    from waypoint.cases.selectors import case_exit_interview_held
    from waypoint.meetings.selectors import booked_exit_interview

    errors: dict[str, str] = {}
    on = _check_case(case, actor, on, errors)
    note = _note(note, errors)
    if case.programme not in COURT_ORDER_PROGRAMMES:
        raise ValidationError({"case": MEETING_ONLY_COURT_ORDERS})
    if case_exit_interview_held(case):
        raise ValidationError({"case": EXIT_INTERVIEW_ALREADY_HELD})
    if booked_exit_interview(case) is not None:
        raise ValidationError({"case": EXIT_INTERVIEW_BOOKED})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return event_record(type="meeting.held", occurred_at=moment_on(on), actor=actor, case=case,
                            data=_with_note({"type": "exit_interview", "conducted_by": "manager"}, note))
