"""The condensed compliance report (Appendix B) worked out from the appointment record, marking it ready for the
TM/AP (notts.cmm.compliance.report-24h), the compliance CMM held within 10 working days (notts.cmm.compliance.10wd)
and the presumption against breach for a child in care (notts.cmm.compliance.cic-presumption).

The clock is Tue 24 Nov 2026 10:00 in London (GMT, so 10:00 UTC). The YRO case opened Fri 30 Oct 2026; its order
runs from Mon 2 Nov 2026. Working days are Monday to Friday; no bank holiday falls in November or early December.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from waypoint.appointments import services as a
from waypoint.appointments.models import AppointmentKind, EvidenceKind, Outcome
from waypoint.cases.models import Event
from waypoint.cases.services import event_record
from waypoint.compliance_reports import services as s
from waypoint.compliance_reports.models import ComplianceMeetingHeld, ComplianceReportSubmission
from waypoint.compliance_reports.report import HEADINGS
from waypoint.compliance_reports.selectors import case_compliance_report
from waypoint.core.models import frozen_clock
from waypoint.obligations.models import CasePolicy, Obligation

from .conftest import at

UTC = dt.timezone.utc


def book(case, cm, when, kind=AppointmentKind.SUPERVISION):
    return a.appointment_schedule(case=case, staff=cm, kind=kind, starts_at=when, actor=cm)


def outcome(appointment, cm, value, **extra):
    return a.appointment_record_outcome(appointment=appointment, outcome=value, actor=cm, **extra)


def eight_appointments(case, cm):
    """The hand-built history (all at 4pm):

    0. Fri 30 Oct (before the order starts): attended — outside the order, not counted.
    1. Mon 2 Nov supervision: attended.
    2. Wed 4 Nov supervision: attended.
    3. Mon 9 Nov office appointment: unacceptable, with the once-per-order verbal warning; a first warning letter
       is also sent on Tue 10 Nov.
    4. Wed 11 Nov supervision: attended.
    5. Mon 16 Nov home visit: acceptable, medical evidence received Tue 17 Nov.
    6. Wed 18 Nov supervision: recorded unacceptable on Thu 19 Nov at 9am, changed to acceptable on Tue 24 Nov when
       a school letter (received Fri 20 Nov) arrived.
    7. Fri 20 Nov supervision: attended.
    8. Mon 23 Nov supervision: attended.
    9. Thu 26 Nov supervision: still to come — not yet given.

    In force over the order (2 Nov to 24 Nov): given 8 (1-8); kept 5 (1, 2, 4, 7, 8); acceptable 2 (5, and 6 after
    its change); unacceptable 1 (3). Without the change it would have been acceptable 1, unacceptable 2.
    """
    outcome(book(case, cm, at(30, month=10)), cm, Outcome.ATTENDED)
    outcome(book(case, cm, at(2)), cm, Outcome.ATTENDED)
    outcome(book(case, cm, at(4)), cm, Outcome.ATTENDED)
    third = book(case, cm, at(9), kind=AppointmentKind.OFFICE)
    outcome(third, cm, Outcome.UNACCEPTABLE, notes="Said he forgot.", verbal_warning=True,
            verbal_warning_rationale="Otherwise a good record of attendance.")
    event_record(type="letter.sent", occurred_at=dt.date(2026, 11, 10), actor=cm, case=case,
                 data={"type": "first_warning", "to": "child"})
    outcome(book(case, cm, at(11)), cm, Outcome.ATTENDED)
    outcome(book(case, cm, at(16), kind=AppointmentKind.HOME_VISIT), cm, Outcome.ACCEPTABLE, notes="GP appointment.",
            evidence_kind=EvidenceKind.MEDICAL, evidence_received_on=dt.date(2026, 11, 17))
    sixth = book(case, cm, at(18))
    with frozen_clock(dt.datetime(2026, 11, 19, 9, 0, tzinfo=UTC)):
        outcome(sixth, cm, Outcome.UNACCEPTABLE)
    outcome(sixth, cm, Outcome.ACCEPTABLE, notes="School trip overran.", evidence_kind=EvidenceKind.SCHOOL,
            evidence_received_on=dt.date(2026, 11, 20))
    outcome(book(case, cm, at(20)), cm, Outcome.ATTENDED)
    outcome(book(case, cm, at(23)), cm, Outcome.ATTENDED)
    book(case, cm, at(26))


def test_the_counts_match_the_history_built_by_hand(yro_case, cm):
    eight_appointments(yro_case, cm)
    report = case_compliance_report(yro_case)
    assert (report.period_from, report.period_to) == (dt.date(2026, 11, 2), dt.date(2026, 11, 24))
    assert report.counts == {"appointments_given": 8, "appointments_kept": 5, "acceptable_failures": 2,
                             "unacceptable_failures": 1}
    assert report.not_recorded == 0


def test_the_details_table_has_a_row_for_each_failure_by_its_outcome_in_force(yro_case, cm):
    eight_appointments(yro_case, cm)
    rows = case_compliance_report(yro_case).details
    assert [(row.date_text, row.requirement, row.outcome_label) for row in rows] == [
        ("9 November 2026", "Office appointment", "Missed: unacceptable absence"),
        ("16 November 2026", "Home visit (announced)", "Missed: acceptable absence"),
        ("18 November 2026", "Supervision session", "Missed: acceptable absence"),
    ]
    unacceptable, medical, school = rows
    assert unacceptable.explanation == "Said he forgot."
    assert unacceptable.actions == ("Verbal warning given: Otherwise a good record of attendance.",
                                    "First warning letter sent on 10 November 2026")
    assert medical.explanation == ("GP appointment. Written evidence: medical note or appointment letter, received "
                                   "17 November 2026.")
    assert medical.actions == ("None recorded",)
    assert school.replaced == ("Recorded as “Missed: unacceptable absence” on 19 November 2026 at 9am",)
    assert "letter from school or college, received 20 November 2026" in school.explanation


def test_a_date_range_counts_only_its_own_appointments(yro_case, cm):
    eight_appointments(yro_case, cm)
    report = case_compliance_report(yro_case, period_from=dt.date(2026, 11, 9), period_to=dt.date(2026, 11, 16))
    # 9, 11 and 16 Nov: one kept, one acceptable, one unacceptable.
    assert report.counts == {"appointments_given": 3, "appointments_kept": 1, "acceptable_failures": 1,
                             "unacceptable_failures": 1}


def test_a_past_appointment_with_no_outcome_is_given_and_shown_as_not_recorded(yro_case, cm):
    book(yro_case, cm, at(23))
    report = case_compliance_report(yro_case)
    assert (report.given, report.kept, report.not_recorded) == (1, 0, 1)


def report_24h(case):
    return Obligation.objects.get(case=case, rule="notts.cmm.compliance.report-24h")


def test_marking_the_report_ready_two_days_ahead_meets_the_24_hour_duty(yro_case, cm):
    eight_appointments(yro_case, cm)
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(26, hour=10), place="North office",
                                            actor=cm)
    duty = report_24h(yro_case)
    assert duty.status == Obligation.Status.OPEN
    assert timezone.localtime(duty.due_at) == at(25, hour=10)  # Thu 26 Nov 10:00 less 24 hours
    row = s.compliance_report_mark_ready(meeting=meeting, capita_number="CAP123456", actor=cm)
    duty = report_24h(yro_case)
    assert duty.status == Obligation.Status.MET and duty.met_on == dt.date(2026, 11, 24)
    assert (row.appointments_given, row.appointments_kept, row.acceptable_failures, row.unacceptable_failures) == (
        8, 5, 2, 1)
    assert [item["date"] for item in row.details] == ["2026-11-09", "2026-11-16", "2026-11-18"]
    assert row.on_time
    submitted = Event.objects.get(case=yro_case, type="document.submitted")
    assert submitted.data == {"type": "compliance_report", "to": "tm_ap", "fields": list(HEADINGS)}
    # Every Appendix B heading is present, so notts.cmm.compliance-report-template finds nothing missing.
    violations = CasePolicy.objects.get(case=yro_case).violations
    assert not [v for v in violations if v["rule"] == "notts.cmm.compliance-report-template"]


def test_exactly_24_hours_before_is_on_time(yro_case, cm):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(25, hour=10), actor=cm)
    s.compliance_report_mark_ready(meeting=meeting, capita_number="CAP1", actor=cm)  # Tue 24 Nov 10:00
    assert report_24h(yro_case).status == Obligation.Status.MET


def test_less_than_24_hours_before_is_met_late(yro_case, cm):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(25, hour=9), actor=cm)
    row = s.compliance_report_mark_ready(meeting=meeting, capita_number="CAP1", actor=cm)  # 23 hours before
    duty = report_24h(yro_case)
    assert timezone.localtime(duty.due_at) == at(24, hour=9)
    assert duty.status == Obligation.Status.MET_LATE
    assert not row.on_time


def test_the_report_cannot_be_marked_ready_once_the_meeting_has_started(yro_case, cm):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(24, hour=11), actor=cm)
    with frozen_clock(dt.datetime(2026, 11, 24, 11, 30, tzinfo=UTC)):
        with pytest.raises(ValidationError) as refused:
            s.compliance_report_mark_ready(meeting=meeting, capita_number="CAP1", actor=cm)
    assert refused.value.message_dict == {"meeting": [s.REPORT_AFTER_MEETING]}
    assert not ComplianceReportSubmission.objects.exists()


def test_holding_the_cmm_within_10_working_days_meets_the_compliance_cmm_duty(yro_case, cm, tm):
    missed = book(yro_case, cm, at(23))
    outcome(missed, cm, Outcome.UNACCEPTABLE)
    duty = Obligation.objects.get(case=yro_case, rule="notts.cmm.compliance.10wd")
    # Day 0 Mon 23 Nov; 10 working days: 24, 25, 26, 27, 30 Nov, 1, 2, 3, 4, 7 Dec.
    assert duty.due == dt.date(2026, 12, 7) and duty.status == Obligation.Status.OPEN
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(3, hour=10, month=12), actor=cm)
    with frozen_clock(dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC)):
        s.compliance_meeting_record_held(meeting=meeting, held_on=dt.date(2026, 12, 3), attendees=["tm", "cm"],
                                         actor=tm)
        duty = Obligation.objects.get(case=yro_case, rule="notts.cmm.compliance.10wd")
    assert duty.status == Obligation.Status.MET and duty.met_on == dt.date(2026, 12, 3)
    held = Event.objects.get(case=yro_case, type="meeting.held")
    assert held.data == {"type": "cmm", "purpose": "compliance", "attendees": ["tm", "cm"]}
    assert not Event.objects.filter(case=yro_case, type="record.entered", data__kind="rationale").exists()


def cic_violations(case):
    return [v for v in CasePolicy.objects.get(case=case).violations
            if v["rule"] == "notts.cmm.compliance.cic-presumption"]


def test_a_child_in_care_needs_the_presumption_rationale_and_it_is_recorded_as_the_rule_expects(cic_case, cm, tm):
    meeting = s.compliance_meeting_schedule(case=cic_case, starts_at=at(26, hour=10), actor=cm)
    with frozen_clock(dt.datetime(2026, 11, 26, 12, 0, tzinfo=UTC)):
        with pytest.raises(ValidationError) as refused:
            s.compliance_meeting_record_held(meeting=meeting, held_on=dt.date(2026, 11, 26),
                                             attendees=["tm", "cm", "child"], actor=tm)
        assert refused.value.message_dict == {"presumption_rationale": [s.HELD_RATIONALE_MISSING]}
        assert not ComplianceMeetingHeld.objects.exists()
        assert not Event.objects.filter(case=cic_case, type="meeting.held").exists()
        row = s.compliance_meeting_record_held(
            meeting=meeting, held_on=dt.date(2026, 11, 26), attendees=["tm", "cm", "child"], actor=tm,
            presumption_rationale="Casey is in care; the misses followed a placement move. No breach: support plan.")
        event_record(type="breach.decision-made", occurred_at=dt.date(2026, 11, 26), actor=tm, case=cic_case)
    assert row.child_in_care
    rationale = Event.objects.get(case=cic_case, type="record.entered", data__kind="rationale")
    assert rationale.data["system"] == "capita" and rationale.data["note"].startswith("Casey is in care")
    assert timezone.localtime(rationale.occurred_at).date() == dt.date(2026, 11, 26)
    assert cic_violations(cic_case) == []


def test_a_child_in_care_breach_decision_without_the_rationale_fails_the_check(cic_case, tm):
    # The contrast: the same meeting and decision written without the service's rationale.
    with frozen_clock(dt.datetime(2026, 11, 26, 12, 0, tzinfo=UTC)):
        event_record(type="meeting.held", occurred_at=dt.date(2026, 11, 26), actor=tm, case=cic_case,
                     data={"type": "cmm", "purpose": "compliance"})
        event_record(type="breach.decision-made", occurred_at=dt.date(2026, 11, 26), actor=tm, case=cic_case)
    assert len(cic_violations(cic_case)) == 1


def test_a_child_not_in_care_needs_no_rationale(yro_case, cm, tm):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(24, hour=11), actor=cm)
    with frozen_clock(dt.datetime(2026, 11, 24, 12, 0, tzinfo=UTC)):
        row = s.compliance_meeting_record_held(meeting=meeting, held_on=dt.date(2026, 11, 24), attendees=["tm"],
                                               actor=tm)
    assert not row.child_in_care


@pytest.mark.parametrize("kwargs, errors", [
    ({"starts_at": None}, {"starts_at": [s.MEETING_START_MISSING]}),
    ({"starts_at": at(23, hour=10)}, {"starts_at": [s.MEETING_IN_PAST]}),
    ({"starts_at": at(1, month=1) + dt.timedelta(days=730)}, {"starts_at": [s.MEETING_TOO_FAR]}),
])
def test_a_meeting_at_a_bad_time_is_refused_and_nothing_is_saved(yro_case, cm, kwargs, errors):
    with pytest.raises(ValidationError) as refused:
        s.compliance_meeting_schedule(case=yro_case, actor=cm, **kwargs)
    assert refused.value.message_dict == errors
    assert not yro_case.compliance_meetings.exists()
    assert not Event.objects.filter(case=yro_case, type="meeting.scheduled").exists()


def test_the_tm_ap_discussion_with_child_and_parent_before_the_cmm_meets_its_duty(yro_case, cm, tm):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(26, hour=10), actor=cm)
    duty = Obligation.objects.get(case=yro_case, rule="notts.cmm.views.compliance")
    assert duty.status == Obligation.Status.OPEN and timezone.localtime(duty.due_at) == at(26, hour=10)
    s.noncompliance_discussion_record(meeting=meeting, held_on=dt.date(2026, 11, 24), with_whom=["child"], actor=tm)
    # With the child alone the duty is not met: the guidance names the child and their parent/carer.
    assert Obligation.objects.get(case=yro_case, rule="notts.cmm.views.compliance").status == Obligation.Status.OPEN
    s.noncompliance_discussion_record(meeting=meeting, held_on=dt.date(2026, 11, 24),
                                      with_whom=["child", "parent_carer"], actor=tm, notes="Talked through the misses.")
    duty = Obligation.objects.get(case=yro_case, rule="notts.cmm.views.compliance")
    assert duty.status == Obligation.Status.MET and duty.met_on == dt.date(2026, 11, 24)
