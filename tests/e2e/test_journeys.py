"""Journeys through every page in a real browser, by role: a case manager reading their cases, a team manager
taking a referral from receipt to an allocated case, and the error pages. axe-core checks each page on arrival."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from waypoint.core.models import today
from waypoint.referrals.forms import CHILD_KNOWN_MISSING
from waypoint.referrals.services import REFERRAL_RECEIVED_ON_MISSING, REFERRAL_SOURCE_INVALID, REFERRAL_SUMMARY_MISSING

from tests.world import PASSWORD, add_cases

from .pages import BasePage, CaseListPage, MyCasesPage, SignInPage, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_signing_in_with_a_wrong_password_then_in_and_out(world, page):
    sign_in = SignInPage.open(page)
    sign_in = sign_in.sign_in_expecting_error("wes.walker", "wrong-password")
    assert sign_in.error_messages() == ["Enter a correct username and password"]
    assert page.title().startswith("Error: ")

    my_cases = sign_in.sign_in("wes.walker", PASSWORD)
    expect(page.get_by_text("Signed in as Wes Walker")).to_be_visible()
    signed_out = my_cases.sign_out()
    page.goto("/")
    SignInPage(page)  # back at sign-in: the session has ended
    assert signed_out.page.url.endswith("/sign-in?next=/")


def test_sign_in_works_by_keyboard_alone(world, page):
    SignInPage.open(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.get_by_label("Username").focus()
    page.keyboard.type("wes.walker")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    MyCasesPage(page)


def test_a_case_manager_reads_their_cases_the_child_and_the_case_list(world, page, settings):
    settings.WAYPOINT_PAGE_SIZE = 5
    add_cases(world, 6, family_name="Pagewell")
    my_cases = SignInPage.open(page).sign_in("wes.walker", PASSWORD)
    assert sorted(my_cases.case_references()) == sorted([world.yro_case.reference, world.restricted_case.reference])

    case = my_cases.open_case(world.yro_case.reference, "Youth Rehabilitation Order")
    assert case.summary_value("Team") == "North locality team"
    assert case.chronology_titles()[:2] == ["Appointment missed", "Appointment scheduled"]
    expect(page.get_by_text("Reason: Recorded on the wrong case.")).to_be_visible()
    assert [row[0] for row in case.allocation_rows()] == ["Wes Walker", "Ola Okafor"]
    expect(page.get_by_role("button", name="Allocate or reallocate")).to_have_count(0)

    child = case.open_child("Jo Exampleton")
    assert sorted(child.case_references()) == sorted([world.yro_case.reference, world.restricted_case.reference])
    child.show_history()
    expect(page.get_by_role("cell", name="1 Sample Street, Exampletown, ZZ9 9ZZ")).to_be_visible()

    cases = child.go_to_cases()
    found = cases.search("Exampleton")
    assert sorted(found.case_references()) == sorted([world.yro_case.reference, world.restricted_case.reference])
    filtered = found.search("Exampleton", programme="Referral Order")
    assert filtered.case_references() == [world.restricted_case.reference]

    listed = filtered.search("Pagewell", programme="All programmes")
    assert listed.caption() == "Showing 1 to 5 of 6 cases"
    second = listed.next_page()
    assert second.caption() == "Showing 6 to 6 of 6 cases"
    assert page.get_by_label("Name or reference").input_value() == "Pagewell"
    assert "page=2" in page.url


def test_a_team_manager_takes_a_referral_to_an_allocated_case(world, page):
    my_cases = SignInPage.open(page).sign_in("tara.manning", PASSWORD)
    referrals = my_cases.go_to_referrals()
    form = referrals.record_a_referral()

    form = form.submit_expecting_errors()
    assert form.error_messages() == [
        REFERRAL_SOURCE_INVALID, REFERRAL_RECEIVED_ON_MISSING, REFERRAL_SUMMARY_MISSING, CHILD_KNOWN_MISSING,
    ]
    # GOV.UK Frontend moves focus to the error summary, so a screen reader reads it first.
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    page.get_by_role("link", name=REFERRAL_SUMMARY_MISSING).click()
    expect(page.get_by_label("Summary")).to_be_focused()

    referral = form.record_for_new_child(
        source="Early Help Hub contact form", received_on=today() - dt.timedelta(days=1),
        summary="Worries about missing school and new friends.", given_name="Riley", family_name="Browserton",
        date_of_birth=dt.date(2012, 5, 17), gender="Female",
    )
    assert "Referral recorded" in referral.success_message()

    triage = referral.triage()
    referral = triage.decide("Meets the criteria", "Lives in the area; fits the prevention offer.")
    assert "Referral triaged: meets the criteria" in referral.success_message()

    accept = referral.accept_into_a_case()
    case = accept.accept(programme="Prevention", team="North locality team")
    assert "Now allocate a worker" in case.success_message()
    assert case.summary_value("Current workers") == "Not allocated"
    assert case.chronology_titles() == ["Referral accepted: case opened", "Referral triaged", "Referral received"]

    allocate = case.allocate_or_reallocate()
    case = allocate.allocate(worker="Ola Okafor", role="Case manager", programme="Prevention",
                             rationale="Capacity, and experience with the school.")
    assert "Ola Okafor is allocated" in case.success_message()

    allocate = case.allocate_or_reallocate()
    case = allocate.allocate(worker="Wes Walker", role="Case manager", programme="Prevention",
                             reason="The current worker is on leave", rationale="Ola is on leave for a month.")
    assert "Wes Walker is allocated" in case.success_message()
    rows = case.allocation_rows()
    assert [row[0] for row in rows] == ["Wes Walker", "Ola Okafor"]
    assert rows[0][3] == "Current" and rows[1][3] != "Current"
    assert case.chronology_titles()[0] == "Case reallocated"

    case.sign_out()


def test_the_error_pages_are_the_services_own_and_accessible(world, page):
    SignInPage.open(page).sign_in("owen.outerby", PASSWORD)
    page.goto(f"/cases/{world.yro_case.pk}")
    expect(page.get_by_role("heading", level=1, name="You do not have access to this page")).to_be_visible()
    assert_accessible(page)
    page.goto("/cases/987654")
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    assert_accessible(page)


def test_the_accessibility_statement_is_reachable_without_signing_in(world, page):
    page.goto("/sign-in")
    page.get_by_role("link", name="Accessibility statement").click()
    BasePage.heading = "Accessibility statement for Waypoint"
    try:
        BasePage(page)
    finally:
        BasePage.heading = ""
