"""Parents, carers and professionals related to a child."""
import pytest
from django.core.exceptions import ValidationError

from waypoint.people.selectors import child_relationships
from waypoint.people.services import child_relationship_record, person_create

from .factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_a_child_lists_parents_with_parental_responsibility_before_professionals(service, worker):
    child = ChildFactory(service=service)
    teacher = person_create(service=service, given_name="Ada", family_name="Teach", kind="professional",
                            organisation="Example Academy", job_title="Head of year", actor=worker)
    mother = person_create(service=service, given_name="Mina", family_name="Example", kind="parent_carer",
                           actor=worker)
    child_relationship_record(child=child, person=teacher, relationship="Teacher", actor=worker)
    child_relationship_record(child=child, person=mother, relationship="Mother", parental_responsibility=True,
                              receives_letters=True, actor=worker)
    rows = list(child_relationships(child))
    assert [row.person for row in rows] == [mother, teacher]
    assert rows[0].receives_letters


def test_a_person_is_related_to_a_child_only_once(service, worker):
    child = ChildFactory(service=service)
    mother = person_create(service=service, given_name="Mina", family_name="Example", kind="parent_carer",
                           actor=worker)
    child_relationship_record(child=child, person=mother, relationship="Mother", actor=worker)
    with pytest.raises(ValidationError):
        child_relationship_record(child=child, person=mother, relationship="Carer", actor=worker)
    assert child.relationships.count() == 1
