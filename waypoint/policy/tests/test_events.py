"""Event patterns in the catalogue's notation, corrections, outcomes in force and elapsed hours."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from waypoint.policy.events import Event, PatternError, add_hours, assign_ids, parse_pattern, parse_when, prepare


def ev(event_type, at, **data):
    return Event(f"{event_type}@{at}", event_type, parse_when(at), data)


def test_any_of_values_with_slash():
    pattern = parse_pattern("meeting.held{type=lac_review/cin_review/icpc}")
    assert pattern.matches(ev("meeting.held", "2026-03-05", type="cin_review"))
    assert not pattern.matches(ev("meeting.held", "2026-03-05", type="cmm"))
    assert not pattern.matches(ev("meeting.scheduled", "2026-03-05", type="cin_review"))


def test_every_filter_must_hold_and_values_compare_as_text():
    pattern = parse_pattern("letter.sent{type=appointment, seq=1, to=child}")
    assert pattern.matches(ev("letter.sent", "2026-03-06", type="appointment", seq=1, to="child"))
    assert not pattern.matches(ev("letter.sent", "2026-03-06", type="appointment", seq=2, to="child"))
    assert not pattern.matches(ev("letter.sent", "2026-03-06", type="appointment", to="child"))


def test_all_of_values_with_plus_are_remembered_for_coverage():
    pattern = parse_pattern("letter.sent{type=service_declined, to=child+parent_carer}")
    assert pattern.all_of.values == {"child", "parent_carer"}
    # One letter to either party is part of the evidence; the engine requires both before it is met.
    assert pattern.matches(ev("letter.sent", "2026-03-06", type="service_declined", to="child"))
    assert pattern.matches(ev("meeting.held", "2026-03-06", attendees=["child"])) is False


def test_booleans_match_true_and_false():
    assert parse_pattern("session.delivered{final=true}").matches(ev("session.delivered", "2026-03-06", final=True))
    assert not parse_pattern("session.delivered{final=true}").matches(ev("session.delivered", "2026-03-06",
                                                                        final=False))


@pytest.mark.parametrize("text", ["case allocated", "case.allocated{programme}", "letter.sent{to=a/b+c}",
                                  "letter.sent{to=a+b, type=x+y}", "letter.sent{to=}"])
def test_malformed_patterns_are_refused(text):
    with pytest.raises(PatternError):
        parse_pattern(text)


def test_an_allocation_pattern_without_a_role_means_the_lead_allocation():
    lead = parse_pattern("case.allocated{programme=yro}")
    assert lead.matches(ev("case.allocated", "2026-03-05", programme="yro"))
    assert lead.matches(ev("case.allocated", "2026-03-05", programme="yro", role="cm"))
    assert not lead.matches(ev("case.allocated", "2026-03-05", programme="yro", role="rjw"))
    assert parse_pattern("case.allocated{role=rjw}").matches(ev("case.allocated", "2026-03-05", role="rjw"))


def test_voided_events_disappear_and_amendments_apply_in_order():
    events = [
        Event("a", "home-visit.completed", datetime(2026, 3, 10), {"seq": 1}),
        Event("b", "event.voided", datetime(2026, 3, 11), {"event_id": "a", "reason": "wrong case", "by": "tm"}),
        Event("c", "session.delivered", datetime(2026, 3, 12), {"type": "assessment"}),
        Event("d", "event.amended", datetime(2026, 3, 13), {"event_id": "c", "data": {"type": "supervision"}}),
    ]
    history = prepare(events, date(2026, 3, 20))
    assert history.of("home-visit.completed") == []
    assert [event.data["type"] for event in history.of("session.delivered")] == ["supervision"]
    assert history.of("event.voided") == [] and history.of("event.amended") == []


def test_events_after_as_of_are_ignored():
    history = prepare([ev("session.delivered", "2026-03-21T09:00")], date(2026, 3, 20))
    assert history.events == []


def test_outcome_in_force_is_the_latest_and_clocks_run_from_the_appointment_date():
    events = [
        ev("appointment.scheduled", "2026-03-06", appointment_id="a1", starts_at="2026-03-10T16:00"),
        ev("appointment.missed", "2026-03-10T16:00", appointment_id="a1", outcome="unacceptable"),
        ev("appointment.outcome-recorded", "2026-03-12", appointment_id="a1", outcome="acceptable"),
    ]
    history = prepare(events, date(2026, 3, 20))
    (outcome,) = history.of("appointment.outcome-recorded")
    assert outcome.data["outcome"] == "acceptable"
    assert outcome.day == date(2026, 3, 10)
    assert history.of("appointment.missed")[0].data["outcome"] == "acceptable"


def test_an_outcome_given_on_the_missed_event_can_be_matched_as_outcome_recorded():
    events = [ev("appointment.missed", "2026-03-10T16:00", appointment_id="a1", outcome="unacceptable")]
    (outcome,) = prepare(events, date(2026, 3, 20)).of("appointment.outcome-recorded")
    assert parse_pattern("appointment.outcome-recorded{outcome=unacceptable}").matches(outcome)


def test_month_start_clock_events_while_the_case_is_open():
    events = [ev("case.allocated", "2026-01-20"), ev("case.closed", "2026-03-15")]
    history = prepare(events, date(2026, 5, 1), case_start_types=("case.allocated",))
    assert [event.day for event in history.of("clock.month-started")] == [date(2026, 2, 1), date(2026, 3, 1)]


def test_order_mid_point_is_start_plus_half_the_days_rounded_down():
    events = [ev("order.started", "2026-01-01", type="yro", end="2026-12-31")]
    (midpoint,) = prepare(events, date(2026, 12, 31)).of("order.midpoint-reached")
    assert midpoint.day == date(2026, 7, 2)  # 364 days / 2 = 182 days after 1 Jan


def test_ids_derived_from_content_do_not_depend_on_input_order():
    raw = [(None, "session.delivered", datetime(2026, 3, 10), {"type": "supervision"}),
           (None, "contact.made", datetime(2026, 3, 10), {"with": "child"})]
    assert {e.id for e in assign_ids(raw)} == {e.id for e in assign_ids(list(reversed(raw)))}


def test_elapsed_hours_cross_the_clock_change():
    # Sat 28 Mar 2026 10:00 GMT + 48 h = Mon 30 Mar 10:00 UTC = 11:00 BST (clocks went forward on the 29th).
    assert add_hours(datetime(2026, 3, 28, 10), 48) == datetime(2026, 3, 30, 11)
    assert add_hours(datetime(2026, 5, 11, 10), 48) == datetime(2026, 5, 13, 10)


def test_times_read_as_local_or_converted_from_utc():
    assert parse_when("2026-07-01T09:00:00Z") == datetime(2026, 7, 1, 10)
    assert parse_when("2026-07-01") == datetime(2026, 7, 1)
    with pytest.raises(ValueError):
        parse_when("1 July")
