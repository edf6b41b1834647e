"""Factories for the referrals app (synthetic data)."""
from __future__ import annotations

import datetime as dt

import factory

from waypoint.people.tests.factories import ChildFactory
from waypoint.referrals.models import Referral
from waypoint.workforce.tests.factories import ServiceFactory, StaffMemberFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    service = factory.SubFactory(ServiceFactory)
    child = factory.SubFactory(ChildFactory, service=factory.SelfAttribute("..service"))
    source = Referral.Source.TVP_YOT1
    received_on = dt.date(2026, 11, 2)
    summary = "Synthetic referral for a test."
    recorded_by = factory.SubFactory(StaffMemberFactory, service=factory.SelfAttribute("..service"))
