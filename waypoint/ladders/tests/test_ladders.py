"""The ladders walked with hand-worked dates: the YRO ladder to breach, the Community Resolution ladder to a
disengagement closure, a Prevention no contact closure, and closing refused while a breach is open.

The clock is Tue 24 Nov 2026 10:00 UTC (10:00 in London); the cases were allocated on Thu 5 Nov 2026 to Finn
Fulltime, who works Monday to Friday; no bank holidays fall in November 2026. Appointments are booked in the past
and their outcomes recorded now, as a worker catching up would; the events are dated when things happened.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from waypoint.appointments import services as appointments
from waypoint.appointments.models import AppointmentKind, Outcome
from waypoint.cases import services as cases
from waypoint.cases.models import Case, ClosureRequest, Event
from waypoint.cases.services import event_record
from waypoint.ladders import services as s
from waypoint.ladders.selectors import case_ladder
from waypoint.obligations.models import Obligation

from .conftest import TODAY, at


def obligation(case, rule, trigger_at=None) -> Obligation:
    found = Obligation.objects.filter(case=case, rule=rule)
    if trigger_at is not None:
        found = found.filter(trigger_at=trigger_at)
    return found.get()


def d(day: int, month: int = 11) -> dt.date:
    return dt.date(2026, month, day)


def book(case, worker, day, kind=AppointmentKind.SUPERVISION, hour=16):
    return appointments.appointment_schedule(case=case, staff=worker, kind=kind, starts_at=at(day, hour),
                                             actor=worker)


def miss(appointment, worker, outcome=Outcome.UNACCEPTABLE):
    appointments.appointment_record_outcome(appointment=appointment, outcome=outcome, actor=worker)


def step(ladder, key):
    return next(st for st in ladder.steps if st.spec.key == key)


def test_the_yro_ladder_to_breach(yro_case, full_timer, pyjs_manager):
    case, worker = yro_case, full_timer
    event_record(type="order.started", occurred_at=d(5), actor=worker, case=case,
                 data={"type": "yro", "end": "2027-05-04"})
    a1, a2, a3 = book(case, worker, 10), book(case, worker, 17), book(case, worker, 20)  # Tue 10, Tue 17, Fri 20
    ladder = case_ladder(case=case, today=TODAY)
    assert (ladder.count, ladder.stage) == (0, "No unacceptable failures to attend")

    # Breach and warnings wait for their failures.
    with pytest.raises(ValidationError) as error:
        s.warning_record(case=case, level="first", actor=worker, on=d(9))
    assert error.value.message_dict["level"] == [s.WARNING_FIRST_NEEDS_FAILURE]

    miss(a1, worker)
    # Follow-up within 1 working day: Tue 10 Nov -> Wed 11 Nov. First warning: no timescale.
    assert obligation(case, "wok.yro.ftc.follow-up-1wd", d(10)).due == d(11)
    assert obligation(case, "wok.yro.ftc.first-warning").due is None
    with pytest.raises(ValidationError) as error:
        s.warning_record(case=case, level="second", actor=worker, on=d(11), compliance_meeting_at=at(19, 14))
    assert error.value.message_dict["level"] == [s.WARNING_SECOND_BEFORE_FIRST]
    s.warning_record(case=case, level="first", actor=worker, on=d(11))  # a2 (Tue 17) is the next appointment
    event_record(type="letter.sent", occurred_at=d(11), actor=worker, case=case,
                 data={"type": "first_warning", "to": "child", "appointment_id": a2.appointment_id})
    assert obligation(case, "wok.yro.ftc.first-warning").status == Obligation.Status.MET
    with pytest.raises(ValidationError) as error:
        s.warning_record(case=case, level="first", actor=worker, on=d(12))
    assert error.value.message_dict["level"] == [s.WARNING_FIRST_ALREADY_GIVEN]

    miss(a2, worker)
    # Second unacceptable failure Tue 17 Nov: compliance meeting within 10 calendar days -> Fri 27 Nov.
    assert obligation(case, "wok.yro.ftc.compliance-meeting-10d").due == d(27)
    ladder = case_ladder(case=case, today=TODAY)
    assert (ladder.count, ladder.stage) == (2, "Second warning stage (2 unacceptable failures)")
    with pytest.raises(ValidationError) as error:
        s.warning_record(case=case, level="second", actor=worker, on=d(18))
    assert error.value.message_dict["compliance_meeting_at"] == [s.WARNING_MEETING_MISSING]
    s.warning_record(case=case, level="second", actor=worker, on=d(18), compliance_meeting_at=at(19, 14))
    scheduled = Event.objects.get(case=case, type="meeting.scheduled")
    assert scheduled.data["purpose"] == "compliance" and scheduled.data["starts_at"] == "2026-11-19T14:00"
    event_record(type="letter.sent", occurred_at=d(18), actor=worker, case=case,
                 data={"type": "second_warning", "to": "child"})
    s.compliance_meeting_record(case=case, actor=pyjs_manager, on=d(19),
                                note="Attend every session; a third missed session means breach.")
    assert obligation(case, "wok.yro.ftc.compliance-meeting-10d").met_on == d(19)
    assert obligation(case, "wok.yro.ftc.compliance-meeting-content").met_on == d(19)

    with pytest.raises(ValidationError) as error:
        s.breach_start(case=case, actor=worker, on=d(19))
    assert error.value.message_dict["case"] == [s.BREACH_NEEDS_THIRD_FAILURE]
    miss(a3, worker)
    # Third unacceptable failure Fri 20 Nov: breach letter and breach started within 5 days -> Wed 25 Nov.
    breach_due = obligation(case, "wok.yro.ftc.breach-5d")
    assert (breach_due.trigger_at, breach_due.due, breach_due.status) == (d(20), d(25), Obligation.Status.OPEN)
    ladder = case_ladder(case=case, today=TODAY)
    assert ladder.stage == "Breach stage (3 unacceptable failures)"
    assert [item.obligation.due for item in step(ladder, "breach").items] == [d(25)]
    assert step(ladder, "breach").spec.letter == "breach"
    with pytest.raises(ValidationError) as error:
        s.breach_start(case=case, actor=worker, on=d(19))
    assert error.value.message_dict["on"] == [s.BREACH_BEFORE_THIRD_FAILURE]

    event_record(type="letter.sent", occurred_at=d(23), actor=worker, case=case, data={"type": "breach", "to": "child"})
    s.breach_start(case=case, actor=worker, on=d(23))  # Mon 23 Nov
    assert obligation(case, "wok.yro.ftc.breach-5d").met_on == d(23)
    # Listed in court within 2 weeks of initiation: Mon 23 Nov + 14 days = Mon 7 Dec.
    listing = obligation(case, "wok.yro.ftc.breach-listed-2wk")
    assert (listing.due, listing.status) == (d(7, 12), Obligation.Status.OPEN)
    with pytest.raises(ValidationError) as error:
        s.breach_start(case=case, actor=worker, on=d(24))
    assert error.value.message_dict["case"] == [s.BREACH_ALREADY_OPEN]

    ladder = case_ladder(case=case, today=TODAY)
    assert ladder.breach_open and ladder.stage.endswith("breach proceedings open")
    # Follow-ups were never recorded, so the most pressing open step is the first one, overdue since Wed 11 Nov.
    assert ladder.next_step.spec.key == "follow-up" and ladder.next_item.reading == Obligation.OVERDUE
    assert ladder.next_item.obligation.due == d(11)

    s.breach_listing_record(case=case, hearing_on=d(3, 12), court="magistrates", actor=worker, on=d(24))
    listing = obligation(case, "wok.yro.ftc.breach-listed-2wk")
    assert (listing.status, listing.met_on) == (Obligation.Status.MET, d(3, 12))
    # The breach report is QA'd by the end of the day before the hearing (Thu 3 Dec): Wed 2 Dec.
    assert obligation(case, "wok.yro.ftc.breach-report-qa").due == d(2, 12)


def test_a_court_order_cannot_close_with_a_breach_open_or_before_its_exit_interview(yro_case, full_timer,
                                                                                    pyjs_manager):
    case, worker = yro_case, full_timer
    for appointment in (book(case, worker, 10), book(case, worker, 17), book(case, worker, 20)):
        miss(appointment, worker)
    s.breach_start(case=case, actor=worker, on=d(23))
    with pytest.raises(ValidationError) as error:
        cases.case_close(case=case, reason="order_completed", actor=pyjs_manager, on=TODAY)
    assert error.value.message_dict["case"] == [cases.CLOSURE_BREACH_OPEN]
    # Not even by transfer: the breach must be decided first.
    with pytest.raises(ValidationError) as error:
        cases.case_close(case=case, reason="transferred_out", actor=pyjs_manager, on=TODAY)
    assert error.value.message_dict["case"] == [cases.CLOSURE_BREACH_OPEN]
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN
    assert not Event.objects.filter(case=case, type="case.closed").exists()

    with pytest.raises(ValidationError) as error:
        s.breach_outcome_record(case=case, note="Order to continue.", actor=worker, on=d(20))
    assert error.value.message_dict["on"] == [s.OUTCOME_BEFORE_BREACH]
    s.breach_outcome_record(case=case, note="Order to continue, with a fine.", actor=worker, on=d(24))
    with pytest.raises(ValidationError) as error:
        cases.case_close(case=case, reason="order_completed", actor=pyjs_manager, on=TODAY)
    assert error.value.message_dict["case"] == [cases.CLOSURE_EXIT_INTERVIEW_MISSING]

    with pytest.raises(ValidationError) as error:
        s.exit_interview_record(case=case, actor=pyjs_manager, on=d(25))
    assert error.value.message_dict["on"] == [s.LADDER_DATE_IN_FUTURE]
    s.exit_interview_record(case=case, actor=pyjs_manager, on=d(24))
    with pytest.raises(ValidationError) as error:
        s.exit_interview_record(case=case, actor=pyjs_manager, on=d(24))
    assert error.value.message_dict["case"] == [s.EXIT_INTERVIEW_ALREADY_HELD]
    cases.case_close(case=case, reason="order_completed", actor=pyjs_manager, on=TODAY)
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED


def test_a_voided_breach_does_not_hold_the_case_open(yro_case, full_timer, pyjs_manager):
    case, worker = yro_case, full_timer
    for appointment in (book(case, worker, 10), book(case, worker, 17), book(case, worker, 20)):
        miss(appointment, worker)
    breach = s.breach_start(case=case, actor=worker, on=d(23))
    cases.event_void(event=breach, reason="Recorded on the wrong case.", actor=pyjs_manager)
    cases.case_close(case=case, reason="transferred_out", actor=pyjs_manager, on=TODAY)
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED


def test_the_community_resolution_ladder_to_a_disengagement_closure(cr_case, full_timer, pyjs_manager):
    case, worker = cr_case, full_timer
    a1, a2 = book(case, worker, 9, AppointmentKind.OFFICE), book(case, worker, 16, AppointmentKind.OFFICE)
    with pytest.raises(ValidationError) as error:
        s.warning_record(case=case, level="first", actor=worker, on=d(10))
    assert error.value.message_dict["case"] == [s.WARNING_ONLY_COURT_ORDERS]
    miss(a1, worker, Outcome.NOT_ATTENDED_OOC)  # Mon 9 Nov
    assert obligation(case, "wok.cr.missed.first").trigger_at == d(9)
    ladder = case_ladder(case=case, today=TODAY)
    assert (ladder.count, ladder.stage) == (1, "First unexplained miss")
    miss(a2, worker, Outcome.NOT_ATTENDED_OOC)  # Mon 16 Nov: two in a row
    assert obligation(case, "wok.cr.missed.second-stage").trigger_at == d(16)
    event_record(type="home-visit.completed", occurred_at=at(18, 11), actor=worker, case=case,
                 data={"announced": True, "topic": "engagement"})
    assert obligation(case, "wok.cr.missed.second-stage").met_on == d(18)

    with pytest.raises(ValidationError) as error:
        s.engagement_refused_record(case=case, note="  ", actor=worker, on=d(18))
    assert error.value.message_dict["note"] == [s.REFUSAL_NOTE_MISSING]
    s.engagement_refused_record(case=case, note="Child said they will not come again; mother agreed.",
                                actor=worker, on=d(18))  # Wed 18 Nov
    # Closure request within 3 working days: Thu 19, Fri 20, Mon 23 Nov.
    request_due = obligation(case, "wok.cr.closure-disengagement.request-3wd")
    assert (request_due.due, request_due.status) == (d(23), Obligation.Status.OPEN)
    ladder = case_ladder(case=case, today=TODAY)
    assert ladder.next_step.spec.key == "refused" and ladder.next_item.obligation.due == d(23)

    cases.case_request_closure(case=case, reason="disengagement", actor=worker, on=d(19),
                               steps_taken="Two missed sessions, a home visit on 18 November; engagement refused.")
    assert obligation(case, "wok.cr.closure-disengagement.request-3wd").met_on == d(19)
    cases.closure_agree(case=case, actor=pyjs_manager, on=d(20))  # Fri 20 Nov
    agreed = Event.objects.get(case=case, type="closure.agreed")
    assert agreed.data == {"by": "tm", "reason": "disengagement"}
    cases.case_close(case=case, reason="disengagement", actor=pyjs_manager, on=d(23))

    # The closure disengagement letter follows: 5 working days from Fri 20 Nov = Mon 23 ... Fri 27 Nov, still open
    # after the case closed.
    letter = obligation(case, "wok.cr.closure-disengagement.letter-5wd")
    assert (letter.trigger_at, letter.due, letter.status) == (d(20), d(27), Obligation.Status.OPEN)
    assert obligation(case, "wok.cr.closure.record-and-end").met_on == d(23)
    ladder = case_ladder(case=case, today=TODAY)
    assert ladder.stage == "Closure agreed (disengagement)"
    assert step(ladder, "closure-letter-disengagement").spec.letter == "closure_disengagement"


def test_a_prevention_no_contact_closure(prev_case, full_timer, pyjs_manager):
    case, worker = prev_case, full_timer
    visit = book(case, worker, 10, AppointmentKind.HOME_VISIT_UNANNOUNCED, hour=10)  # Tue 10 Nov, appointment 1
    miss(visit, worker, Outcome.NOT_ATTENDED_PREVENTION)
    final = obligation(case, "wok.prev.closure-no-contact.final-attempt-letter")
    assert (final.trigger_at, final.due) == (d(10), d(10))
    ladder = case_ladder(case=case, today=TODAY)
    no_contact = step(ladder, "no-contact")
    assert no_contact.spec.letter == "prevention_initial_contact_final_attempt"
    assert no_contact.letter_url == f"/cases/{case.pk}/letters/new?type=prevention_initial_contact_final_attempt"

    office = book(case, worker, 17, AppointmentKind.OFFICE)  # Tue 17 Nov, appointment 2
    event_record(type="letter.sent", occurred_at=at(10, 11), actor=worker, case=case,
                 data={"type": "prevention_initial_contact_final_attempt", "method": "through_door",
                       "to": "parent_carer"})
    assert obligation(case, "wok.prev.closure-no-contact.final-attempt-letter").status in (
        Obligation.Status.MET, Obligation.Status.MET_LATE)
    miss(office, worker, Outcome.NOT_ATTENDED_PREVENTION)
    # The office appointment not kept (Tue 17 Nov): closure request within 3 working days -> Fri 20 Nov.
    request_due = obligation(case, "wok.prev.closure-no-contact.request-3wd")
    assert (request_due.trigger_at, request_due.due) == (d(17), d(20))

    cases.case_request_closure(case=case, reason="no_contact", actor=worker, on=d(18),
                               steps_taken="Phone calls, an unannounced visit, the final attempt letter, office "
                                           "appointment not kept.")
    assert obligation(case, "wok.prev.closure-no-contact.request-3wd").met_on == d(18)
    cases.closure_agree(case=case, actor=pyjs_manager, on=d(19))  # Thu 19 Nov
    cases.case_close(case=case, reason="no_contact", actor=pyjs_manager, on=d(20))
    # Closure No Contact letter to the parent/carer: 5 working days from Thu 19 Nov = Fri 20, Mon 23, Tue 24,
    # Wed 25, Thu 26 Nov.
    letter = obligation(case, "wok.prev.closure-no-contact.letter")
    assert (letter.due, letter.status) == (d(26), Obligation.Status.OPEN)
    assert Case.objects.get(pk=case.pk).closure_reason == "no_contact"


def test_a_returned_closure_request_reopens_the_case_with_a_management_entry(cr_case, full_timer, pyjs_manager):
    case = cr_case
    with pytest.raises(ValidationError) as error:
        cases.case_request_closure(case=case, reason="disengagement", actor=full_timer, steps_taken="")
    assert error.value.message_dict["steps_taken"] == [cases.CLOSURE_STEPS_MISSING]
    assert not ClosureRequest.objects.exists()
    cases.case_request_closure(case=case, reason="disengagement", actor=full_timer, steps_taken="One call.")
    with pytest.raises(ValidationError) as error:
        cases.closure_return(case=case, reason=" ", actor=pyjs_manager)
    assert error.value.message_dict["reason"] == [cases.CLOSURE_RETURN_REASON_MISSING]
    cases.closure_return(case=case, reason="Try a home visit first.", actor=pyjs_manager)
    case = Case.objects.get(pk=case.pk)
    assert case.status == Case.Status.OPEN
    entry = Event.objects.filter(case=case, type="record.entered").latest("id")
    assert entry.data == {"kind": "management_entry", "topic": "closure"} and entry.reason == "Try a home visit first."
    assert ClosureRequest.objects.get().decision == ClosureRequest.Decision.RETURNED
    with pytest.raises(ValidationError) as error:
        cases.closure_agree(case=case, actor=pyjs_manager)
    assert error.value.message_dict["case"] == [cases.CLOSURE_NOT_REQUESTED]


def test_a_declined_service_is_recorded_as_a_contact_and_the_declined_letter_follows_agreement(prev_case,
                                                                                              full_timer,
                                                                                              pyjs_manager):
    case = prev_case
    s.programme_declined_record(case=case, note="Mother said they do not want the service.", actor=full_timer,
                                on=d(16))  # Mon 16 Nov
    discuss = obligation(case, "wok.prev.closure-declined.discuss")
    assert (discuss.trigger_at, discuss.status) == (d(16), Obligation.Status.OPEN)
    cases.case_request_closure(case=case, reason="declined", actor=full_timer, on=d(16),
                               steps_taken="Offer explained by phone; declined by the mother.")
    assert obligation(case, "wok.prev.closure-declined.discuss").met_on == d(16)
    cases.closure_agree(case=case, actor=pyjs_manager, on=d(17))  # Tue 17 Nov
    # Service declined letter within 5 working days: Wed 18, Thu 19, Fri 20, Mon 23, Tue 24 Nov.
    assert obligation(case, "wok.prev.closure-declined.letter-5wd").due == d(24)
    with pytest.raises(ValidationError) as error:
        s.programme_declined_record(case=case, note="", actor=full_timer, on=d(18))
    assert error.value.message_dict["note"] == [s.REFUSAL_NOTE_MISSING]
