"""Appointments: booking one or a run, the warnings a worker sees, rescheduling only before the start, outcomes with
each programme's own codes, written evidence, the once-only verbal warning, and the events the rules read.

The clock is Tue 24 Nov 2026 10:00 UTC (10:00 in London). Dates worked by hand: 2026 bank holidays include Fri 25 Dec
and Mon 28 Dec; the part-time worker works Mon, Tue, Wed.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from waypoint.appointments import services as s
from waypoint.appointments.contacts import ContactKind, contact_record
from waypoint.appointments.models import Appointment, AppointmentKind, AppointmentOutcome, EvidenceKind, Outcome
from waypoint.cases.models import Event
from waypoint.obligations.models import Obligation

from .conftest import TODAY, at


def events(case, type_):
    return list(Event.objects.filter(case=case, type=type_).order_by("occurred_at", "id"))


def test_booking_writes_the_scheduled_event_with_its_number_and_local_start(cr_case, full_timer):
    first = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.HOME_VISIT,
                                   starts_at=at(26), actor=full_timer, place="Home")
    second = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE,
                                    starts_at=at(3, month=12), actor=full_timer)
    scheduled = events(cr_case, "appointment.scheduled")
    assert [e.data["seq"] for e in scheduled] == [1, 2]
    assert scheduled[0].data == {"appointment_id": first.appointment_id, "type": "home_visit", "location": "home",
                                 "seq": 1, "starts_at": "2026-11-26T16:00"}
    assert scheduled[1].data["appointment_id"] == second.appointment_id
    # Community Resolution: every appointment given in writing before it takes place (wok.cr.appointments.in-writing)
    in_writing = Obligation.objects.filter(case=cr_case, rule="wok.cr.appointments.in-writing").order_by("due")
    assert [o.due for o in in_writing] == [dt.date(2026, 11, 26), dt.date(2026, 12, 3)]


def test_the_worker_is_warned_but_not_stopped(cr_case, part_timer, full_timer):
    # Thu 26 Nov is not a working day of a Mon-Wed worker; Fri 25 Dec 2026 is Christmas Day.
    warnings = s.scheduling_warnings(case=cr_case, staff=part_timer, starts_at=at(26))
    assert warnings == ["Thursday is not one of Pat Parttime’s working days (Monday, Tuesday, Wednesday)"]
    assert s.scheduling_warnings(case=cr_case, staff=full_timer, starts_at=at(25, month=12)) == [
        "Friday 25 December 2026 is a bank holiday (Christmas Day)"]
    s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(26),
                           actor=full_timer)
    clash = s.scheduling_warnings(case=cr_case, staff=full_timer, starts_at=at(26) + dt.timedelta(minutes=30))
    assert clash == ["Finn Fulltime already has an appointment at 16:00 that day"]
    assert s.scheduling_warnings(case=cr_case, staff=full_timer, starts_at=at(26, hour=17)) == []
    booked = s.appointment_schedule(case=cr_case, staff=part_timer, kind=AppointmentKind.OFFICE, starts_at=at(26),
                                    actor=full_timer)
    assert booked.pk  # a warning never blocks


def test_a_child_with_two_cases_is_warned_of_a_clash_across_them(case_in, cr_case, full_timer, part_timer):
    from waypoint.cases.models import Programme
    from waypoint.cases.services import case_open

    s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(26),
                           actor=full_timer)
    other = case_open(service=cr_case.service, child=cr_case.child, programme=Programme.PREVENTION,
                      started_on=cr_case.started_on, actor=full_timer)
    assert s.scheduling_warnings(case=other, staff=part_timer, starts_at=at(26)) == [
        "Thursday is not one of Pat Parttime’s working days (Monday, Tuesday, Wednesday)",
        "Alex Testwell already has an appointment at 16:00 that day"]


def test_a_month_of_appointments_is_booked_in_one_go(cr_case, full_timer):
    booked = s.appointments_schedule_series(case=cr_case, staff=full_timer, kind=AppointmentKind.SUPERVISION,
                                            first_at=at(1, month=12), last_on=dt.date(2026, 12, 29), every_days=7,
                                            actor=full_timer)
    # Tuesdays 1, 8, 15, 22 and 29 December 2026 at 16:00
    assert [timezone.localtime(a.starts_at).date().day for a in booked] == [1, 8, 15, 22, 29]
    assert {timezone.localtime(a.starts_at).hour for a in booked} == {16}
    assert [e.data["seq"] for e in events(cr_case, "appointment.scheduled")] == [1, 2, 3, 4, 5]


def test_a_run_of_appointments_with_a_bad_end_books_nothing(cr_case, full_timer):
    with pytest.raises(ValidationError) as error:
        s.appointments_schedule_series(case=cr_case, staff=full_timer, kind=AppointmentKind.SUPERVISION,
                                       first_at=at(1, month=12), last_on=dt.date(2027, 6, 1), every_days=7,
                                       actor=full_timer)
    assert error.value.message_dict["last_on"] == [s.SERIES_TOO_LONG]
    with pytest.raises(ValidationError) as backwards:
        s.appointments_schedule_series(case=cr_case, staff=full_timer, kind=AppointmentKind.SUPERVISION,
                                       first_at=at(1, month=12), last_on=dt.date(2026, 11, 30), every_days=7,
                                       actor=full_timer)
    assert backwards.value.message_dict["last_on"] == [s.SERIES_END_BEFORE_START]
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("starts_at, field, message", [
    (None, "starts_at", s.APPOINTMENT_START_MISSING),
    (at(1, month=12) + dt.timedelta(days=400), "starts_at", s.APPOINTMENT_TOO_FAR),
    (at(1), "starts_at", s.APPOINTMENT_BEFORE_CASE),  # 1 Nov, before the case began on 5 Nov
])
def test_a_booking_with_a_bad_time_is_refused(cr_case, full_timer, starts_at, field, message):
    with pytest.raises(ValidationError) as error:
        s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=starts_at,
                               actor=full_timer)
    assert error.value.message_dict[field] == [message]
    assert not Appointment.objects.exists() and not events(cr_case, "appointment.scheduled")


def test_another_services_worker_cannot_book(cr_case, worker):
    with pytest.raises(PermissionDenied):
        s.appointment_schedule(case=cr_case, staff=worker, kind=AppointmentKind.OFFICE, starts_at=at(26),
                               actor=worker)


def test_rescheduling_before_the_start_keeps_the_history(cr_case, full_timer):
    booked = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(26),
                                    actor=full_timer)
    moved = s.appointment_reschedule(appointment=booked, starts_at=at(27), reason="Child has a dental appointment",
                                     actor=full_timer)
    assert timezone.localtime(moved.starts_at).day == 27
    change = moved.reschedules.get()
    assert (timezone.localtime(change.from_starts_at).day, timezone.localtime(change.to_starts_at).day) == (26, 27)
    assert events(cr_case, "appointment.rescheduled")[0].data == {
        "appointment_id": booked.appointment_id, "reason": "Child has a dental appointment",
        "starts_at": "2026-11-27T16:00"}


def test_rescheduling_after_the_start_or_without_a_reason_is_refused(cr_case, full_timer):
    upcoming = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE,
                                      starts_at=at(26), actor=full_timer)
    with pytest.raises(ValidationError) as no_reason:
        s.appointment_reschedule(appointment=upcoming, starts_at=at(27), reason=" ", actor=full_timer)
    assert no_reason.value.message_dict["reason"] == [s.RESCHEDULE_REASON_MISSING]
    with pytest.raises(ValidationError) as to_past:
        s.appointment_reschedule(appointment=upcoming, starts_at=at(23), reason="Moved", actor=full_timer)
    assert to_past.value.message_dict["starts_at"] == [s.RESCHEDULE_TO_PAST]
    started = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE,
                                     starts_at=at(23), actor=full_timer)
    with pytest.raises(ValidationError) as late:
        s.appointment_reschedule(appointment=started, starts_at=at(27), reason="Did not come", actor=full_timer)
    assert late.value.message_dict["appointment"] == [s.RESCHEDULE_AFTER_START]
    assert not events(cr_case, "appointment.rescheduled")


def test_an_outcome_before_the_appointment_time_is_refused(cr_case, full_timer):
    upcoming = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE,
                                      starts_at=at(24, hour=15), actor=full_timer)  # 15:00 today, after now (10:00)
    with pytest.raises(ValidationError) as error:
        s.appointment_record_outcome(appointment=upcoming, outcome=Outcome.ATTENDED, actor=full_timer)
    assert error.value.message_dict["appointment"] == [s.OUTCOME_BEFORE_START]
    assert not AppointmentOutcome.objects.exists()


def test_each_programme_offers_its_own_codes(cr_case, yro_case, full_timer):
    cr = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                actor=full_timer)
    with pytest.raises(ValidationError) as wrong:
        s.appointment_record_outcome(appointment=cr, outcome=Outcome.UNACCEPTABLE, actor=full_timer)
    assert wrong.value.message_dict["outcome"] == [s.OUTCOME_INVALID]
    s.appointment_record_outcome(appointment=cr, outcome=Outcome.NOT_ATTENDED_OOC, actor=full_timer)
    yro = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                 actor=full_timer)
    with pytest.raises(ValidationError):
        s.appointment_record_outcome(appointment=yro, outcome=Outcome.NOT_ATTENDED_OOC, actor=full_timer)


def test_a_miss_is_dated_at_the_appointment_and_starts_the_ladder(yro_case, full_timer):
    # Missed Mon 16 Nov 16:00, recorded on Tue 24 Nov: follow-up due 1 working day after the miss, Tue 17 Nov.
    missed = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                    actor=full_timer)
    s.appointment_record_outcome(appointment=missed, outcome=Outcome.UNACCEPTABLE, actor=full_timer)
    event = events(yro_case, "appointment.missed")[0]
    assert timezone.localtime(event.occurred_at) == at(16)
    assert event.data["outcome"] == "unacceptable" and event.data["appointment_id"] == missed.appointment_id
    follow_up = Obligation.objects.get(case=yro_case, rule="wok.yro.ftc.follow-up-1wd")
    assert (follow_up.trigger_at, follow_up.due) == (dt.date(2026, 11, 16), dt.date(2026, 11, 17))
    recorded = events(yro_case, "record.entered")[-1]
    assert recorded.data["kind"] == "session" and timezone.localtime(recorded.occurred_at).date() == TODAY


def test_an_acceptable_absence_on_an_order_needs_written_evidence_dated_by_today(yro_case, full_timer):
    missed = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                    actor=full_timer)
    with pytest.raises(ValidationError) as none:
        s.appointment_record_outcome(appointment=missed, outcome=Outcome.ACCEPTABLE, actor=full_timer)
    assert none.value.message_dict == {"evidence_kind": [s.EVIDENCE_KIND_MISSING],
                                       "evidence_received_on": [s.EVIDENCE_DATE_MISSING]}
    with pytest.raises(ValidationError) as future:
        s.appointment_record_outcome(appointment=missed, outcome=Outcome.ACCEPTABLE, actor=full_timer,
                                     evidence_kind=EvidenceKind.MEDICAL, evidence_received_on=dt.date(2026, 11, 25))
    assert future.value.message_dict["evidence_received_on"] == [s.EVIDENCE_IN_FUTURE]
    assert not AppointmentOutcome.objects.exists()
    s.appointment_record_outcome(appointment=missed, outcome=Outcome.ACCEPTABLE, actor=full_timer,
                                 evidence_kind=EvidenceKind.MEDICAL, evidence_received_on=dt.date(2026, 11, 17))
    assert events(yro_case, "absence.evidence-received")[0].occurred_at.date() == dt.date(2026, 11, 17)
    # An acceptable absence starts no follow-up duty (the ladder counts unacceptable failures only).
    assert not Obligation.objects.filter(case=yro_case, rule="wok.yro.ftc.follow-up-1wd").exists()


def test_the_verbal_warning_exception_needs_a_rationale_and_is_used_once(yro_case, full_timer):
    first = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                   actor=full_timer)
    second = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(19),
                                    actor=full_timer)
    with pytest.raises(ValidationError) as no_rationale:
        s.appointment_record_outcome(appointment=first, outcome=Outcome.UNACCEPTABLE, actor=full_timer,
                                     verbal_warning=True)
    assert no_rationale.value.message_dict["verbal_warning_rationale"] == [s.VERBAL_WARNING_RATIONALE_MISSING]
    s.appointment_record_outcome(appointment=first, outcome=Outcome.UNACCEPTABLE, actor=full_timer,
                                 verbal_warning=True, verbal_warning_rationale="Full attendance for 10 weeks.")
    assert events(yro_case, "warning.issued")[0].data == {"level": "verbal"}
    with pytest.raises(ValidationError) as again:
        s.appointment_record_outcome(appointment=second, outcome=Outcome.UNACCEPTABLE, actor=full_timer,
                                     verbal_warning=True, verbal_warning_rationale="Again good")
    assert again.value.message_dict["verbal_warning"] == [s.VERBAL_WARNING_ALREADY_USED]


def test_a_changed_outcome_is_a_new_row_and_the_latest_is_in_force(yro_case, full_timer):
    missed = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                    actor=full_timer)
    s.appointment_record_outcome(appointment=missed, outcome=Outcome.UNACCEPTABLE, actor=full_timer)
    s.appointment_record_outcome(appointment=missed, outcome=Outcome.ACCEPTABLE, actor=full_timer,
                                 evidence_kind=EvidenceKind.SCHOOL, evidence_received_on=dt.date(2026, 11, 18))
    assert [o.outcome for o in missed.outcome_list()] == ["unacceptable", "acceptable"]
    assert missed.outcome_in_force.outcome == "acceptable"
    assert len(events(yro_case, "appointment.missed")) == 1
    assert events(yro_case, "appointment.outcome-recorded")[-1].data["outcome"] == "acceptable"
    # The replaced unacceptable outcome no longer starts the follow-up duty.
    assert not Obligation.objects.filter(case=yro_case, rule="wok.yro.ftc.follow-up-1wd").exists()
    s.appointment_record_outcome(appointment=missed, outcome=Outcome.UNACCEPTABLE, actor=full_timer)
    with pytest.raises(ValidationError) as same:
        s.appointment_record_outcome(appointment=missed, outcome=Outcome.UNACCEPTABLE, actor=full_timer)
    assert same.value.message_dict["outcome"] == [s.OUTCOME_UNCHANGED]


def test_an_attended_session_and_home_visit_are_recorded_as_delivered(cr_case, full_timer):
    visit = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.HOME_VISIT,
                                   starts_at=at(12), actor=full_timer)
    session = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.SUPERVISION,
                                     starts_at=at(19), actor=full_timer)
    s.appointment_record_outcome(appointment=visit, outcome=Outcome.ATTENDED, actor=full_timer)
    s.appointment_record_outcome(appointment=session, outcome=Outcome.ATTENDED, actor=full_timer)
    assert events(cr_case, "home-visit.completed")[0].data == {"announced": True, "seq": 1}
    assert events(cr_case, "session.delivered")[0].data["type"] == "supervision"
    # The first home visit, Thu 12 Nov, is in week 1 of the programme (Mon 9-Sun 15 Nov): met.
    first_visit = Obligation.objects.get(case=cr_case, rule="wok.cr.first-appointment.home-visit-week")
    assert first_visit.status == Obligation.Status.MET and first_visit.met_on == dt.date(2026, 11, 12)


def test_contacts_write_their_events_and_when_they_were_recorded(yro_case, full_timer):
    contact_record(case=yro_case, kind=ContactKind.PHONE_NO_ANSWER, occurred_at=at(20, hour=9),
                   with_whom="child", topic="absence_follow_up", actor=full_timer)
    attempt = events(yro_case, "contact.attempted")[0]
    assert attempt.data == {"method": "phone", "outcome": "unsuccessful", "with": "child",
                            "topic": "absence_follow_up"}
    record = events(yro_case, "record.entered")[-1]
    assert record.data["kind"] == "contact" and timezone.localtime(record.occurred_at).date() == TODAY
    with pytest.raises(ValidationError) as note:
        contact_record(case=yro_case, kind=ContactKind.CASE_NOTE, occurred_at=at(20), actor=full_timer)
    assert note.value.message_dict["notes"] == ["Enter what happened"]
    with pytest.raises(ValidationError) as future:
        contact_record(case=yro_case, kind=ContactKind.PHONE, occurred_at=at(25), actor=full_timer)
    assert future.value.message_dict["occurred_at"] == ["The time it happened must be now or in the past"]
