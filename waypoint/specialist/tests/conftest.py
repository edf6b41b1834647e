"""Fixtures for the specialist work tests: the appointment tests' fixed clock (Tue 24 Nov 2026), the Wokingham-like
service `pyjs` and its Community Resolution and YRO cases (allocated Thu 5 Nov 2026)."""
import datetime as dt

import pytest

from waypoint.appointments.tests.conftest import (  # noqa: F401
    ALLOCATED_ON,
    at,
    case_in,
    cr_case,
    full_timer,
    part_timer,
    pyjs,
    pyjs_manager,
    pyjs_team,
    yro_case,
)
from waypoint.cases.models import Programme
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock, manager, service, team, worker  # noqa: F401


@pytest.fixture
def prevention_case(case_in, full_timer):
    return case_in(Programme.PREVENTION, full_timer)


@pytest.fixture
def outsider(db):
    """A worker of another service."""
    from waypoint.workforce.tests.factories import StaffMemberFactory

    return StaffMemberFactory(given_name="Olly", family_name="Otherplace")


def day(n: int) -> dt.date:
    return dt.date(2026, 11, n)
