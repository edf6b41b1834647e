"""How the case page words an event's attributes: labels, yes/no, lists, dates in GOV.UK style, ids left out."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from waypoint.cases.views import event_title, readable_attributes, when_text


def test_values_are_put_in_words():
    rows = readable_attributes({
        "role": "cm", "source": "tvp_yot1", "final": True, "missed": False, "topics": ["victim_awareness", "consent"],
        "starts_at": "2026-11-30T14:00", "due_on": "2026-12-01", "kind": "home_visit",
    }, {})
    assert rows == [
        ("Role", "Case manager"), ("Source", "Police community resolution (YOT1)"), ("Final", "Yes"),
        ("Missed", "No"), ("Topics", "victim awareness, consent"), ("Starts at", "30 November 2026 at 2pm"),
        ("Due on", "1 December 2026"), ("Kind", "home visit"),
    ]


def test_ids_are_replaced_by_names_or_left_out():
    rows = readable_attributes({"staff_id": 7, "previous_staff_id": 99, "appointment_id": "demo-1", "seq": 2},
                               {7: "Wes Walker"})
    assert rows == [("Worker", "Wes Walker"), ("Number", "2")]


def test_a_text_that_only_looks_like_a_date_is_left_alone():
    assert readable_attributes({"note": "2026-13-45"}, {}) == [("Note", "2026-13-45")]


def test_titles_come_from_the_event_type():
    assert event_title("home-visit.completed") == "Home visit completed"
    assert event_title("case.allocated") == "Worker allocated"


def test_a_day_without_a_time_is_shown_with_its_weekday():
    london = timezone.get_default_timezone()
    assert when_text(timezone.make_aware(dt.datetime(2026, 11, 24, 0, 0), london)) == "Tue 24 November 2026"
    assert when_text(timezone.make_aware(dt.datetime(2026, 11, 24, 9, 5), london)) == "24 November 2026 at 9:05am"
