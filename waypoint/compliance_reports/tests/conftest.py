"""Fixtures for the compliance CMM tests: the fixed clock (Tue 24 Nov 2026, 10:00 UTC, which is 10:00 in London)
and a Nottinghamshire service (working days Monday to Friday) with a case manager and a team manager, and a YRO
case opened on Fri 30 Oct 2026 whose order runs from Mon 2 Nov 2026 to Mon 1 Nov 2027."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from waypoint.cases.models import Allocation, Order, OrderRequirement, Programme
from waypoint.cases.services import case_allocate, case_open
from waypoint.people.models import ChildCircumstance
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.models import Service
from waypoint.workforce.tests.factories import ServiceFactory, StaffMemberFactory, TeamFactory
from waypoint.workforce.tests.fixtures import TODAY, fixed_clock, manager, service, team, worker  # noqa: F401

CASE_STARTED = dt.date(2026, 10, 30)
ORDER_STARTS = dt.date(2026, 11, 2)


def at(day: int, hour: int = 16, month: int = 11, minute: int = 0) -> dt.datetime:
    """A local (Europe/London) moment in 2026."""
    return timezone.make_aware(dt.datetime(2026, month, day, hour, minute))


@pytest.fixture
def notts(db):
    return ServiceFactory(name="Exampleshire County YJS", slug="exampleshire-county",
                          policy_set=Service.PolicySet.NOTTINGHAMSHIRE,
                          working_days_rule=Service.WorkingDaysRule.MON_FRI)


@pytest.fixture
def notts_team(notts):
    return TeamFactory(service=notts, name="North locality")


@pytest.fixture
def tm(notts, notts_team):
    return StaffMemberFactory(service=notts, team=notts_team, team_manager=True, given_name="Tess",
                              family_name="Manager")


@pytest.fixture
def cm(notts, notts_team, tm):
    return StaffMemberFactory(service=notts, team=notts_team, line_manager=tm, given_name="Cal", family_name="Casework")


@pytest.fixture
def yro_in(notts, notts_team, tm, cm):
    def make(given_name="Jordan", looked_after=False):
        child = ChildFactory(service=notts, given_name=given_name, family_name="Sampleton",
                             date_of_birth=dt.date(2010, 6, 9))
        if looked_after:
            ChildCircumstance(child=child, kind=ChildCircumstance.Kind.CARE_STATUS,
                              value=ChildCircumstance.CareStatus.LOOKED_AFTER, from_date=dt.date(2026, 10, 1),
                              recorded_by=tm).save()
        case = case_open(service=notts, child=child, programme=Programme.YRO, started_on=CASE_STARTED, actor=tm,
                         team=notts_team)
        case_allocate(case=case, staff=cm, role=Allocation.Role.CM, rationale="Locality capacity.",
                      actor=tm, on=CASE_STARTED)
        order = Order.objects.create(case=case, order_type=Order.OrderType.YRO, made_on=CASE_STARTED,
                                     starts_on=ORDER_STARTS, ends_on=dt.date(2027, 11, 1))
        OrderRequirement.objects.create(order=order, requirement_type=OrderRequirement.RequirementType.SUPERVISION,
                                        quantities={"months": 12})
        return case

    return make


@pytest.fixture
def yro_case(yro_in):
    return yro_in()


@pytest.fixture
def cic_case(yro_in):
    return yro_in(given_name="Casey", looked_after=True)
