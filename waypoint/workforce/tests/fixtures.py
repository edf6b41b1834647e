"""Fixtures shared by the domain apps' tests: a fixed product clock and the two services' usual cast.

The clock is frozen at 10:00 UTC on Tuesday 24 November 2026, so "today", "in the future" and "25 years ago" mean
the same thing whenever the suite runs.
"""
from __future__ import annotations

import datetime as dt

import pytest

from waypoint.core.models import frozen_clock

from .factories import ServiceFactory, StaffMemberFactory, TeamFactory

FIXED_NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone.utc)
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fixed_clock():
    with frozen_clock(FIXED_NOW):
        yield FIXED_NOW


@pytest.fixture
def service(db):
    return ServiceFactory(name="Exampleshire YJS", slug="exampleshire")


@pytest.fixture
def other_service(db):
    return ServiceFactory(name="Otherborough YJS", slug="otherborough")


@pytest.fixture
def team(service):
    return TeamFactory(service=service, name="North")


@pytest.fixture
def manager(service, team):
    return StaffMemberFactory(service=service, team=team, team_manager=True, given_name="Tara", family_name="Manager")


@pytest.fixture
def worker(service, team, manager):
    return StaffMemberFactory(service=service, team=team, line_manager=manager, given_name="Wes", family_name="Worker")


@pytest.fixture
def other_worker(service, team, manager):
    return StaffMemberFactory(service=service, team=team, line_manager=manager, given_name="Ola", family_name="Other")
