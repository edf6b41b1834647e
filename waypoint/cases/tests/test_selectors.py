"""Who sees which case (own service only; restricted cases to allocated workers and their managers), the case
list's search and filters, My cases, and that lists cost a fixed number of queries however many rows."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from waypoint.cases.selectors import (
    allocatable_staff,
    case_allocation_history,
    case_get_for_user,
    case_list,
    child_get_for_user,
    my_cases,
    visible_cases,
)
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.tests.factories import StaffMemberFactory, TeamFactory, UserFactory

from .factories import AllocationFactory, CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_case(service, team, worker, manager):
    case = CaseFactory(service=service, team=team, restricted=True)
    AllocationFactory(case=case, staff=worker, allocated_by=manager)
    return case


def test_staff_see_only_their_own_services_cases(service, other_service, worker):
    mine = CaseFactory(service=service)
    CaseFactory(service=other_service)
    assert list(visible_cases(worker.user)) == [mine]


def test_another_services_case_is_forbidden_and_a_missing_one_not_found(other_service, worker):
    theirs = CaseFactory(service=other_service)
    with pytest.raises(PermissionDenied):
        case_get_for_user(user=worker.user, case_id=theirs.pk)
    with pytest.raises(Http404):
        case_get_for_user(user=worker.user, case_id=theirs.pk + 1000)


def test_a_user_without_a_staff_record_sees_nothing(service):
    CaseFactory(service=service)
    assert not visible_cases(UserFactory()).exists()


def test_an_inactive_staff_member_sees_nothing(service):
    CaseFactory(service=service)
    leaver = StaffMemberFactory(service=service, active=False)
    assert not visible_cases(leaver.user).exists()


def test_a_restricted_case_is_visible_to_its_allocated_worker(restricted_case, worker):
    assert restricted_case in visible_cases(worker.user)
    assert case_get_for_user(user=worker.user, case_id=restricted_case.pk) == restricted_case


def test_a_restricted_case_is_visible_to_the_allocated_workers_line_manager(service, team, worker):
    line_manager = StaffMemberFactory(service=service, team=team, role="senior_case_manager", band="b")
    worker.line_manager = line_manager
    worker.save()
    case = CaseFactory(service=service, restricted=True)
    AllocationFactory(case=case, staff=worker)
    assert case in visible_cases(line_manager.user)


def test_a_restricted_case_is_visible_to_the_services_managers(restricted_case, service):
    for trait in ("team_manager", "assistant_team_manager", "service_manager"):
        manager = StaffMemberFactory(service=service, **{trait: True})
        assert restricted_case in visible_cases(manager.user), trait


def test_a_restricted_case_is_hidden_from_other_workers_of_the_service(restricted_case, other_worker):
    assert restricted_case not in visible_cases(other_worker.user)
    with pytest.raises(PermissionDenied):
        case_get_for_user(user=other_worker.user, case_id=restricted_case.pk)


def test_a_restricted_case_is_hidden_from_a_formerly_allocated_worker(service, manager, other_worker):
    case = CaseFactory(service=service, restricted=True, started_on=dt.date(2026, 9, 1))
    AllocationFactory(case=case, staff=other_worker, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 10, 1),
                      allocated_by=manager)
    assert case not in visible_cases(other_worker.user)


def test_a_restricted_case_is_hidden_from_another_services_manager(restricted_case, other_service):
    outside_manager = StaffMemberFactory(service=other_service, team_manager=True)
    assert restricted_case not in visible_cases(outside_manager.user)


def test_the_child_page_lists_only_the_cases_the_user_may_see(service, worker, other_worker, manager):
    child = ChildFactory(service=service)
    open_case = CaseFactory(service=service, child=child, programme="yro")
    hidden = CaseFactory(service=service, child=child, programme="referral_order", restricted=True)
    AllocationFactory(case=hidden, staff=worker, allocated_by=manager)

    assert child_get_for_user(user=other_worker.user, child_id=child.pk).visible_cases == [open_case]
    assert set(child_get_for_user(user=worker.user, child_id=child.pk).visible_cases) == {open_case, hidden}


def test_a_child_known_only_through_a_hidden_restricted_case_is_forbidden(restricted_case, other_worker):
    with pytest.raises(PermissionDenied):
        child_get_for_user(user=other_worker.user, child_id=restricted_case.child_id)


def test_another_services_child_is_forbidden(other_service, worker):
    with pytest.raises(PermissionDenied):
        child_get_for_user(user=worker.user, child_id=ChildFactory(service=other_service).pk)


@pytest.fixture
def searchable(service, team):
    south = TeamFactory(service=service, name="South")
    ruby = CaseFactory(service=service, team=team, programme="yro",
                       child=ChildFactory(service=service, given_name="Rubina", family_name="Quill",
                                          preferred_name="Ruby", reference="WP-10001"))
    otto = CaseFactory(service=service, team=south, programme="prevention", reference="C-777001",
                       child=ChildFactory(service=service, given_name="Otto", family_name="Marsh",
                                          reference="WP-10002"))
    return ruby, otto, south


@pytest.mark.parametrize("q", ["rubina", "RUBY", "quill", "ruby quill", "wp-10001"])
def test_search_matches_names_preferred_name_and_child_reference(searchable, worker, q):
    ruby, otto, _ = searchable
    assert list(case_list(user=worker.user, q=q)) == [ruby]


def test_search_matches_the_case_reference(searchable, worker):
    _, otto, _ = searchable
    assert list(case_list(user=worker.user, q="c-777001")) == [otto]


def test_search_needs_every_word_to_match(searchable, worker):
    assert not case_list(user=worker.user, q="ruby marsh").exists()


def test_filters_by_programme_team_worker_and_status(searchable, worker, manager):
    ruby, otto, south = searchable
    AllocationFactory(case=otto, staff=worker, allocated_by=manager)
    assert list(case_list(user=worker.user, programme="yro")) == [ruby]
    assert list(case_list(user=worker.user, team_id=south.pk)) == [otto]
    assert list(case_list(user=worker.user, worker_id=worker.pk)) == [otto]
    assert list(case_list(user=worker.user, status="open")) == [otto, ruby]
    assert not case_list(user=worker.user, status="closed").exists()


def test_my_cases_are_my_current_allocations_with_my_role(service, worker, manager):
    lead = CaseFactory(service=service)
    supervised = CaseFactory(service=service)
    former = CaseFactory(service=service, started_on=dt.date(2026, 9, 1))
    CaseFactory(service=service)
    AllocationFactory(case=lead, staff=worker, role="cm", allocated_by=manager)
    AllocationFactory(case=supervised, staff=worker, role="practice_supervisor", allocated_by=manager)
    AllocationFactory(case=former, staff=worker, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 10, 1),
                      allocated_by=manager)

    roles = {case.pk: case.my_role for case in my_cases(worker.user)}
    assert roles == {lead.pk: "cm", supervised.pk: "practice_supervisor"}


def _many_cases(service, manager, count):
    teams = [TeamFactory(service=service, name=f"Team {n}") for n in range(3)]
    for n in range(count):
        case = CaseFactory(service=service, team=teams[n % 3])
        AllocationFactory(case=case, allocated_by=manager)


@pytest.mark.parametrize("rows", [3, 30])
def test_the_case_list_costs_the_same_few_queries_for_3_or_30_rows(service, manager, rows,
                                                                   django_assert_max_num_queries):
    _many_cases(service, manager, rows)
    with django_assert_max_num_queries(3):
        shown = [
            (case.reference, case.child.display_name, case.team.name, case.get_programme_display(),
             case.case_worker.display_name if case.case_worker else "", case.service.name)
            for case in case_list(user=manager.user)
        ]
    assert len(shown) == rows
    assert all(worker_name for *_, worker_name, _ in shown)


def test_my_cases_costs_a_fixed_number_of_queries(service, manager, django_assert_max_num_queries):
    worker = StaffMemberFactory(service=service)
    for _ in range(20):
        AllocationFactory(case=CaseFactory(service=service), staff=worker, allocated_by=manager)
    with django_assert_max_num_queries(3):
        shown = [(c.reference, c.child.full_name, c.my_role, c.case_worker) for c in my_cases(worker.user)]
    assert len(shown) == 20


def test_allocation_history_costs_a_fixed_number_of_queries(service, manager, worker,
                                                            django_assert_max_num_queries):
    case = CaseFactory(service=service, started_on=dt.date(2026, 1, 1))
    for month in range(1, 11):
        AllocationFactory(case=case, starts_on=dt.date(2026, month, 1), ends_on=dt.date(2026, month, 20),
                          allocated_by=manager)
    with django_assert_max_num_queries(1):
        rows = [(a.staff.display_name, a.allocated_by.display_name, a.starts_on) for a in
                case_allocation_history(case)]
    assert [start for *_, start in rows] == sorted((start for *_, start in rows), reverse=True)


def test_allocatable_staff_are_the_services_active_case_holders_and_specialists(service, other_service, worker):
    StaffMemberFactory(service=service, business_support=True)
    StaffMemberFactory(service=service, active=False)
    StaffMemberFactory(service=other_service)
    victim_worker = StaffMemberFactory(service=service, victim_worker=True)
    case = CaseFactory(service=service)
    assert set(allocatable_staff(case)) == {worker, victim_worker, worker.line_manager}
