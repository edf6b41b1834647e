"""Writes for the workforce: add a staff member (with the account they sign in with), record and end absences.

Staff events (`staff.employment-started`, `staff.leave-planned`, `staff.absence-started`, `staff.absence-ended`)
go to the staff member's own chronology in the same transaction: supervision and caseload-review rules start
from them.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from waypoint.cases.services import event_record
from waypoint.core.models import now, today

from .models import Absence, Service, StaffMember, Team

STAFF_TEAM_OTHER_SERVICE = "Select a team from this service"
STAFF_LINE_MANAGER_OTHER_SERVICE = "Select a line manager from this service"
STAFF_USERNAME_TAKEN = "Choose a different username: this one is already in use"
STAFF_USERNAME_MISSING = "Enter a username"
ABSENCE_START_MISSING = "Enter the date the absence starts"
ABSENCE_ALREADY_ENDED = "This absence has already ended"
ABSENCE_END_BEFORE_START = "The end date must be the same as or after the start date"
ABSENCE_END_IN_FUTURE = "The date the worker returned must be today or in the past"
ABSENCE_UNPLANNED_IN_FUTURE = "An unplanned absence must start today or in the past"
ABSENCE_LEAVE_END_MISSING = "Enter the last day of the leave"
ABSENCE_UNPLANNED_END_IN_FUTURE = ("The last day of an unplanned absence must be today or in the past: leave it out "
                                   "and record the return when the worker is back")
ACTOR_OTHER_SERVICE = "You can only change staff records in your own service"
ABSENCE_ONLY_MANAGERS = "Only a manager can record another worker's absence"


def _require_may_record_for(actor: StaffMember | None, staff: StaffMember) -> None:
    if actor is None:
        return
    if actor.service_id != staff.service_id:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)
    if actor.pk != staff.pk and not actor.is_manager and actor.role != StaffMember.Role.BUSINESS_SUPPORT:
        raise PermissionDenied(ABSENCE_ONLY_MANAGERS)


def staff_create(
    *,
    service: Service,
    username: str,
    given_name: str,
    family_name: str,
    role: str,
    gender: str,
    actor: StaffMember | None = None,
    password: str | None = None,
    email: str = "",
    team: Team | None = None,
    specialism: str = "",
    band: str = "",
    working_days: list[str] | None = None,
    contracted_hours: Decimal | None = None,
    line_manager: StaffMember | None = None,
    active: bool = True,
    employment_started_on: dt.date | None = None,
) -> StaffMember:
    """Add a staff member and their user account. Without a password the account cannot sign in until one is set.

    `actor` is None only when the service itself is being set up (the first manager, demo data).
    """
    if actor is not None and actor.service_id != service.pk:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)
    username = (username or "").strip()
    errors: dict[str, str] = {}
    User = get_user_model()
    if not username:
        errors["username"] = STAFF_USERNAME_MISSING
    elif User.objects.filter(username=username).exists():
        errors["username"] = STAFF_USERNAME_TAKEN
    if team is not None and team.service_id != service.pk:
        errors["team"] = STAFF_TEAM_OTHER_SERVICE
    if line_manager is not None and line_manager.service_id != service.pk:
        errors["line_manager"] = STAFF_LINE_MANAGER_OTHER_SERVICE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User(username=username, email=email, first_name=given_name, last_name=family_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        staff = StaffMember(
            user=user, service=service, team=team, given_name=given_name.strip(), family_name=family_name.strip(),
            role=role, specialism=specialism, band=band, gender=gender,
            working_days=list(working_days) if working_days is not None else StaffMember._meta.get_field(
                "working_days").get_default(),
            contracted_hours=contracted_hours if contracted_hours is not None else Decimal("37.0"),
            line_manager=line_manager, active=active,
        )
        staff.full_clean()
        staff.save()
        if employment_started_on is not None:
            event_record(
                type="staff.employment-started", occurred_at=employment_started_on, actor=actor, staff=staff,
            )
        return staff


def absence_record(
    *,
    staff: StaffMember,
    kind: str,
    starts_on: dt.date | None,
    actor: StaffMember | None,
    ends_on: dt.date | None = None,
) -> Absence:
    """Record planned leave (`staff.leave-planned{start, end}`, booked now; its last day is required, since the
    rules compare it with review dates) or an unplanned absence (`staff.absence-started{planned: false}`, on its first
    day, and if the worker is already back, `staff.absence-ended` on its last)."""
    _require_may_record_for(actor, staff)
    errors: dict[str, str] = {}
    if starts_on is None:
        errors["starts_on"] = ABSENCE_START_MISSING
    elif kind == Absence.Kind.UNPLANNED and starts_on > today():
        errors["starts_on"] = ABSENCE_UNPLANNED_IN_FUTURE
    if ends_on is None:
        if kind == Absence.Kind.PLANNED:
            errors["ends_on"] = ABSENCE_LEAVE_END_MISSING
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = ABSENCE_END_BEFORE_START
    elif kind == Absence.Kind.UNPLANNED and ends_on > today():
        errors["ends_on"] = ABSENCE_UNPLANNED_END_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        absence = Absence(staff=staff, kind=kind, starts_on=starts_on, ends_on=ends_on, created_at=now())
        absence.full_clean()
        absence.save()
        if kind == Absence.Kind.PLANNED:
            data = {"start": starts_on.isoformat()}
            if ends_on is not None:
                data["end"] = ends_on.isoformat()
            event_record(type="staff.leave-planned", occurred_at=now(), actor=actor, staff=staff, data=data)
        else:
            event_record(
                type="staff.absence-started", occurred_at=starts_on, actor=actor, staff=staff,
                data={"planned": False},
            )
            if ends_on is not None:
                event_record(type="staff.absence-ended", occurred_at=ends_on, actor=actor, staff=staff)
        return absence


def absence_end(*, absence: Absence, ends_on: dt.date, actor: StaffMember | None) -> Absence:
    """Record the worker's return (`staff.absence-ended`); ends_on is the last day of the absence."""
    _require_may_record_for(actor, absence.staff)
    if ends_on < absence.starts_on:
        raise ValidationError({"ends_on": ABSENCE_END_BEFORE_START})
    if ends_on > today():
        raise ValidationError({"ends_on": ABSENCE_END_IN_FUTURE})
    with transaction.atomic():
        # The row locked, so two returns recorded at once cannot both be written.
        absence = Absence.objects.select_for_update().select_related("staff").get(pk=absence.pk)
        if absence.ends_on is not None:
            raise ValidationError({"ends_on": ABSENCE_ALREADY_ENDED})
        absence.ends_on = ends_on
        absence.full_clean()
        absence.save(update_fields=["ends_on"])
        event_record(
            type="staff.absence-ended", occurred_at=ends_on, actor=actor,
            staff=absence.staff,
        )
        return absence
