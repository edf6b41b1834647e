"""Fixtures for the plan tests: the appointment tests' fixed clock (Tue 24 Nov 2026) and cases."""
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
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock, manager, service, team, worker  # noqa: F401
