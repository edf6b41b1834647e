"""Fixtures for the letter tests: the appointment tests' fixed clock (Tue 24 Nov 2026, 10:00 UTC) and Wokingham-like
service, with Community Resolution, Prevention and YRO cases for Alex Testwell (born 14 Feb 2011, so 15 on every
date here) allocated on Thu 5 Nov 2026; a parent with parental responsibility; business support staff."""
from __future__ import annotations

import pytest
from django.test import Client

from waypoint.appointments.tests.conftest import at, case_in, cr_case, yro_case  # noqa: F401
from waypoint.cases.models import Programme
from waypoint.obligations.tests.conftest import (  # noqa: F401
    ALLOCATED_ON,
    full_timer,
    part_timer,
    pyjs,
    pyjs_manager,
    pyjs_team,
)
from waypoint.people.tests.factories import ChildRelationshipFactory, PersonFactory
from waypoint.workforce.tests.factories import StaffMemberFactory
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock, manager, service, team, worker  # noqa: F401


@pytest.fixture
def prevention_case(case_in, full_timer):
    return case_in(Programme.PREVENTION, full_timer)


@pytest.fixture
def mother(cr_case):
    """Sam Testwell, Alex's mother, with parental responsibility, who receives copies of letters."""
    person = PersonFactory(service=cr_case.service, given_name="Sam", family_name="Testwell")
    return ChildRelationshipFactory(child=cr_case.child, person=person, relationship="Mother")


@pytest.fixture
def business_support(pyjs, pyjs_team):
    return StaffMemberFactory(service=pyjs, team=pyjs_team, business_support=True, given_name="Bo",
                              family_name="Support")


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client
