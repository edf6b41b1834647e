"""Fixtures for the appointment tests: the fixed clock (Tue 24 Nov 2026, 10:00 UTC) and the Wokingham-like service
of the obligation tests, with Community Resolution and YRO cases allocated on Thu 5 Nov 2026."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from waypoint.cases.models import Allocation, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.obligations.tests.conftest import (  # noqa: F401
    ALLOCATED_ON,
    full_timer,
    part_timer,
    pyjs,
    pyjs_manager,
    pyjs_team,
)
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock, manager, service, team, worker  # noqa: F401


def at(day: int, hour: int = 16, month: int = 11) -> dt.datetime:
    """A local (Europe/London) moment in 2026."""
    return timezone.make_aware(dt.datetime(2026, month, day, hour, 0))


@pytest.fixture
def case_in(pyjs, pyjs_team, pyjs_manager):
    def make(programme, worker):
        child = ChildFactory(service=pyjs, given_name="Alex", family_name="Testwell",
                             date_of_birth=dt.date(2011, 2, 14))
        case = case_open(service=pyjs, child=child, programme=programme, started_on=ALLOCATED_ON,
                         actor=pyjs_manager, team=pyjs_team)
        case_allocate(case=case, staff=worker, role=Allocation.Role.CASE_WORKER, rationale="Capacity.",
                      actor=pyjs_manager, on=ALLOCATED_ON)
        return case

    return make


@pytest.fixture
def cr_case(case_in, full_timer):
    return case_in(Programme.COMMUNITY_RESOLUTION, full_timer)


@pytest.fixture
def yro_case(case_in, full_timer):
    return case_in(Programme.YRO, full_timer)
