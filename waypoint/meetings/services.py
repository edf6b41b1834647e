"""Writes for meetings: arrange a meeting, collect the child's and parent/carer's views before it, record it held,
agree its actions and mark them done, complete the CMM Record (the minutes), and take the closure document of an
exit interview through writing, QA and handing over. Each write is one transaction with its chronology events.

Events, in the vocabulary of waypoint/policy/vocabulary.py, and the rules they serve:
- `meeting.scheduled{type, purpose, starts_at, invitees}`: starts notts.cmm.views.* (CMM), notts.cmm.csc-* (CSC
  meeting), wok.*.exit.* (exit interview: notice, closure document 2 days before, manager conducts).
- `contact.made{topic=views_on_risk|cmm_attendance_and_views, with=[child, parent_carer], by=cm}`: meets
  notts.cmm.views.rosh-saw / bail-iss-release / reoffending (the CM's part).
- `meeting.held{type, purpose, attendees, chair, conducted_by}`: meets notts.cmm.rosh-saw.11-weekly,
  notts.cmm.release.1-month and the other CMM timescales, wok.yro.risk.risk-panel-5wd (chair tm/atm),
  wok.yro.review-meeting.3-monthly (attendees child and parent/carer), wok.*.exit.within-5-days and
  manager-conducts; starts notts.cmm.actions-48h and notts.cmm.minutes-5wd. The closure guard of cases.services
  (case_close) reads `meeting.held{type=exit_interview}`.
- `record.entered{system=capita, kind=event, topic=cmm_actions}` when a CMM's actions are entered: notts.cmm.actions-48h.
- `document.completed{type=cmm_record, fields}`: notts.cmm.minutes-5wd, notts.cmm.csc-rosh.record, and the
  Appendix A headings check notts.cmm.record-template.
- `document.submitted{type=closure_document, to=manager}`, `document.qa-completed{type=closure_document}`,
  `document.given{type=closure_document, to=[child, parent_carer]}`: wok.yro.exit.closure-document-2d, -qa, -handed;
  the closure document's exit plan and signposting is `record.entered{system=iyss, kind=case_note,
  topic=signposting}` (wok.yro.exit.manager-conducts).
"""
from __future__ import annotations

import datetime as dt
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from waypoint.cases.models import Case
from waypoint.cases.services import event_record, moment_on, require_case_in_actors_service
from waypoint.core.models import now, today
from waypoint.workforce.models import Service, StaffMember

from .models import (
    ActionDone,
    Attendee,
    Chair,
    ClosureDocument,
    ClosureDocumentStep,
    CmmPurpose,
    CmmRecord,
    ExitFeedback,
    Invitee,
    Meeting,
    MeetingAction,
    MeetingHeld,
    MeetingType,
    MeetingViews,
)

MEETING_TYPE_INVALID = "Select the type of meeting"
MEETING_PURPOSE_MISSING = "Select the purpose of the CMM"
MEETING_COMPLIANCE_ELSEWHERE = "Arrange a compliance CMM from the compliance report"
MEETING_START_MISSING = "Enter the date and time of the meeting"
MEETING_BEFORE_CASE = "The date of the meeting must be the same as or after the date the case started"
MEETING_TOO_FAR = "The date of the meeting must be within a year from today"
MEETING_CASE_CLOSED = "This case is closed: meetings cannot be arranged or recorded on it"
MEETING_INVITEES_INVALID = "Select who is invited from the list"
MEETING_ALREADY_HELD = "This meeting has already been recorded as held"
MEETING_HELD_IN_FUTURE = "The date the meeting was held must be today or in the past"
MEETING_HELD_BEFORE_ARRANGED = "The date the meeting was held must be the same as or after the date it was arranged for"
MEETING_HELD_DATE_MISSING = "Enter the date the meeting was held"
MEETING_ATTENDEES_MISSING = "Select who attended"
MEETING_CHAIR_MISSING = "Select who chaired the risk panel"
MEETING_CHAIR_INVALID = "Select who chaired the meeting from the list"
EXIT_INTERVIEW_ALREADY_HELD = "An exit interview has already been recorded on this case"
FEEDBACK_CHILD_RATING_MISSING = "Select how the child rated the service, from 1 to 5"
FEEDBACK_RATING_INVALID = "The rating must be a number from 1 to 5"
VIEWS_AFTER_MEETING = "The views are collected before the meeting: this meeting has already been held"
VIEWS_CHILD_MISSING = "Enter the child's views"
VIEWS_PARENT_MISSING = "Enter the parent or carer's views"
VIEWS_ONLY_CMM = "Views are collected before a CMM or a CSC meeting"
ACTION_DESCRIPTION_MISSING = "Enter the action"
ACTION_OWNER_MISSING = "Select who owns the action"
ACTION_DUE_MISSING = "Enter the date the action is due"
ACTION_DUE_BEFORE_MEETING = "The date the action is due must be the same as or after the date of the meeting"
ACTION_MEETING_NOT_HELD = "Record the meeting as held before entering its actions"
ACTION_ALREADY_DONE = "This action is already marked as done"
ACTION_ONLY_OWNER_OR_MANAGER = "Only the action's owner or a manager can mark it as done"
RECORD_ONLY_CMM = "The CMM Record is for a CMM or a CSC meeting standing in for one"
RECORD_MEETING_NOT_HELD = "Record the meeting as held before completing its minutes"
RECORD_ALREADY_COMPLETED = "The minutes of this meeting are already completed"
RECORD_FIELD_MISSING = "Enter the {what}"
RECORD_LEVEL_MISSING = "Select the agreed {what}"
CLOSURE_ONLY_EXIT_INTERVIEW = "A closure document is written for an exit interview"
CLOSURE_DOCUMENT_EXISTS = "The closure document for this exit interview is already written"
CLOSURE_FIELD_MISSING = "Enter {what}"
CLOSURE_ALREADY_SUBMITTED = "The closure document has already been submitted for quality assurance"
CLOSURE_NOT_SUBMITTED = "Submit the closure document for quality assurance first"
CLOSURE_QA_OWN_DOCUMENT = "You cannot QA a closure document you wrote: ask another manager"
CLOSURE_ALREADY_QA = "The closure document has already been quality-assured"
CLOSURE_QA_ONLY_MANAGERS = "Only a manager can quality-assure the closure document"
CLOSURE_QA_NOT_DONE = "A manager must quality-assure the closure document before it is given"
CLOSURE_GIVEN_BEFORE_HELD = "Record the exit interview as held before giving the closure document"
CLOSURE_ALREADY_GIVEN = "The closure document has already been given"
CLOSURE_RECIPIENTS_MISSING = "Select who was given the closure document"

MAX_AHEAD = dt.timedelta(days=366)
LEVELS = ("low", "medium", "high", "very_high")



def _one_at_a_time(service):
    """Run a step on a meeting holding a lock on its row, so that two quick submissions of one form (a double
    click) take turns: the second then sees the first's row and is refused with the step's "already" message
    instead of failing on the database's unique constraint."""
    @functools.wraps(service)
    def locked(**kwargs):
        meeting = kwargs.get("meeting") or getattr(kwargs.get("action"), "meeting", None) or \
            getattr(kwargs.get("document"), "meeting", None)
        with transaction.atomic():
            if meeting is not None:
                Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
            return service(**kwargs)
    return locked


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _local_iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).replace(tzinfo=None).isoformat(timespec="minutes")


def _worker_role(case: Case) -> str:
    """The case holder's role as meeting.held{attendees} names it: Nottinghamshire's case manager, else a worker."""
    return "cm" if case.service.policy_set == Service.PolicySet.NOTTINGHAMSHIRE else "case_worker"


def _meeting_data(meeting: Meeting) -> dict:
    data = {"type": meeting.type}
    if meeting.purpose:
        data["purpose"] = meeting.purpose
    return data


# ---- Arranging ----------------------------------------------------------------------------------------------------

def meeting_arrange(*, case: Case, type: str, starts_at: dt.datetime | None, actor: StaffMember, purpose: str = "",
                    place: str = "", invitees: list[str] | tuple[str, ...] = ()) -> Meeting:
    """Arrange a meeting: a `Meeting` row and `meeting.scheduled{type, purpose, starts_at, invitees}`."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    invitees = list(dict.fromkeys(invitees or ()))
    if type not in MeetingType.values:
        errors["type"] = MEETING_TYPE_INVALID
    if type == MeetingType.CMM:
        if purpose == "compliance":
            errors["purpose"] = MEETING_COMPLIANCE_ELSEWHERE
        elif purpose not in CmmPurpose.values:
            errors["purpose"] = MEETING_PURPOSE_MISSING
    else:
        purpose = ""
    if starts_at is None:
        errors["starts_at"] = MEETING_START_MISSING
    else:
        starts_at = _aware(starts_at)
        if timezone.localtime(starts_at).date() < case.started_on:
            errors["starts_at"] = MEETING_BEFORE_CASE
        elif starts_at > now() + MAX_AHEAD:
            errors["starts_at"] = MEETING_TOO_FAR
    if any(i not in Invitee.values for i in invitees):
        errors["invitees"] = MEETING_INVITEES_INVALID
    if case.status == Case.Status.CLOSED:
        errors["case"] = MEETING_CASE_CLOSED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting(case=case, type=type, purpose=purpose, starts_at=starts_at, place=(place or "").strip(),
                          invitees=invitees, arranged_by=actor, arranged_at=now())
        meeting.full_clean()
        meeting.save()
        data = {**_meeting_data(meeting), "starts_at": _local_iso(starts_at)}
        if invitees:
            data["invitees"] = invitees
        event_record(type="meeting.scheduled", occurred_at=now(), actor=actor, case=case, data=data)
        return meeting


# ---- Views collected before the meeting ----------------------------------------------------------------------

@_one_at_a_time
def meeting_views_record(*, meeting: Meeting, child_views: str, parent_views: str, actor: StaffMember,
                         will_attend: bool = False) -> MeetingViews:
    """The case manager collected the child's and parent/carer's views before the CMM: `contact.made{topic, with,
    by=cm}`, topic views_on_risk for a RoSH/SaW review, else cmm_attendance_and_views (whether they will attend)."""
    case = meeting.case
    require_case_in_actors_service(actor, case)
    if meeting.type not in (MeetingType.CMM, MeetingType.CSC_MAM):
        raise ValidationError({"meeting": VIEWS_ONLY_CMM})
    if MeetingHeld.objects.filter(meeting=meeting).exists():
        raise ValidationError({"meeting": VIEWS_AFTER_MEETING})
    child_views, parent_views = (child_views or "").strip(), (parent_views or "").strip()
    errors: dict[str, str] = {}
    if not child_views:
        errors["child_views"] = VIEWS_CHILD_MISSING
    if not parent_views:
        errors["parent_views"] = VIEWS_PARENT_MISSING
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = MeetingViews(meeting=meeting, collected_on=today(), child_views=child_views, parent_views=parent_views,
                           will_attend=will_attend, recorded_by=actor, recorded_at=now())
        row.full_clean()
        row.save()
        topic = "views_on_risk" if meeting.purpose == CmmPurpose.ROSH_SAW_REVIEW else "cmm_attendance_and_views"
        event_record(type="contact.made", occurred_at=now(), actor=actor, case=case,
                     data={"topic": topic, "with": ["child", "parent_carer"], "by": "cm"})
        return row


# ---- Holding ------------------------------------------------------------------------------------------------------

@_one_at_a_time
def meeting_hold(*, meeting: Meeting, on: dt.date | None, attendees: list[str], actor: StaffMember,
                 attendee_names: str = "", apologies: str = "", chair: str = "", conducted_by_manager: bool = False,
                 notes: str = "", child_rating: int | None = None, child_comments: str = "",
                 parent_rating: int | None = None, parent_comments: str = "") -> MeetingHeld:
    """Record the meeting held: who attended and sent apologies, who chaired (a risk panel needs its TM or ATM
    chair) or conducted it; for an exit interview, the child's and parent/carer's feedback.
    Writes `meeting.held{type, purpose, attendees, chair, conducted_by}` dated at the meeting."""
    from waypoint.cases.selectors import case_exit_interview_held

    case = meeting.case
    require_case_in_actors_service(actor, case)
    if case.status == Case.Status.CLOSED:
        raise ValidationError({"case": MEETING_CASE_CLOSED})
    if MeetingHeld.objects.filter(meeting=meeting).exists():
        raise ValidationError({"meeting": MEETING_ALREADY_HELD})
    if meeting.type == MeetingType.EXIT_INTERVIEW and case_exit_interview_held(case):
        raise ValidationError({"meeting": EXIT_INTERVIEW_ALREADY_HELD})
    attendees = list(dict.fromkeys(attendees or ()))
    errors: dict[str, str] = {}
    starts_on = timezone.localtime(meeting.starts_at).date()
    if on is None:
        errors["on"] = MEETING_HELD_DATE_MISSING
    elif on > today():
        errors["on"] = MEETING_HELD_IN_FUTURE
    elif on < starts_on:
        errors["on"] = MEETING_HELD_BEFORE_ARRANGED
    if not attendees or any(a not in Attendee.values for a in attendees):
        errors["attendees"] = MEETING_ATTENDEES_MISSING
    if chair and chair not in Chair.values:
        errors["chair"] = MEETING_CHAIR_INVALID
    elif meeting.type == MeetingType.RISK_PANEL and not chair:
        errors["chair"] = MEETING_CHAIR_MISSING
    exit_interview = meeting.type == MeetingType.EXIT_INTERVIEW
    if exit_interview:
        if child_rating is None:
            errors["child_rating"] = FEEDBACK_CHILD_RATING_MISSING
        elif not 1 <= child_rating <= 5:
            errors["child_rating"] = FEEDBACK_RATING_INVALID
        if parent_rating is not None and not 1 <= parent_rating <= 5:
            errors["parent_rating"] = FEEDBACK_RATING_INVALID
    if errors:
        raise ValidationError(errors)
    held_at = meeting.starts_at if on == starts_on and meeting.starts_at <= now() else moment_on(on)
    with transaction.atomic():
        held = MeetingHeld(meeting=meeting, held_at=held_at, attendees=attendees,
                           attendee_names=(attendee_names or "").strip(), apologies=(apologies or "").strip(),
                           chair=chair or "", conducted_by_manager=bool(conducted_by_manager),
                           notes=(notes or "").strip(), recorded_by=actor, recorded_at=now())
        held.full_clean()
        held.save()
        if exit_interview:
            feedback = ExitFeedback(meeting=meeting, child_rating=child_rating,
                                    child_comments=(child_comments or "").strip(), parent_rating=parent_rating,
                                    parent_comments=(parent_comments or "").strip(), recorded_by=actor,
                                    recorded_at=now())
            feedback.full_clean()
            feedback.save()
        worker = _worker_role(case)
        data = {**_meeting_data(meeting),
                "attendees": [worker if a == Attendee.WORKER else a for a in attendees]}
        if chair:
            data["chair"] = chair
        if conducted_by_manager:
            data["conducted_by"] = "manager"
        event_record(type="meeting.held", occurred_at=held_at, actor=actor, case=case, data=data)
        return held


# ---- Actions ------------------------------------------------------------------------------------------------------

def meeting_action_add(*, meeting: Meeting, description: str, owner: StaffMember | None, due: dt.date | None,
                       actor: StaffMember) -> MeetingAction:
    """An action agreed at the meeting, with its owner and due date. It shows in What's due on the case and in the
    owner's My work until marked done. A CMM's actions entered are `record.entered{system=capita, kind=event,
    topic=cmm_actions}` (notts.cmm.actions-48h)."""
    case = meeting.case
    require_case_in_actors_service(actor, case)
    if case.status == Case.Status.CLOSED:
        raise ValidationError({"case": MEETING_CASE_CLOSED})
    held = MeetingHeld.objects.filter(meeting=meeting).first()
    if held is None:
        raise ValidationError({"meeting": ACTION_MEETING_NOT_HELD})
    description = (description or "").strip()
    errors: dict[str, str] = {}
    if not description:
        errors["description"] = ACTION_DESCRIPTION_MISSING
    if owner is None or owner.service_id != case.service_id or not owner.active:
        errors["owner"] = ACTION_OWNER_MISSING
    if due is None:
        errors["due"] = ACTION_DUE_MISSING
    elif due < timezone.localtime(held.held_at).date():
        errors["due"] = ACTION_DUE_BEFORE_MEETING
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = MeetingAction(meeting=meeting, case=case, description=description, owner=owner, due=due,
                               created_by=actor, created_at=now())
        action.full_clean()
        action.save()
        if meeting.type == MeetingType.CMM:
            event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                         data={"system": "capita", "kind": "event", "topic": "cmm_actions", "note": description})
        return action


@_one_at_a_time
def meeting_action_done(*, action: MeetingAction, actor: StaffMember, on: dt.date | None = None) -> ActionDone:
    """Mark an action done (its owner or a manager): an `ActionDone` row; it leaves What's due and My work."""
    require_case_in_actors_service(actor, action.case)
    if actor.pk != action.owner_id and not actor.is_manager:
        raise PermissionDenied(ACTION_ONLY_OWNER_OR_MANAGER)
    if ActionDone.objects.filter(action=action).exists():
        raise ValidationError({"action": ACTION_ALREADY_DONE})
    with transaction.atomic():
        row = ActionDone(action=action, done_on=on or today(), recorded_by=actor, recorded_at=now())
        row.full_clean()
        row.save()
        return row


# ---- The CMM Record (Appendix A) ---------------------------------------------------------------------------------

_RECORD_TEXTS = {
    "reason": "reason for the meeting", "intervention_plan_progress": "intervention plan and progress",
    "new_incidents": "incidents since the last meeting", "diversity": "diversity",
    "other_agencies": "information from other agencies", "child_parent_views": "child's and parent/carer's views",
    "protective_factors": "protective factors",
}
_RECORD_LEVELS = {"agreed_rosh": "RoSH", "agreed_saw": "SaW", "agreed_lor": "LoR"}


@_one_at_a_time
def cmm_record_complete(*, meeting: Meeting, actor: StaffMember, capita_number: str, reason: str,
                        intervention_plan_progress: str, new_incidents: str, diversity: str, other_agencies: str,
                        child_parent_views: str, agreed_rosh: str, agreed_saw: str, agreed_lor: str,
                        protective_factors: str, previous_actions: str = "",
                        next_meeting_on: dt.date | None = None) -> CmmRecord:
    """Complete the minutes on the CMM Record: `document.completed{type=cmm_record, fields}`, the fields being the
    Appendix A headings the record holds (waypoint/policy/checks_notts_cmm.py CMM_RECORD)."""
    from waypoint.assessments.selectors import ratings_current

    case = meeting.case
    require_case_in_actors_service(actor, case)
    if meeting.type not in (MeetingType.CMM, MeetingType.CSC_MAM):
        raise ValidationError({"meeting": RECORD_ONLY_CMM})
    held = MeetingHeld.objects.filter(meeting=meeting).first()
    if held is None:
        raise ValidationError({"meeting": RECORD_MEETING_NOT_HELD})
    if CmmRecord.objects.filter(meeting=meeting).exists():
        raise ValidationError({"meeting": RECORD_ALREADY_COMPLETED})
    values = {name: (value or "").strip() for name, value in {
        "reason": reason, "intervention_plan_progress": intervention_plan_progress, "new_incidents": new_incidents,
        "diversity": diversity, "other_agencies": other_agencies, "child_parent_views": child_parent_views,
        "protective_factors": protective_factors}.items()}
    capita_number = (capita_number or "").strip()
    errors: dict[str, str] = {}
    if not capita_number:
        errors["capita_number"] = RECORD_FIELD_MISSING.format(what="CAPITA number")
    for name, what in _RECORD_TEXTS.items():
        if not values[name]:
            errors[name] = RECORD_FIELD_MISSING.format(what=what)
    levels = {"agreed_rosh": agreed_rosh, "agreed_saw": agreed_saw, "agreed_lor": agreed_lor}
    for name, what in _RECORD_LEVELS.items():
        if levels[name] not in LEVELS:
            errors[name] = RECORD_LEVEL_MISSING.format(what=what)
    if errors:
        raise ValidationError(errors)
    ratings = ratings_current(case=case)
    with transaction.atomic():
        has_actions = MeetingAction.objects.filter(meeting=meeting).exists()
        fields = ["reason", "date", "name", "capita_number", "attendees", "apologies"]
        fields += ["previous_actions"]  # "None" where there was no previous meeting is an answer to the heading
        fields += [d for d in ("rosh", "saw", "lor") if d in ratings]
        fields += ["intervention_plan_progress", "new_incidents", "diversity", "other_agencies",
                   "child_parent_views", "agreed_rosh", "agreed_saw", "agreed_lor", "protective_factors"]
        if has_actions:
            fields.append("agreed_actions")
        if next_meeting_on is not None:
            fields.append("next_meeting")
        record = CmmRecord(
            meeting=meeting, capita_number=capita_number, previous_actions=(previous_actions or "").strip() or "None",
            rosh=ratings["rosh"].level if "rosh" in ratings else "",
            saw=ratings["saw"].level if "saw" in ratings else "",
            lor=ratings["lor"].level if "lor" in ratings else "",
            agreed_rosh=agreed_rosh, agreed_saw=agreed_saw, agreed_lor=agreed_lor, next_meeting_on=next_meeting_on,
            fields=fields, completed_by=actor, completed_at=now(), **values,
        )
        record.full_clean()
        record.save()
        event_record(type="document.completed", occurred_at=now(), actor=actor, case=case,
                     data={"type": "cmm_record", "fields": fields})
        return record


# ---- The closure document of an exit interview -------------------------------------------------------------------

@_one_at_a_time
def closure_document_write(*, meeting: Meeting, work_done: str, achievements: str, exit_plan: str,
                           actor: StaffMember) -> ClosureDocument:
    """Write the closure document for the exit interview. Its exit plan and signposting is recorded as
    `record.entered{system=iyss, kind=case_note, topic=signposting}`."""
    case = meeting.case
    require_case_in_actors_service(actor, case)
    if meeting.type != MeetingType.EXIT_INTERVIEW:
        raise ValidationError({"meeting": CLOSURE_ONLY_EXIT_INTERVIEW})
    if ClosureDocument.objects.filter(meeting=meeting).exists():
        raise ValidationError({"meeting": CLOSURE_DOCUMENT_EXISTS})
    texts = {"work_done": (work_done or "").strip(), "achievements": (achievements or "").strip(),
             "exit_plan": (exit_plan or "").strip()}
    words = {"work_done": "the work done with the child", "achievements": "what the child achieved",
             "exit_plan": "the exit plan and signposting"}
    errors = {name: CLOSURE_FIELD_MISSING.format(what=words[name]) for name, text in texts.items() if not text}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = ClosureDocument(meeting=meeting, written_by=actor, written_at=now(), **texts)
        document.full_clean()
        document.save()
        event_record(type="record.entered", occurred_at=now(), actor=actor, case=case,
                     data={"system": "iyss", "kind": "case_note", "topic": "signposting"})
        return document


def _step(document: ClosureDocument, kind: str, actor: StaffMember, note: str = "") -> ClosureDocumentStep:
    step = ClosureDocumentStep(document=document, kind=kind, note=note, by=actor, at=now())
    step.full_clean()
    step.save()
    return step


@_one_at_a_time
def closure_document_submit(*, document: ClosureDocument, actor: StaffMember) -> ClosureDocumentStep:
    """Submit the closure document to a manager for QA: `document.submitted{type=closure_document, to=manager}`."""
    case = document.meeting.case
    require_case_in_actors_service(actor, case)
    kinds = set(document.steps.values_list("kind", flat=True))
    if ClosureDocumentStep.Kind.SUBMITTED in kinds:
        raise ValidationError({"document": CLOSURE_ALREADY_SUBMITTED})
    with transaction.atomic():
        step = _step(document, ClosureDocumentStep.Kind.SUBMITTED, actor)
        event_record(type="document.submitted", occurred_at=now(), actor=actor, case=case,
                     data={"type": "closure_document", "to": "manager"})
        return step


@_one_at_a_time
def closure_document_qa(*, document: ClosureDocument, actor: StaffMember, note: str = "") -> ClosureDocumentStep:
    """A manager quality-assures the closure document: `document.qa-completed{type=closure_document}`."""
    case = document.meeting.case
    require_case_in_actors_service(actor, case)
    if not actor.is_manager:
        raise PermissionDenied(CLOSURE_QA_ONLY_MANAGERS)
    if actor.pk == document.written_by_id:
        raise ValidationError({"document": CLOSURE_QA_OWN_DOCUMENT})
    kinds = set(document.steps.values_list("kind", flat=True))
    if ClosureDocumentStep.Kind.SUBMITTED not in kinds:
        raise ValidationError({"document": CLOSURE_NOT_SUBMITTED})
    if ClosureDocumentStep.Kind.QA_COMPLETED in kinds:
        raise ValidationError({"document": CLOSURE_ALREADY_QA})
    with transaction.atomic():
        step = _step(document, ClosureDocumentStep.Kind.QA_COMPLETED, actor, (note or "").strip())
        event_record(type="document.qa-completed", occurred_at=now(), actor=actor, case=case,
                     data={"type": "closure_document"})
        return step


@_one_at_a_time
def closure_document_give(*, document: ClosureDocument, to: list[str], actor: StaffMember) -> ClosureDocumentStep:
    """The closure document handed to the child and parent/carer at the exit interview:
    `document.given{type=closure_document, to}`."""
    meeting = document.meeting
    case = meeting.case
    require_case_in_actors_service(actor, case)
    kinds = set(document.steps.values_list("kind", flat=True))
    held = MeetingHeld.objects.filter(meeting=meeting).first()
    if ClosureDocumentStep.Kind.GIVEN in kinds:
        raise ValidationError({"document": CLOSURE_ALREADY_GIVEN})
    if ClosureDocumentStep.Kind.QA_COMPLETED not in kinds:
        raise ValidationError({"document": CLOSURE_QA_NOT_DONE})
    if held is None:
        raise ValidationError({"document": CLOSURE_GIVEN_BEFORE_HELD})
    to = [t for t in dict.fromkeys(to or ()) if t in ("child", "parent_carer")]
    if not to:
        raise ValidationError({"to": CLOSURE_RECIPIENTS_MISSING})
    with transaction.atomic():
        step = _step(document, ClosureDocumentStep.Kind.GIVEN, actor, ", ".join(to))
        # Handed over at the meeting: dated at the interview when it was today, else when it was recorded.
        given_at = held.held_at if held.held_at <= now() else now()
        event_record(type="document.given", occurred_at=given_at, actor=actor, case=case,
                     data={"type": "closure_document", "to": to})
        return step
