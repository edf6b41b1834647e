"""Letter templates as versions: the built-in one is version 1 on first use, each edit is a new version, no version
is changed, new letters use the latest and a letter keeps (and prints with) the version it was written from. Only
business support and managers edit templates."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.pages.helpers import error_summary, text
from waypoint.documents import services as s
from waypoint.documents.defaults import DEFAULTS
from waypoint.documents.models import LetterTemplate, LetterType

from .conftest import client_for
from .test_letters import pdf_text

NEW_BODY = "Hello {{ child_name }}.\n\nWe closed your case on {{ closure_date }}. Thank you.\n"


def versions(service, letter_type=LetterType.CLOSURE_NO_CONTACT):
    return [(t.version, t.title, t.body, t.created_by_id)
            for t in LetterTemplate.objects.filter(service=service, letter_type=letter_type).order_by("version")]


def test_the_built_in_template_is_version_1_on_first_use(cr_case, full_timer):
    assert not LetterTemplate.objects.exists()
    letter = s.letter_create(case=cr_case, letter_type=LetterType.CLOSURE_NO_CONTACT, appointments=[],
                             actor=full_timer)
    title, body = DEFAULTS[LetterType.CLOSURE_NO_CONTACT]
    assert versions(cr_case.service) == [(1, title, body, None)]
    assert letter.template.version == 1 and letter.template.is_built_in


def test_each_edit_is_a_new_version_and_letters_keep_theirs(cr_case, full_timer, business_support):
    before = s.letter_create(case=cr_case, letter_type=LetterType.CLOSURE_NO_CONTACT, appointments=[],
                             actor=full_timer)
    second = s.letter_template_save(service=cr_case.service, letter_type=LetterType.CLOSURE_NO_CONTACT,
                                    title="Your case is closed", body=NEW_BODY, actor=business_support)
    third = s.letter_template_save(service=cr_case.service, letter_type=LetterType.CLOSURE_NO_CONTACT,
                                   title="Your case is closed now", body=NEW_BODY, actor=business_support)
    title, body = DEFAULTS[LetterType.CLOSURE_NO_CONTACT]
    assert versions(cr_case.service) == [
        (1, title, body, None), (2, "Your case is closed", NEW_BODY, business_support.pk),
        (3, "Your case is closed now", NEW_BODY, business_support.pk)]
    assert (second.version, third.version) == (2, 3)
    after = s.letter_create(case=cr_case, letter_type=LetterType.CLOSURE_NO_CONTACT, appointments=[],
                            actor=full_timer)
    assert after.template == third and before.template.version == 1
    assert "Hello Alex. We closed your case on Tuesday 24 November 2026. Thank you." in pdf_text(after, full_timer)
    old = pdf_text(before, full_timer)
    assert "We have closed your case" in old and "Thank you." not in old


def test_saving_the_same_text_again_is_refused(cr_case, pyjs_manager):
    s.letter_template_save(service=cr_case.service, letter_type=LetterType.BREACH, title="Breach", body=NEW_BODY,
                           actor=pyjs_manager)
    with pytest.raises(ValidationError) as caught:
        s.letter_template_save(service=cr_case.service, letter_type=LetterType.BREACH, title="Breach",
                               body=NEW_BODY, actor=pyjs_manager)
    assert caught.value.message_dict == {"body": [s.TEMPLATE_UNCHANGED]}
    assert LetterTemplate.objects.filter(letter_type=LetterType.BREACH).count() == 2  # built-in + the edit


def test_a_case_worker_cannot_edit_templates(cr_case, full_timer):
    with pytest.raises(PermissionDenied):
        s.letter_template_save(service=cr_case.service, letter_type=LetterType.BREACH, title="Breach",
                               body=NEW_BODY, actor=full_timer)
    assert client_for(full_timer).get("/letters/templates").status_code == 403
    assert client_for(full_timer).post("/letters/templates/breach", {
        "title": "Breach", "body": NEW_BODY, "action": "save"}).status_code == 403
    assert not LetterTemplate.objects.exists()


def test_a_template_that_breaks_on_a_letter_with_no_appointments_is_refused(cr_case, pyjs_manager):
    # The closure letters have no appointment: the second sample has next_appointment None.
    with pytest.raises(ValidationError) as caught:
        s.letter_template_save(service=cr_case.service, letter_type=LetterType.CLOSURE_DISENGAGEMENT,
                               title="Closed", body="See you on {{ next_appointment.when }}", actor=pyjs_manager)
    assert caught.value.message_dict["body"][0].startswith("The template uses a name letters do not have:")
    assert not LetterTemplate.objects.exists()


def test_the_edit_page_previews_then_saves_a_new_version(cr_case, business_support):
    client = client_for(business_support)
    listing = text(client.get("/letters/templates"))
    assert "Closure: no contact" in listing and "Version 1 Built in" in listing
    preview = client.post("/letters/templates/closure_no_contact", {
        "title": "Your case is closed", "body": NEW_BODY + "<b>bold?</b>", "action": "preview"})
    assert preview.status_code == 200 and error_summary(preview) == []
    assert "Hello Alex. We closed your case on Tuesday 24 November 2026." in text(preview)
    assert "&lt;b&gt;bold?&lt;/b&gt;" in preview.content.decode()  # the template's text is never markup
    assert not LetterTemplate.objects.exists()  # a preview saves nothing
    saved = client.post("/letters/templates/closure_no_contact", {
        "title": "Your case is closed", "body": NEW_BODY, "action": "save"})
    assert saved.status_code == 302
    assert [v[0] for v in versions(cr_case.service)] == [1, 2]
    page = text(client.get("/letters/templates/closure_no_contact"))
    assert "In use: version 2." in page and "Bo Support" in page


@pytest.mark.parametrize("data, message", [
    ({"title": "", "body": NEW_BODY}, s.TEMPLATE_TITLE_MISSING),
    ({"title": "Closed", "body": ""}, s.TEMPLATE_BODY_MISSING),
    ({"title": "x" * 201, "body": NEW_BODY}, "Title must be 200 characters or fewer"),
    ({"title": "Closed", "body": "x" * 20_001}, "Text of the letter must be 20000 characters or fewer"),
    ({"title": "Closed {{ settings.SECRET_KEY }}", "body": NEW_BODY},
     "The template uses a name letters do not have: 'settings' is undefined"),
    ({"title": "Closed", "body": "{% for x in %}"},
     "The template has a mistake on line 1: Expected an expression, got 'end of statement block'"),
    ({"title": "Closed", "body": NEW_BODY, "action": "<script>alert(1)</script>"},
     "Select Preview or Save as a new version"),
])
def test_bad_template_input_shows_the_error_and_saves_nothing(cr_case, pyjs_manager, data, message):
    response = client_for(pyjs_manager).post("/letters/templates/closure_no_contact", {"action": "save", **data})
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not LetterTemplate.objects.exists()


def test_an_unknown_letter_type_is_not_found(pyjs_manager):
    assert client_for(pyjs_manager).get("/letters/templates/%3Cscript%3E").status_code == 404
