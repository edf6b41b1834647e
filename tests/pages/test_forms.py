"""Every form through the pages: bad input (nothing, letters in a date, a date far in the future, text over the
field's length) shows the GOV.UK error summary and the inline error, and saves nothing; good input saves once,
shows a success banner and redirects."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from waypoint.cases.forms import REALLOCATION_REASON_MISSING, WORKER_MISSING
from waypoint.cases.models import Allocation, Case, Event
from waypoint.cases.services import (
    ALLOCATION_DATE_BEFORE_CASE,
    ALLOCATION_DATE_IN_FUTURE,
    ALLOCATION_RATIONALE_MISSING,
    ALLOCATION_ROLE_INVALID,
    CASE_PROGRAMME_INVALID,
    CASE_START_IN_FUTURE,
)
from waypoint.people.models import Child
from waypoint.people.services import (
    CHILD_DATE_OF_BIRTH_IN_FUTURE,
    CHILD_DATE_OF_BIRTH_MISSING,
    CHILD_DATE_OF_BIRTH_TOO_EARLY,
    CHILD_FAMILY_NAME_MISSING,
    CHILD_GENDER_MISSING,
    CHILD_GIVEN_NAME_MISSING,
)
from waypoint.referrals.forms import CHILD_KNOWN_MISSING, CHILD_REFERENCE_UNKNOWN, TEAM_MISSING
from waypoint.referrals.models import Referral
from waypoint.referrals.services import (
    ACCEPT_START_BEFORE_RECEIVED,
    ACCEPT_START_MISSING,
    REFERRAL_RECEIVED_ON_IN_FUTURE,
    REFERRAL_RECEIVED_ON_MISSING,
    REFERRAL_SOURCE_INVALID,
    REFERRAL_SUMMARY_MISSING,
    TRIAGE_OUTCOME_INVALID,
    TRIAGE_REASON_MISSING,
    referral_record,
)
from waypoint.workforce.tests.fixtures import TODAY

from .helpers import error_summary, field_error, text

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "children": Child.objects.count(), "referrals": Referral.objects.count(), "cases": Case.objects.count(),
        "allocations": Allocation.objects.count(), "events": Event.objects.count(),
    }


def date_fields(name: str, day: dt.date | None = None, *, raw: tuple[str, str, str] | None = None) -> dict:
    day_text, month_text, year_text = raw or ((str(day.day), str(day.month), str(day.year)) if day else ("", "", ""))
    return {f"{name}-day": day_text, f"{name}-month": month_text, f"{name}-year": year_text}


def assert_rejected(response, before: dict[str, int], expected: dict[str, str]) -> None:
    """The page is shown again with the summary listing each message and each field showing its own; no row saved."""
    assert response.status_code == 200
    assert text(response).startswith("Error: ")
    summary = error_summary(response)
    for field_id, message in expected.items():
        assert message in summary, (message, summary)
        assert field_error(response, field_id) == message, field_id
    assert counts() == before


# ---- Record a referral -------------------------------------------------------------------------------------------

def referral_data(**overrides) -> dict:
    data = {
        "source": Referral.Source.TVP_YOT1, **date_fields("received_on", TODAY - dt.timedelta(days=1)),
        "referrer_name": "PC Example, Exampleshire Police", "summary": "Community Resolution for criminal damage.",
        "child_known": "no", "given_name": "Riley", "family_name": "Newchild",
        **date_fields("date_of_birth", dt.date(2012, 6, 30)), "gender": "female",
    }
    data.update(overrides)
    return data


@pytest.fixture
def recorder(world, client_for):
    return client_for(world.worker)


def test_recording_a_referral_for_a_new_child_saves_both_and_says_so(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(), follow=True)
    referral = Referral.objects.get(child__family_name="Newchild")
    assert response.redirect_chain[-1][0] == reverse("referral-detail", kwargs={"referral_id": referral.pk})
    assert "Success Referral recorded" in text(response)
    assert referral.child.date_of_birth == dt.date(2012, 6, 30)
    assert referral.recorded_by == world.worker
    assert counts() == {**before, "children": before["children"] + 1, "referrals": before["referrals"] + 1,
                        "events": before["events"] + 1}


def test_recording_a_referral_for_a_known_child_finds_them_by_reference_in_any_case(world, recorder):
    response = recorder.post(reverse("referral-create"), referral_data(child_known="yes", child_reference="wp-90042"))
    assert response.status_code == 302
    assert Referral.objects.get().child == world.child


def test_a_referral_with_nothing_entered_names_every_missing_answer(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), {})
    assert_rejected(response, before, {
        "id_source": REFERRAL_SOURCE_INVALID, "id_received_on": REFERRAL_RECEIVED_ON_MISSING,
        "id_summary": REFERRAL_SUMMARY_MISSING, "id_child_known": CHILD_KNOWN_MISSING,
    })


def test_a_new_child_with_no_details_names_each_one(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(
        given_name="", family_name="", gender="", **date_fields("date_of_birth")))
    assert_rejected(response, before, {
        "id_given_name": CHILD_GIVEN_NAME_MISSING, "id_family_name": CHILD_FAMILY_NAME_MISSING,
        "id_date_of_birth": CHILD_DATE_OF_BIRTH_MISSING, "id_gender": CHILD_GENDER_MISSING,
    })


def test_letters_in_the_dates_are_not_real_dates(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(
        **date_fields("received_on", raw=("1", "nov", "2026")), **date_fields("date_of_birth", raw=("ab", "6", "2012"))))
    assert_rejected(response, before, {
        "id_received_on": "Date received must be a real date", "id_date_of_birth": "Date of birth must be a real date",
    })


def test_a_part_of_a_date_missing_is_named(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(
        **date_fields("date_of_birth", raw=("30", "", "2012"))))
    assert_rejected(response, before, {"id_date_of_birth": "Date of birth must include a month"})


def test_a_date_of_birth_far_in_the_future_is_refused_and_no_child_is_made(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(**date_fields("date_of_birth", dt.date(2099, 1, 1))))
    assert_rejected(response, before, {"id_date_of_birth": CHILD_DATE_OF_BIRTH_IN_FUTURE})


def test_a_date_of_birth_too_long_ago_is_refused(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(**date_fields("date_of_birth", dt.date(1990, 1, 1))))
    assert_rejected(response, before, {"id_date_of_birth": CHILD_DATE_OF_BIRTH_TOO_EARLY})


def test_a_referral_received_in_the_future_is_refused(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(**date_fields("received_on", dt.date(2099, 1, 1))))
    assert_rejected(response, before, {"id_received_on": REFERRAL_RECEIVED_ON_IN_FUTURE})


def test_over_long_text_is_refused_with_the_limit(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(
        summary="x" * 5001, given_name="R" * 101, referrer_name="P" * 201))
    assert_rejected(response, before, {
        "id_summary": "Summary must be 5000 characters or fewer",
        "id_given_name": "First name must be 100 characters or fewer",
        "id_referrer_name": "Referrer (optional) must be 200 characters or fewer",
    })


def test_a_child_reference_not_known_to_the_service_is_refused(world, recorder):
    before = counts()
    other_child = world.other_service_case.child
    for reference in ("WP-99999", other_child.reference):
        response = recorder.post(reverse("referral-create"), referral_data(child_known="yes", child_reference=reference))
        assert_rejected(response, before, {"id_child_reference": CHILD_REFERENCE_UNKNOWN})


def test_an_unknown_source_is_refused(world, recorder):
    before = counts()
    response = recorder.post(reverse("referral-create"), referral_data(source="carrier_pigeon"))
    assert_rejected(response, before, {"id_source": REFERRAL_SOURCE_INVALID})


def test_the_answers_are_kept_when_the_form_is_shown_again(world, recorder):
    response = recorder.post(reverse("referral-create"), referral_data(summary=""))
    body = response.content.decode()
    assert 'value="Riley"' in body and 'value="2012"' in body
    assert 'value="no" checked' in body


def test_the_child_page_offers_a_referral_form_with_the_child_filled_in(world, recorder):
    response = recorder.get(reverse("referral-create") + "?child=WP-90042")
    assert 'value="WP-90042"' in response.content.decode()


# ---- Triage ------------------------------------------------------------------------------------------------------

@pytest.fixture
def received(world):
    return referral_record(
        service=world.service, child=world.child, actor=world.worker, source=Referral.Source.TVP_YOT1,
        received_on=TODAY - dt.timedelta(days=3), summary="Community Resolution issued for shoplifting.",
    )


def triage_url(referral) -> str:
    return reverse("referral-triage", kwargs={"referral_id": referral.pk})


def test_triage_with_nothing_entered_names_both_answers(world, client_for, received):
    before = counts()
    response = client_for(world.manager).post(triage_url(received), {})
    assert_rejected(response, before, {"id_outcome": TRIAGE_OUTCOME_INVALID, "id_reason": TRIAGE_REASON_MISSING})
    received.refresh_from_db()
    assert received.status == Referral.Status.RECEIVED


def test_triage_with_an_outcome_that_is_not_offered_or_an_over_long_reason_is_refused(world, client_for, received):
    before = counts()
    response = client_for(world.manager).post(triage_url(received), {"outcome": "maybe", "reason": "r" * 2001})
    assert_rejected(response, before, {
        "id_outcome": TRIAGE_OUTCOME_INVALID, "id_reason": "Reason for the decision must be 2000 characters or fewer",
    })


def test_triage_saves_the_decision_and_shows_it(world, client_for, received):
    response = client_for(world.manager).post(
        triage_url(received), {"outcome": "meets_criteria", "reason": "Lives in the area; first offence."}, follow=True)
    received.refresh_from_db()
    assert received.status == Referral.Status.TRIAGED and received.triaged_by == world.manager
    assert "Referral triaged: meets the criteria" in text(response)
    assert "Accept into a case" in text(response)


def test_a_worker_who_is_not_a_manager_cannot_triage(world, client_for, received):
    client = client_for(world.worker)
    assert client.get(triage_url(received)).status_code == 403
    assert client.post(triage_url(received), {"outcome": "not_met", "reason": "No."}).status_code == 403
    received.refresh_from_db()
    assert received.status == Referral.Status.RECEIVED
    assert "Triage this referral" not in text(client.get(reverse("referral-detail", kwargs={"referral_id": received.pk})))


# ---- Accept into a case ------------------------------------------------------------------------------------------

@pytest.fixture
def triaged(world, received):
    from waypoint.referrals.services import referral_triage

    return referral_triage(referral=received, outcome="meets_criteria", reason="Meets criteria.", actor=world.manager)


def accept_url(referral) -> str:
    return reverse("referral-accept", kwargs={"referral_id": referral.pk})


def accept_data(world, **overrides) -> dict:
    north = world.yro_case.team
    return {"programme": "community_resolution", **date_fields("started_on", TODAY), "team": str(north.pk), **overrides}


def test_accepting_with_nothing_entered_names_every_answer(world, client_for, triaged):
    before = counts()
    response = client_for(world.manager).post(accept_url(triaged), {})
    assert_rejected(response, before, {
        "id_programme": CASE_PROGRAMME_INVALID, "id_started_on": ACCEPT_START_MISSING, "id_team": TEAM_MISSING,
    })


def test_accepting_with_letters_in_the_start_date_or_a_team_of_another_service_is_refused(world, client_for, triaged):
    before = counts()
    other_team = world.other_service_case.team
    response = client_for(world.manager).post(accept_url(triaged), accept_data(
        world, team=str(other_team.pk), **date_fields("started_on", raw=("xx", "yy", "zzzz"))))
    assert_rejected(response, before, {"id_started_on": "Start date must be a real date", "id_team": TEAM_MISSING})


def test_accepting_with_a_start_date_far_in_the_future_is_refused(world, client_for, triaged):
    before = counts()
    response = client_for(world.manager).post(accept_url(triaged), accept_data(
        world, **date_fields("started_on", dt.date(2099, 12, 31))))
    assert_rejected(response, before, {"id_started_on": CASE_START_IN_FUTURE})
    triaged.refresh_from_db()
    assert triaged.status == Referral.Status.TRIAGED


def test_accepting_with_a_start_date_before_the_referral_is_refused(world, client_for, triaged):
    before = counts()
    response = client_for(world.manager).post(accept_url(triaged), accept_data(
        world, **date_fields("started_on", triaged.received_on - dt.timedelta(days=1))))
    assert_rejected(response, before, {"id_started_on": ACCEPT_START_BEFORE_RECEIVED})


def test_accepting_opens_the_case_and_goes_to_it(world, client_for, triaged):
    response = client_for(world.manager).post(accept_url(triaged), accept_data(world), follow=True)
    triaged.refresh_from_db()
    case = triaged.case
    assert case.programme == "community_resolution" and case.started_on == TODAY and case.team == world.yro_case.team
    assert response.redirect_chain[-1][0] == reverse("case-detail", kwargs={"case_id": case.pk})
    page = text(response)
    assert f"Referral accepted: case {case.reference} opened" in page
    # The referral's own events now open the case's chronology.
    assert "Referral received" in page and "Referral triaged" in page and "Referral accepted: case opened" in page


def test_a_referral_not_yet_triaged_cannot_be_accepted(world, client_for, received):
    response = client_for(world.manager).get(accept_url(received))
    assert response.status_code == 302
    assert not Case.objects.filter(referral=received).exists()


# ---- Allocate or reallocate --------------------------------------------------------------------------------------

def allocate_url(case) -> str:
    return reverse("case-allocate", kwargs={"case_id": case.pk})


@pytest.fixture
def unallocated(world):
    from tests.world import add_cases

    return add_cases(world, 1, team=world.yro_case.team)[0]


def allocation_data(world, **overrides) -> dict:
    return {"staff": str(world.colleague.pk), "role": "cm", **date_fields("on", TODAY),
            "rationale": "Capacity this week and experience with the school.", **overrides}


def test_allocating_with_nothing_entered_names_every_answer(world, client_for, unallocated):
    before = counts()
    response = client_for(world.manager).post(allocate_url(unallocated), {})
    assert_rejected(response, before, {
        "id_staff": WORKER_MISSING, "id_role": ALLOCATION_ROLE_INVALID, "id_on": "Enter the date of the allocation",
        "id_rationale": ALLOCATION_RATIONALE_MISSING,
    })


def test_allocating_with_letters_in_the_date_and_an_over_long_rationale_is_refused(world, client_for, unallocated):
    before = counts()
    response = client_for(world.manager).post(allocate_url(unallocated), allocation_data(
        world, rationale="r" * 2001, **date_fields("on", raw=("one", "two", "2026"))))
    assert_rejected(response, before, {
        "id_on": "Date of allocation must be a real date", "id_rationale": "Rationale must be 2000 characters or fewer",
    })


def test_allocating_from_a_date_far_in_the_future_or_before_the_case_is_refused(world, client_for, unallocated):
    before = counts()
    client = client_for(world.manager)
    response = client.post(allocate_url(unallocated), allocation_data(world, **date_fields("on", dt.date(2099, 1, 1))))
    assert_rejected(response, before, {"id_on": ALLOCATION_DATE_IN_FUTURE})
    response = client.post(allocate_url(unallocated), allocation_data(
        world, **date_fields("on", unallocated.started_on - dt.timedelta(days=1))))
    assert_rejected(response, before, {"id_on": ALLOCATION_DATE_BEFORE_CASE})


def test_a_worker_of_another_service_is_not_offered_and_not_accepted(world, client_for, unallocated):
    before = counts()
    client = client_for(world.manager)
    assert "Owen Outerby" not in text(client.get(allocate_url(unallocated)))
    response = client.post(allocate_url(unallocated), allocation_data(world, staff=str(world.outsider.pk)))
    assert_rejected(response, before, {"id_staff": WORKER_MISSING})


def test_allocating_saves_the_allocation_and_shows_it_on_the_case(world, client_for, unallocated):
    response = client_for(world.manager).post(allocate_url(unallocated), allocation_data(world), follow=True)
    allocation = Allocation.objects.get(case=unallocated)
    assert (allocation.staff, allocation.role, allocation.allocated_by) == (world.colleague, "cm", world.manager)
    assert response.redirect_chain[-1][0] == reverse("case-detail", kwargs={"case_id": unallocated.pk})
    page = text(response)
    assert f"Ola Okafor is allocated to {unallocated.reference} as case manager" in page
    assert "Capacity this week and experience with the school." in page
    assert unallocated.events.filter(type="case.allocated").count() == 1


def test_reallocating_the_lead_asks_why_and_ends_the_previous_allocation(world, client_for):
    case = world.yro_case  # held by Wes Walker as case manager
    client = client_for(world.manager)
    before = counts()
    response = client.post(allocate_url(case), allocation_data(world))
    assert_rejected(response, before, {"id_reason": REALLOCATION_REASON_MISSING})

    response = client.post(allocate_url(case), allocation_data(world, reason="leave"), follow=True)
    assert response.status_code == 200
    current = case.allocations.filter(ends_on__isnull=True, role="cm").get()
    assert current.staff == world.colleague
    ended = case.allocations.get(staff=world.worker)
    assert ended.ends_on == TODAY - dt.timedelta(days=1)
    assert case.events.filter(type="case.reallocated").latest("id").data["reason"] == "leave"


def test_only_managers_may_allocate(world, client_for):
    client = client_for(world.worker)
    assert client.get(allocate_url(world.yro_case)).status_code == 403
    assert client.post(allocate_url(world.yro_case), allocation_data(world, reason="leave")).status_code == 403
    assert "Allocate or reallocate" not in text(client.get(reverse("case-detail", kwargs={"case_id": world.yro_case.pk})))


# ---- The case list's search form ---------------------------------------------------------------------------------

def test_an_over_long_search_or_a_filter_not_offered_is_shown_as_an_error(world, client_for):
    response = client_for(world.manager).get(reverse("case-list"), {"q": "J" * 101, "worker": "abc", "status": "lost"})
    assert response.status_code == 200
    assert error_summary(response) == [
        "Name or reference must be 100 characters or fewer", "Select a worker from the list",
        "Select a status from the list",
    ]
    assert field_error(response, "id_q") == "Name or reference must be 100 characters or fewer"


def test_signing_in_with_an_over_long_username_is_refused(world):
    from django.test import Client

    response = Client().post(reverse("sign-in"), {"username": "u" * 151, "password": "whatever"})
    assert "Username must be 150 characters or fewer" in error_summary(response)
