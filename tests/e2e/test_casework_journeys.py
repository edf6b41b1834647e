"""The casework journeys of issue 4 in a real browser, axe-core on every page (the page objects of
tests/e2e/pages.py): the YRO ladder to breach with each letter; the Community Resolution ladder to a
disengagement closure; a Prevention no contact closure.

The world is tests/e2e/obligations_world.py (a Wokingham-policy service, its manager Mina Managerton and case worker
Casey Caseworth). The live server runs on the real clock, so the appointments the child missed are booked in the
past through the services in the set-up; everything the worker and the manager do is done through the pages, today.
The one exception to "in the past": the Prevention final attempt letter can only be written about an appointment
still to come, and the journey must then see that office appointment not kept, so it is booked 40 seconds ahead and
the journey waits for it to start (about half a minute).
"""
from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from waypoint.appointments.models import AppointmentKind
from waypoint.appointments.services import appointment_schedule
from waypoint.cases.models import Case, Event, Programme
from waypoint.config.jinja2 import govuk_date, govuk_datetime
from waypoint.core.models import now
from waypoint.documents.content import long_date
from waypoint.documents.models import Letter
from waypoint.obligations.models import Obligation

from tests.world import PASSWORD

from .obligations_world import PROGRAMME as CR, open_case_for_new_child
from .pages import CaseworkAppointments, LadderCard, LettersSection, SignInPage, WhatsDue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORKER, MANAGER = "casey.caseworth", "mina.managerton"
YRO, PREVENTION = "Youth Rehabilitation Order", "Prevention"
YRO_LADDER = "Youth Rehabilitation Order compliance ladder"
CR_LADDER = "Community Resolution non-engagement ladder"
PREVENTION_LADDER = "Prevention non-engagement ladder"
LADDERS = {CR: CR_LADDER, PREVENTION: PREVENTION_LADDER, YRO: YRO_LADDER}


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def book(case, world, kind: str, starts: dt.datetime):
    return appointment_schedule(case=case, staff=world.worker, kind=kind, starts_at=starts, actor=world.worker)


def choice(appointment) -> str:
    """How the letters page offers an appointment."""
    return f"{govuk_datetime(appointment.starts_at)}: {appointment.get_kind_display()}"


def duty(case, rule: str) -> Obligation:
    return Obligation.objects.get(case=case, rule=rule)


def settled(case_page) -> dict[str, str]:
    """What's due's folded-away rows: title -> status."""
    return {row[1].strip().splitlines()[0]: row[0].strip() for row in WhatsDue(case_page).settled_rows()}


def sign_in_and_open(page, username: str, case: Case, programme: str):
    return SignInPage.open(page).sign_in(username, PASSWORD).go_to_cases().search(case.reference).open_case(
        case.reference, programme)


def test_the_yro_ladder_to_breach_with_each_letter(obligations_world, page):
    world = obligations_world
    today = world.today
    yro = open_case_for_new_child(world, Programme.YRO, reference="WP-97002", given_name="Jordan",
                                  family_name="Examplewood")
    a1, a2, a3 = (book(yro, world, AppointmentKind.SUPERVISION, at(today - dt.timedelta(days=n), 16))
                  for n in (9, 6, 3))

    case = sign_in_and_open(page, WORKER, yro, YRO)
    ladder = LadderCard(case, YRO_LADDER)
    assert ladder.stage() == "No unacceptable failures to attend"
    assert ladder.value("Unacceptable failures to attend") == "0"

    # First unacceptable failure: the first warning, with the next appointment, and its letter.
    appointments = CaseworkAppointments(case)
    case = appointments.record_outcome_as(govuk_datetime(a1.starts_at), "Missed: unacceptable absence", YRO,
                                          notes="No answer to calls; no reason given.")
    assert "The outcome is recorded" in case.success_message()
    ladder = LadderCard(case, YRO_LADDER)
    assert ladder.stage() == "First warning stage (1 unacceptable failure)"
    assert ladder.step("First unacceptable failure: first warning letter, with the next appointment").startswith(
        "Open")
    next_day = today + dt.timedelta(days=1)
    case = CaseworkAppointments(case).book_one().book(kind="Supervision session", on=next_day, time="4pm",
                                                      programme=YRO, place="Sampleford youth centre")
    assert "The appointment is booked" in case.success_message()
    step = LadderCard(case, YRO_LADDER).take_action("Record the first warning", "Record a warning")
    case = step.record(YRO, on=today, note="Warned by phone; letter to follow.")
    assert "The warning is recorded" in case.success_message()

    write = LadderCard(case, YRO_LADDER).create_letter("first warning letter", "First warning")
    next_appointment = yro.appointments.get(starts_at=at(next_day, 16))
    letter = write.write("First warning", [choice(next_appointment)])
    text = letter.letter_text()
    assert "Dear Jordan," in text and "This is your first warning." in text
    assert f"You did not come to your appointment on {long_date(a1.starts_at.date())} at 4pm" in text
    assert f"When: {long_date(next_day)} at 4pm" in text and "Where: Sampleford youth centre" in text
    assert letter.download_pdf().startswith(b"%PDF")
    case = letter.mark_as_sent().mark_sent(today, YRO, method="Posted")
    assert "The first warning is marked as sent" in case.success_message()
    assert duty(yro, "wok.yro.ftc.first-warning").status == Obligation.Status.MET
    assert LadderCard(case, YRO_LADDER).step(
        "First unacceptable failure: first warning letter, with the next appointment").startswith("Done")

    # Second: the compliance meeting with a manager is booked, the second warning records it, and its letter.
    case = CaseworkAppointments(case).record_outcome_as(govuk_datetime(a2.starts_at), "Missed: unacceptable absence",
                                                        YRO)
    ladder = LadderCard(case, YRO_LADDER)
    assert ladder.stage() == "Second warning stage (2 unacceptable failures)"
    meeting_day = today + dt.timedelta(days=2)
    case = CaseworkAppointments(case).book_one().book(
        kind="Office appointment", on=meeting_day, time="2pm", programme=YRO,
        with_whom="Mina Managerton, team manager, for the compliance meeting")
    step = LadderCard(case, YRO_LADDER).take_action("Record the second warning", "Record a warning")
    case = step.record(YRO, on=today, meeting_on=meeting_day, meeting_at="2pm")
    assert "The warning is recorded" in case.success_message()
    scheduled = Event.objects.get(case=yro, type="meeting.scheduled")
    assert scheduled.data["purpose"] == "compliance" and scheduled.data["starts_at"] == f"{meeting_day}T14:00"

    meeting = yro.appointments.get(starts_at=at(meeting_day, 14))
    write = LadderCard(case, YRO_LADDER).create_letter("second warning letter",
                                                       "Second warning, with the compliance meeting")
    letter = write.write("Second warning, with the compliance meeting", [choice(meeting)])
    text = letter.letter_text()
    assert "This is your second warning." in text
    assert "You must come to a meeting with Mina Managerton, a manager" in text
    assert f"When: {long_date(meeting_day)} at 2pm" in text
    assert letter.download_pdf().startswith(b"%PDF")
    case = letter.mark_as_sent().mark_sent(today, YRO)
    assert "marked as sent" in case.success_message()
    assert duty(yro, "wok.yro.ftc.second-warning").status == Obligation.Status.MET
    meeting_duty = duty(yro, "wok.yro.ftc.compliance-meeting-10d")
    assert meeting_duty.status == Obligation.Status.OPEN and meeting_duty.due >= meeting_day
    assert LadderCard(case, YRO_LADDER).step(
        "Compliance meeting with a manager within 10 days of the second failure").startswith(
        f"Open due {govuk_date(meeting_duty.due)}")

    # Third: the breach letter, sent, and breach started.
    case = CaseworkAppointments(case).record_outcome_as(govuk_datetime(a3.starts_at), "Missed: unacceptable absence",
                                                        YRO)
    ladder = LadderCard(case, YRO_LADDER)
    assert ladder.stage() == "Breach stage (3 unacceptable failures)"
    assert ladder.value("Unacceptable failures to attend") == "3"
    breach_title = "Third unacceptable failure: breach letter and breach started within 5 days"
    breach_due = duty(yro, "wok.yro.ftc.breach-5d").due
    assert ladder.step(breach_title).startswith(f"Open due {govuk_date(breach_due)}")
    letter = ladder.create_letter("breach letter", "Breach letter").write("Breach letter")
    text = letter.letter_text()
    assert "You have missed 3 appointments without a good reason" in text
    for missed in (a1, a2, a3):
        assert f"{long_date(missed.starts_at.date())} at 4pm" in text
    assert "we are taking your Youth Rehabilitation Order back to court" in text
    assert letter.download_pdf().startswith(b"%PDF")
    case = letter.mark_as_sent().mark_sent(today, YRO)
    step = LadderCard(case, YRO_LADDER).take_action("Start breach", "Start breach proceedings")
    case = step.record(YRO, on=today, note="Breach report being written.")
    assert "Breach proceedings are started: get the breach listed in court" in case.success_message()

    ladder = LadderCard(case, YRO_LADDER)
    assert ladder.stage() == "Breach stage (3 unacceptable failures): breach proceedings open"
    assert ladder.step(breach_title).startswith(f"Done due {govuk_date(breach_due)}, done {govuk_date(today)}")
    listing = duty(yro, "wok.yro.ftc.breach-listed-2wk")
    assert listing.due == today + dt.timedelta(days=14)
    assert ladder.step("Breach listed in court within 2 weeks").startswith(f"Open due {govuk_date(listing.due)}")
    assert duty(yro, "wok.yro.ftc.breach-5d").status == Obligation.Status.MET

    # What's due: the three letters are done; the compliance meeting and the court listing are still due.
    due = WhatsDue(case)
    assert "Hold the compliance meeting with a manager within ten days of the second miss" in due.titles("Due")
    assert "Get the breach listed in court within two weeks" in due.titles("Due")
    done = settled(case)
    for title in ("Send the first warning letter, with the next appointment",
                  "Send the second warning letter, with the compliance meeting appointment",
                  "Send the breach letter and initiate breach proceedings within five days of the third miss"):
        assert done[title] == "Met", (title, done)
    assert [row[1].split("\n")[0] for row in LettersSection(case).rows()] == [
        "Breach letter", "Second warning, with the compliance meeting", "First warning"]


def manager_agrees_and_closes(case_page, case: Case, programme: str, reason: str, today: dt.date):
    """The worker signs out; the manager finds the request in the closure requests, agrees it, and closes the
    case today; she signs out. Returns the sign-in page."""
    manager = case_page.sign_out().sign_in(MANAGER, PASSWORD)
    case_page = manager.go_to_cases().search(case.reference).open_case(case.reference, programme)
    requests = LadderCard(case_page, LADDERS[programme]).closure_requests()
    row = next(row for row in requests.rows() if row[0] == case.reference)
    assert row[4:] == [reason, "Waiting for a decision"]
    decision = requests.open_request(case.reference)
    assert decision.summary_value("Reason") == reason
    assert decision.summary_value("Requested by").startswith("Casey Caseworth")
    case_page = decision.agree(programme)
    assert "The closure is agreed" in case_page.success_message()
    ladder = LadderCard(case_page, LADDERS[programme])
    assert ladder.closure_value("Decision").startswith("Agreed")
    closing = ladder.close_the_case()
    assert f"Closure ({reason.lower()}) was agreed by Mina Managerton" in closing.agreed_text()
    case_page = closing.close(today, programme)
    assert f"{case.reference} is closed" in case_page.success_message()
    assert case_page.summary_value("Status") == f"Closed ({reason.lower()})"
    case.refresh_from_db()
    assert (case.status, case.ended_on) == (Case.Status.CLOSED, today)
    return case_page.sign_out()


def test_the_community_resolution_ladder_to_a_disengagement_closure(obligations_world, page):
    world = obligations_world
    today, cr = world.today, world.case
    a1, a2 = (book(cr, world, AppointmentKind.OFFICE, at(today - dt.timedelta(days=n), 16)) for n in (8, 5))

    case = sign_in_and_open(page, WORKER, cr, CR)
    ladder = LadderCard(case, CR_LADDER)
    assert (ladder.stage(), ladder.value("Missed sessions")) == ("No missed sessions", "0")

    case = CaseworkAppointments(case).record_outcome_as(govuk_datetime(a1.starts_at), "Not Attended OOC", CR)
    ladder = LadderCard(case, CR_LADDER)
    assert (ladder.stage(), ladder.value("Missed sessions")) == ("First unexplained miss", "1")
    case = CaseworkAppointments(case).record_outcome_as(govuk_datetime(a2.starts_at), "Not Attended OOC", CR)
    ladder = LadderCard(case, CR_LADDER)
    assert ladder.stage() == "Two consecutive or three alternate misses"
    assert ladder.step("Two consecutive or three alternate misses: discuss engagement at a home visit").startswith(
        "Open")

    step = ladder.take_action("Record that engagement was refused", "Record that engagement was refused")
    case = step.record(CR, on=today, note="Robin said he will not come again; his mother agreed.",
                       note_label="What the child or parent/carer said")
    assert "Recorded: request closure within 3 working days" in case.success_message()
    ladder = LadderCard(case, CR_LADDER)
    assert ladder.stage() == "Engagement refused"
    request_duty = duty(cr, "wok.cr.closure-disengagement.request-3wd")
    assert ladder.value("Next step").startswith("Engagement refused: closure request to the line manager")
    assert ladder.step("Engagement refused: closure request to the line manager within 3 working days").startswith(
        f"Open due {govuk_date(request_duty.due)}")

    steps_taken = ("Two missed office appointments; calls to Robin and his mother; engagement refused at the "
                   "home visit today.")
    case = ladder.request_closure().request("Disengagement", steps_taken, CR)
    assert "Closure is requested" in case.success_message()
    ladder = LadderCard(case, CR_LADDER)
    assert ladder.closure_value("Latest request").startswith("Disengagement")
    assert ladder.closure_value("Steps taken") == steps_taken
    assert ladder.closure_value("Decision") == "Waiting for a manager"
    assert duty(cr, "wok.cr.closure-disengagement.request-3wd").met_on == today

    sign_in = manager_agrees_and_closes(case, cr, CR, "Disengagement", today)

    # The closure disengagement letter follows the agreement: the worker writes it on the closed case and sends it.
    case = sign_in.sign_in(WORKER, PASSWORD).go_to_cases().search(cr.reference).open_case(cr.reference, CR)
    ladder = LadderCard(case, CR_LADDER)
    assert ladder.stage() == "Closure agreed (disengagement)"
    letter_step = "Closure agreed (disengagement): closure disengagement letter within 5 working days"
    letter_duty = duty(cr, "wok.cr.closure-disengagement.letter-5wd")
    assert ladder.step(letter_step).startswith(f"Open due {govuk_date(letter_duty.due)}")
    letter = ladder.create_letter("closure disengagement letter", "Closure: disengagement").write(
        "Closure: disengagement")
    assert letter.summary_value("To") == "Robin Fictionshaw; The parent or carer of Robin Fictionshaw"
    text = letter.letter_text()
    assert "Dear Robin," in text and f"So we closed your case on {long_date(today)}." in text
    assert "Community Resolution programme" in text
    assert letter.download_pdf().startswith(b"%PDF")
    case = letter.mark_as_sent().mark_sent(today, CR, method="Posted")
    assert "The closure: disengagement is marked as sent" in case.success_message()
    assert duty(cr, "wok.cr.closure-disengagement.letter-5wd").status == Obligation.Status.MET
    assert LadderCard(case, CR_LADDER).step(letter_step).startswith(
        f"Done due {govuk_date(letter_duty.due)}, done {govuk_date(today)}")
    done = settled(case)
    assert done["Send the closure disengagement letter to the child and parent/carer within 5 working days"] == "Met"
    assert done["Send the closure request to the line manager within 3 working days (disengagement)"] == "Met"


def test_a_prevention_no_contact_closure(obligations_world, page):
    world = obligations_world
    today = world.today
    prevention = open_case_for_new_child(world, Programme.PREVENTION, reference="WP-97003", given_name="Sky",
                                         family_name="Exampleford")
    visit = book(prevention, world, AppointmentKind.HOME_VISIT_UNANNOUNCED, at(today - dt.timedelta(days=2), 10))

    case = sign_in_and_open(page, WORKER, prevention, PREVENTION)
    assert LadderCard(case, PREVENTION_LADDER).stage() == "No missed sessions"
    case = CaseworkAppointments(case).record_outcome_as(govuk_datetime(visit.starts_at), "Not Attended Prevention",
                                                        PREVENTION, notes="Unannounced visit: no one was in.")
    no_contact = "No contact: final attempt, then a closure request within 3 working days"
    assert "Not reached" not in LadderCard(case, PREVENTION_LADDER).step(no_contact)

    # The final attempt letter offers an office appointment. The page can write a letter only about an appointment
    # still to come, and the journey must then see it not kept, so it is booked for a few seconds from now.
    office_at = (now() + dt.timedelta(seconds=40)).replace(microsecond=0)
    office = book(prevention, world, AppointmentKind.OFFICE, office_at)
    page.reload()
    case = type(case)(page, PREVENTION)
    write = LadderCard(case, PREVENTION_LADDER).create_letter("Prevention Initial Contact Final Attempt letter",
                                                              "Prevention initial contact final attempt")
    letter = write.write("Prevention initial contact final attempt", [choice(office)])
    text = letter.letter_text()
    assert "This is the last time we will try. Please come to this appointment at our office:" in text
    assert f"When: {long_date(timezone.localdate(office_at))} at" in text
    assert letter.summary_value("To") == "Sky Exampleford; The parent or carer of Sky Exampleford"
    assert letter.download_pdf().startswith(b"%PDF")
    sending = letter.mark_as_sent()
    assert page.get_by_role("radio", name="Put through the letterbox at a home visit").is_checked()
    case = sending.mark_sent(today, PREVENTION)
    assert "marked as sent" in case.success_message()
    assert duty(prevention, "wok.prev.closure-no-contact.final-attempt-letter").status in (
        Obligation.Status.MET, Obligation.Status.MET_LATE)

    # The office appointment is not kept.
    while now() < office_at + dt.timedelta(seconds=1):
        time.sleep(0.5)
    page.reload()
    case = type(case)(page, PREVENTION)
    case = CaseworkAppointments(case).record_outcome_as(govuk_datetime(office_at), "Not Attended Prevention",
                                                        PREVENTION)
    request_duty = duty(prevention, "wok.prev.closure-no-contact.request-3wd")
    assert request_duty.status == Obligation.Status.OPEN
    assert LadderCard(case, PREVENTION_LADDER).value("Next step").startswith(no_contact)

    steps_taken = "Phone calls; an unannounced home visit; the final attempt letter; office appointment not kept."
    case = LadderCard(case, PREVENTION_LADDER).request_closure().request("No contact", steps_taken, PREVENTION)
    assert "Closure is requested" in case.success_message()
    assert duty(prevention, "wok.prev.closure-no-contact.request-3wd").met_on == today

    sign_in = manager_agrees_and_closes(case, prevention, PREVENTION, "No contact", today)

    case = sign_in.sign_in(WORKER, PASSWORD).go_to_cases().search(prevention.reference).open_case(
        prevention.reference, PREVENTION)
    ladder = LadderCard(case, PREVENTION_LADDER)
    letter_step = "Closure agreed (no contact): Closure No Contact letter"
    assert ladder.step(letter_step).startswith("Open")
    letter = ladder.create_letter("Closure No Contact letter", "Closure: no contact").write("Closure: no contact")
    assert letter.summary_value("To") == "The parent or carer of Sky Exampleford"  # the parent/carer only
    text = letter.letter_text()
    assert "Dear parent or carer," in text
    assert "We have tried many times to get in touch with Sky" in text
    assert f"So we closed the case on {long_date(today)}." in text
    assert letter.download_pdf().startswith(b"%PDF")
    case = letter.mark_as_sent().mark_sent(today, PREVENTION, method="Posted")
    assert "The closure: no contact is marked as sent" in case.success_message()
    assert duty(prevention, "wok.prev.closure-no-contact.letter").status == Obligation.Status.MET
    assert LadderCard(case, PREVENTION_LADDER).step(letter_step).startswith("Done")
    assert settled(case)["Send the Closure No Contact letter to the parent/carer"] == "Met"
    assert Letter.objects.filter(case=prevention, sent_on=today).count() == 2
