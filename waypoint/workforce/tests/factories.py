"""Factories for the workforce app: users, services, teams, staff members and absences (synthetic data)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from waypoint.workforce.models import Absence, Service, StaffMember, Team

TEST_PASSWORD = "test-password-not-secret"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(TEST_PASSWORD)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Test Youth Justice Service {n}")
    slug = factory.Sequence(lambda n: f"test-yjs-{n}")
    kind = Service.Kind.YJS
    working_days_rule = Service.WorkingDaysRule.MON_FRI


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Locality team {n}")
    kind = Team.Kind.LOCALITY


class StaffMemberFactory(factory.django.DjangoModelFactory):
    """A full-time case manager by default; traits give the other roles used in tests."""

    class Meta:
        model = StaffMember

    user = factory.SubFactory(UserFactory)
    service = factory.SubFactory(ServiceFactory)
    team = factory.SubFactory(TeamFactory, service=factory.SelfAttribute("..service"))
    given_name = factory.Sequence(lambda n: f"Worker{n}")
    family_name = "Testperson"
    role = StaffMember.Role.CASE_MANAGER
    band = StaffMember.Band.A
    gender = "female"
    working_days = factory.LazyFunction(lambda: ["mon", "tue", "wed", "thu", "fri"])
    contracted_hours = Decimal("37.0")
    active = True

    class Params:
        team_manager = factory.Trait(role=StaffMember.Role.TEAM_MANAGER, band="")
        assistant_team_manager = factory.Trait(role=StaffMember.Role.ASSISTANT_TEAM_MANAGER, band="")
        service_manager = factory.Trait(role=StaffMember.Role.SERVICE_MANAGER, band="")
        business_support = factory.Trait(role=StaffMember.Role.BUSINESS_SUPPORT, band="")
        victim_worker = factory.Trait(
            role=StaffMember.Role.SPECIALIST, specialism=StaffMember.Specialism.VICTIM_RJ, band="",
        )
        student = factory.Trait(role=StaffMember.Role.STUDENT, band="")
        part_time = factory.Trait(working_days=["mon", "tue", "wed"], contracted_hours=Decimal("22.5"))


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    staff = factory.SubFactory(StaffMemberFactory)
    kind = Absence.Kind.PLANNED
    starts_on = dt.date(2026, 12, 1)
    ends_on = dt.date(2026, 12, 5)
