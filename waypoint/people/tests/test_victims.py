"""Victims are kept apart from the child, and their contact details are for the victim worker and managers."""
import pytest

from waypoint.cases.tests.factories import CaseFactory
from waypoint.people.models import Victim, VictimLink
from waypoint.people.selectors import case_victims, victim_contact_visible_to
from waypoint.people.services import victim_record
from waypoint.workforce.tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


def test_victim_contact_details_are_visible_to_the_victim_worker_and_managers_only(service):
    assert victim_contact_visible_to(StaffMemberFactory(service=service, victim_worker=True))
    assert victim_contact_visible_to(StaffMemberFactory(service=service, team_manager=True))
    assert victim_contact_visible_to(StaffMemberFactory(service=service, assistant_team_manager=True))
    assert not victim_contact_visible_to(StaffMemberFactory(service=service))
    assert not victim_contact_visible_to(StaffMemberFactory(service=service, business_support=True))
    assert not victim_contact_visible_to(StaffMemberFactory(service=service, student=True))
    assert not victim_contact_visible_to(None)


def test_a_victim_is_linked_to_the_case_not_to_the_child(service, worker):
    case = CaseFactory(service=service)
    victim = victim_record(service=service, given_name="Noor", family_name="Example", actor=worker, case=case,
                           phone="01632 960123", consent_to_contact=True, consent_by="police")
    assert list(case_victims(case)) == [victim]
    assert VictimLink.objects.get().case == case
    assert not hasattr(case.child, "victims")
    assert Victim.objects.get().consent_by == "police"
