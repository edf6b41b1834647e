"""Letters as PDF: each type's PDF text names the child, the dates and the next appointment; who each letter goes
to; marking one sent writes the `letter.sent` events the rules read and meets the letter duties.

The clock is Tue 24 Nov 2026 10:00 UTC. Dates worked by hand: Tue 1 Dec 2026 is a Tuesday; the series runs Tuesdays
1, 8, 15, 22, 29 Dec; Mon 16 Nov, Thu 12 Nov and Mon 9 Nov 2026 are past. A YRO ending Sat 31 Oct 2026 for a child
under 18 is spent 6 months after its last day: 6 months beginning with 31 Oct end on 30 Apr 2027 (April has no 31st),
so it is spent on Saturday 1 May 2027.
"""
from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from waypoint.appointments import services as appointments
from waypoint.appointments.models import AppointmentKind
from waypoint.cases.models import Allocation, Event, Order, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.core.models import frozen_clock
from waypoint.documents import services as s
from waypoint.documents.models import Letter, LetterType
from waypoint.obligations.models import Obligation
from waypoint.people.tests.factories import (
    ChildAddressFactory,
    ChildFactory,
    ChildRelationshipFactory,
    PersonFactory,
)

from .conftest import ALLOCATED_ON, at, client_for


def pdf_text(letter, staff) -> str:
    response = client_for(staff).get(f"/letters/{letter.pk}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def book(case, staff, when, kind=AppointmentKind.OFFICE, **extra):
    return appointments.appointment_schedule(case=case, staff=staff, kind=kind, starts_at=when, actor=staff, **extra)


def miss(case, staff, when):
    missed = book(case, staff, when)
    appointments.appointment_record_outcome(appointment=missed, outcome="unacceptable", actor=staff)
    return missed


def write(case, staff, letter_type, *booked):
    return s.letter_create(case=case, letter_type=letter_type, appointments=list(booked), actor=staff)


def sent_events(case):
    return [e.data for e in Event.objects.filter(case=case, type="letter.sent").order_by("id")]


# ---- Each letter's PDF ---------------------------------------------------------------------------------------------

def test_an_appointment_letter_pdf_names_the_child_the_date_and_the_place(cr_case, full_timer, mother):
    ChildAddressFactory(child=cr_case.child, line_1="7 Fiction Lane", town="Exampleton", postcode="ZZ9 9ZZ",
                        recorded_by=full_timer)
    one = book(cr_case, full_timer, at(1, month=12), place="Exampleton youth centre")
    text = pdf_text(write(cr_case, full_timer, LetterType.APPOINTMENT, one), full_timer)
    assert "Your appointment with Exampleton PYJS" in text
    assert "Dear Alex," in text
    assert "When: Tuesday 1 December 2026 at 4pm" in text
    assert "Where: Exampleton youth centre" in text
    assert "Who you will see: Finn Fulltime" in text
    assert "Alex Testwell Sam Testwell 7 Fiction Lane Exampleton ZZ9 9ZZ" in text  # to the child and the mother
    assert "Tuesday 24 November 2026" in text  # the letter's date


def test_a_month_of_appointments_in_one_letter(cr_case, full_timer):
    run = appointments.appointments_schedule_series(
        case=cr_case, staff=full_timer, kind=AppointmentKind.SUPERVISION, first_at=at(1, month=12),
        last_on=dt.date(2026, 12, 29), every_days=7, actor=full_timer)
    text = pdf_text(write(cr_case, full_timer, LetterType.APPOINTMENT, *run), full_timer)
    assert "Your appointments with Exampleton PYJS" in text
    assert "Here are your next 5 appointments with us." in text
    for day in ("Tuesday 1 December", "Tuesday 8 December", "Tuesday 15 December", "Tuesday 22 December",
                "Tuesday 29 December"):
        assert f"{day} 2026 at 4pm: Supervision session" in text


def test_the_home_visit_final_shout_offers_the_office_appointment(cr_case, full_timer):
    office = book(cr_case, full_timer, at(26, hour=11))
    text = pdf_text(write(cr_case, full_timer, LetterType.HOME_VISIT_FINAL_SHOUT, office), full_timer)
    assert "Sorry we missed you" in text and "Dear Alex," in text
    assert "When: Thursday 26 November 2026 at 11am" in text
    assert "Where: The Exampleton PYJS office" in text


def test_the_prevention_final_attempt_letter(prevention_case, full_timer):
    office = book(prevention_case, full_timer, at(27, hour=12))
    text = pdf_text(write(prevention_case, full_timer, LetterType.PREVENTION_FINAL_ATTEMPT, office), full_timer)
    assert "We would like to hear from you" in text and "Dear Alex," in text
    assert "This is the last time we will try." in text
    assert "When: Friday 27 November 2026 at midday" in text


@pytest.mark.parametrize("letter_type, title, words", [
    (LetterType.CLOSURE_NO_CONTACT, "We have closed your case", "So we closed the case on Tuesday 24 November 2026"),
    (LetterType.CLOSURE_DISENGAGEMENT, "We have closed your case",
     "You agreed to work with us on the Community Resolution programme"),
    (LetterType.SERVICE_DECLINED, "You told us you do not want to work with us",
     "We closed your case on Tuesday 24 November 2026. Our records will say that you chose not to take part."),
])
def test_the_closure_letters(cr_case, full_timer, letter_type, title, words):
    text = pdf_text(write(cr_case, full_timer, letter_type), full_timer)
    assert title in text and "Dear Alex," in text and words in text
    assert "Finn Fulltime Exampleton PYJS" in text  # signed by the case worker


def test_the_prevention_no_contact_letter_goes_to_the_parent_only(prevention_case, full_timer):
    parent = PersonFactory(service=prevention_case.service, given_name="Jo", family_name="Testwell")
    ChildRelationshipFactory(child=prevention_case.child, person=parent, relationship="Father")
    letter = write(prevention_case, full_timer, LetterType.CLOSURE_NO_CONTACT)
    assert letter.recipients == ["parent_carer"]
    text = pdf_text(letter, full_timer)
    assert "Dear Jo Testwell," in text
    assert "We have tried many times to get in touch with Alex" in text


def test_the_first_warning_names_the_missed_and_the_next_appointment(yro_case, full_timer):
    miss(yro_case, full_timer, at(16))
    upcoming = book(yro_case, full_timer, at(1, month=12))
    text = pdf_text(write(yro_case, full_timer, LetterType.FIRST_WARNING, upcoming), full_timer)
    assert "First warning: you missed an appointment" in text and "Dear Alex," in text
    assert "You did not come to your appointment on Monday 16 November 2026 at 4pm" in text
    assert "This is your first warning." in text
    assert "When: Tuesday 1 December 2026 at 4pm" in text


def test_the_second_warning_gives_the_compliance_meeting_with_a_manager(yro_case, full_timer):
    miss(yro_case, full_timer, at(12))
    miss(yro_case, full_timer, at(16))
    meeting = book(yro_case, full_timer, at(3, hour=10, month=12), kind=AppointmentKind.PLANNING,
                   with_whom="Maya Lead")
    text = pdf_text(write(yro_case, full_timer, LetterType.SECOND_WARNING, meeting), full_timer)
    assert "This is your second warning." in text
    assert "You must come to a meeting with Maya Lead, a manager" in text  # the case worker's line manager
    assert "When: Thursday 3 December 2026 at 10am" in text
    assert "Monday 16 November 2026 at 4pm" in text


def test_the_breach_letter_lists_the_missed_appointments(yro_case, full_timer):
    for day in (9, 12, 16):
        miss(yro_case, full_timer, at(day))
    upcoming = book(yro_case, full_timer, at(1, month=12))
    text = pdf_text(write(yro_case, full_timer, LetterType.BREACH, upcoming), full_timer)
    assert "We are taking your order back to court" in text and "Dear Alex," in text
    assert "You have missed 3 appointments without a good reason" in text
    for missed in ("Monday 9 November 2026 at 4pm", "Thursday 12 November 2026 at 4pm",
                   "Monday 16 November 2026 at 4pm"):
        assert missed in text
    assert "When: Tuesday 1 December 2026 at 4pm" in text


def test_the_order_completion_letter_gives_the_spent_date_the_law_module_works_out(yro_case, full_timer):
    Order.objects.create(case=yro_case, order_type=Order.OrderType.YRO, made_on=dt.date(2026, 6, 1),
                         starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 10, 31))
    letter = write(yro_case, full_timer, LetterType.ORDER_COMPLETION)
    text = pdf_text(letter, full_timer)
    assert "Well done: you have finished your order" in text and "Dear Alex," in text
    assert "It ended on Saturday 31 October 2026." in text
    assert "Your conviction will be spent on Saturday 1 May 2027." in text
    assert letter.data["order"]["spent_date"] == "Saturday 1 May 2027"


def test_the_order_completion_letter_needs_an_order(yro_case, full_timer):
    with pytest.raises(ValidationError) as caught:
        write(yro_case, full_timer, LetterType.ORDER_COMPLETION)
    assert caught.value.message_dict == {"letter_type": [s.LETTER_NO_ORDER]}
    assert not Letter.objects.exists()


# ---- Who a letter goes to -----------------------------------------------------------------------------------------

@pytest.fixture
def older_yro(pyjs, pyjs_team, pyjs_manager, full_timer):
    """A YRO case for Kit Olderton, born 1 Jan 2009: 17 on every date here."""
    child = ChildFactory(service=pyjs, given_name="Kit", family_name="Olderton", date_of_birth=dt.date(2009, 1, 1))
    case = case_open(service=pyjs, child=child, programme=Programme.YRO, started_on=ALLOCATED_ON,
                     actor=pyjs_manager, team=pyjs_team)
    case_allocate(case=case, staff=full_timer, role=Allocation.Role.CASE_WORKER, rationale="Capacity.",
                  actor=pyjs_manager, on=ALLOCATED_ON)
    return case


def test_recipients_follow_the_catalogue(older_yro, yro_case, full_timer):
    upcoming = book(older_yro, full_timer, at(1, month=12))
    assert write(older_yro, full_timer, LetterType.FIRST_WARNING, upcoming).recipients == ["child"]  # 17, no PR
    under_16 = book(yro_case, full_timer, at(1, month=12))
    assert write(yro_case, full_timer, LetterType.FIRST_WARNING, under_16).recipients == ["child", "parent_carer"]
    # an appointment letter's copy to the parent/carer is good practice on every programme
    assert write(older_yro, full_timer, LetterType.APPOINTMENT, upcoming).recipients == ["child", "parent_carer"]
    # a parent with parental responsibility who receives copies gets every letter
    parent = PersonFactory(service=older_yro.service, given_name="Lee", family_name="Olderton")
    ChildRelationshipFactory(child=older_yro.child, person=parent, relationship="Father")
    assert write(older_yro, full_timer, LetterType.FIRST_WARNING, upcoming).recipients == ["child", "parent_carer"]


# ---- Marking sent --------------------------------------------------------------------------------------------------

def test_marking_sent_writes_one_event_per_recipient_and_appointment(cr_case, full_timer, mother):
    first, second = (book(cr_case, full_timer, at(d, month=12)) for d in (1, 8))
    letter = write(cr_case, full_timer, LetterType.APPOINTMENT, first, second)
    s.letter_mark_sent(letter=letter, sent_on=dt.date(2026, 11, 24), method="letter", actor=full_timer)
    assert sent_events(cr_case) == [
        {"type": "appointment", "method": "letter", "seq": 1, "to": "child", "appointment_id": first.appointment_id},
        {"type": "appointment", "method": "letter", "seq": 1, "to": "child", "appointment_id": second.appointment_id},
        {"type": "appointment", "method": "letter", "seq": 1, "to": "parent_carer",
         "appointment_id": first.appointment_id},
        {"type": "appointment", "method": "letter", "seq": 1, "to": "parent_carer",
         "appointment_id": second.appointment_id},
    ]
    letter.refresh_from_db()
    assert letter.sent_on == dt.date(2026, 11, 24) and letter.sent_recorded_by == full_timer
    # each appointment was given in writing before it starts (wok.cr.appointments.in-writing)
    in_writing = Obligation.objects.filter(case=cr_case, rule="wok.cr.appointments.in-writing").order_by("due")
    assert [(o.due, o.status) for o in in_writing] == [(dt.date(2026, 12, 1), "met"), (dt.date(2026, 12, 8), "met")]
    # the next appointment letter is the case's second
    third = book(cr_case, full_timer, at(15, month=12))
    s.letter_mark_sent(letter=write(cr_case, full_timer, LetterType.APPOINTMENT, third), sent_on=dt.date(2026, 11, 24),
                       method="letter", actor=full_timer)
    assert {e["seq"] for e in sent_events(cr_case)[4:]} == {2}
    with pytest.raises(ValidationError) as caught:
        s.letter_mark_sent(letter=letter, sent_on=dt.date(2026, 11, 24), method="letter", actor=full_timer)
    assert caught.value.message_dict == {"sent_on": [s.SENT_ALREADY]}


@pytest.mark.parametrize("sent_day, status", [(6, "met"), (9, "met_late")])
def test_the_first_appointment_letter_posted_the_friday_after_allocation_meets_its_duty(
        cr_case, full_timer, sent_day, status):
    # Allocated Thu 5 Nov 2026; the first Friday after is Fri 6 Nov; Mon 9 Nov is late.
    with frozen_clock(timezone.make_aware(dt.datetime(2026, 11, 5, 15, 0))):
        visit = book(cr_case, full_timer, at(10), kind=AppointmentKind.HOME_VISIT)  # Tue 10 Nov 16:00
        letter = write(cr_case, full_timer, LetterType.APPOINTMENT, visit)
    with frozen_clock(timezone.make_aware(dt.datetime(2026, 11, sent_day, 11, 0))):
        s.letter_mark_sent(letter=letter, sent_on=dt.date(2026, 11, sent_day), method="letter", actor=full_timer)
    duty = Obligation.objects.get(case=cr_case, rule="wok.cr.first-appointment.letter-friday")
    assert (duty.due, duty.status, duty.met_on) == (dt.date(2026, 11, 6), status, dt.date(2026, 11, sent_day))
    assert sent_events(cr_case)[0] == {"type": "appointment", "method": "letter", "seq": 1, "to": "child",
                                       "appointment_id": visit.appointment_id}


def test_the_final_shout_put_through_the_door(cr_case, full_timer):
    office = book(cr_case, full_timer, at(26, hour=11))
    letter = write(cr_case, full_timer, LetterType.HOME_VISIT_FINAL_SHOUT, office)
    s.letter_mark_sent(letter=letter, sent_on=dt.date(2026, 11, 24), method="through_door", actor=full_timer)
    assert sent_events(cr_case) == [{"type": "home_visit_final_shout", "method": "through_door", "to": "child"},
                                    {"type": "home_visit_final_shout", "method": "through_door",
                                     "to": "parent_carer"}]


def test_the_order_completion_letter_handed_over_is_recorded_as_given(older_yro, full_timer):
    Order.objects.create(case=older_yro, order_type=Order.OrderType.YRO, made_on=dt.date(2026, 6, 1),
                         starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 10, 31))
    letter = write(older_yro, full_timer, LetterType.ORDER_COMPLETION)
    s.letter_mark_sent(letter=letter, sent_on=dt.date(2026, 11, 24), method="in_person", actor=full_timer)
    assert sent_events(older_yro) == [{"type": "order_completion", "to": "child"}]
    given = Event.objects.get(case=older_yro, type="document.given")
    assert given.data == {"type": "order_completion_letter", "to": "child"}


def test_a_letter_is_written_from_another_service_only_by_its_staff(cr_case, worker):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        write(cr_case, worker, LetterType.CLOSURE_NO_CONTACT)


def test_a_closure_letter_written_after_the_case_closed_gives_the_closure_date(cr_case, full_timer, pyjs_manager):
    from waypoint.cases.services import case_close, case_request_closure

    case_request_closure(case=cr_case, reason="no_contact", actor=full_timer, on=dt.date(2026, 11, 20),
                         steps_taken="Final shout letter, office appointment offered and not kept.")
    case_close(case=cr_case, reason="no_contact", actor=pyjs_manager, on=dt.date(2026, 11, 20))
    letter = write(cr_case, full_timer, LetterType.CLOSURE_NO_CONTACT)  # the letter duty outlives the case
    text = pdf_text(letter, full_timer)
    assert "So we closed the case on Friday 20 November 2026." in text
    s.letter_mark_sent(letter=letter, sent_on=dt.date(2026, 11, 24), method="letter", actor=full_timer)
    # to=child+parent_carer, as wok.cr.closure-no-contact.letter-5wd asks once closure.agreed is recorded
    assert sent_events(cr_case) == [{"type": "closure_no_contact", "method": "letter", "to": "child"},
                                    {"type": "closure_no_contact", "method": "letter", "to": "parent_carer"}]


def test_the_closure_no_contact_letter_to_both_meets_its_duty(cr_case, full_timer, pyjs_manager):
    from waypoint.cases.services import event_record

    # Closure agreed Mon 23 Nov 2026; 5 working days (a full-time worker) end Mon 30 Nov.
    event_record(type="closure.agreed", occurred_at=dt.date(2026, 11, 23), actor=pyjs_manager, case=cr_case,
                 data={"reason": "no_contact"})
    duty = Obligation.objects.get(case=cr_case, rule="wok.cr.closure-no-contact.letter-5wd")
    assert (duty.due, duty.status) == (dt.date(2026, 11, 30), "open")
    letter = write(cr_case, full_timer, LetterType.CLOSURE_NO_CONTACT)
    assert letter.recipients == ["child", "parent_carer"]
    s.letter_mark_sent(letter=letter, sent_on=dt.date(2026, 11, 24), method="letter", actor=full_timer)
    duty = Obligation.objects.get(case=cr_case, rule="wok.cr.closure-no-contact.letter-5wd")
    assert (duty.status, duty.met_on) == ("met", dt.date(2026, 11, 24))


def test_the_first_and_second_warning_letters_meet_the_ladders_letter_duties(yro_case, full_timer):
    miss(yro_case, full_timer, at(12))
    upcoming = book(yro_case, full_timer, at(1, month=12))
    first = write(yro_case, full_timer, LetterType.FIRST_WARNING, upcoming)
    s.letter_mark_sent(letter=first, sent_on=dt.date(2026, 11, 24), method="letter", actor=full_timer)
    assert Obligation.objects.get(case=yro_case, rule="wok.yro.ftc.first-warning").status == "met"
    miss(yro_case, full_timer, at(16))
    second = write(yro_case, full_timer, LetterType.SECOND_WARNING, upcoming)
    assert Obligation.objects.get(case=yro_case, rule="wok.yro.ftc.second-warning").status == "open"
    s.letter_mark_sent(letter=second, sent_on=dt.date(2026, 11, 24), method="letter", actor=full_timer)
    assert Obligation.objects.get(case=yro_case, rule="wok.yro.ftc.second-warning").status == "met"
