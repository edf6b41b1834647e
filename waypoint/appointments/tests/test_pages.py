"""The appointment pages through the test client: booking (warnings first, then "Book anyway"), a run of
appointments, bad input saving nothing, rescheduling and outcomes refused at the wrong time, contacts."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.pages.helpers import error_summary, text
from waypoint.appointments import services as s
from waypoint.appointments.models import Appointment, AppointmentKind, AppointmentOutcome
from waypoint.cases.models import Event

from .conftest import at


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def booking(day="26", month="11", year="2026", time="4pm", **extra):
    return {"kind": "office", "on-day": day, "on-month": month, "on-year": year, "at": time,
            "duration_minutes": "60", "place": "Exampleton office", "with_whom": "", **extra}


def test_booking_on_a_non_working_day_warns_then_books_when_confirmed(cr_case, part_timer, full_timer):
    client = client_for(full_timer)
    url = f"/cases/{cr_case.pk}/appointments/new"
    first = client.post(url, booking(staff=str(part_timer.pk)))  # Thu 26 Nov: not a Mon-Wed worker's day
    assert first.status_code == 200
    assert "Thursday is not one of Pat Parttime’s working days" in text(first)
    assert "Book anyway" in text(first)
    assert not Appointment.objects.exists()
    confirmed = client.post(url, booking(staff=str(part_timer.pk), confirmed="on"))
    assert confirmed.status_code == 302
    booked = Appointment.objects.get()
    assert timezone.localtime(booked.starts_at) == at(26) and booked.staff == part_timer


@pytest.mark.parametrize("data, message", [
    (booking(day="", month="", year=""), "Enter the date of the appointment"),
    (booking(time=""), "Enter the time, for example 2:30pm or 14:30"),
    (booking(time="25:00"), "Enter a real time, for example 2:30pm or 14:30"),
    (booking(time="teatime"), "Enter a real time, for example 2:30pm or 14:30"),
    (booking(day="31", month="2"), "Date must be a real date"),
    (booking(year="2099"), s.APPOINTMENT_TOO_FAR),
    (booking(place="x" * 201), "Where (optional) must be 200 characters or fewer"),
    (booking(kind="party"), s.APPOINTMENT_KIND_INVALID),
])
def test_a_bad_booking_shows_the_error_and_saves_nothing(cr_case, full_timer, data, message):
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/appointments/new",
                                           {**data, "staff": str(full_timer.pk)})
    assert response.status_code == 200
    assert message in error_summary(response)
    assert not Appointment.objects.exists()
    assert not Event.objects.filter(case=cr_case, type="appointment.scheduled").exists()


def test_a_run_of_appointments_is_booked_from_one_form(cr_case, full_timer):
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/appointments/series", {
        **booking(day="1", month="12"), "staff": str(full_timer.pk), "every_days": "7",
        "last_on-day": "29", "last_on-month": "12", "last_on-year": "2026",
    })
    assert response.status_code == 302
    assert Appointment.objects.filter(case=cr_case).count() == 5  # Tue 1, 8, 15, 22, 29 December


def test_the_case_page_lists_appointments_with_what_to_do_next(cr_case, full_timer):
    past = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                  actor=full_timer)
    future = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.HOME_VISIT,
                                    starts_at=at(26), actor=full_timer)
    body = client_for(full_timer).get(f"/cases/{cr_case.pk}").content.decode()
    assert f"/appointments/{past.pk}/outcome" in body and "Outcome not recorded" in body
    assert f"/appointments/{future.pk}/reschedule" in body


def test_rescheduling_after_the_start_is_refused_on_the_page(cr_case, full_timer):
    started = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(23),
                                     actor=full_timer)
    response = client_for(full_timer).post(f"/appointments/{started.pk}/reschedule", {
        "on-day": "27", "on-month": "11", "on-year": "2026", "at": "4pm", "reason": "Did not come"})
    assert error_summary(response) == [s.RESCHEDULE_AFTER_START]
    assert not started.reschedules.exists()


def test_an_outcome_before_the_time_is_refused_on_the_page(cr_case, full_timer):
    later = s.appointment_schedule(case=cr_case, staff=full_timer, kind=AppointmentKind.OFFICE,
                                   starts_at=at(24, hour=15), actor=full_timer)
    response = client_for(full_timer).post(f"/appointments/{later.pk}/outcome", {"outcome": "attended"})
    assert error_summary(response) == [s.OUTCOME_BEFORE_START]
    assert not AppointmentOutcome.objects.exists()


def test_evidence_dated_in_the_future_is_refused_on_the_page(yro_case, full_timer):
    missed = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                    actor=full_timer)
    response = client_for(full_timer).post(f"/appointments/{missed.pk}/outcome", {
        "outcome": "acceptable", "evidence_kind": "medical",
        "evidence_received_on-day": "30", "evidence_received_on-month": "11", "evidence_received_on-year": "2026"})
    assert error_summary(response) == ["Date the evidence was received must be today or in the past"]
    assert not AppointmentOutcome.objects.exists()
    ok = client_for(full_timer).post(f"/appointments/{missed.pk}/outcome", {
        "outcome": "acceptable", "evidence_kind": "medical",
        "evidence_received_on-day": "17", "evidence_received_on-month": "11", "evidence_received_on-year": "2026"})
    assert ok.status_code == 302
    assert missed.outcomes.get().evidence_received_on == dt.date(2026, 11, 17)


def test_a_contact_is_recorded_from_the_page(yro_case, full_timer):
    response = client_for(full_timer).post(f"/cases/{yro_case.pk}/contacts/new", {
        "kind": "phone", "on-day": "20", "on-month": "11", "on-year": "2026", "at": "9:15am",
        "with_whom": "parent_carer", "topic": "", "notes": ""})
    assert response.status_code == 302
    made = Event.objects.get(case=yro_case, type="contact.made")
    assert made.data == {"method": "phone", "with": "parent_carer"}
    assert timezone.localtime(made.occurred_at) == timezone.make_aware(dt.datetime(2026, 11, 20, 9, 15))


def test_another_services_staff_cannot_open_the_pages(cr_case, worker):
    assert client_for(worker).get(f"/cases/{cr_case.pk}/appointments/new").status_code == 403


@pytest.fixture
def uploads(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _outcome_with_file(client, appointment, upload):
    return client.post(f"/appointments/{appointment.pk}/outcome", {
        "outcome": "acceptable", "evidence_kind": "medical", "evidence_file": upload,
        "evidence_received_on-day": "17", "evidence_received_on-month": "11", "evidence_received_on-year": "2026"})


def test_evidence_is_uploaded_kept_under_a_new_name_and_served_only_to_those_who_see_the_case(
        yro_case, full_timer, worker, uploads):
    from django.core.files.uploadedfile import SimpleUploadedFile

    missed = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                    actor=full_timer)
    client = client_for(full_timer)
    upload = SimpleUploadedFile("Alex Testwell GP letter.pdf", b"%PDF-1.4 synthetic note", "application/pdf")
    assert _outcome_with_file(client, missed, upload).status_code == 302
    row = missed.outcomes.get()
    assert row.evidence_file_name == "Alex Testwell GP letter.pdf"
    assert "Testwell" not in row.evidence_file.name and row.evidence_file.name.endswith(".pdf")
    download = client.get(f"/appointments/outcomes/{row.pk}/evidence")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 synthetic note"
    assert download["Cache-Control"] == "no-store"
    assert client_for(worker).get(f"/appointments/outcomes/{row.pk}/evidence").status_code == 403


@pytest.mark.parametrize("name, content, message", [
    ("evidence.exe", b"MZ", s.EVIDENCE_FILE_TYPE),
    ("evidence.pdf", b"", s.EVIDENCE_FILE_EMPTY),
])
def test_a_bad_evidence_file_is_refused_and_nothing_is_saved(yro_case, full_timer, uploads, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    missed = s.appointment_schedule(case=yro_case, staff=full_timer, kind=AppointmentKind.OFFICE, starts_at=at(16),
                                    actor=full_timer)
    response = _outcome_with_file(client_for(full_timer), missed, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not AppointmentOutcome.objects.exists()
    assert not list(uploads.rglob("*.*"))
