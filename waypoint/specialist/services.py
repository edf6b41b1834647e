"""Writes for specialist work. Each writes its history row and the chronology events the policy rules read, in one
transaction, so the case's obligations are worked out again with it (cases.services.event_record).

Events written (catalogue §3.1 vocabulary):
- a specialist need flagged or cleared: `record.entered{topic=specialist_needs}` (its reason as the note). The
  flags are the facts `offence_inappropriate_sexual_behaviour` and `substance_misuse_risk` the rules test
  (obligations.inputs), so ISB brings the nurse referral duty (`wok.cr.isb.nurse-referral`,
  `wok.prev.isb.nurse-referral`) and substance misuse the Cranstoun discussion after the Mini Asset
  (`wok.cr.substance.cranstoun`, `wok.prev.substance.cranstoun`). A speech, language or communication barrier
  flagged also writes `concern.identified{type=slcn_barrier}` (`wok.*.principle.slcn-consult`).
- a referral: `referral.made`, with `to=pyjs_nurse` for the PYJS nurse (the vocabulary names no other specialist;
  the row keeps who it was, the event's note says so).
- a referral's outcome: `record.entered{topic=specialist_needs}`; "work completed" on a PYJS nurse referral also
  records the nurse's consent and healthy relationships session (below), the intervention the referral is for.
- a consultation: `consultation.held{with}`, with `topic=trm` for CAMHS about Trauma Recovery Model support
  (`wok.*.qa.camhs-trm`; SAL worker: `wok.*.slcn-consult`; Cranstoun: `wok.*.substance.cranstoun`).
- a specialist session: `session.delivered{topic}` (`by=pyjs_nurse` for the nurse's), and
  `record.entered{system=iyss, kind=session}` as it is entered, which the "record within 2 working days" duties
  read. Victim awareness meets `wok.cr.victim.session` and `wok.prev.victim.consider`. The session carries no
  `type`: the appointment's outcome is what counts it as a supervision session, so it is not counted twice.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from waypoint.cases.models import Case
from waypoint.cases.services import event_record, moment_on, require_case_in_actors_service
from waypoint.core.models import now, today
from waypoint.obligations.services import recompute_deferred
from waypoint.workforce.models import StaffMember

from .models import (
    ConsultationWith,
    DeliveredBy,
    NeedKind,
    ReferralOutcome,
    ReferralOutcomeKind,
    SessionTopic,
    Specialist,
    SpecialistConsultation,
    SpecialistNeed,
    SpecialistReferral,
    SpecialistSession,
)

NEED_KIND_INVALID = "Select the specialist need"
NEED_REASON_MISSING = "Enter the reason for this change"
NEED_DATE_MISSING = "Enter the date"
NEED_IN_FUTURE = "The date must be today or in the past"
NEED_BEFORE_CASE = "The date must be on or after the date the case started"
NEED_ALREADY_FLAGGED = "This need is already flagged on the case"
NEED_NOT_FLAGGED = "This need is not flagged on the case"

REFERRAL_TO_INVALID = "Select who the referral is to"
REFERRAL_REASON_MISSING = "Enter why the referral is being made"
REFERRAL_DATE_MISSING = "Enter the date the referral was made"
REFERRAL_IN_FUTURE = "The date the referral was made must be today or in the past"
REFERRAL_BEFORE_CASE = "The date the referral was made must be on or after the date the case started"

OUTCOME_INVALID = "Select the outcome of the referral"
OUTCOME_DATE_MISSING = "Enter the date of the outcome"
OUTCOME_IN_FUTURE = "The date of the outcome must be today or in the past"
OUTCOME_BEFORE_REFERRAL = "The date of the outcome must be on or after the date the referral was made"

CONSULTATION_WITH_INVALID = "Select who the consultation was with"
CONSULTATION_DATE_MISSING = "Enter the date of the consultation"
CONSULTATION_IN_FUTURE = "The date of the consultation must be today or in the past"
CONSULTATION_BEFORE_CASE = "The date of the consultation must be on or after the date the case started"
CONSULTATION_TRM_NOT_CAMHS = "Only a consultation with CAMHS can be about Trauma Recovery Model support"

SESSION_TOPIC_INVALID = "Select what the session was about"
SESSION_BY_INVALID = "Select who delivered the session"
SESSION_DATE_MISSING = "Enter the date of the session"
SESSION_IN_FUTURE = "The date of the session must be today or in the past"
SESSION_BEFORE_CASE = "The date of the session must be on or after the date the case started"

CASE_CLOSED = "You cannot record specialist work on a closed case"

NOTE_MAX = 1000


def _check_day(errors: dict[str, str], field: str, day: dt.date | None, *, missing: str, future: str,
               earliest: dt.date, too_early: str) -> None:
    if day is None:
        errors[field] = missing
    elif day > today():
        errors[field] = future
    elif day < earliest:
        errors[field] = too_early


def _check_open(errors: dict[str, str], case: Case) -> None:
    if not case.is_open:
        errors["__all__"] = CASE_CLOSED


def need_flags_in_force(*, case: Case) -> dict[str, SpecialistNeed]:
    """The latest row of each need kind recorded on the case (flagged or cleared). One query."""
    latest: dict[str, SpecialistNeed] = {}
    for need in SpecialistNeed.objects.filter(case=case).select_related("set_by"):
        latest[need.kind] = need  # Meta.ordering is oldest first, so the last one wins
    return latest


def need_set(*, case: Case, kind: str, present: bool, reason: str, on: dt.date | None,
             actor: StaffMember) -> SpecialistNeed:
    """Flag a specialist need on the case (`present`) or take the flag off: a new history row with who, why and
    when, and its events (see the module docstring)."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if kind not in NeedKind.values:
        errors["kind"] = NEED_KIND_INVALID
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = NEED_REASON_MISSING
    _check_day(errors, "on", on, missing=NEED_DATE_MISSING, future=NEED_IN_FUTURE, earliest=case.started_on,
               too_early=NEED_BEFORE_CASE)
    _check_open(errors, case)
    if "kind" not in errors:
        current = need_flags_in_force(case=case).get(kind)
        flagged = current is not None and current.present
        if present and flagged:
            errors["kind"] = NEED_ALREADY_FLAGGED
        elif not present and not flagged:
            errors["kind"] = NEED_NOT_FLAGGED
    if errors:
        raise ValidationError(errors)
    # The flag is a fact the rules read from this row, so the case is worked out once the row is saved, at the end
    # of the block, not when its event is written.
    with transaction.atomic(), recompute_deferred():
        need = SpecialistNeed(case=case, kind=kind, present=present, reason=reason, set_on=on, set_by=actor)
        need.full_clean(exclude=["event"])
        label = NeedKind(kind).label
        note = f"{'Flagged' if present else 'No longer flagged'}: {label}. {reason}"[:NOTE_MAX]
        need.event = event_record(type="record.entered", occurred_at=on, actor=actor, case=case,
                                  data={"topic": "specialist_needs", "note": note})
        need.save()
        if present and kind == NeedKind.SLCN_BARRIER:
            event_record(type="concern.identified", occurred_at=on, actor=actor, case=case,
                         data={"type": "slcn_barrier", "note": reason[:NOTE_MAX]})
        return need


def referral_make(*, case: Case, to: str, reason: str, made_on: dt.date | None,
                  actor: StaffMember) -> SpecialistReferral:
    """Refer the child to a specialist: a row with to whom, why, when and by whom, and its `referral.made`."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if to not in Specialist.values:
        errors["to"] = REFERRAL_TO_INVALID
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = REFERRAL_REASON_MISSING
    _check_day(errors, "made_on", made_on, missing=REFERRAL_DATE_MISSING, future=REFERRAL_IN_FUTURE,
               earliest=case.started_on, too_early=REFERRAL_BEFORE_CASE)
    _check_open(errors, case)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral = SpecialistReferral(case=case, to=to, reason=reason, made_on=made_on, made_by=actor)
        referral.full_clean(exclude=["event"])
        data = {"note": f"Referral to the {Specialist(to).label}: {reason}"[:NOTE_MAX]}
        if to == Specialist.PYJS_NURSE:
            data["to"] = "pyjs_nurse"
        referral.event = event_record(type="referral.made", occurred_at=made_on, actor=actor, case=case, data=data)
        referral.save()
        return referral


def referral_outcome_record(*, referral: SpecialistReferral, outcome: str, on: dt.date | None, notes: str = "",
                            actor: StaffMember) -> ReferralOutcome:
    """Record what became of a referral as of a date: a new outcome row (the latest is in force) and its event.
    "Work completed" on a PYJS nurse referral also records the nurse's consent and healthy relationships session,
    unless one is already recorded since the referral was made."""
    case = referral.case
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if outcome not in ReferralOutcomeKind.values:
        errors["outcome"] = OUTCOME_INVALID
    _check_day(errors, "on", on, missing=OUTCOME_DATE_MISSING, future=OUTCOME_IN_FUTURE, earliest=referral.made_on,
               too_early=OUTCOME_BEFORE_REFERRAL)
    _check_open(errors, case)
    if errors:
        raise ValidationError(errors)
    notes = (notes or "").strip()
    with transaction.atomic():
        row = ReferralOutcome(referral=referral, outcome=outcome, on=on, notes=notes, recorded_by=actor)
        row.full_clean(exclude=["event"])
        label = ReferralOutcomeKind(outcome).label
        note = f"Referral to the {referral.get_to_display()}: {label.lower()}. {notes}".strip()[:NOTE_MAX]
        row.event = event_record(type="record.entered", occurred_at=on, actor=actor, case=case,
                                 data={"topic": "specialist_needs", "note": note})
        row.save()
        if (outcome == ReferralOutcomeKind.WORK_COMPLETED and referral.to == Specialist.PYJS_NURSE
                and not SpecialistSession.objects.filter(case=case, delivered_by=DeliveredBy.PYJS_NURSE,
                                                         topic=SessionTopic.CONSENT,
                                                         delivered_on__gte=referral.made_on).exists()):
            _session_write(case=case, topic=SessionTopic.CONSENT, delivered_by=DeliveredBy.PYJS_NURSE,
                           delivered_on=on, notes=notes, actor=actor, referral=referral)
        return row


def consultation_record(*, case: Case, with_whom: str, held_on: dt.date | None, about_trm: bool = False,
                        notes: str = "", actor: StaffMember) -> SpecialistConsultation:
    """Record a consultation with a specialist (CAMHS, the speech and language worker, the Cranstoun worker) and
    its `consultation.held` event."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if with_whom not in ConsultationWith.values:
        errors["with_whom"] = CONSULTATION_WITH_INVALID
    elif about_trm and with_whom != ConsultationWith.CAMHS:
        errors["about_trm"] = CONSULTATION_TRM_NOT_CAMHS
    _check_day(errors, "held_on", held_on, missing=CONSULTATION_DATE_MISSING, future=CONSULTATION_IN_FUTURE,
               earliest=case.started_on, too_early=CONSULTATION_BEFORE_CASE)
    _check_open(errors, case)
    if errors:
        raise ValidationError(errors)
    notes = (notes or "").strip()
    with transaction.atomic():
        consultation = SpecialistConsultation(case=case, with_whom=with_whom, about_trm=about_trm, held_on=held_on,
                                              notes=notes, recorded_by=actor)
        consultation.full_clean(exclude=["event"])
        data = {"with": with_whom}
        if about_trm:
            data["topic"] = "trm"
        if notes:
            data["note"] = notes[:NOTE_MAX]
        consultation.event = event_record(type="consultation.held", occurred_at=held_on, actor=actor, case=case,
                                          data=data)
        consultation.save()
        return consultation


def _session_write(*, case: Case, topic: str, delivered_by: str, delivered_on: dt.date, notes: str,
                   actor: StaffMember, referral: SpecialistReferral | None = None) -> SpecialistSession:
    session = SpecialistSession(case=case, topic=topic, delivered_by=delivered_by, delivered_on=delivered_on,
                                notes=notes, recorded_by=actor, referral=referral)
    session.full_clean(exclude=["event"])
    data = {"topic": topic}
    if delivered_by == DeliveredBy.PYJS_NURSE:
        data["by"] = "pyjs_nurse"
    if notes:
        data["note"] = notes[:NOTE_MAX]
    session.event = event_record(type="session.delivered", occurred_at=moment_on(delivered_on), actor=actor,
                                 case=case, data=data)
    session.save()
    event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                 data={"system": "iyss", "kind": "session"})
    return session


def session_record(*, case: Case, topic: str, delivered_by: str, delivered_on: dt.date | None, notes: str = "",
                   actor: StaffMember) -> SpecialistSession:
    """Record a specialist session delivered to the child (victim awareness by the case worker; consent and healthy
    relationships by the PYJS nurse, or either by either) and its events."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if topic not in SessionTopic.values:
        errors["topic"] = SESSION_TOPIC_INVALID
    if delivered_by not in DeliveredBy.values:
        errors["delivered_by"] = SESSION_BY_INVALID
    _check_day(errors, "delivered_on", delivered_on, missing=SESSION_DATE_MISSING, future=SESSION_IN_FUTURE,
               earliest=case.started_on, too_early=SESSION_BEFORE_CASE)
    _check_open(errors, case)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _session_write(case=case, topic=topic, delivered_by=delivered_by, delivered_on=delivered_on,
                              notes=(notes or "").strip(), actor=actor)
