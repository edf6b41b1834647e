"""Fixtures for the obligation tests: the fixed clock (Tue 24 Nov 2026) and a Wokingham-like service whose cases
run under the built-in Wokingham packs, with a full-time worker, a part-time worker and their manager."""
from __future__ import annotations

import datetime as dt

import pytest

from waypoint.cases.models import Allocation, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.models import Service
from waypoint.workforce.tests.factories import ServiceFactory, StaffMemberFactory, TeamFactory
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock, manager, service, team, worker  # noqa: F401

ALLOCATED_ON = dt.date(2026, 11, 5)  # a Thursday, as Wokingham allocates


@pytest.fixture
def pyjs(db):
    return ServiceFactory(
        name="Exampleton PYJS", slug="exampleton-pyjs", kind=Service.Kind.PYJS,
        working_days_rule=Service.WorkingDaysRule.CASE_WORKER, policy_set=Service.PolicySet.WOKINGHAM,
    )


@pytest.fixture
def pyjs_team(pyjs):
    return TeamFactory(service=pyjs, name="Prevention and youth justice")


@pytest.fixture
def pyjs_manager(pyjs, pyjs_team):
    return StaffMemberFactory(service=pyjs, team=pyjs_team, team_manager=True, given_name="Maya", family_name="Lead")


@pytest.fixture
def full_timer(pyjs, pyjs_team, pyjs_manager):
    return StaffMemberFactory(service=pyjs, team=pyjs_team, line_manager=pyjs_manager, given_name="Finn",
                              family_name="Fulltime")


@pytest.fixture
def part_timer(pyjs, pyjs_team, pyjs_manager):
    return StaffMemberFactory(service=pyjs, team=pyjs_team, line_manager=pyjs_manager, part_time=True,
                              given_name="Pat", family_name="Parttime")


@pytest.fixture
def open_cr_case(pyjs, pyjs_team, pyjs_manager):
    """Open a Community Resolution case started on the allocation day, and return a function that allocates it."""

    def make(worker):
        child = ChildFactory(service=pyjs, given_name="Riley", family_name="Sampleford",
                             date_of_birth=dt.date(2012, 4, 3))
        case = case_open(service=pyjs, child=child, programme=Programme.COMMUNITY_RESOLUTION,
                         started_on=ALLOCATED_ON, actor=pyjs_manager, team=pyjs_team)
        case_allocate(case=case, staff=worker, role=Allocation.Role.CASE_WORKER, rationale="Capacity this week.",
                      actor=pyjs_manager, on=ALLOCATED_ON)
        return case

    return make
