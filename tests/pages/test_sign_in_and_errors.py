"""Signing in and out, the closed-by-default login requirement, and the 403, 404 and 500 pages (never a stack trace)."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.world import PASSWORD

from .helpers import error_summary, field_error, text

pytestmark = pytest.mark.django_db


def test_every_product_page_sends_a_signed_out_user_to_sign_in(world):
    client = Client()
    for url in [
        reverse("my-cases"), reverse("case-list"), reverse("case-detail", kwargs={"case_id": world.yro_case.pk}),
        reverse("child-detail", kwargs={"child_id": world.child.pk}), reverse("referral-list"),
        reverse("referral-create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("sign-in") + "?next="), url


def test_signing_in_with_a_wrong_password_shows_the_error_summary_and_stays_signed_out(world):
    client = Client()
    response = client.post(reverse("sign-in"), {"username": "wes.walker", "password": "not-the-password"})
    assert response.status_code == 200
    assert error_summary(response) == ["Enter a correct username and password"]
    assert text(response).startswith("Error: Sign in")
    assert client.get(reverse("my-cases")).status_code == 302


def test_signing_in_with_nothing_names_both_fields(world):
    response = Client().post(reverse("sign-in"), {"username": "", "password": ""})
    assert error_summary(response) == ["Enter your username", "Enter your password"]
    assert field_error(response, "id_username") == "Enter your username"


def test_signing_in_goes_to_my_cases_and_signing_out_ends_the_session(world):
    client = Client()
    response = client.post(reverse("sign-in"), {"username": "wes.walker", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("my-cases")
    assert "My cases" in text(response)
    assert "Signed in as Wes Walker" in text(response)

    response = client.post(reverse("sign-out"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("sign-in")
    assert client.get(reverse("my-cases")).status_code == 302


def test_signing_out_needs_a_post_so_a_link_cannot_sign_anyone_out(world, client_for):
    client = client_for(world.worker)
    assert client.get(reverse("sign-out")).status_code == 405
    assert client.get(reverse("my-cases")).status_code == 200


def test_the_404_page_is_the_services_own(world, client_for, settings):
    settings.DEBUG = False
    response = client_for(world.worker).get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert "Traceback" not in text(response)


def test_the_404_page_needs_no_sign_in(db, settings):
    settings.DEBUG = False
    response = Client().get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_the_403_page_says_the_record_is_restricted_or_elsewhere(world, client_for, settings):
    settings.DEBUG = False
    response = client_for(world.outsider).get(reverse("case-detail", kwargs={"case_id": world.yro_case.pk}))
    assert response.status_code == 403
    assert "You do not have access to this page" in text(response)


def test_an_unexpected_error_shows_the_500_page_without_a_stack_trace(world, client_for, settings, monkeypatch):
    settings.DEBUG = False

    def broken(user):
        raise RuntimeError("a failure deep in the code, with SECRET details")

    monkeypatch.setattr("waypoint.cases.views.my_cases_selector", broken)
    client = client_for(world.worker)
    client.raise_request_exception = False
    response = client.get(reverse("my-cases"))
    assert response.status_code == 500
    page = text(response)
    assert "Sorry, there is a problem with the service" in page
    assert "SECRET" not in page and "Traceback" not in page and "RuntimeError" not in page


def test_an_expired_form_shows_its_own_page_and_saves_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.worker.user)
    response = client.post(reverse("referral-create"), {"summary": "Anything"})
    assert response.status_code == 403
    assert "Your form has expired" in text(response)


def test_a_signed_in_account_without_a_staff_record_is_refused(world, settings):
    from waypoint.workforce.tests.factories import UserFactory

    settings.DEBUG = False
    client = Client()
    client.force_login(UserFactory(username="technical.admin"))
    assert client.get(reverse("case-list")).status_code == 403
    assert client.get(reverse("referral-create")).status_code == 403
