"""How the case page's chronology words the events of casework II (ratings, assessments, plans, meetings,
screenings, checks, consultations, referrals, documents): a title for each type and their attributes in words."""
from __future__ import annotations

import pytest

from waypoint.cases.views import EVENT_TITLES, event_title, readable_attributes
from waypoint.policy.vocabulary import CATALOGUE_EVENTS

CASEWORK_II_PREFIXES = ("risk.", "assessment.", "plan.", "meeting.", "document.")
CASEWORK_II_TYPES = ("screening.completed", "checks.completed", "consultation.held", "referral.made",
                     "session.delivered", "concern.identified")


@pytest.mark.parametrize("event_type", sorted(
    t for t in CATALOGUE_EVENTS if t.startswith(CASEWORK_II_PREFIXES) or t in CASEWORK_II_TYPES))
def test_every_casework_ii_event_has_a_title(event_type):
    assert event_type in EVENT_TITLES
    assert event_title(event_type) == EVENT_TITLES[event_type]


def test_a_rating_and_a_referral_are_put_in_words():
    assert event_title("risk.level-assessed") == "Risk rating set"
    assert readable_attributes({"dimension": "rosh", "level": "very_high"}, {}, "risk.level-assessed") == [
        ("Rating", "Risk of serious harm (RoSH)"), ("Level", "Very High")]
    assert readable_attributes({"to": "pyjs_nurse", "note": "Consent work."}, {}, "referral.made") == [
        ("Referred to", "PYJS nurse"), ("Note", "Consent work.")]


def test_a_consultation_and_a_nurse_session_are_put_in_words():
    assert readable_attributes({"with": "camhs", "topic": "trm"}, {}, "consultation.held") == [
        ("With", "CAMHS"), ("Topic", "Trauma Recovery Model support")]
    assert readable_attributes({"topic": "consent_healthy_relationships", "by": "pyjs_nurse"}, {},
                               "session.delivered") == [("Topic", "Consent and healthy relationships"),
                                                        ("By", "PYJS nurse")]


def test_an_allocation_to_a_student_keeps_its_own_label():
    assert readable_attributes({"to": "student"}, {}, "case.allocated") == [("Allocated to", "student")]
