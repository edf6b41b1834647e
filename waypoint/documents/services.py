"""Writes for letters: save a new version of a template, write a letter, mark it sent.

- `letter_template_save` writes the next version of a service's template for a type of letter; it never changes
  one. The template must compile in the sandbox and render with the sample data of every shape of that letter
  (waypoint/documents/rendering.py), so a template that would break a letter is refused with a GOV.UK message
  and nothing is saved. Only business support and managers may edit templates.
- `letter_create` fills in the latest version with the case's data and stores the version and the data. The PDF
  is rendered again from those on demand rather than stored: both are immutable rows, so the letter is the same
  every time; the database keeps no binary blobs (a month of letters per case would be most of its size); and a
  letter can be previewed as HTML from the same source as its PDF.
- `letter_mark_sent` records the date it went and how, once, and writes one `letter.sent` event per recipient
  (and per appointment, for a letter about several, as each appointment's "given in writing" duty is matched by
  `appointment_id`) with `type`, `to`, `method` and, for an appointment letter, `appointment_id` and `seq` (the
  case's first appointment letter is seq 1: wok.cr.first-appointment.letter-friday). The order completion letter
  also writes `document.given{type=order_completion_letter, to}`, the event wok.yro.exit.completion-letter reads.
  The obligations are worked out once, after all of a letter's events (obligations.services.recompute_deferred).
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from waypoint.appointments.models import Appointment
from waypoint.cases.models import Case, Programme
from waypoint.cases.services import ACTOR_OTHER_SERVICE, event_record, moment_on, require_case_in_actors_service
from waypoint.core.models import now, today
from waypoint.obligations.services import recompute_deferred
from waypoint.workforce.models import StaffMember

from . import content
from .defaults import DEFAULTS
from .models import Letter, LetterTemplate, LetterType, SendMethod
from .rendering import LetterTemplateError, check_template, render_letter

TEMPLATE_ONLY_ADMINS = "Only business support or a manager can change letter templates"
TEMPLATE_TYPE_INVALID = "Select the type of letter"
TEMPLATE_TITLE_MISSING = "Enter the title of the letter"
TEMPLATE_BODY_MISSING = "Enter the text of the letter"
TEMPLATE_UNCHANGED = "Change the title or the text to save a new version"
LETTER_TYPE_INVALID = "Select the type of letter"
LETTER_TYPE_NOT_FOR_PROGRAMME = "This type of letter is not used on this programme"
LETTER_APPOINTMENTS_MISSING = "Select the appointments the letter is about"
LETTER_ONE_APPOINTMENT = "Select one appointment: the next appointment the letter offers"
LETTER_NO_APPOINTMENTS = "This letter is not about an appointment: clear the appointments"
LETTER_APPOINTMENT_INVALID = "Select appointments on this case that have not started yet"
LETTER_NO_ORDER = ("Record the order (its type, the date it was made and its end date) before writing the order "
                   "completion letter")
LETTER_CASE_CLOSED_WARNING = "You cannot write a warning or breach letter on a closed case"
LETTER_TEMPLATE_BROKEN = "The letter template cannot be used for this case. Ask business support to check it: {message}"
SENT_DATE_MISSING = "Enter the date the letter was sent"
SENT_DATE_IN_FUTURE = "The date the letter was sent must be today or in the past"
SENT_BEFORE_WRITTEN = "The date the letter was sent must be on or after the day it was written"
SENT_METHOD_INVALID = "Select how the letter was sent"
SENT_ALREADY = "This letter has already been marked as sent"

VOLUNTARY = {Programme.COMMUNITY_RESOLUTION, Programme.PREVENTION}
_VOLUNTARY_TYPES = [
    LetterType.APPOINTMENT, LetterType.HOME_VISIT_FINAL_SHOUT, LetterType.PREVENTION_FINAL_ATTEMPT,
    LetterType.CLOSURE_NO_CONTACT, LetterType.CLOSURE_DISENGAGEMENT, LetterType.SERVICE_DECLINED,
]
_ORDER_TYPES = [
    LetterType.APPOINTMENT, LetterType.FIRST_WARNING, LetterType.SECOND_WARNING, LetterType.BREACH,
    LetterType.ORDER_COMPLETION,
]
_ONE_APPOINTMENT = {LetterType.HOME_VISIT_FINAL_SHOUT, LetterType.PREVENTION_FINAL_ATTEMPT,
                    LetterType.FIRST_WARNING, LetterType.SECOND_WARNING}
_NO_APPOINTMENTS = {LetterType.CLOSURE_NO_CONTACT, LetterType.CLOSURE_DISENGAGEMENT, LetterType.SERVICE_DECLINED,
                    LetterType.ORDER_COMPLETION}
_ON_OPEN_CASES = {LetterType.FIRST_WARNING, LetterType.SECOND_WARNING, LetterType.BREACH}


def letter_types_for(case: Case) -> list[LetterType]:
    """The letters the guidance names for the case's programme: the voluntary programmes' route to closure, the
    court orders' warnings, breach and completion."""
    if case.programme in VOLUNTARY:
        types = list(_VOLUNTARY_TYPES)
        if case.programme != Programme.PREVENTION:
            types.remove(LetterType.PREVENTION_FINAL_ATTEMPT)
        return types
    return list(_ORDER_TYPES)


def can_edit_templates(staff: StaffMember) -> bool:
    return staff.is_manager or staff.role == StaffMember.Role.BUSINESS_SUPPORT



# ---- Templates -----------------------------------------------------------------------------------------------------

def template_latest(*, service, letter_type: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(service=service, letter_type=letter_type).order_by("-version").first()


def _built_in(service, letter_type: str) -> LetterTemplate:
    title, body = DEFAULTS[letter_type]
    return LetterTemplate(service=service, letter_type=letter_type, version=1, title=title, body=body,
                          created_by=None, created_at=now())


def _write_version(template: LetterTemplate) -> LetterTemplate:
    template.full_clean()
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        # Someone saved the same version a moment ago: the unique constraint keeps versions from being overwritten.
        raise ValidationError({"body": "Someone else saved this template just now. Check their version, then save "
                                       "yours again"})
    return template


def template_in_force_for_use(*, service, letter_type: str) -> LetterTemplate:
    """The latest version, writing the built-in default as version 1 the first time the service uses the type."""
    latest = template_latest(service=service, letter_type=letter_type)
    if latest is not None:
        return latest
    try:
        with transaction.atomic():
            return _write_version(_built_in(service, letter_type))
    except ValidationError:
        return template_latest(service=service, letter_type=letter_type)


def template_preview(*, letter_type: str, title: str, body: str):
    """The template rendered with made-up data (the first sample), or ValidationError keyed `body`/`title`."""
    if letter_type not in LetterType.values:
        raise ValidationError({"letter_type": TEMPLATE_TYPE_INVALID})
    errors = {}
    if not (title or "").strip():
        errors["title"] = TEMPLATE_TITLE_MISSING
    if not (body or "").strip():
        errors["body"] = TEMPLATE_BODY_MISSING
    if errors:
        raise ValidationError(errors)
    samples = content.sample_data(letter_type)
    try:
        check_template(title=title, body="{{ '' }}", samples=samples)
    except LetterTemplateError as error:
        raise ValidationError({"title": error.message})
    try:
        return check_template(title=title, body=body, samples=samples)
    except LetterTemplateError as error:
        raise ValidationError({"body": error.message})


def letter_template_save(*, service, letter_type: str, title: str, body: str, actor: StaffMember) -> LetterTemplate:
    """Save a new version of the service's template for `letter_type` (the built-in one becomes version 1 first)."""
    if not can_edit_templates(actor):
        raise PermissionDenied(TEMPLATE_ONLY_ADMINS)
    if actor.service_id != service.pk:
        raise PermissionDenied(ACTOR_OTHER_SERVICE)
    title, body = (title or "").strip(), (body or "").replace("\r\n", "\n").strip() + "\n"
    template_preview(letter_type=letter_type, title=title, body=body)
    with transaction.atomic():
        current = template_in_force_for_use(service=service, letter_type=letter_type)
        if current.title == title and current.body.strip() == body.strip():
            raise ValidationError({"body": TEMPLATE_UNCHANGED})
        return _write_version(LetterTemplate(
            service=service, letter_type=letter_type, version=current.version + 1, title=title, body=body,
            created_by=actor, created_at=now(),
        ))


# ---- Letters -------------------------------------------------------------------------------------------------------

def _check_appointments(case: Case, letter_type: str, appointments: list[Appointment]) -> None:
    if any(a.case_id != case.pk or a.starts_at <= now() for a in appointments):
        raise ValidationError({"appointments": LETTER_APPOINTMENT_INVALID})
    if letter_type == LetterType.APPOINTMENT and not appointments:
        raise ValidationError({"appointments": LETTER_APPOINTMENTS_MISSING})
    if letter_type in _ONE_APPOINTMENT and len(appointments) != 1:
        raise ValidationError({"appointments": LETTER_ONE_APPOINTMENT})
    if letter_type == LetterType.BREACH and len(appointments) > 1:
        raise ValidationError({"appointments": LETTER_ONE_APPOINTMENT})
    if letter_type in _NO_APPOINTMENTS and appointments:
        raise ValidationError({"appointments": LETTER_NO_APPOINTMENTS})


def letter_create(*, case: Case, letter_type: str, appointments: list[Appointment], actor: StaffMember) -> Letter:
    """Write a letter from the latest template version, with the case's data as it is now."""
    require_case_in_actors_service(actor, case)
    if letter_type not in LetterType.values:
        raise ValidationError({"letter_type": LETTER_TYPE_INVALID})
    if letter_type not in letter_types_for(case):
        raise ValidationError({"letter_type": LETTER_TYPE_NOT_FOR_PROGRAMME})
    if letter_type in _ON_OPEN_CASES and not case.is_open:
        raise ValidationError({"letter_type": LETTER_CASE_CLOSED_WARNING})
    appointments = list(appointments)
    _check_appointments(case, letter_type, appointments)
    on, at = today(), now()
    recipients = content.letter_recipients(case, letter_type, on)
    try:
        data = content.letter_data(case=case, letter_type=letter_type, appointments=appointments,
                                   recipients=recipients, on=on, at=at)
    except ValueError as error:  # the law module refuses (an adult conviction, a custody term not recorded)
        raise ValidationError({"letter_type": str(error)})
    if letter_type == LetterType.ORDER_COMPLETION and data["order"] is None:
        raise ValidationError({"letter_type": LETTER_NO_ORDER})
    with transaction.atomic():
        template = template_in_force_for_use(service=case.service, letter_type=letter_type)
        try:
            render_letter(title=template.title, body=template.body, data=data)
        except LetterTemplateError as error:
            raise ValidationError({"letter_type": LETTER_TEMPLATE_BROKEN.format(message=error.message)})
        letter = Letter(case=case, letter_type=letter_type, template=template, recipients=recipients, data=data,
                        created_at=at, created_by=actor)
        letter.full_clean()
        letter.save()
        letter.appointments.set(appointments)
    return letter


def letter_render(letter: Letter):
    """The letter's title and body, from its template version and stored data."""
    return render_letter(title=letter.template.title, body=letter.template.body, data=letter.data)


def letter_mark_sent(*, letter: Letter, sent_on: dt.date | None, method: str, actor: StaffMember) -> Letter:
    """Record that the letter went, on `sent_on` and how, and write its `letter.sent` events (once)."""
    case = letter.case
    require_case_in_actors_service(actor, case)
    errors = {}
    if sent_on is None:
        errors["sent_on"] = SENT_DATE_MISSING
    elif sent_on > today():
        errors["sent_on"] = SENT_DATE_IN_FUTURE
    elif sent_on < timezone.localtime(letter.created_at).date():
        errors["sent_on"] = SENT_BEFORE_WRITTEN
    if method not in SendMethod.values:
        errors["method"] = SENT_METHOD_INVALID
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), recompute_deferred():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.sent_on is not None:
            raise ValidationError({"sent_on": SENT_ALREADY})
        base = {"type": letter.letter_type}
        if method != SendMethod.IN_PERSON:
            base["method"] = method
        appointment_ids = [None]
        if letter.letter_type == LetterType.APPOINTMENT:
            base["seq"] = Letter.objects.filter(case=case, letter_type=LetterType.APPOINTMENT,
                                                sent_on__isnull=False).count() + 1
            appointment_ids = [a.appointment_id for a in locked.appointments.order_by("starts_at", "id")] or [None]
        occurred_at = moment_on(sent_on)
        for to in locked.recipients:
            for appointment_id in appointment_ids:
                data = {**base, "to": to}
                if appointment_id:
                    data["appointment_id"] = appointment_id
                event_record(type="letter.sent", occurred_at=occurred_at, actor=actor, case=case, data=data)
            if letter.letter_type == LetterType.ORDER_COMPLETION:
                event_record(type="document.given", occurred_at=occurred_at, actor=actor, case=case,
                             data={"type": "order_completion_letter", "to": to})
        locked.sent_on, locked.sent_method = sent_on, method
        locked.sent_recorded_at, locked.sent_recorded_by = now(), actor
        locked.full_clean()
        locked.save(update_fields=["sent_on", "sent_method", "sent_recorded_at", "sent_recorded_by"])
    return locked
