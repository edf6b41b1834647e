"""Fixtures for the ladder and closure tests: the appointment tests' fixed clock (Tue 24 Nov 2026, 10:00 UTC) and
Wokingham-like service, with Community Resolution, Prevention and YRO cases allocated to a Mon-Fri worker on
Thu 5 Nov 2026."""
from __future__ import annotations

import pytest

from waypoint.appointments.tests.conftest import at, case_in, cr_case, yro_case  # noqa: F401 (fixtures)
from waypoint.cases.models import Programme
from waypoint.obligations.tests.conftest import (  # noqa: F401
    ALLOCATED_ON,
    full_timer,
    part_timer,
    pyjs,
    pyjs_manager,
    pyjs_team,
)
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock  # noqa: F401 (the fixed clock)


@pytest.fixture
def prev_case(case_in, full_timer):
    return case_in(Programme.PREVENTION, full_timer)
