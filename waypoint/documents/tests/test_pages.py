"""The letter pages through the test client: write a letter from the case page, the HTML preview, the PDF, mark it
sent; bad input on each form shows a GOV.UK error and saves nothing; the case page lists the letters."""
from __future__ import annotations


import pytest

from tests.pages.helpers import error_summary, text
from waypoint.cases.models import Event
from waypoint.documents import services as s
from waypoint.documents.models import Letter, LetterType

from .conftest import at, client_for
from .test_letters import book, write


def test_write_preview_and_mark_sent_from_the_case_page(cr_case, full_timer, mother):
    upcoming = book(cr_case, full_timer, at(1, month=12))
    client = client_for(full_timer)
    case_page = client.get(f"/cases/{cr_case.pk}")
    assert "No letters have been written on this case." in text(case_page)
    assert f"/cases/{cr_case.pk}/letters/new" in case_page.content.decode()
    form = text(client.get(f"/cases/{cr_case.pk}/letters/new"))
    assert "1 December 2026 at 4pm: Office appointment" in form
    assert "First warning" not in form  # not a Community Resolution letter
    written = client.post(f"/cases/{cr_case.pk}/letters/new", {"letter_type": "appointment",
                                                               "appointments": [str(upcoming.pk)]})
    letter = Letter.objects.get()
    assert written.status_code == 302 and written["Location"] == f"/letters/{letter.pk}"
    preview = text(client.get(f"/letters/{letter.pk}"))
    assert "To Alex Testwell; Sam Testwell" in preview
    assert "When: Tuesday 1 December 2026 at 4pm" in preview and "Not sent yet" in preview
    sent = client.post(f"/letters/{letter.pk}/sent", {"sent_on-day": "24", "sent_on-month": "11",
                                                       "sent_on-year": "2026", "method": "letter"})
    assert sent.status_code == 302
    assert Event.objects.filter(case=cr_case, type="letter.sent").count() == 2
    listed = text(client.get(f"/cases/{cr_case.pk}"))
    assert "Appointment letter Template version 1 Child and parent or carer Sent 24 November 2026" in listed


@pytest.mark.parametrize("data, message", [
    ({}, s.LETTER_TYPE_INVALID),
    ({"letter_type": "party"}, s.LETTER_TYPE_INVALID),
    ({"letter_type": "<script>alert(1)</script>"}, s.LETTER_TYPE_INVALID),
    ({"letter_type": "first_warning"}, s.LETTER_TYPE_INVALID),  # not offered on Community Resolution
    ({"letter_type": "appointment"}, s.LETTER_APPOINTMENTS_MISSING),
    ({"letter_type": "appointment", "appointments": ["99999"]}, s.LETTER_APPOINTMENT_INVALID),
    ({"letter_type": "appointment", "appointments": ["past"]}, s.LETTER_APPOINTMENT_INVALID),
    ({"letter_type": "closure_no_contact", "appointments": ["upcoming"]}, s.LETTER_NO_APPOINTMENTS),
    ({"letter_type": "home_visit_final_shout"}, s.LETTER_ONE_APPOINTMENT),
])
def test_a_bad_letter_request_shows_the_error_and_saves_nothing(cr_case, full_timer, data, message):
    ids = {"upcoming": str(book(cr_case, full_timer, at(1, month=12)).pk),
           "past": str(book(cr_case, full_timer, at(16)).pk)}
    if "appointments" in data:
        data = {**data, "appointments": [ids.get(a, a) for a in data["appointments"]]}
    response = client_for(full_timer).post(f"/cases/{cr_case.pk}/letters/new", data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not Letter.objects.exists()


def test_the_order_completion_letter_without_an_order_is_refused_on_the_page(yro_case, full_timer):
    response = client_for(full_timer).post(f"/cases/{yro_case.pk}/letters/new", {"letter_type": "order_completion"})
    assert error_summary(response) == [s.LETTER_NO_ORDER]
    assert not Letter.objects.exists()


def sent_form(day="24", month="11", year="2026", method="letter"):
    return {"sent_on-day": day, "sent_on-month": month, "sent_on-year": year, "method": method}


@pytest.mark.parametrize("data, message", [
    (sent_form(day="", month="", year=""), s.SENT_DATE_MISSING),
    (sent_form(day="25"), "Date the letter was sent must be today or in the past"),
    (sent_form(year="2099"), "Date the letter was sent must be today or in the past"),
    (sent_form(day="31", month="2"), "Date the letter was sent must be a real date"),
    (sent_form(day="x<script>"), "Date the letter was sent must be a real date"),
    (sent_form(day="23"), s.SENT_BEFORE_WRITTEN),
    (sent_form(method=""), s.SENT_METHOD_INVALID),
    (sent_form(method="<script>alert(1)</script>"), s.SENT_METHOD_INVALID),
])
def test_bad_sending_details_show_the_error_and_record_nothing(cr_case, full_timer, data, message):
    letter = write(cr_case, full_timer, LetterType.CLOSURE_DISENGAGEMENT)
    response = client_for(full_timer).post(f"/letters/{letter.pk}/sent", data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    letter.refresh_from_db()
    assert letter.sent_on is None
    assert not Event.objects.filter(case=cr_case, type="letter.sent").exists()


def test_a_letter_marked_sent_twice_is_refused_on_the_page(cr_case, full_timer):
    letter = write(cr_case, full_timer, LetterType.SERVICE_DECLINED)
    client = client_for(full_timer)
    assert client.post(f"/letters/{letter.pk}/sent", sent_form()).status_code == 302
    again = client.post(f"/letters/{letter.pk}/sent", sent_form())
    assert error_summary(again) == [s.SENT_ALREADY]
    assert Event.objects.filter(case=cr_case, type="letter.sent").count() == 2  # child and parent, once


def test_a_hostile_name_is_text_in_the_preview_and_the_pdf(cr_case, full_timer):
    child = cr_case.child
    child.preferred_name = "<script>alert(1)</script>"
    child.save()
    letter = write(cr_case, full_timer, LetterType.CLOSURE_DISENGAGEMENT)
    body = client_for(full_timer).get(f"/letters/{letter.pk}").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "Dear &lt;script&gt;alert(1)&lt;/script&gt;," in body


def test_another_services_staff_cannot_see_a_letter(cr_case, full_timer, worker):
    letter = write(cr_case, full_timer, LetterType.CLOSURE_DISENGAGEMENT)
    client = client_for(worker)
    assert client.get(f"/letters/{letter.pk}").status_code in (403, 404)
    assert client.get(f"/letters/{letter.pk}/pdf").status_code in (403, 404)
    assert client.post(f"/letters/{letter.pk}/sent", sent_form()).status_code in (403, 404)
    assert client.get(f"/cases/{cr_case.pk}/letters/new").status_code in (403, 404)
    letter.refresh_from_db()
    assert letter.sent_on is None
