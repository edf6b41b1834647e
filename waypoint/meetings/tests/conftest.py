"""Fixtures for the meeting tests: the fixed clock (Tue 24 Nov 2026, 10:00 UTC), the Wokingham-like service `pyjs`
with its YRO and Community Resolution cases (allocated Thu 5 Nov 2026), and the Nottinghamshire-like service of the
compliance tests with a case manager `cm`, a team manager `tm` and `notts_case`, a YRO opened on Fri 30 Oct 2026."""
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
from waypoint.compliance_reports.tests.conftest import CASE_STARTED, cm, notts, notts_team, tm, yro_in  # noqa: F401
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock, manager, service, team, worker  # noqa: F401


@pytest.fixture
def notts_case(yro_in):
    return yro_in()
