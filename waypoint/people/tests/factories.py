"""Factories for the people app: children, their history rows, parents/carers and victims (synthetic data)."""
from __future__ import annotations

import datetime as dt

import factory

from waypoint.people.models import Child, ChildAddress, ChildCircumstance, ChildRelationship, Person, Victim
from waypoint.workforce.tests.factories import ServiceFactory, StaffMemberFactory


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    service = factory.SubFactory(ServiceFactory)
    reference = factory.Sequence(lambda n: f"WP-T{n:05d}")
    given_name = factory.Sequence(lambda n: f"Child{n}")
    family_name = "Testchild"
    date_of_birth = factory.Sequence(lambda n: dt.date(2010, 1, 1) + dt.timedelta(days=n % 1500))
    gender = "male"


class ChildAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildAddress

    child = factory.SubFactory(ChildFactory)
    line_1 = factory.Sequence(lambda n: f"{n} Testing Row")
    town = "Exampleton"
    postcode = "ZZ1 1ZZ"
    from_date = dt.date(2024, 1, 1)
    recorded_by = factory.SubFactory(StaffMemberFactory, service=factory.SelfAttribute("..child.service"))


class ChildCircumstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildCircumstance

    child = factory.SubFactory(ChildFactory)
    kind = ChildCircumstance.Kind.CARE_STATUS
    value = ChildCircumstance.CareStatus.NONE
    from_date = dt.date(2024, 1, 1)
    recorded_by = factory.SubFactory(StaffMemberFactory, service=factory.SelfAttribute("..child.service"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    service = factory.SubFactory(ServiceFactory)
    given_name = factory.Sequence(lambda n: f"Parent{n}")
    family_name = "Testchild"
    kind = Person.Kind.PARENT_CARER


class ChildRelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildRelationship

    child = factory.SubFactory(ChildFactory)
    person = factory.SubFactory(PersonFactory, service=factory.SelfAttribute("..child.service"))
    relationship = "Mother"
    parental_responsibility = True
    receives_letters = True


class VictimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Victim

    service = factory.SubFactory(ServiceFactory)
    given_name = factory.Sequence(lambda n: f"Victim{n}")
    family_name = "Testvictim"
    phone = "01632 960000"
