"""The sandbox: a letter template reaches only the data it is given. Python internals (`__class__`,
`__subclasses__`, `str.format` tricks), the settings and the ORM are out of reach; markup cannot be written; a
template that tries is refused with a GOV.UK error on the edit page and nothing is saved."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.pages.helpers import error_summary, text
from waypoint.documents import services as s
from waypoint.documents.content import sample_data
from waypoint.documents.models import LetterTemplate, LetterType
from waypoint.documents.rendering import (
    TEMPLATE_NOT_ALLOWED,
    LetterTemplateError,
    render_letter,
    render_text,
    text_to_html,
)

from .conftest import client_for

DATA = {"child_name": "Alex", "appointments": [{"when": "Tuesday 1 December 2026 at 4pm"}]}
NOT_ALLOWED = TEMPLATE_NOT_ALLOWED.split("{")[0]


def refused(source: str, data=DATA) -> str:
    with pytest.raises(LetterTemplateError) as caught:
        render_text(source, data)
    return caught.value.message


@pytest.mark.parametrize("source", [
    "{{ child_name.__class__ }}",
    "{{ child_name.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ child_name|attr('__class__') }}",
    "{{ '{0.__class__.__mro__}'.format(child_name) }}",
    "{{ appointments.__len__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ appointments.append('x') }}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 999999 }}",
    "{% for i in range(100000) %}{% endfor %}",
])
def test_python_internals_raise_a_security_error(source):
    assert refused(source).startswith(NOT_ALLOWED)


@pytest.mark.parametrize("source, name", [
    ("{{ settings.SECRET_KEY }}", "'settings' is undefined"),
    ("{{ case.objects.all() }}", "'case' is undefined"),
    ("{{ request }}", "'request' is undefined"),
    ("{{ cycler }}", "'cycler' is undefined"),
    ("{{ url('admin:index') }}", "'url' is undefined"),
])
def test_settings_the_orm_and_the_site_are_not_there(source, name):
    assert refused(source) == f"The template uses a name letters do not have: {name}"


@pytest.mark.parametrize("source, tag", [
    ("{% include 'layouts/base.html' %}", "include"),
    ("{% extends 'layouts/base.html' %}", "extends"),
    ("{% import 'core/forms.html' as f %}", "import"),
    ("{% autoescape false %}{{ child_name }}{% endautoescape %}", "autoescape"),
])
def test_tags_that_reach_files_or_switch_off_escaping_are_refused(source, tag):
    assert refused(source) == f"The template has a mistake on line 1: Letter templates cannot use the ‘{tag}’ tag"


def test_the_safe_filter_is_not_there():
    assert refused("{{ child_name|safe }}") == "The template has a mistake on line 1: No filter named 'safe'."


def test_a_template_cannot_write_markup_and_values_are_escaped():
    rendered = render_letter(title="Hello <b>{{ child_name }}</b>",
                             body="<script>alert(1)</script> Dear {{ child_name }}",
                             data={"child_name": "<img src=x onerror=alert(1)>"})
    assert rendered.title == "Hello <b><img src=x onerror=alert(1)></b>"  # plain text, escaped where it is shown
    assert str(rendered.body_html) == ("<p>&lt;script&gt;alert(1)&lt;/script&gt; Dear "
                                       "&lt;img src=x onerror=alert(1)&gt;</p>")


def test_plain_text_conventions_become_paragraphs_headings_and_bullets():
    html = text_to_html(render_text("Dear {{ child_name }},\nthanks\n\n# Next\n- one\n- two\nAfter", DATA))
    assert str(html) == "<p>Dear Alex,<br>thanks</p>\n<h2>Next</h2>\n<ul><li>one</li><li>two</li></ul>\n<p>After</p>"


def test_every_built_in_template_renders_with_every_sample():
    from waypoint.documents.defaults import DEFAULTS

    for letter_type, (title, body) in DEFAULTS.items():
        for sample in sample_data(letter_type):
            assert render_letter(title=title, body=body, data=sample).title


def test_a_template_reaching_python_internals_is_not_saved(pyjs, pyjs_manager):
    with pytest.raises(ValidationError) as caught:
        s.letter_template_save(service=pyjs, letter_type=LetterType.APPOINTMENT, title="Your appointment",
                               body="{{ child_name.__class__.__mro__[1].__subclasses__() }}", actor=pyjs_manager)
    assert caught.value.message_dict["body"][0].startswith(NOT_ALLOWED)
    assert not LetterTemplate.objects.exists()


def test_the_edit_page_shows_the_security_error_and_saves_nothing(pyjs, pyjs_manager):
    response = client_for(pyjs_manager).post("/letters/templates/first_warning", {
        "title": "First warning", "body": "Dear {{ child_name }}, {{ ''.__class__.__mro__[1].__subclasses__() }}",
        "action": "save"})
    assert response.status_code == 200
    assert error_summary(response) == [
        "The template uses something letters are not allowed to use: access to attribute '__class__' of 'str' "
        "object is unsafe."]
    assert not LetterTemplate.objects.exists()


def test_the_edit_page_shows_a_template_that_does_not_compile(pyjs, pyjs_manager):
    response = client_for(pyjs_manager).post("/letters/templates/appointment", {
        "title": "Your appointment", "body": "Dear {{ child_name }\n\n{% if %}", "action": "preview"})
    assert error_summary(response)[0].startswith("The template has a mistake on line 1:")
    assert "Preview, with made-up details" not in text(response)
    assert not LetterTemplate.objects.exists()
