"""Journeys through the letter pages in a real browser: a case worker writes the first appointment letter from the
case page, previews it, marks it sent, and the overdue letter duty is met (late); a manager edits a letter template,
sees a template that reaches for Python internals refused, previews and saves a new version. axe-core checks each
page on arrival (the page objects of tests/e2e/pages.py).

The world (tests/e2e/obligations_world.py) is a Community Resolution case allocated on the Tuesday of the week before
last, so the first-appointment letter is overdue; an office appointment is booked for a week today.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from waypoint.appointments.models import AppointmentKind
from waypoint.appointments.services import appointment_schedule
from waypoint.documents.content import long_date
from waypoint.documents.models import Letter, LetterTemplate
from waypoint.obligations.models import Obligation

from tests.world import PASSWORD

from .obligations_world import LETTER, PROGRAMME
from .pages import BasePage, CasePage, MarkSentPage, SignInPage, WriteLetterPage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WORKER, MANAGER = "casey.caseworth", "mina.managerton"


class TemplateListPage(BasePage):
    heading = "Letter templates"


class TemplatePage(BasePage):
    def __init__(self, page: Page, heading: str):
        self.heading = heading
        super().__init__(page)

    def submit(self, body: str, button: str) -> None:
        self.page.get_by_label("Text of the letter").fill(body)
        self.page.get_by_role("button", name=button).click()


def test_a_case_worker_writes_previews_and_sends_the_first_appointment_letter(obligations_world, page):
    world = obligations_world
    starts = timezone.make_aware(dt.datetime.combine(world.today + dt.timedelta(days=7), dt.time(16, 0)))
    appointment_schedule(case=world.case, staff=world.worker, kind=AppointmentKind.OFFICE, starts_at=starts,
                         actor=world.worker, place="Sampleford youth centre")
    case = SignInPage.open(page).sign_in(WORKER, PASSWORD).open_case(world.case.reference, PROGRAMME)
    page.get_by_role("button", name="Write a letter").click()
    write = WriteLetterPage(page)
    write.page.get_by_role("button", name="Write the letter").click()
    assert WriteLetterPage(page).error_messages() == ["Select the type of letter"]

    letter = WriteLetterPage(page).write("Appointment letter", [f"{starts.day} {starts:%B %Y} at 4pm"])
    text = letter.letter_text()
    assert "Dear Robin," in text and f"When: {long_date(starts.date())} at 4pm" in text
    assert "Where: Sampleford youth centre" in text
    expect(page.get_by_role("button", name="Download PDF")).to_have_attribute(
        "href", f"/letters/{Letter.objects.get().pk}/pdf")

    sending = letter.mark_as_sent()
    sending.submit(world.today + dt.timedelta(days=1))
    assert MarkSentPage(page).error_messages() == ["Date the letter was sent must be today or in the past"]
    MarkSentPage(page).submit(world.today)
    case = type(case)(page, PROGRAMME)
    assert "The appointment letter is marked as sent" in case.success_message()
    duty = Obligation.objects.get(case=world.case, rule=LETTER)
    assert (duty.status, duty.met_on) == ("met_late", world.today)


def test_a_manager_edits_a_letter_template(obligations_world, page):
    world = obligations_world
    SignInPage.open(page).sign_in(MANAGER, PASSWORD)
    page.goto(f"/cases/{world.case.pk}")
    CasePage(page, PROGRAMME)  # with the Letters section's link to the templates, for a manager
    page.get_by_role("link", name="Letter templates").click()
    TemplateListPage(page)
    page.get_by_role("link", name="Closure: disengagement").click()
    edit = TemplatePage(page, "Closure: disengagement")
    edit.submit("Dear {{ child_name.__class__.__mro__ }}", "Save as a new version")
    assert TemplatePage(page, "Closure: disengagement").error_messages() == [
        "The template uses something letters are not allowed to use: access to attribute '__class__' of 'str' "
        "object is unsafe."]
    assert not LetterTemplate.objects.exists()
    TemplatePage(page, "Closure: disengagement").submit("Dear {{ child_name }},\n\nYour case is closed.", "Preview")
    preview = page.get_by_role("article", name="Preview of the letter").inner_text()
    assert "Dear Alex," in preview and "Your case is closed." in preview
    TemplatePage(page, "Closure: disengagement").submit("Dear {{ child_name }},\n\nYour case is closed.",
                                                         "Save as a new version")
    done = TemplatePage(page, "Closure: disengagement")
    assert "Version 2 of the closure: disengagement is saved" in done.success_message()
    assert [t.version for t in LetterTemplate.objects.order_by("version")] == [1, 2]
