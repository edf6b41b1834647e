"""Journeys through the appointment pages in a real browser: a case worker books a month of appointments in one go
(after a first try with nothing filled in), and records a missed appointment on a YRO as an acceptable absence with
its written evidence uploaded (after a first try with the evidence dated in the future). axe-core checks every page.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from waypoint.appointments.models import Appointment, AppointmentKind, AppointmentOutcome
from waypoint.appointments.services import appointment_schedule
from waypoint.cases.models import Allocation, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.config.jinja2 import govuk_datetime

from tests.world import PASSWORD

from .obligations_world import PROGRAMME
from .pages import Appointments, SignInPage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORKER = "casey.caseworth"


def next_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7 or 7)


def test_a_case_worker_books_a_month_of_appointments_in_one_go(obligations_world, page):
    world = obligations_world
    first = next_weekday(world.today, 1)  # next Tuesday
    last = first + dt.timedelta(days=21)  # four Tuesdays in all
    case = SignInPage.open(page).sign_in(WORKER, PASSWORD).open_case(world.case.reference, PROGRAMME)
    appointments = Appointments(case)
    assert appointments.rows() == []

    booking = appointments.book_a_run()
    booking = booking.submit_expecting_errors()
    assert "Enter the date of the first appointment" in booking.error_messages()
    assert "Enter the time, for example 2:30pm or 14:30" in booking.error_messages()
    assert not Appointment.objects.exists()

    booking.fill(kind="Supervision session", first=first, time="4pm", every="Every week", last=last)
    case = booking.book(PROGRAMME)
    assert "appointments are booked" in case.success_message()
    rows = Appointments(case).rows()
    assert len(rows) == 4
    expected = [govuk_datetime(timezone.make_aware(dt.datetime.combine(first + dt.timedelta(days=7 * n),
                                                                       dt.time(16, 0)))) for n in range(4)]
    assert [row[0] for row in rows] == expected
    assert {row[3].split("\n")[0] for row in rows} == {"Booked"}
    assert list(Appointment.objects.filter(case=world.case).values_list("kind", flat=True)) == [
        AppointmentKind.SUPERVISION] * 4


def test_a_missed_yro_appointment_is_recorded_as_acceptable_with_its_evidence(obligations_world, page):
    world = obligations_world
    yro = case_open(service=world.service, child=world.case.child, programme=Programme.YRO,
                    started_on=world.allocated_on, actor=world.manager, team=world.case.team)
    case_allocate(case=yro, staff=world.worker, role=Allocation.Role.CASE_WORKER, rationale="Continuity.",
                  actor=world.manager, on=world.allocated_on)
    starts = timezone.make_aware(dt.datetime.combine(world.today - dt.timedelta(days=2), dt.time(10, 0)))
    missed = appointment_schedule(case=yro, staff=world.worker, kind=AppointmentKind.OFFICE, starts_at=starts,
                                  actor=world.worker)

    my_cases = SignInPage.open(page).sign_in(WORKER, PASSWORD)
    case = my_cases.open_case(yro.reference, "Youth Rehabilitation Order")
    appointments = Appointments(case)
    assert appointments.rows()[0][3] == "Outcome not recorded"
    outcome = appointments.record_outcome(govuk_datetime(starts))

    tomorrow = world.today + dt.timedelta(days=1)
    outcome.fill_acceptable_absence(evidence="Medical note or appointment letter", received=tomorrow)
    outcome = outcome.save_expecting_errors()
    assert outcome.error_messages() == ["Date the evidence was received must be today or in the past"]
    assert not AppointmentOutcome.objects.exists()

    note = {"name": "gp-note.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 synthetic GP note"}
    outcome.fill_acceptable_absence(evidence="Medical note or appointment letter", received=world.today, file=note)
    case = outcome.save("Youth Rehabilitation Order")
    assert "The outcome is recorded" in case.success_message()
    row = Appointments(case).rows()[0]
    assert row[3].startswith("Missed: acceptable absence")
    assert "Evidence: medical note or appointment letter" in row[3]
    saved = missed.outcomes.get()
    assert saved.evidence_received_on == world.today and saved.evidence_file_name == "gp-note.pdf"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the evidence").click()
    assert download.value.suggested_filename == "gp-note.pdf"
