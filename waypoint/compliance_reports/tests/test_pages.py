"""The compliance pages through the test client: the report reached from the case page, its counts and details
table, the PDF's text, arranging the CMM, marking the report ready, recording the CMM held for a child in care,
and bad input refused with nothing saved."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone

from tests.pages.helpers import error_summary, text
from waypoint.appointments import services as a
from waypoint.appointments.models import AppointmentKind, Outcome
from waypoint.cases.models import Event
from waypoint.compliance_reports import services as s
from waypoint.compliance_reports.models import ComplianceMeeting, ComplianceMeetingHeld, ComplianceReportSubmission
from waypoint.core.models import frozen_clock

from .conftest import at


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def history(case, cm):
    """Mon 16 Nov attended; Wed 18 Nov unacceptable ("Overslept"); Mon 23 Nov attended: given 3, kept 2,
    acceptable 0, unacceptable 1."""
    for day, result in ((16, Outcome.ATTENDED), (18, Outcome.UNACCEPTABLE), (23, Outcome.ATTENDED)):
        booked = a.appointment_schedule(case=case, staff=cm, kind=AppointmentKind.SUPERVISION, starts_at=at(day),
                                        actor=cm)
        a.appointment_record_outcome(appointment=booked, outcome=result, actor=cm,
                                     notes="Overslept" if result == Outcome.UNACCEPTABLE else "")


def test_the_case_page_links_to_the_report_which_shows_the_counts_and_details(yro_case, cm):
    history(yro_case, cm)
    client = client_for(cm)
    case_page = client.get(f"/cases/{yro_case.pk}").content.decode()
    assert f'href="/cases/{yro_case.pk}/compliance"' in case_page
    page = text(client.get(f"/cases/{yro_case.pk}/compliance"))
    assert "Name of child or young person Jordan Sampleton" in page
    assert "Period covered 2 November 2026 to 24 November 2026" in page
    assert "Requirements Supervision (12 months)" in page
    assert ("Number of appointments given 3 Number of appointments kept 2 Number of acceptable failures 0 "
            "Number of unacceptable failures 1") in page
    assert "18 November 2026 Supervision session Missed: unacceptable absence Overslept. None recorded" in page
    assert "CAPITA number: Waypoint does not hold it" in page


def test_the_report_downloads_as_a_pdf_with_the_counts(yro_case, cm):
    from pypdf import PdfReader

    history(yro_case, cm)
    response = client_for(cm).get(f"/cases/{yro_case.pk}/compliance/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    pdf_text = " ".join(pdf_text.split())
    assert "Compliance Report for Case Management Meeting" in pdf_text
    assert "Jordan Sampleton" in pdf_text
    assert "Number of unacceptable failures 1" in pdf_text
    assert "18 November 2026" in pdf_text and "Overslept." in pdf_text


def test_a_bad_period_shows_the_error_and_the_order_is_used(yro_case, cm):
    response = client_for(cm).get(f"/cases/{yro_case.pk}/compliance", {
        "period_from-day": "20", "period_from-month": "11", "period_from-year": "2026",
        "period_to-day": "10", "period_to-month": "11", "period_to-year": "2026"})
    assert error_summary(response) == [s.REPORT_PERIOD_INVALID]
    assert "Period covered 2 November 2026 to 24 November 2026" in text(response)


def meeting_form(day="26", month="11", year="2026", time="10am", place="North office"):
    return {"on-day": day, "on-month": month, "on-year": year, "at": time, "place": place}


def test_the_cmm_is_arranged_then_the_report_marked_ready_from_the_pages(yro_case, cm):
    history(yro_case, cm)
    client = client_for(cm)
    # The failure on Wed 18 Nov: 10 working days are 19, 20, 23, 24, 25, 26, 27, 30 Nov, 1, 2 Dec.
    assert "For the failure on 18 November 2026: due by Wed 2 December 2026" in text(
        client.get(f"/cases/{yro_case.pk}/compliance/meetings/new"))
    arranged = client.post(f"/cases/{yro_case.pk}/compliance/meetings/new", meeting_form())
    assert arranged.status_code == 302
    meeting = ComplianceMeeting.objects.get(case=yro_case)
    assert timezone.localtime(meeting.starts_at) == at(26, hour=10)
    form = client.get(f"/compliance/meetings/{meeting.pk}/ready")
    assert "It is due by 25 November 2026 at 10am" in text(form)
    ready = client.post(f"/compliance/meetings/{meeting.pk}/ready", {"capita_number": "CAP77",
                                                                     "unacceptable_behaviour": ""})
    assert ready.status_code == 302
    row = ComplianceReportSubmission.objects.get(meeting=meeting)
    assert (row.capita_number, row.appointments_given, row.unacceptable_failures) == ("CAP77", 3, 1)
    page = text(client.get(f"/cases/{yro_case.pk}/compliance"))
    assert "Ready 24 November 2026 at 10am At least 24 hours before" in page
    assert "CAPITA number CAP77" in page


@pytest.mark.parametrize("data, message", [
    (meeting_form(day="", month="", year=""), "Enter the date of the compliance CMM"),
    (meeting_form(time=""), "Enter the time, for example 2:30pm or 14:30"),
    (meeting_form(time="teatime"), "Enter a real time, for example 2:30pm or 14:30"),
    (meeting_form(day="31", month="2"), "Date must be a real date"),
    (meeting_form(day="20"), "Date must be today or in the future"),
    (meeting_form(year="2099"), s.MEETING_TOO_FAR),
    (meeting_form(place="<script>alert(1)</script>" + "x" * 200), "Where (optional) must be 200 characters or fewer"),
])
def test_a_bad_meeting_shows_the_error_and_saves_nothing(yro_case, cm, data, message):
    response = client_for(cm).post(f"/cases/{yro_case.pk}/compliance/meetings/new", data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert not ComplianceMeeting.objects.exists()
    assert not Event.objects.filter(case=yro_case, type="meeting.scheduled").exists()


@pytest.mark.parametrize("data, message", [
    ({"capita_number": ""}, s.REPORT_CAPITA_MISSING),
    ({"capita_number": "   "}, s.REPORT_CAPITA_MISSING),
    ({"capita_number": "C" * 21}, "CAPITA number must be 20 characters or fewer"),
    ({"capita_number": "<b>1</b>"}, s.REPORT_CAPITA_INVALID),
    ({"capita_number": "CAP1", "unacceptable_behaviour": "x" * 5001},
     "Details of any unacceptable behaviour (optional) must be 5000 characters or fewer"),
])
def test_a_bad_report_shows_the_error_and_saves_nothing(yro_case, cm, data, message):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(26, hour=10), actor=cm)
    response = client_for(cm).post(f"/compliance/meetings/{meeting.pk}/ready", data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not ComplianceReportSubmission.objects.exists()
    assert not Event.objects.filter(case=yro_case, type="document.submitted").exists()


def test_the_cmm_for_a_child_in_care_is_refused_without_the_rationale_then_recorded(cic_case, cm, tm):
    meeting = s.compliance_meeting_schedule(case=cic_case, starts_at=at(26, hour=10), actor=cm)
    client = client_for(tm)
    assert "Casey Sampleton is a child in care" in text(client.get(f"/cases/{cic_case.pk}/compliance"))
    held = {"held_on-day": "26", "held_on-month": "11", "held_on-year": "2026", "attendees": ["tm", "cm"]}
    with frozen_clock(dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.timezone.utc)):
        refused = client.post(f"/compliance/meetings/{meeting.pk}/held", held)
        assert error_summary(refused) == [s.HELD_RATIONALE_MISSING]
        assert not ComplianceMeetingHeld.objects.exists()
        assert not Event.objects.filter(case=cic_case, type="meeting.held").exists()
        saved = client.post(f"/compliance/meetings/{meeting.pk}/held",
                            {**held, "presumption_rationale": "In care; placement move. No breach."})
    assert saved.status_code == 302
    assert ComplianceMeetingHeld.objects.get(meeting=meeting).presumption_rationale == "In care; placement move. No breach."


@pytest.mark.parametrize("data, message", [
    ({"attendees": ["tm"]}, s.HELD_DATE_MISSING),
    ({"held_on-day": "30", "held_on-month": "11", "held_on-year": "2026", "attendees": ["tm"]},
     "Date the compliance CMM was held must be today or in the past"),
    ({"held_on-day": "24", "held_on-month": "11", "held_on-year": "2026"}, s.HELD_ATTENDEES_MISSING),
    ({"held_on-day": "24", "held_on-month": "11", "held_on-year": "2026", "attendees": ["the_judge"]},
     s.HELD_ATTENDEES_MISSING),
    ({"held_on-day": "23", "held_on-month": "11", "held_on-year": "2026", "attendees": ["tm"]},
     s.HELD_BEFORE_ARRANGED),
])
def test_a_bad_meeting_record_shows_the_error_and_saves_nothing(yro_case, cm, tm, data, message):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(24, hour=11), actor=cm)
    response = client_for(tm).post(f"/compliance/meetings/{meeting.pk}/held", data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not ComplianceMeetingHeld.objects.exists()
    assert not Event.objects.filter(case=yro_case, type="meeting.held").exists()


def test_another_services_staff_cannot_open_the_report(yro_case, worker):
    assert client_for(worker).get(f"/cases/{yro_case.pk}/compliance").status_code == 403


def test_hostile_behaviour_text_is_kept_as_text_and_shown_escaped(yro_case, cm):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(26, hour=10), actor=cm)
    client = client_for(cm)
    client.post(f"/compliance/meetings/{meeting.pk}/ready", {
        "capita_number": "CAP9", "unacceptable_behaviour": "<script>alert('x')</script> Shouted at staff."})
    body = client.get(f"/cases/{yro_case.pk}/compliance").content.decode()
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Shouted at staff." in body


@pytest.mark.parametrize("data, message", [
    ({"with_whom": ["child"]}, s.DISCUSSION_DATE_MISSING),
    ({"held_on-day": "25", "held_on-month": "11", "held_on-year": "2026", "with_whom": ["child"]},
     "Date of the discussion must be today or in the past"),
    ({"held_on-day": "24", "held_on-month": "11", "held_on-year": "2026"}, s.DISCUSSION_WITH_MISSING),
    ({"held_on-day": "24", "held_on-month": "11", "held_on-year": "2026", "with_whom": ["uncle"]},
     s.DISCUSSION_WITH_MISSING),
    ({"held_on-day": "24", "held_on-month": "11", "held_on-year": "2026", "with_whom": ["child"],
      "notes": "x" * 5001}, "Notes (optional) must be 5000 characters or fewer"),
])
def test_a_bad_discussion_shows_the_error_and_saves_nothing(yro_case, cm, tm, data, message):
    from waypoint.compliance_reports.models import NoncomplianceDiscussion

    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(26, hour=10), actor=cm)
    response = client_for(tm).post(f"/compliance/meetings/{meeting.pk}/discussion", data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not NoncomplianceDiscussion.objects.exists()
    assert not Event.objects.filter(case=yro_case, type="meeting.held").exists()


def test_the_discussion_is_recorded_from_the_page_and_shown_on_the_report(yro_case, cm, tm):
    meeting = s.compliance_meeting_schedule(case=yro_case, starts_at=at(26, hour=10), actor=cm)
    client = client_for(tm)
    saved = client.post(f"/compliance/meetings/{meeting.pk}/discussion", {
        "held_on-day": "24", "held_on-month": "11", "held_on-year": "2026", "with_whom": ["child", "parent_carer"]})
    assert saved.status_code == 302
    page = text(client.get(f"/cases/{yro_case.pk}/compliance"))
    assert "Discussed with the child and parent or carer on 24 November 2026" in page
