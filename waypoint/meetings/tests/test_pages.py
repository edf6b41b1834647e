"""The meeting pages through the test client: arranging (a date before the case began refused, nothing saved), the
record page pre-filled with the ratings, holding, actions (no owner or due date refused), completing the minutes,
the case page section, What's due and My work listing actions, the closure document steps, the feedback page, and the
CMM Record and closure document PDFs read back with pypdf."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client

from tests.pages.helpers import error_summary, text
from waypoint.assessments.services import rating_set
from waypoint.cases.models import Event
from waypoint.core.models import frozen_clock
from waypoint.meetings import services as s
from waypoint.meetings.models import Meeting, MeetingAction

from .conftest import TODAY, at
from .test_meetings import LATER, RECORD, exit_interview_run, held_cmm

pytestmark = pytest.mark.django_db


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def pdf_text(response) -> str:
    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())


def test_arranging_a_cmm_before_the_case_began_is_refused_with_nothing_saved(notts_case, cm):
    client = client_for(cm)
    assert "Arrange a CMM" in text(client.get(f"/cases/{notts_case.pk}"))
    before = Event.objects.count()
    response = client.post(f"/cases/{notts_case.pk}/meetings/new/cmm", {
        "purpose": "rosh_saw_review", "on-day": "1", "on-month": "10", "on-year": "2026", "at": "10am"})
    assert error_summary(response) == [s.MEETING_BEFORE_CASE]
    assert Meeting.objects.count() == 0 and Event.objects.count() == before
    response = client.post(f"/cases/{notts_case.pk}/meetings/new/cmm", {
        "purpose": "rosh_saw_review", "on-day": "24", "on-month": "11", "on-year": "2026", "at": "2pm",
        "invitees": ["child", "parent_carer"]})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}"
    assert client.get(f"/meetings/{meeting.pk}/views").status_code == 200
    response = client.post(f"/meetings/{meeting.pk}/views", {"child_views": "Safer", "parent_views": ""})
    assert error_summary(response) == [s.VIEWS_PARENT_MISSING]
    response = client.post(f"/meetings/{meeting.pk}/views", {"child_views": "Safer", "parent_views": "Worried"})
    assert response.status_code == 302
    assert "Child: Safer" in text(client.get(f"/meetings/{meeting.pk}"))


def test_the_record_page_is_prefilled_with_the_ratings_and_takes_the_minutes(notts_case, cm, tm):
    rating_set(case=notts_case, dimension="rosh", level="high", reason="Weapon", on=TODAY, actor=cm)
    rating_set(case=notts_case, dimension="lor", level="medium", reason="Peers", on=TODAY, actor=cm)
    meeting = held_cmm(notts_case, cm, tm)
    client = client_for(tm)
    page = text(client.get(f"/meetings/{meeting.pk}"))
    assert "Risk of Serious Harm (RoSH) High" in page and "Likelihood of Re-offending (LoR) Medium" in page
    assert "Child: Feels safer at home" in page
    assert "Apologies School nurse" in page
    form = client.get(f"/meetings/{meeting.pk}/record")
    assert "RoSH in force High" in text(form)
    with frozen_clock(LATER):
        response = client.post(f"/meetings/{meeting.pk}/record", {**RECORD, "capita_number": ""})
        assert error_summary(response) == ["Enter the CAPITA number"]
        response = client.post(f"/meetings/{meeting.pk}/record", RECORD)
    assert response.status_code == 302
    assert "Minutes completed" in text(client.get(f"/meetings/{meeting.pk}"))


def test_an_action_without_an_owner_or_due_date_is_refused_on_the_page(notts_case, cm, tm):
    meeting = held_cmm(notts_case, cm, tm)
    client = client_for(cm)
    response = client.post(f"/meetings/{meeting.pk}/actions/new", {"description": "Call the school", "owner": ""})
    assert error_summary(response) == [s.ACTION_OWNER_MISSING, s.ACTION_DUE_MISSING]
    assert MeetingAction.objects.count() == 0
    with frozen_clock(LATER):
        response = client.post(f"/meetings/{meeting.pk}/actions/new", {
            "description": "Call the school", "owner": str(tm.pk), "due-day": "1", "due-month": "12",
            "due-year": "2026"})
    assert response.status_code == 302
    case_page = text(client.get(f"/cases/{notts_case.pk}"))
    assert "Actions from meetings (1)" in case_page and "Call the school" in case_page
    assert "Call the school" not in text(client.get("/my-work"))
    my_work = text(client_for(tm).get("/my-work"))
    assert "Actions from meetings (1)" in my_work and "Call the school" in my_work
    action = MeetingAction.objects.get()
    assert client_for(tm).post(f"/meeting-actions/{action.pk}/done").status_code == 302
    assert "Call the school" not in text(client_for(tm).get("/my-work"))


def test_the_cmm_record_pdf_holds_the_childs_name_ratings_and_actions(notts_case, cm, tm):
    rating_set(case=notts_case, dimension="rosh", level="medium", reason="Peers", on=TODAY, actor=cm)
    meeting = held_cmm(notts_case, cm, tm)
    with frozen_clock(LATER):
        s.meeting_action_add(meeting=meeting, description="Refer to mentoring", owner=cm, due=dt.date(2026, 12, 4),
                             actor=cm)
        s.cmm_record_complete(meeting=meeting, actor=tm, **RECORD)
    content = pdf_text(client_for(cm).get(f"/meetings/{meeting.pk}/record.pdf"))
    assert "Case Management Meeting (CMM) Record" in content
    assert "Jordan Sampleton" in content and "CAP-20417" in content
    assert "Risk of Serious Harm (RoSH) Medium" in content
    assert "Refer to mentoring Cal Casework 4 December 2026" in content
    assert "Supportive grandmother" in content


def test_the_exit_interview_pages_and_the_closure_document_pdf(yro_case, full_timer, pyjs_manager):
    client = client_for(full_timer)
    assert "Book the exit interview" in text(client.get(f"/cases/{yro_case.pk}"))
    assert client.get(f"/cases/{yro_case.pk}/meetings/new/exit_interview").status_code == 200
    meeting = exit_interview_run(yro_case, full_timer, pyjs_manager)
    page = text(client.get(f"/meetings/{meeting.pk}"))
    assert "The child's rating 4 out of 5" in page and "Quality-assured" in page
    content = pdf_text(client.get(f"/meetings/{meeting.pk}/closure-document.pdf"))
    assert "Closure document" in content and "Alex Testwell" in content
    assert "Back in college full time" in content and "Youth club on Fridays" in content
    assert "Quality-assured by Maya Lead" in content
    assert client.get("/exit-interview-feedback").status_code == 403
    summary = text(client_for(pyjs_manager).get("/exit-interview-feedback"))
    assert "Children's average rating 4.0 out of 5" in summary and "Helped me a lot" in summary


def test_every_form_page_renders(yro_case, full_timer, pyjs_manager):
    client = client_for(full_timer)
    for kind in ("risk_panel", "review_plan", "exit_interview"):
        assert client.get(f"/cases/{yro_case.pk}/meetings/new/{kind}").status_code == 200
    assert client.get(f"/cases/{yro_case.pk}/meetings/new/nonsense").status_code == 404
    meeting = s.meeting_arrange(case=yro_case, type="exit_interview", starts_at=at(26, 14), actor=full_timer)
    for path in ("", "/held", "/closure-document"):
        assert client.get(f"/meetings/{meeting.pk}{path}").status_code == 200, path
    s.closure_document_write(meeting=meeting, work_done="a", achievements="b", exit_plan="c", actor=full_timer)
    assert client.get(f"/meetings/{meeting.pk}/closure-document/submit").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/closure-document/qa").status_code == 403
    assert client_for(pyjs_manager).get(f"/meetings/{meeting.pk}/closure-document/qa").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/closure-document/give").status_code == 200
