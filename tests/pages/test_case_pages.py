"""What the reading pages show: My cases, the case list (search, filters, pagination), the case page (details,
allocation history, chronology with corrections) and the child page (details, history, people, cases)."""
from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.world import add_cases

from .helpers import text

pytestmark = pytest.mark.django_db


def case_url(case) -> str:
    return reverse("case-detail", kwargs={"case_id": case.pk})


def listed_references(response) -> list[str]:
    """Case references in the case list's table, in order."""
    return re.findall(r'href="/cases/\d+">(C-\d+)</a>', response.content.decode())


# ---- My cases ----------------------------------------------------------------------------------------------------

def test_my_cases_lists_the_workers_current_allocations_with_their_role(world, client_for):
    response = client_for(world.worker).get(reverse("my-cases"))
    page = text(response)
    assert "You hold 2 cases" in page
    assert set(listed_references(response)) == {world.yro_case.reference, world.restricted_case.reference}
    assert "Youth Rehabilitation Order" in page and "Referral Order" in page and "Case manager" in page


def test_my_cases_leaves_out_cases_the_worker_no_longer_holds(world, client_for):
    # Ola Okafor held the YRO before it was reallocated to Wes Walker.
    page = text(client_for(world.colleague).get(reverse("my-cases")))
    assert "You have no cases allocated to you at the moment" in page


# ---- The case list -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Exampleton", "jo exampleton", "wp-90042", "Jordan"])
def test_searching_by_name_preferred_name_or_child_reference_finds_the_childs_visible_cases(world, client_for, query):
    add_cases(world, 3)
    response = client_for(world.manager).get(reverse("case-list"), {"q": query})
    assert set(listed_references(response)) == {world.yro_case.reference, world.restricted_case.reference}


def test_searching_by_case_reference_finds_that_case_only(world, client_for):
    response = client_for(world.manager).get(reverse("case-list"), {"q": world.yro_case.reference.lower()})
    assert listed_references(response) == [world.yro_case.reference]


def test_a_search_that_matches_nothing_says_so(world, client_for):
    page = text(client_for(world.manager).get(reverse("case-list"), {"q": "Nobody-by-this-name"}))
    assert "No cases found" in page


def test_filters_by_programme_team_worker_and_status(world, client_for):
    south = world.colleague.team
    prevention = add_cases(world, 2, team=south)
    client = client_for(world.manager)

    def listed(**filters):
        return set(listed_references(client.get(reverse("case-list"), filters)))

    assert listed(programme="prevention") == {c.reference for c in prevention}
    assert listed(team=str(south.pk)) == {c.reference for c in prevention}
    assert listed(worker=str(world.worker.pk)) == {world.yro_case.reference, world.restricted_case.reference}
    assert listed(worker=str(world.colleague.pk)) == set()  # current allocations only
    assert listed(status="closed") == set()
    assert listed(status="open", programme="yro") == {world.yro_case.reference}


def test_the_list_is_paginated_and_the_pages_keep_the_search(world, client_for, settings):
    settings.WAYPOINT_PAGE_SIZE = 3
    add_cases(world, 7, family_name="Pagington")
    client = client_for(world.manager)
    first = client.get(reverse("case-list"), {"q": "Pagington"})
    assert len(listed_references(first)) == 3
    assert "Showing 1 to 3 of 7 cases" in text(first)
    body = first.content.decode()
    assert 'href="?q=Pagington&amp;page=2"' in body and 'rel="next"' in body
    third = client.get(reverse("case-list"), {"q": "Pagington", "page": "3"})
    assert "Showing 7 to 7 of 7 cases" in text(third)
    assert len(listed_references(third)) == 1
    seen = set()
    for number in (1, 2, 3):
        seen |= set(listed_references(client.get(reverse("case-list"), {"q": "Pagington", "page": str(number)})))
    assert len(seen) == 7


def test_a_page_number_out_of_range_shows_the_last_page(world, client_for, settings):
    settings.WAYPOINT_PAGE_SIZE = 3
    add_cases(world, 4, family_name="Pagington")
    response = client_for(world.manager).get(reverse("case-list"), {"q": "Pagington", "page": "99"})
    assert "Showing 4 to 4 of 4 cases" in text(response)


def test_the_list_costs_the_same_queries_for_many_rows_as_for_few(world, client_for):
    client = client_for(world.manager)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("case-list"))
    add_cases(world, 20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("case-list"))
    assert len(listed_references(response)) == 22
    assert len(many) == len(few)


# ---- The case page -----------------------------------------------------------------------------------------------

def test_the_case_page_summarises_the_case_and_its_current_worker(world, client_for):
    page = text(client_for(world.worker).get(case_url(world.yro_case)))
    assert "Youth Rehabilitation Order" in page
    assert "Team North locality team" in page
    assert "Current workers Wes Walker (case manager, since" in page
    assert "Status Open" in page


def test_the_allocation_history_shows_every_allocation_with_who_and_why(world, client_for):
    page = text(client_for(world.worker).get(case_url(world.yro_case)))
    history = page[page.index("Allocation history"):page.index("Chronology")]
    assert history.index("Wes Walker") < history.index("Ola Okafor")  # most recent first
    assert "Continuity: Wes knows the family." in history
    assert "Only case manager with capacity." in history
    assert history.count("Tara Manning") == 2
    assert "Current" in history


def test_the_chronology_is_newest_first(world, client_for):
    page = text(client_for(world.worker).get(case_url(world.yro_case)))
    chronology = page[page.index("Chronology"):]
    order = [chronology.index(title) for title in
             ("Appointment missed", "Appointment scheduled", "Case reallocated", "Worker allocated")]
    assert order == sorted(order)


def test_a_voided_event_is_shown_with_its_reason_and_who_voided_it(world, client_for):
    response = client_for(world.worker).get(case_url(world.yro_case))
    page = text(response)
    assert "Voided 24 November 2026 at 10am by Tara Manning. Reason: Recorded on the wrong case." in page
    assert "wp-timeline__entry--voided" in response.content.decode()


def test_an_amended_event_shows_the_original_and_the_correction(world, client_for):
    page = text(client_for(world.worker).get(case_url(world.yro_case)))
    entry = page[page.index("Appointment scheduled"):page.index("Case reallocated")]
    assert "Kind: home visit" in entry  # as first recorded
    assert "Amended 24 November 2026 at 10am by Wes Walker. Reason: Booked at the office, not at home." in entry
    assert entry.index("Kind: home visit") < entry.index("Kind: office")
    # The correction events are not shown a second time as entries of their own.
    assert "Event amended" not in page and "Event voided" not in page


def test_allocation_events_name_the_workers(world, client_for):
    page = text(client_for(world.worker).get(case_url(world.yro_case)))
    entry = page[page.index("Case reallocated"):page.index("Worker allocated")]
    assert "Worker: Wes Walker" in entry and "Previous worker: Ola Okafor" in entry
    assert "Reason: internal transfer" in entry


def test_managers_see_the_allocate_button(world, client_for):
    page = text(client_for(world.manager).get(case_url(world.yro_case)))
    assert "Allocate or reallocate" in page


# ---- The child page ----------------------------------------------------------------------------------------------

def child_page(world, staff, client_for) -> str:
    return text(client_for(staff).get(reverse("child-detail", kwargs={"child_id": world.child.pk})))


def test_the_child_page_shows_details_with_the_current_values(world, client_for):
    page = child_page(world, world.worker, client_for)
    assert "Name Jordan Exampleton" in page and "Preferred name Jo" in page
    assert "(age 15)" in page
    assert "Gender Non-binary" in page
    assert "Speech, language and communication needs (SLCN) Yes" in page
    assert "Care status Looked after, since" in page
    assert "Social worker Sam Socialworker (Exampleshire Children's Services), since" in page
    assert "Address 22 Placeholder Road Flat 3 Exampletown ZZ9 1AA Since" in page
    assert "Police: EX/0042/TEST" in page


def test_the_child_page_keeps_the_history_of_address_and_care_status(world, client_for):
    page = child_page(world, world.worker, client_for)
    history = page[page.index("History of address and circumstances"):page.index("Parents and carers")]
    assert "1 Sample Street, Exampletown, ZZ9 9ZZ" in history
    assert history.index("Looked after") < history.index("Child in need")


def test_the_child_page_lists_parents_carers_and_professionals(world, client_for):
    page = child_page(world, world.worker, client_for)
    parents = page[page.index("Parents and carers"):page.index("Professionals")]
    assert "Pat Exampleton Mother Yes Yes 01632 960123" in parents
    assert "Robin Teacher Designated safeguarding lead, Exampletown Academy" in page


def test_the_child_page_shows_all_the_childs_cases_together(world, client_for):
    page = child_page(world, world.worker, client_for)
    cases = page[page.index("Cases", page.index("Professionals")):]
    assert world.yro_case.reference in cases and world.restricted_case.reference in cases
    assert "Restricted" in cases
