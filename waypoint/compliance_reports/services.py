"""Writes for compliance CMMs. Each writes its rows and the chronology events the Nottinghamshire rules read, in
one transaction, so the case's obligations are worked out again with it (cases.services.event_record).

Events written (catalogue §3.1; rules in waypoint/packs/nottinghamshire/case-management-meetings.yaml):
- arranging the CMM: `meeting.scheduled{type=cmm, purpose=compliance, starts_at}`: starts
  notts.cmm.compliance.report-24h (due 24 elapsed hours before the start) and notts.cmm.views.compliance;
- marking the report ready: `document.submitted{type=compliance_report, to=tm_ap, fields=<Appendix B headings>}`:
  meets notts.cmm.compliance.report-24h (met, or met late when less than 24 hours before the start) and satisfies
  notts.cmm.compliance-report-template (every heading present);
- recording the TM/AP's discussion with the child and parent/carer before the CMM:
  `meeting.held{type=noncompliance_discussion, attendees}`: meets notts.cmm.views.compliance when both were there
  and it was before the CMM's start;
- recording the CMM held: `meeting.held{type=cmm, purpose=compliance, attendees}`: meets notts.cmm.compliance.10wd;
  for a child in care, the rationale addressing the presumption against breach as `record.entered{kind=rationale,
  system=capita}` on the meeting's day, which notts.cmm.compliance.cic-presumption looks for between the CMM and a
  breach decision.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from waypoint.cases.models import Case
from waypoint.cases.services import event_record, moment_on, require_case_in_actors_service
from waypoint.core.models import now, today
from waypoint.workforce.models import StaffMember

from .models import (
    Attendee,
    ComplianceMeeting,
    ComplianceMeetingHeld,
    ComplianceReportSubmission,
    DiscussedWith,
    NoncomplianceDiscussion,
)
from .report import HEADINGS
from .selectors import case_compliance_report, child_in_care

MEETING_START_MISSING = "Enter the date and time of the compliance CMM"
MEETING_TOO_FAR = "The compliance CMM must be within a year of today"
MEETING_IN_PAST = "The compliance CMM must be in the future"
MEETING_CASE_CLOSED = "You cannot arrange a compliance CMM on a closed case"
REPORT_CAPITA_MISSING = "Enter the CAPITA number"
REPORT_CAPITA_INVALID = "The CAPITA number must be 20 letters or numbers or fewer"
REPORT_BEHAVIOUR_TOO_LONG = "Details of unacceptable behaviour must be 5000 characters or fewer"
REPORT_AFTER_MEETING = "The compliance CMM has already started: the report is for the TM/AP before it"
REPORT_PERIOD_INVALID = "The end of the period must be the same as or after its start"
HELD_DATE_MISSING = "Enter the date the compliance CMM was held"
HELD_DATE_IN_FUTURE = "The date the compliance CMM was held must be today or in the past"
HELD_BEFORE_ARRANGED = "The compliance CMM cannot have been held before it was arranged"
HELD_ALREADY = "This compliance CMM has already been recorded as held"
HELD_ATTENDEES_MISSING = "Select who attended the compliance CMM"
HELD_RATIONALE_MISSING = ("Enter the rationale for the child in care: the meeting starts from a presumption against "
                          "breach")
HELD_RATIONALE_TOO_LONG = "The rationale must be 5000 characters or fewer"
DISCUSSION_DATE_MISSING = "Enter the date of the discussion"
DISCUSSION_DATE_IN_FUTURE = "The date of the discussion must be today or in the past"
DISCUSSION_WITH_MISSING = "Select who the non-compliance was discussed with"
DISCUSSION_NOTES_TOO_LONG = "Notes must be 5000 characters or fewer"

MAX_AHEAD = dt.timedelta(days=366)
CAPITA_MAX = 20



def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _local_text(moment: dt.datetime) -> str:
    return timezone.localtime(moment).replace(tzinfo=None).isoformat(timespec="minutes")


def compliance_meeting_schedule(*, case: Case, starts_at: dt.datetime | None, actor: StaffMember,
                                place: str = "") -> ComplianceMeeting:
    """Arrange a compliance CMM for the case (within 10 working days of the failure: notts.cmm.compliance.10wd)."""
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if starts_at is None:
        errors["starts_at"] = MEETING_START_MISSING
    elif _aware(starts_at) <= now():
        errors["starts_at"] = MEETING_IN_PAST
    elif _aware(starts_at) > now() + MAX_AHEAD:
        errors["starts_at"] = MEETING_TOO_FAR
    if case.status == Case.Status.CLOSED:
        errors["case"] = MEETING_CASE_CLOSED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = ComplianceMeeting(case=case, starts_at=_aware(starts_at), place=(place or "").strip(),
                                    scheduled_by=actor, scheduled_at=now())
        meeting.full_clean()
        meeting.save()
        event_record(type="meeting.scheduled", occurred_at=now(), actor=actor, case=case, data={
            "type": "cmm", "purpose": "compliance", "starts_at": _local_text(meeting.starts_at)})
        return meeting


def compliance_report_mark_ready(*, meeting: ComplianceMeeting, capita_number: str, actor: StaffMember,
                                 unacceptable_behaviour: str = "", period_from: dt.date | None = None,
                                 period_to: dt.date | None = None) -> ComplianceReportSubmission:
    """Mark the condensed compliance report ready for the TM/AP: keep it as worked out now from the appointment
    record, with the CAPITA number and any unacceptable behaviour the worker adds, and record it given."""
    case = meeting.case
    require_case_in_actors_service(actor, case)
    capita = (capita_number or "").strip()
    behaviour = (unacceptable_behaviour or "").strip()
    errors: dict[str, str] = {}
    if meeting.starts_at <= now():
        raise ValidationError({"meeting": REPORT_AFTER_MEETING})
    if not capita:
        errors["capita_number"] = REPORT_CAPITA_MISSING
    elif len(capita) > CAPITA_MAX or not capita.replace("-", "").replace("/", "").isalnum():
        errors["capita_number"] = REPORT_CAPITA_INVALID
    if len(behaviour) > 5000:
        errors["unacceptable_behaviour"] = REPORT_BEHAVIOUR_TOO_LONG
    if period_from and period_to and period_to < period_from:
        errors["period_to"] = REPORT_PERIOD_INVALID
    if errors:
        raise ValidationError(errors)
    report = case_compliance_report(case, period_from=period_from, period_to=period_to)
    with transaction.atomic():
        row = ComplianceReportSubmission(
            meeting=meeting, period_from=report.period_from, period_to=report.period_to, capita_number=capita,
            unacceptable_behaviour=behaviour, appointments_given=report.given, appointments_kept=report.kept,
            acceptable_failures=report.acceptable, unacceptable_failures=report.unacceptable,
            details=[item.as_data() for item in report.details], submitted_by=actor, submitted_at=now(),
        )
        row.full_clean()
        row.save()
        event_record(type="document.submitted", occurred_at=row.submitted_at, actor=actor, case=case, data={
            "type": "compliance_report", "to": "tm_ap", "fields": list(HEADINGS)})
        return row


def compliance_meeting_record_held(*, meeting: ComplianceMeeting, held_on: dt.date | None, attendees: list[str],
                                   actor: StaffMember, presumption_rationale: str = "") -> ComplianceMeetingHeld:
    """Record that the compliance CMM took place. For a child in care (care status looked after) the rationale
    addressing the presumption against breach is required and recorded with it."""
    case = meeting.case
    require_case_in_actors_service(actor, case)
    rationale = (presumption_rationale or "").strip()
    in_care = child_in_care(case)
    errors: dict[str, str] = {}
    if meeting.held.exists():
        raise ValidationError({"meeting": HELD_ALREADY})
    if held_on is None:
        errors["held_on"] = HELD_DATE_MISSING
    elif held_on > today():
        errors["held_on"] = HELD_DATE_IN_FUTURE
    elif held_on < timezone.localtime(meeting.scheduled_at).date():
        errors["held_on"] = HELD_BEFORE_ARRANGED
    chosen = [who for who in (attendees or []) if who in Attendee.values]
    if not chosen or len(chosen) != len(attendees or []):
        errors["attendees"] = HELD_ATTENDEES_MISSING
    if in_care and not rationale:
        errors["presumption_rationale"] = HELD_RATIONALE_MISSING
    elif len(rationale) > 5000:
        errors["presumption_rationale"] = HELD_RATIONALE_TOO_LONG
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = ComplianceMeetingHeld(meeting=meeting, held_on=held_on, attendees=chosen, child_in_care=in_care,
                                    presumption_rationale=rationale, recorded_by=actor, recorded_at=now())
        row.full_clean()
        row.save()
        moment = moment_on(held_on)
        event_record(type="meeting.held", occurred_at=moment, actor=actor, case=case, data={
            "type": "cmm", "purpose": "compliance", "attendees": chosen})
        if rationale:
            event_record(type="record.entered", occurred_at=moment, actor=actor, case=case, data={
                "kind": "rationale", "system": "capita", "note": rationale})
        return row


def noncompliance_discussion_record(*, meeting: ComplianceMeeting, held_on: dt.date | None, with_whom: list[str],
                                    actor: StaffMember, notes: str = "") -> NoncomplianceDiscussion:
    """Record the TM/AP's meeting with the child and parent/carer to discuss the non-compliance (003 §1.2)."""
    case = meeting.case
    require_case_in_actors_service(actor, case)
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = DISCUSSION_DATE_MISSING
    elif held_on > today():
        errors["held_on"] = DISCUSSION_DATE_IN_FUTURE
    chosen = [who for who in DiscussedWith.values if who in (with_whom or [])]
    if not chosen or len(chosen) != len(set(with_whom or [])):
        errors["with_whom"] = DISCUSSION_WITH_MISSING
    notes = (notes or "").strip()
    if len(notes) > 5000:
        errors["notes"] = DISCUSSION_NOTES_TOO_LONG
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = NoncomplianceDiscussion(meeting=meeting, held_on=held_on, with_whom=chosen, notes=notes,
                                      recorded_by=actor, recorded_at=now())
        row.full_clean()
        row.save()
        event_record(type="meeting.held", occurred_at=moment_on(held_on), actor=actor, case=case, data={
            "type": "noncompliance_discussion", "attendees": chosen})
        return row
