"""Writes for appointments and contacts. Each writes its rows and the chronology events the policy rules read, in one
transaction, so the case's obligations are worked out again with it (cases.services.event_record).

Events written (catalogue §3.1):
- scheduling: `appointment.scheduled{appointment_id, type, location, starts_at, seq}`;
- rescheduling (only before the start, with a reason): `appointment.rescheduled{appointment_id, starts_at, reason}`;
- an outcome (only once the appointment has started): attended gives `appointment.outcome-recorded{attended}` and,
  for a session, `session.delivered{type}`, for a home visit `home-visit.completed`; a miss gives
  `appointment.missed{... outcome}` dated at the appointment's start (its clocks run from the failure, not the
  recording), a home visit with no answer also `home-visit.unsuccessful`; a later change of outcome
  `appointment.outcome-recorded`; evidence `absence.evidence-received`; the verbal-warning exception
  `warning.issued{level=verbal}` with its rationale as `record.entered{kind=rationale}`;
- every outcome and contact also writes `record.entered{system=iyss, kind=session|contact}` at the moment it is
  entered, so "recorded within 2 working days" is measured from when the worker actually recorded it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from waypoint.cases.models import Case
from waypoint.cases.services import event_record, require_case_in_actors_service
from waypoint.core.models import now, today
from waypoint.policy.calendar import Calendar, WorkingPattern
from waypoint.workforce.models import StaffMember

from .models import (
    Appointment,
    AppointmentKind,
    AppointmentOutcome,
    AppointmentReschedule,
    EvidenceKind,
    Outcome,
    outcomes_for,
)

APPOINTMENT_KIND_INVALID = "Select the type of appointment"
APPOINTMENT_START_MISSING = "Enter the date and time of the appointment"
APPOINTMENT_TOO_FAR = "The appointment must be within a year of today"
APPOINTMENT_BEFORE_CASE = "The appointment must be on or after the date the case started"
APPOINTMENT_CASE_CLOSED = "You cannot book an appointment on a closed case"
APPOINTMENT_WORKER_INVALID = "Select a worker from this case's service"
APPOINTMENT_DURATION_INVALID = "The length must be between 5 minutes and 8 hours"
SERIES_END_BEFORE_START = "The last date must be the same as or after the first appointment"
SERIES_TOO_LONG = "Book at most 3 months of appointments in one go"
SERIES_INTERVAL_INVALID = "Select how often the appointments are"
RESCHEDULE_AFTER_START = ("You can only reschedule an appointment before it starts: record what happened "
                          "instead")
RESCHEDULE_REASON_MISSING = "Enter the reason for rescheduling"
RESCHEDULE_TO_PAST = "The new time must be in the future"
RESCHEDULE_UNCHANGED = "Enter a different date or time"
RESCHEDULE_AFTER_OUTCOME = "This appointment already has an outcome"
OUTCOME_BEFORE_START = "You can only record an outcome once the appointment has started"
OUTCOME_INVALID = "Select an outcome for this programme"
OUTCOME_UNCHANGED = "This outcome is already recorded"
EVIDENCE_KIND_MISSING = "Select the kind of written evidence for the acceptable absence"
EVIDENCE_DATE_MISSING = "Enter the date the evidence was received"
EVIDENCE_IN_FUTURE = "The date the evidence was received must be today or in the past"
EVIDENCE_ONLY_ACCEPTABLE = "Written evidence is recorded for an acceptable absence only"
EVIDENCE_FILE_TYPE = "The evidence must be a PDF, JPG, PNG, HEIC, DOC, DOCX or TXT file"
EVIDENCE_FILE_TOO_BIG = "The evidence must be smaller than 10MB"
EVIDENCE_FILE_EMPTY = "The selected file is empty"
VERBAL_WARNING_ONLY_UNACCEPTABLE = "A verbal warning is given for an unacceptable absence only"
VERBAL_WARNING_RATIONALE_MISSING = "Enter why a verbal warning is given instead of a warning letter"
VERBAL_WARNING_ALREADY_USED = "A verbal warning has already been used on this case: send a warning letter"

MAX_AHEAD = dt.timedelta(days=366)
MAX_SERIES = dt.timedelta(days=93)

_KIND_EVENT = {
    # appointment kind -> (event `type`, event `location`) as the catalogue's vocabulary names them
    AppointmentKind.SUPERVISION: ("supervision", "office"),
    AppointmentKind.ASSESSMENT: (None, "office"),
    AppointmentKind.PLANNING: (None, "office"),
    AppointmentKind.HOME_VISIT: ("home_visit", "home"),
    AppointmentKind.HOME_VISIT_UNANNOUNCED: ("home_visit", "home"),
    AppointmentKind.OFFICE: ("office", "office"),
    AppointmentKind.SCHOOL: (None, "school"),
    AppointmentKind.PHONE: (None, "other"),
    AppointmentKind.VIDEO: (None, "other"),
}
_SESSION_TYPES = {
    AppointmentKind.SUPERVISION: "supervision", AppointmentKind.ASSESSMENT: "assessment",
    AppointmentKind.PLANNING: "planning",
}
_HOME_VISITS = {AppointmentKind.HOME_VISIT, AppointmentKind.HOME_VISIT_UNANNOUNCED}



def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


# ---- Warnings (shown, never blocking) ----------------------------------------------------------------------------

@dataclass(frozen=True)
class SchedulingWarning:
    message: str


def scheduling_warnings(*, case: Case, staff: StaffMember, starts_at: dt.datetime, duration_minutes: int = 60,
                        exclude: Appointment | None = None) -> list[str]:
    """What a worker should know before booking: not their working day, a bank holiday, a clash with another of
    their appointments or another of the child's."""
    local = timezone.localtime(_aware(starts_at))
    day = local.date()
    warnings = []
    calendar = Calendar()
    holiday = calendar.bank_holiday_name(day)
    if holiday:
        warnings.append(f"{day:%A} {day.day} {day:%B %Y} is a bank holiday ({holiday})")
    elif staff.working_days and day.weekday() not in WorkingPattern.from_names(staff.working_days).weekdays:
        warnings.append(f"{day:%A} is not one of {staff.display_name}’s working days ({staff.working_days_text})")
    ends_at = _aware(starts_at) + dt.timedelta(minutes=duration_minutes)
    # Only this worker's and this child's appointments can clash (an appointment lasts at most 8 hours).
    overlapping = Appointment.objects.filter(
        Q(staff=staff) | Q(case__child_id=case.child_id),
        starts_at__lt=ends_at, starts_at__gte=_aware(starts_at) - dt.timedelta(hours=8),
    )
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    for other in overlapping.select_related("case__child", "staff"):
        if other.starts_at + dt.timedelta(minutes=other.duration_minutes) <= _aware(starts_at):
            continue
        when = timezone.localtime(other.starts_at)
        if other.staff_id == staff.pk:
            warnings.append(f"{staff.display_name} already has an appointment at {when:%H:%M} that day")
        elif other.case.child_id == case.child_id:
            warnings.append(f"{case.child.display_name} already has an appointment at {when:%H:%M} that day")
    return warnings


# ---- Scheduling ----------------------------------------------------------------------------------------------------

def _check_booking(case: Case, staff: StaffMember, kind: str, starts_at, duration_minutes: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in AppointmentKind.values:
        errors["kind"] = APPOINTMENT_KIND_INVALID
    if starts_at is None:
        errors["starts_at"] = APPOINTMENT_START_MISSING
    else:
        local_day = timezone.localtime(_aware(starts_at)).date()
        if _aware(starts_at) > now() + MAX_AHEAD:
            errors["starts_at"] = APPOINTMENT_TOO_FAR
        elif local_day < case.started_on:
            errors["starts_at"] = APPOINTMENT_BEFORE_CASE
    if staff is None or staff.service_id != case.service_id or not staff.active:
        errors["staff"] = APPOINTMENT_WORKER_INVALID
    if not 5 <= (duration_minutes or 0) <= 480:
        errors["duration_minutes"] = APPOINTMENT_DURATION_INVALID
    if case.status == Case.Status.CLOSED:
        errors["case"] = APPOINTMENT_CASE_CLOSED
    return errors


def _schedule_one(*, case, staff, kind, starts_at, duration_minutes, place, with_whom, actor, seq) -> Appointment:
    appointment = Appointment(
        case=case, staff=staff, kind=kind, starts_at=_aware(starts_at), duration_minutes=duration_minutes,
        place=(place or "").strip(), with_whom=(with_whom or "").strip(), created_by=actor, created_at=now(),
    )
    appointment.full_clean()
    appointment.save()
    event_type, location = _KIND_EVENT[AppointmentKind(kind)]
    data = {"appointment_id": appointment.appointment_id, "location": location, "seq": seq,
            "starts_at": timezone.localtime(appointment.starts_at).replace(tzinfo=None).isoformat(timespec="minutes")}
    if event_type:
        data["type"] = event_type
    event_record(type="appointment.scheduled", occurred_at=now(), actor=actor, case=case, data=data)
    return appointment


def appointment_schedule(*, case: Case, staff: StaffMember, kind: str, starts_at: dt.datetime, actor: StaffMember,
                         duration_minutes: int = 60, place: str = "", with_whom: str = "") -> Appointment:
    """Book one appointment (warnings are the caller's to show: see `scheduling_warnings`)."""
    require_case_in_actors_service(actor, case)
    errors = _check_booking(case, staff, kind, starts_at, duration_minutes)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        seq = Appointment.objects.filter(case=case).count() + 1
        return _schedule_one(case=case, staff=staff, kind=kind, starts_at=starts_at,
                             duration_minutes=duration_minutes, place=place, with_whom=with_whom, actor=actor, seq=seq)


def appointments_schedule_series(*, case: Case, staff: StaffMember, kind: str, first_at: dt.datetime,
                                 last_on: dt.date, every_days: int, actor: StaffMember, duration_minutes: int = 60,
                                 place: str = "", with_whom: str = "") -> list[Appointment]:
    """Book a run of appointments at the same time, every `every_days` days from `first_at` up to `last_on`
    (the month ahead in one go). All or nothing: one transaction."""
    require_case_in_actors_service(actor, case)
    errors = _check_booking(case, staff, kind, first_at, duration_minutes)
    if every_days not in (7, 14):
        errors["every_days"] = SERIES_INTERVAL_INVALID
    if first_at is not None and last_on is not None:
        first_day = timezone.localtime(_aware(first_at)).date()
        if last_on < first_day:
            errors["last_on"] = SERIES_END_BEFORE_START
        elif last_on - first_day > MAX_SERIES:
            errors["last_on"] = SERIES_TOO_LONG
        elif _aware(first_at) + (last_on - first_day) > now() + MAX_AHEAD:
            errors["last_on"] = APPOINTMENT_TOO_FAR
    if errors:
        raise ValidationError(errors)
    first = timezone.localtime(_aware(first_at))
    booked = []
    with transaction.atomic():
        seq = Appointment.objects.filter(case=case).count()
        day = first.date()
        while day <= last_on:
            seq += 1
            moment = timezone.make_aware(dt.datetime.combine(day, first.time().replace(tzinfo=None)))
            booked.append(_schedule_one(case=case, staff=staff, kind=kind, starts_at=moment,
                                        duration_minutes=duration_minutes, place=place, with_whom=with_whom,
                                        actor=actor, seq=seq))
            day += dt.timedelta(days=every_days)
    return booked


def appointment_reschedule(*, appointment: Appointment, starts_at: dt.datetime, reason: str,
                           actor: StaffMember) -> Appointment:
    """Move an appointment that has not started yet, with the reason. A missed appointment is never rescheduled."""
    case = appointment.case
    require_case_in_actors_service(actor, case)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if appointment.starts_at <= now():
        raise ValidationError({"appointment": RESCHEDULE_AFTER_START})
    if appointment.outcomes.exists():
        raise ValidationError({"appointment": RESCHEDULE_AFTER_OUTCOME})
    if not reason:
        errors["reason"] = RESCHEDULE_REASON_MISSING
    if starts_at is None:
        errors["starts_at"] = APPOINTMENT_START_MISSING
    elif _aware(starts_at) <= now():
        errors["starts_at"] = RESCHEDULE_TO_PAST
    elif _aware(starts_at) > now() + MAX_AHEAD:
        errors["starts_at"] = APPOINTMENT_TOO_FAR
    elif _aware(starts_at) == appointment.starts_at:
        errors["starts_at"] = RESCHEDULE_UNCHANGED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        AppointmentReschedule(
            appointment=locked, from_starts_at=locked.starts_at, to_starts_at=_aware(starts_at), reason=reason,
            recorded_by=actor, recorded_at=now(),
        ).save()
        locked.starts_at = _aware(starts_at)
        locked.full_clean()
        locked.save(update_fields=["starts_at"])
        event_record(type="appointment.rescheduled", occurred_at=now(), actor=actor, case=case, data={
            "appointment_id": locked.appointment_id, "reason": reason,
            "starts_at": timezone.localtime(locked.starts_at).replace(tzinfo=None).isoformat(timespec="minutes"),
        })
        return locked


# ---- Outcomes --------------------------------------------------------------------------------------------------

def _home_visit_seq(appointment: Appointment) -> int:
    return Appointment.objects.filter(
        case=appointment.case, kind__in=list(_HOME_VISITS), starts_at__lte=appointment.starts_at,
    ).count()


def _appointment_seq(appointment: Appointment) -> int:
    """The appointment's number on the case, as its `appointment.scheduled` event gave it (the no contact routes
    name the missed appointment by it: `appointment.missed{seq=2}`)."""
    return Appointment.objects.filter(case=appointment.case, pk__lte=appointment.pk).count()


def _verbal_warning_used(case: Case, excluding: Appointment) -> bool:
    return AppointmentOutcome.objects.filter(appointment__case=case, verbal_warning=True).exclude(
        appointment=excluding).exists()


def appointment_record_outcome(
    *,
    appointment: Appointment,
    outcome: str,
    actor: StaffMember,
    notes: str = "",
    evidence_kind: str = "",
    evidence_received_on: dt.date | None = None,
    verbal_warning: bool = False,
    verbal_warning_rationale: str = "",
    evidence_file=None,
) -> AppointmentOutcome:
    """Record what happened at an appointment once it has started, with the programme's own outcome codes."""
    case = appointment.case
    require_case_in_actors_service(actor, case)
    if appointment.starts_at > now():
        raise ValidationError({"appointment": OUTCOME_BEFORE_START})
    errors: dict[str, str] = {}
    if outcome not in [o.value for o in outcomes_for(case.programme)]:
        errors["outcome"] = OUTCOME_INVALID
    voluntary = case.programme in ("community_resolution", "prevention")
    if evidence_kind or evidence_received_on:
        if outcome != Outcome.ACCEPTABLE:
            errors["evidence_kind"] = EVIDENCE_ONLY_ACCEPTABLE
    if outcome == Outcome.ACCEPTABLE and not voluntary:
        if evidence_kind not in EvidenceKind.values:
            errors["evidence_kind"] = EVIDENCE_KIND_MISSING
        if evidence_received_on is None:
            errors["evidence_received_on"] = EVIDENCE_DATE_MISSING
    if evidence_file is not None:
        problem = _evidence_file_problem(evidence_file)
        if outcome != Outcome.ACCEPTABLE:
            errors["evidence_file"] = EVIDENCE_ONLY_ACCEPTABLE
        elif problem:
            errors["evidence_file"] = problem
    if evidence_received_on is not None and evidence_received_on > today():
        errors["evidence_received_on"] = EVIDENCE_IN_FUTURE
    rationale = (verbal_warning_rationale or "").strip()
    if verbal_warning:
        if outcome != Outcome.UNACCEPTABLE:
            errors["verbal_warning"] = VERBAL_WARNING_ONLY_UNACCEPTABLE
        elif not rationale:
            errors["verbal_warning_rationale"] = VERBAL_WARNING_RATIONALE_MISSING
        elif _verbal_warning_used(case, appointment):
            errors["verbal_warning"] = VERBAL_WARNING_ALREADY_USED
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        previous = locked.outcomes.order_by("recorded_at", "id").last()
        if previous is not None and previous.outcome == outcome and not evidence_kind and not verbal_warning:
            raise ValidationError({"outcome": OUTCOME_UNCHANGED})
        row = AppointmentOutcome(
            appointment=locked, outcome=outcome, notes=(notes or "").strip(), evidence_kind=evidence_kind or "",
            evidence_received_on=evidence_received_on, verbal_warning=verbal_warning,
            verbal_warning_rationale=rationale, recorded_by=actor, recorded_at=now(),
        )
        if evidence_file is not None:
            row.evidence_file_name = str(evidence_file.name)[-200:]
            row.evidence_file.save(evidence_file.name, evidence_file, save=False)
        row.full_clean()
        row.save()
        _outcome_events(locked, row, previous, actor)
        return row


def _evidence_file_problem(upload) -> str:
    from django.conf import settings

    from .models import EVIDENCE_EXTENSIONS

    name = str(getattr(upload, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        return EVIDENCE_FILE_TYPE
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        return EVIDENCE_FILE_EMPTY
    if size > settings.WAYPOINT_UPLOAD_MAX_BYTES:
        return EVIDENCE_FILE_TOO_BIG
    return ""


def _outcome_events(appointment: Appointment, row: AppointmentOutcome, previous, actor: StaffMember) -> None:
    case = appointment.case
    ident = appointment.appointment_id
    event_type, location = _KIND_EVENT[AppointmentKind(appointment.kind)]
    starts_local = timezone.localtime(appointment.starts_at).replace(tzinfo=None).isoformat(timespec="minutes")
    # Was a miss recorded before (so its appointment.missed event exists)? Then a change is a new outcome only.
    missed_before = AppointmentOutcome.objects.filter(appointment=appointment).exclude(pk=row.pk).exclude(
        outcome=Outcome.ATTENDED).exists()
    if row.is_miss and not missed_before:
        data = {"appointment_id": ident, "location": location, "outcome": row.outcome, "starts_at": starts_local,
                "seq": _appointment_seq(appointment)}
        if event_type:
            data["type"] = event_type
        # Dated at the appointment: a missed appointment's clocks run from the failure, not from its recording.
        event_record(type="appointment.missed", occurred_at=appointment.starts_at, actor=actor, case=case, data=data)
        if appointment.kind in _HOME_VISITS:
            event_record(type="home-visit.unsuccessful", occurred_at=appointment.starts_at, actor=actor, case=case,
                         data={"announced": appointment.kind == AppointmentKind.HOME_VISIT,
                               "seq": _home_visit_seq(appointment)})
    else:
        event_record(type="appointment.outcome-recorded", occurred_at=now(), actor=actor, case=case,
                     data={"appointment_id": ident, "outcome": row.outcome})
    if row.outcome == Outcome.ATTENDED and (previous is None or previous.is_miss):
        if appointment.kind in _SESSION_TYPES:
            event_record(type="session.delivered", occurred_at=appointment.starts_at, actor=actor, case=case,
                         data={"appointment_id": ident, "type": _SESSION_TYPES[AppointmentKind(appointment.kind)]})
        if appointment.kind in _HOME_VISITS:
            event_record(type="home-visit.completed", occurred_at=appointment.starts_at, actor=actor, case=case,
                         data={"announced": appointment.kind == AppointmentKind.HOME_VISIT,
                               "seq": _home_visit_seq(appointment)})
    if row.evidence_received_on is not None:
        event_record(type="absence.evidence-received", occurred_at=row.evidence_received_on, actor=actor, case=case,
                     data={"appointment_id": ident})
    if row.verbal_warning:
        event_record(type="warning.issued", occurred_at=now(), actor=actor, case=case, data={"level": "verbal"})
        event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                     data={"kind": "rationale", "system": "iyss", "reason": row.verbal_warning_rationale})
    event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                 data={"kind": "session", "system": "iyss", "appointment_id": ident})
