"""The chronology's event types and the case's programmes agree with the policy engine's published vocabulary."""
from waypoint.cases.models import OrderRequirement, Programme
from waypoint.cases.vocabulary import (
    CATALOGUE_EVENT_TYPES,
    DERIVED_EVENT_TYPES,
    EVENT_TYPES,
    PRODUCT_EVENT_TYPES,
    RECORDABLE_EVENT_TYPES,
)
from waypoint.policy import vocabulary as policy_vocabulary


def test_the_chronology_knows_the_same_catalogue_events_as_the_policy_engine():
    assert CATALOGUE_EVENT_TYPES == frozenset(policy_vocabulary.CATALOGUE_EVENTS)


def test_derived_and_product_events_agree_with_the_policy_engine():
    assert DERIVED_EVENT_TYPES == frozenset(policy_vocabulary.DERIVED_EVENTS)
    assert PRODUCT_EVENT_TYPES == frozenset(policy_vocabulary.PRODUCT_EVENTS)


def test_derived_events_cannot_be_recorded_but_corrections_are_known():
    assert not DERIVED_EVENT_TYPES & RECORDABLE_EVENT_TYPES
    assert {"event.voided", "event.amended", "obligation.waived"} <= EVENT_TYPES
    assert "case.allocated" in RECORDABLE_EVENT_TYPES


def test_programmes_are_exactly_the_scenario_formats():
    assert tuple(Programme.values) == tuple(policy_vocabulary.PROGRAMMES)


def test_requirement_types_are_exactly_the_scenario_formats():
    assert tuple(OrderRequirement.RequirementType.values) == tuple(policy_vocabulary.REQUIREMENT_TYPES)
