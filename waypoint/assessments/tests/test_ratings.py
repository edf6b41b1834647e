"""Risk ratings: history rows with who, why and when, each with its chronology event; bad input changes nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from waypoint.assessments import services as s
from waypoint.assessments.models import RiskRating
from waypoint.assessments.selectors import ratings_current, ratings_history
from waypoint.cases.models import Event

pytestmark = pytest.mark.django_db


def test_a_rating_is_a_row_and_an_event_and_a_later_one_is_in_force(fixed_clock, yro_case, full_timer):
    first = s.rating_set(case=yro_case, dimension="rosh", level="medium", reason="Weapon carried.",
                         on=dt.date(2026, 11, 10), actor=full_timer)
    second = s.rating_set(case=yro_case, dimension="rosh", level="high", reason="Threats to a peer.",
                          on=dt.date(2026, 11, 20), actor=full_timer)
    assert ratings_current(case=yro_case)["rosh"] == second
    assert ratings_current(case=yro_case, on=dt.date(2026, 11, 15))["rosh"] == first
    assert list(ratings_history(case=yro_case)) == [second, first]
    event = Event.objects.get(pk=second.event_id)
    assert (event.type, event.data["dimension"], event.data["level"]) == ("risk.level-assessed", "rosh", "high")


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"reason": "  "}, "reason", s.RATING_REASON_MISSING),
    ({"level": "extreme"}, "level", s.RATING_LEVEL_INVALID),
    ({"dimension": "mood"}, "dimension", s.RATING_DIMENSION_INVALID),
    ({"on": None}, "on", s.RATING_DATE_MISSING),
    ({"on": dt.date(2026, 12, 25)}, "on", s.RATING_IN_FUTURE),
    ({"on": dt.date(2026, 11, 1)}, "on", s.RATING_BEFORE_CASE),
])
def test_a_bad_rating_is_refused_with_its_message_and_nothing_saved(fixed_clock, yro_case, full_timer, changes,
                                                                      field, message):
    values = {"dimension": "saw", "level": "high", "reason": "Missing from home.", "on": dt.date(2026, 11, 20)}
    values.update(changes)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as raised:
        s.rating_set(case=yro_case, actor=full_timer, **values)
    assert raised.value.message_dict[field] == [message]
    assert RiskRating.objects.count() == 0 and Event.objects.count() == events


def test_the_chronology_shows_a_rating_in_words(fixed_clock, yro_case, full_timer):
    from waypoint.cases.selectors import case_chronology
    from waypoint.cases.views import chronology_entries

    s.rating_set(case=yro_case, dimension="rosh", level="very_high", reason="Serious assault.",
                 on=dt.date(2026, 11, 20), actor=full_timer)
    entry = next(e for e in chronology_entries(case_chronology(yro_case)) if e.event.type == "risk.level-assessed")
    assert entry.title == "Risk rating set"
    assert ("Rating", "Risk of serious harm (RoSH)") in entry.details and ("Level", "Very High") in entry.details
