"""The ladder and closure pages through the test client: the case page's ladder card, bad input refused with an
error summary and nothing saved, the managers' closure requests, agreeing and returning, and closing refused while a
breach is open."""
from __future__ import annotations

import pytest
from django.test import Client

from tests.pages.helpers import error_summary, text
from waypoint.appointments import services as appointments
from waypoint.appointments.models import AppointmentKind, Outcome
from waypoint.cases import services as cases
from waypoint.cases.models import Case, ClosureRequest, Event
from waypoint.ladders import services as s

from .conftest import at


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def three_failures(case, worker):
    for day in (10, 17, 20):
        appointment = appointments.appointment_schedule(case=case, staff=worker, kind=AppointmentKind.SUPERVISION,
                                                        starts_at=at(day), actor=worker)
        appointments.appointment_record_outcome(appointment=appointment, outcome=Outcome.UNACCEPTABLE, actor=worker)


def test_the_case_page_shows_the_ladder_card_with_the_next_step_and_its_due_date(yro_case, full_timer):
    three_failures(yro_case, full_timer)
    page = text(client_for(full_timer).get(f"/cases/{yro_case.pk}"))
    assert "Youth Rehabilitation Order compliance ladder" in page
    assert "Unacceptable failures to attend 3" in page
    assert "Where the case is Breach stage (3 unacceptable failures)" in page
    # Follow-up of the Tue 10 Nov miss was due Wed 11 Nov and is the most pressing open step.
    assert "Overdue: was due 11 November 2026" in page
    assert "Letter: breach letter" in page and "Start breach" in page


@pytest.mark.parametrize("data, message", [
    ({"reason": "", "steps_taken": "Calls."}, "Select the reason for closing the case"),
    ({"reason": "bored", "steps_taken": "Calls."}, "Select the reason for closing the case"),
    ({"reason": "disengagement", "steps_taken": ""}, cases.CLOSURE_STEPS_MISSING),
    ({"reason": "disengagement", "steps_taken": "x" * 5001}, "Steps taken must be 5000 characters or fewer"),
])
def test_a_bad_closure_request_shows_the_error_and_saves_nothing(cr_case, full_timer, data, message):
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/closure/request", data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert not ClosureRequest.objects.exists()
    assert Case.objects.get(pk=cr_case.pk).status == Case.Status.OPEN
    assert not Event.objects.filter(case=cr_case, type="closure.requested").exists()


def test_hostile_text_is_kept_as_text_and_shown_escaped(cr_case, full_timer, pyjs_manager):
    hostile = '<script>alert("x")</script> {{ 7*7 }}'
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/closure/request",
                                           {"reason": "declined", "steps_taken": hostile})
    assert response.status_code == 302
    assert ClosureRequest.objects.get().steps_taken == hostile
    body = client_for(pyjs_manager).get(f"/cases/{cr_case.pk}/closure/decision").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body and "{{ 7*7 }}" in body


def test_a_manager_sees_the_request_agrees_it_and_closes_the_case(cr_case, full_timer, pyjs_manager):
    cases.case_request_closure(case=cr_case, reason="declined", actor=full_timer, steps_taken="Offer declined.")
    listing = client_for(pyjs_manager).get("/closure-requests")
    assert cr_case.reference in text(listing) and "Waiting for a decision" in text(listing)
    assert client_for(full_timer).get("/closure-requests").status_code == 403

    manager = client_for(pyjs_manager)
    refused = manager.post(f"/cases/{cr_case.pk}/closure/decision", {"decision": "returned", "return_reason": ""})
    assert cases.CLOSURE_RETURN_REASON_MISSING in error_summary(refused)
    assert ClosureRequest.objects.get().is_pending
    assert manager.post(f"/cases/{cr_case.pk}/closure/decision", {"decision": "agreed"}).status_code == 302
    assert Event.objects.get(case=cr_case, type="closure.agreed").data == {"by": "tm", "reason": "declined"}
    assert "Agreed: ready to close" in text(manager.get("/closure-requests"))

    future = manager.post(f"/cases/{cr_case.pk}/close",
                          {"reason": "declined", "on-day": "25", "on-month": "11", "on-year": "2026"})
    assert "Date the case closed must be today or in the past" in error_summary(future)
    assert Case.objects.get(pk=cr_case.pk).status == Case.Status.CLOSURE_REQUESTED
    done = manager.post(f"/cases/{cr_case.pk}/close",
                        {"reason": "declined", "on-day": "24", "on-month": "11", "on-year": "2026"})
    assert done.status_code == 302
    assert Case.objects.get(pk=cr_case.pk).status == Case.Status.CLOSED
    assert "No cases are waiting for a closure decision" in text(manager.get("/closure-requests"))


def test_returning_a_request_reopens_the_case(cr_case, full_timer, pyjs_manager):
    cases.case_request_closure(case=cr_case, reason="no_contact", actor=full_timer, steps_taken="Two calls.")
    response = client_for(pyjs_manager).post(f"/cases/{cr_case.pk}/closure/decision",
                                             {"decision": "returned", "return_reason": "Visit the family first."})
    assert response.status_code == 302
    assert Case.objects.get(pk=cr_case.pk).status == Case.Status.OPEN
    page = text(client_for(full_timer).get(f"/cases/{cr_case.pk}"))
    assert "Returned to the worker" in page and "Visit the family first." in page


def test_closing_with_an_open_breach_is_refused_and_saves_nothing(yro_case, full_timer, pyjs_manager):
    three_failures(yro_case, full_timer)
    s.breach_start(case=yro_case, actor=full_timer, on=yro_case.started_on.replace(day=23))
    response = client_for(pyjs_manager).post(f"/cases/{yro_case.pk}/close", {
        "reason": "order_completed", "on-day": "24", "on-month": "11", "on-year": "2026"})
    assert response.status_code == 200
    assert error_summary(response) == [cases.CLOSURE_BREACH_OPEN]
    assert Case.objects.get(pk=yro_case.pk).status == Case.Status.OPEN
    assert not Event.objects.filter(case=yro_case, type__in=["case.closed", "record.entered"]).filter(
        data__topic="closure").exists()


@pytest.mark.parametrize("path, data, message", [
    ("engagement-refused", {"on-day": "", "on-month": "", "on-year": "", "note": "No."}, s.LADDER_DATE_MISSING),
    ("engagement-refused", {"on-day": "1", "on-month": "12", "on-year": "2026", "note": "No."},
     "Date must be today or in the past"),
    ("engagement-refused", {"on-day": "aa", "on-month": "11", "on-year": "2026", "note": "No."},
     "Date must be a real date"),
    ("engagement-refused", {"on-day": "18", "on-month": "11", "on-year": "2026", "note": ""}, s.REFUSAL_NOTE_MISSING),
    ("engagement-refused", {"on-day": "18", "on-month": "11", "on-year": "2026", "note": "x" * 2001},
     "What the child or parent/carer said must be 2000 characters or fewer"),
    ("warning", {"level": "first", "on-day": "18", "on-month": "11", "on-year": "2026"}, s.WARNING_ONLY_COURT_ORDERS),
    ("breach", {"on-day": "18", "on-month": "11", "on-year": "2026"}, s.BREACH_ONLY_COURT_ORDERS),
])
def test_bad_ladder_steps_show_the_error_and_save_nothing(cr_case, full_timer, path, data, message):
    before = Event.objects.filter(case=cr_case).count()
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/ladder/{path}", data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert Event.objects.filter(case=cr_case).count() == before


def test_breach_refused_before_the_third_failure_through_the_page(yro_case, full_timer):
    response = client_for(full_timer).post(f"/cases/{yro_case.pk}/ladder/breach",
                                           {"on-day": "23", "on-month": "11", "on-year": "2026"})
    assert error_summary(response) == [s.BREACH_NEEDS_THIRD_FAILURE]
    assert not Event.objects.filter(case=yro_case, type="breach.initiated").exists()


def test_engagement_refused_through_the_page(cr_case, full_timer):
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/ladder/engagement-refused", {
        "on-day": "18", "on-month": "11", "on-year": "2026", "note": "Will not attend again."})
    assert response.status_code == 302
    assert Event.objects.get(case=cr_case, type="engagement.refused").data == {"note": "Will not attend again."}


def test_the_second_warning_books_the_compliance_meeting_through_the_page(yro_case, full_timer):
    client = client_for(full_timer)
    first, second = (appointments.appointment_schedule(case=yro_case, staff=full_timer, starts_at=at(day),
                                                       kind=AppointmentKind.SUPERVISION, actor=full_timer)
                     for day in (10, 17))
    appointments.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.SUPERVISION,
                                      starts_at=at(1, month=12), actor=full_timer)
    appointments.appointment_record_outcome(appointment=first, outcome=Outcome.UNACCEPTABLE, actor=full_timer)
    form = client.get(f"/cases/{yro_case.pk}/ladder/warning?level=first").content.decode()
    assert 'value="first" checked' in form
    ok = client.post(f"/cases/{yro_case.pk}/ladder/warning", {
        "level": "first", "on-day": "11", "on-month": "11", "on-year": "2026"})
    assert ok.status_code == 302
    appointments.appointment_record_outcome(appointment=second, outcome=Outcome.UNACCEPTABLE, actor=full_timer)
    second_warning = {"level": "second", "on-day": "18", "on-month": "11", "on-year": "2026"}
    missing = client.post(f"/cases/{yro_case.pk}/ladder/warning", second_warning)
    assert error_summary(missing) == [s.WARNING_MEETING_MISSING]
    bad_time = client.post(f"/cases/{yro_case.pk}/ladder/warning", {
        **second_warning, "meeting_on-day": "26", "meeting_on-month": "11", "meeting_on-year": "2026",
        "meeting_at": "teatime"})
    assert "Enter a real time, for example 2:30pm or 14:30" in error_summary(bad_time)
    assert not Event.objects.filter(case=yro_case, type="meeting.scheduled").exists()
    done = client.post(f"/cases/{yro_case.pk}/ladder/warning", {
        **second_warning, "meeting_on-day": "26", "meeting_on-month": "11", "meeting_on-year": "2026",
        "meeting_at": "2pm"})
    assert done.status_code == 302
    assert [e.data["level"] for e in Event.objects.filter(case=yro_case, type="warning.issued")] == ["first", "second"]
    assert Event.objects.get(case=yro_case, type="meeting.scheduled").data["starts_at"] == "2026-11-26T14:00"


def test_a_court_order_closes_through_the_pages_once_its_exit_interview_is_recorded(yro_case, pyjs_manager):
    manager = client_for(pyjs_manager)
    close = {"reason": "order_completed", "on-day": "24", "on-month": "11", "on-year": "2026"}
    assert error_summary(manager.post(f"/cases/{yro_case.pk}/close", close)) == [cases.CLOSURE_EXIT_INTERVIEW_MISSING]
    assert "Record the exit interview" in text(manager.get(f"/cases/{yro_case.pk}"))
    recorded = manager.post(f"/cases/{yro_case.pk}/exit-interview",
                            {"on-day": "24", "on-month": "11", "on-year": "2026", "note": "Exit plan agreed."})
    assert recorded.status_code == 302
    assert manager.post(f"/cases/{yro_case.pk}/close", close).status_code == 302
    assert Case.objects.get(pk=yro_case.pk).status == Case.Status.CLOSED


def test_a_booked_exit_interview_is_recorded_on_its_meeting_not_from_the_ladder_card(yro_case, full_timer,
                                                                                        pyjs_manager):
    from waypoint.meetings import services as meetings

    manager = client_for(pyjs_manager)
    meeting = meetings.meeting_arrange(case=yro_case, type="exit_interview", starts_at=at(26, 14), actor=full_timer,
                                       invitees=["child", "parent_carer", "line_manager"])
    page = manager.get(f"/cases/{yro_case.pk}").content.decode()
    assert "Go to the exit interview" in page and f'href="/meetings/{meeting.pk}"' in page
    assert "Record the exit interview" not in text(manager.get(f"/cases/{yro_case.pk}"))
    refused = manager.post(f"/cases/{yro_case.pk}/exit-interview",
                           {"on-day": "24", "on-month": "11", "on-year": "2026", "note": "Exit plan agreed."})
    assert error_summary(refused) == [s.EXIT_INTERVIEW_BOOKED]
    assert not Event.objects.filter(case=yro_case, type="meeting.held").exists()
