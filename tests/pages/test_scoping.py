"""Scoping through the pages: staff see only their own service's cases, children and referrals; a restricted case
is seen only by its allocated workers and their managers (and the service's managers), nowhere else: not on its
page, not in the list, not in a search, not on the child's page."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from waypoint.referrals.services import referral_accept, referral_record, referral_triage
from waypoint.workforce.tests.factories import StaffMemberFactory
from waypoint.workforce.tests.fixtures import TODAY

from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def case_url(case, name="case-detail") -> str:
    return reverse(name, kwargs={"case_id": case.pk})


def child_url(child) -> str:
    return reverse("child-detail", kwargs={"child_id": child.pk})


# ---- Another service ---------------------------------------------------------------------------------------------

def test_another_services_case_page_is_forbidden(world, client_for):
    response = client_for(world.outsider).get(case_url(world.yro_case))
    assert response.status_code == 403
    assert "Exampleton" not in text(response)


def test_a_case_that_does_not_exist_is_not_found(world, client_for):
    assert client_for(world.outsider).get(reverse("case-detail", kwargs={"case_id": 987654})).status_code == 404


def test_another_services_cases_are_not_in_the_list_or_a_search(world, client_for):
    client = client_for(world.outsider)
    page = text(client.get(reverse("case-list")))
    assert world.yro_case.reference not in page and "Exampleton" not in page
    assert world.other_service_case.reference in page
    for query in ("Exampleton", world.yro_case.reference, world.child.reference):
        assert "No cases found" in text(client.get(reverse("case-list"), {"q": query})), query


def test_another_services_child_page_is_forbidden(world, client_for):
    assert client_for(world.outsider).get(child_url(world.child)).status_code == 403


def test_another_services_manager_cannot_open_or_allocate_its_cases(world, client_for):
    their_manager = StaffMemberFactory(service=world.other_service, team_manager=True)
    client = client_for(their_manager)
    assert client.get(case_url(world.yro_case)).status_code == 403
    assert client.get(case_url(world.yro_case, "case-allocate")).status_code == 403
    assert client.post(case_url(world.yro_case, "case-allocate"), {"staff": str(their_manager.pk)}).status_code == 403


def test_another_services_referrals_are_neither_listed_nor_readable_nor_triageable(world, client_for):
    referral = referral_record(service=world.service, child=world.child, actor=world.worker, source="tvp_yot1",
                               received_on=TODAY, summary="Synthetic referral.")
    their_manager = StaffMemberFactory(service=world.other_service, team_manager=True)
    client = client_for(their_manager)
    assert "Exampleton" not in text(client.get(reverse("referral-list")))
    assert client.get(reverse("referral-detail", kwargs={"referral_id": referral.pk})).status_code == 403
    response = client.post(reverse("referral-triage", kwargs={"referral_id": referral.pk}),
                           {"outcome": "not_met", "reason": "Not ours."})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == "received"


# ---- A restricted case -------------------------------------------------------------------------------------------

def test_a_restricted_case_is_forbidden_to_a_worker_of_the_same_service_who_is_not_allocated(world, client_for):
    response = client_for(world.colleague).get(case_url(world.restricted_case))
    assert response.status_code == 403
    assert "You do not have access to this page" in text(response)


def test_a_restricted_case_is_not_in_the_list_or_a_search_for_that_worker(world, client_for):
    client = client_for(world.colleague)
    assert world.restricted_case.reference not in text(client.get(reverse("case-list")))
    assert "No cases found" in text(client.get(reverse("case-list"), {"q": world.restricted_case.reference}))
    found = text(client.get(reverse("case-list"), {"q": "Exampleton"}))
    assert world.yro_case.reference in found and world.restricted_case.reference not in found


def test_the_child_page_shows_that_worker_only_the_cases_they_may_see(world, client_for):
    page = text(client_for(world.colleague).get(child_url(world.child)))
    assert world.yro_case.reference in page
    assert world.restricted_case.reference not in page


@pytest.mark.parametrize("who", ["worker", "manager", "other_manager"])
def test_a_restricted_case_is_visible_to_its_allocated_worker_and_managers(world, client_for, who):
    # Wes Walker holds it; Tara Manning is his line manager; Sol Southgate manages another team of the service.
    client = client_for(getattr(world, who))
    response = client.get(case_url(world.restricted_case))
    assert response.status_code == 200
    assert "Restricted" in text(response)
    assert world.restricted_case.reference in text(client.get(reverse("case-list"), {"q": "Exampleton"}))
    assert world.restricted_case.reference in text(client.get(child_url(world.child)))


def test_a_child_whose_only_case_is_restricted_is_hidden_from_a_worker_who_may_not_see_it(world, client_for):
    referral = referral_record(
        service=world.service, actor=world.worker, source="stepdown", received_on=TODAY - dt.timedelta(days=2),
        summary="Synthetic step-down.",
        child_details={"given_name": "Kit", "family_name": "Hiddenfield", "date_of_birth": dt.date(2011, 3, 3),
                       "gender": "male"},
    )
    referral_triage(referral=referral, outcome="meets_criteria", reason="Meets criteria.", actor=world.manager)
    case = referral_accept(referral=referral, programme="prevention", actor=world.manager, started_on=TODAY,
                           restricted=True)
    client = client_for(world.colleague)
    assert client.get(child_url(case.child)).status_code == 403
    assert client.get(reverse("referral-detail", kwargs={"referral_id": referral.pk})).status_code == 403
    assert "Hiddenfield" not in text(client.get(reverse("referral-list")))
    assert client_for(world.manager).get(child_url(case.child)).status_code == 200
