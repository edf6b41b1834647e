"""Factories for the cases app: cases, allocations, offences, orders and chronology events (synthetic data).

Events made here bypass the services on purpose (to set up a chronology quickly); tests of behaviour use services.
"""
from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from waypoint.cases.models import Allocation, Case, CourtHearing, Event, Offence, Order, OrderRequirement, Programme
from waypoint.people.tests.factories import ChildFactory
from waypoint.workforce.tests.factories import ServiceFactory, StaffMemberFactory, TeamFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    service = factory.SubFactory(ServiceFactory)
    child = factory.SubFactory(ChildFactory, service=factory.SelfAttribute("..service"))
    team = factory.SubFactory(TeamFactory, service=factory.SelfAttribute("..service"))
    programme = Programme.COMMUNITY_RESOLUTION
    reference = factory.Sequence(lambda n: f"C-T{n:06d}")
    started_on = dt.date(2026, 11, 2)


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    case = factory.SubFactory(CaseFactory)
    staff = factory.SubFactory(StaffMemberFactory, service=factory.SelfAttribute("..case.service"))
    role = Allocation.Role.CM
    starts_on = factory.SelfAttribute("case.started_on")
    allocated_by = factory.SubFactory(
        StaffMemberFactory, service=factory.SelfAttribute("..case.service"), team_manager=True,
    )
    rationale = "Capacity and experience."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    type = "appointment.scheduled"
    occurred_at = factory.Sequence(lambda n: timezone.make_aware(dt.datetime(2026, 11, 3, 9, 0)) + dt.timedelta(hours=n))
    case = factory.SubFactory(CaseFactory)
    data = factory.LazyFunction(dict)


class OffenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offence

    child = factory.SubFactory(ChildFactory)
    committed_on = dt.date(2026, 9, 1)
    description = "Criminal damage (synthetic)"
    offence_code = "CD71001"
    gravity_score = 2


class CourtHearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourtHearing

    case = factory.SubFactory(CaseFactory)
    child = factory.SelfAttribute("case.child")
    hearing_on = dt.date(2026, 10, 1)
    court = "Exampleton Youth Court"
    purpose = "Sentence"


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    case = factory.SubFactory(CaseFactory, programme=Programme.YRO)
    order_type = Order.OrderType.YRO
    made_on = dt.date(2026, 10, 1)
    starts_on = dt.date(2026, 10, 1)
    ends_on = dt.date(2027, 9, 30)


class OrderRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderRequirement

    order = factory.SubFactory(OrderFactory)
    requirement_type = OrderRequirement.RequirementType.SUPERVISION
    quantities = factory.LazyFunction(lambda: {"months": 12})
