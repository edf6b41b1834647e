"""Fixtures for these tests: the shared domain fixtures (fixed clock, a service and its staff)."""
from waypoint.workforce.tests.fixtures import (  # noqa: F401
    fixed_clock,
    manager,
    other_service,
    other_worker,
    service,
    team,
    worker,
)
